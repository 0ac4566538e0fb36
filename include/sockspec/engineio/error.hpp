// sockspec/engineio/error.hpp: error codes of the Engine.IO layer (category "sockspec.engineio").
#pragma once

#include <sockspec/detail/config.hpp>

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace sockspec::engineio {

/// Errors reported by the Engine.IO layer. Decoders of untrusted input return these in an
/// error_code and never throw.
enum class error {
    /// A packet (WebSocket frame or polling record) is empty: it has no type character.
    empty_packet = 1,
    /// The packet type character is not one of `0`..`6` (nor `b` in a polling payload).
    unknown_packet_type,
    /// A polling binary packet (`b` + base64) is not valid padded base64.
    bad_base64,
    /// The open packet JSON is malformed or misses a mandatory field.
    bad_handshake,
    /// An HTTP error body is not `{"code":N,"message":"..."}` with a known code.
    bad_error_body,
};

/// Returns the category of `error` (name "sockspec.engineio").
SOCKSPEC_DECL boost::system::error_category const& engineio_category() noexcept;

/// Makes an error_code of the "sockspec.engineio" category; found by ADL.
SOCKSPEC_DECL boost::system::error_code make_error_code(error e) noexcept;

}  // namespace sockspec::engineio

namespace boost::system {
/// Lets `error` convert implicitly to boost::system::error_code.
template <>
struct is_error_code_enum<sockspec::engineio::error> : std::true_type {};
}  // namespace boost::system

#ifdef SOCKSPEC_HEADER_ONLY
#include <sockspec/engineio/impl/error.ipp>
#endif
