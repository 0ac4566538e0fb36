// sockspec/server/error.hpp: error codes of the Socket.IO server layer (category
// "sockspec.server").
#pragma once

#include <sockspec/detail/config.hpp>

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace sockspec::server {

/// Why a server-side operation did not complete.
enum class error {
    /// No acknowledgement arrived within the timeout of `emit_with_ack`.
    ack_timeout = 1,
    /// The socket disconnected before the acknowledgement arrived.
    disconnected,
    /// A packet from the client could not be decoded (the session is closed: "parse error").
    parse_error,
};

/// Returns the category of `error` (name "sockspec.server").
SOCKSPEC_DECL boost::system::error_category const& server_category() noexcept;

/// Makes an error_code of the "sockspec.server" category; found by ADL.
SOCKSPEC_DECL boost::system::error_code make_error_code(error e) noexcept;

}  // namespace sockspec::server

namespace boost::system {
/// Lets `error` convert implicitly to boost::system::error_code.
template <>
struct is_error_code_enum<sockspec::server::error> : std::true_type {};
}  // namespace boost::system

#ifdef SOCKSPEC_HEADER_ONLY
#include <sockspec/server/impl/error.ipp>
#endif
