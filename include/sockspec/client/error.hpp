// sockspec/client/error.hpp: error codes of the Socket.IO client layer (category
// "sockspec.client").
#pragma once

#include <sockspec/detail/config.hpp>

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace sockspec::client {

/// Why a client-side operation did not complete.
enum class error {
    /// No acknowledgement arrived within the timeout of `emit_with_ack`.
    ack_timeout = 1,
    /// The socket disconnected (or was disconnected by `disconnect`/`close`) before the
    /// acknowledgement arrived.
    disconnected,
    /// The emit buffer of a disconnected socket was full: the oldest buffered emit was dropped.
    buffer_full,
    /// A connection attempt took longer than manager_options::timeout.
    connect_timeout,
    /// A packet from the server could not be decoded (the connection is closed: "parse error").
    parse_error,
    /// The Engine.IO connection failed without a more precise error code.
    transport_error,
    /// The server refused the CONNECT to a namespace (CONNECT_ERROR).
    connect_refused,
};

/// Returns the category of `error` (name "sockspec.client").
SOCKSPEC_DECL boost::system::error_category const& client_category() noexcept;

/// Makes an error_code of the "sockspec.client" category; found by ADL.
SOCKSPEC_DECL boost::system::error_code make_error_code(error e) noexcept;

}  // namespace sockspec::client

namespace boost::system {
/// Lets `error` convert implicitly to boost::system::error_code.
template <>
struct is_error_code_enum<sockspec::client::error> : std::true_type {};
}  // namespace boost::system

#ifdef SOCKSPEC_HEADER_ONLY
#include <sockspec/client/impl/error.ipp>
#endif
