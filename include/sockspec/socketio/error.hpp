// sockspec/socketio/error.hpp: error codes of the Socket.IO layer (category "sockspec.socketio").
#pragma once

#include <sockspec/detail/config.hpp>

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace sockspec::socketio {

/// Errors reported by the Socket.IO layer. Decoders of untrusted input return these in an
/// error_code and never throw; per the protocol, the receiver then closes the connection.
enum class error {
    /// The packet text is empty.
    empty_packet = 1,
    /// The first character is not a packet type `0`..`6`.
    invalid_type,
    /// BINARY_EVENT/BINARY_ACK: the attachment count is missing, not a number, or lacks its `-`.
    invalid_attachments,
    /// The attachment count exceeds decode_options::max_attachments.
    too_many_attachments,
    /// The namespace does not start with `/` (or contains `,` when encoding).
    invalid_namespace,
    /// The acknowledgement id does not fit in 64 bits.
    invalid_id,
    /// The payload is not valid JSON (or nests deeper than decode_options::max_depth).
    invalid_json,
    /// The payload is absent or of the wrong JSON kind for the packet type.
    invalid_payload,
    /// An EVENT names a reserved event (`connect`, `disconnect`, `newListener`, ...).
    reserved_event_name,
    /// A binary packet holds a `{"_placeholder":true}` object without a valid `num`.
    invalid_placeholder,
    /// A binary attachment arrived while no binary packet was waiting for one.
    unexpected_binary,
    /// A text packet arrived while a binary packet was still waiting for attachments.
    unexpected_text,
};

/// Returns the category of `error` (name "sockspec.socketio").
SOCKSPEC_DECL boost::system::error_category const& socketio_category() noexcept;

/// Makes an error_code of the "sockspec.socketio" category; found by ADL.
SOCKSPEC_DECL boost::system::error_code make_error_code(error e) noexcept;

}  // namespace sockspec::socketio

namespace boost::system {
/// Lets `error` convert implicitly to boost::system::error_code.
template <>
struct is_error_code_enum<sockspec::socketio::error> : std::true_type {};
}  // namespace boost::system

#ifdef SOCKSPEC_HEADER_ONLY
#include <sockspec/socketio/impl/error.ipp>
#endif
