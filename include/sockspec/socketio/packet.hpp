// sockspec/socketio/packet.hpp: the Socket.IO v5 packet codec (socket.io-parser). Pure: no I/O.
//
// Text form (socket.io-protocol v5, "Packet encoding"):
//   <type>[<# of attachments>-][<namespace>,][<ack id>][JSON payload]
// The namespace is written only when it is not "/". A BINARY_EVENT/BINARY_ACK is followed by
// its attachments, each in its own binary Engine.IO message; the JSON refers to attachment N
// as `{"_placeholder":true,"num":N}`. Payloads stay raw JSON text: this layer validates their
// shape and leaves decoding the arguments to the typed layer.
#pragma once

#include <sockspec/detail/config.hpp>
#include <sockspec/socketio/error.hpp>

#include <boost/system/result.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sockspec::socketio {

/// Socket.IO v5 packet types; the value is the digit sent on the wire.
enum class packet_type : std::uint8_t {
    connect = 0,        ///< Connect to a namespace; payload: auth object (client) or `{sid}`.
    disconnect = 1,     ///< Leave a namespace; no payload.
    event = 2,          ///< An event: `["name", args...]`, optionally with an ack id.
    ack = 3,            ///< The answer to an event's ack id: `[args...]`.
    connect_error = 4,  ///< Connection refused: `{"message":..., "data":...}`.
    binary_event = 5,   ///< An event with binary attachments.
    binary_ack = 6,     ///< An ack with binary attachments.
};

/// The reference name of a packet type ("CONNECT", "BINARY_EVENT", ...).
SOCKSPEC_DECL std::string_view to_string(packet_type t) noexcept;

/// True for BINARY_EVENT and BINARY_ACK, the types that announce attachments.
constexpr bool is_binary(packet_type t) noexcept {
    return t == packet_type::binary_event || t == packet_type::binary_ack;
}

/// Limits the decoders apply to untrusted input.
struct decode_options {
    /// Most attachments a binary packet may announce (the reference has no limit; each one is
    /// a buffer held until the packet completes).
    std::size_t max_attachments = 64;
    /// Deepest JSON nesting accepted in a payload.
    std::size_t max_depth = 64;
};

/// A packet whose strings view other storage (the decoded text, or a `packet`).
struct packet_view {
    /// The packet type.
    packet_type type = packet_type::connect;
    /// The namespace; "/" when the text has none.
    std::string_view nsp = "/";
    /// The acknowledgement id, if any.
    std::optional<std::uint64_t> id;
    /// The raw JSON text of the payload; empty when the packet has none.
    std::string_view data;
    /// The number of attachments a binary packet announces (0 for the other types).
    std::size_t attachments = 0;
};

/// An owning packet: what the encoder takes and the decoder yields.
struct packet {
    /// The packet type. `encode` turns an EVENT/ACK with attachments into BINARY_EVENT/BINARY_ACK.
    packet_type type = packet_type::event;
    /// The namespace; must start with '/' and contain no ','.
    std::string nsp = "/";
    /// The acknowledgement id, if any.
    std::optional<std::uint64_t> id;
    /// The raw JSON text of the payload; empty when the packet has none.
    std::string data;
    /// The binary attachments (raw bytes), in placeholder order.
    std::vector<std::string> attachments;

    /// Moves `bytes` in as the next attachment and appends its placeholder
    /// `{"_placeholder":true,"num":N}` to `data`, for writing a payload in one pass.
    SOCKSPEC_DECL void append_attachment(std::string bytes);

    /// Member-wise equality.
    friend bool operator==(packet const&, packet const&) = default;
};

/// Decodes the text of one packet and validates it as the reference decoder does: type,
/// attachment count, namespace, ack id, and the payload's JSON kind for the type (CONNECT: object
/// or none; DISCONNECT: none; EVENT: array whose first element is a non-reserved event name;
/// ACK: array; CONNECT_ERROR: object or string; binary types: also valid placeholders). The
/// result views `text`. Never throws.
SOCKSPEC_DECL boost::system::result<packet_view> decode(std::string_view text,
                                                        decode_options const& opts = {});

/// Encodes the text of a packet; for a binary type, `p.attachments` is the announced count.
/// Preconditions: `p.nsp` starts with '/' and contains no ','; `p.data` is JSON valid for the type.
SOCKSPEC_DECL std::string encode(packet_view const& p);

/// Encodes the text of a packet; send it, then each of `p.attachments` as a binary message.
/// An EVENT or ACK that has attachments is sent as BINARY_EVENT / BINARY_ACK.
SOCKSPEC_DECL std::string encode(packet const& p);

/// Reassembles packets from the Engine.IO messages of one connection: a text message starts a
/// packet, and a binary packet then collects its announced attachments. Not thread-safe.
class decoder {
public:
    /// Constructs a decoder applying `opts` to every packet.
    explicit decoder(decode_options opts = {}) noexcept : opts_(opts) {}

    /// Feeds a text message. On success, `ready()` tells whether the packet is complete; a
    /// packet not yet released is discarded. On error the decoder resets.
    SOCKSPEC_DECL boost::system::error_code put_text(std::string_view text);

    /// Feeds a binary message as the next attachment. On error the decoder resets.
    SOCKSPEC_DECL boost::system::error_code put_binary(std::string bytes);

    /// True when a complete packet is waiting to be released.
    bool ready() const noexcept { return ready_; }

    /// True while a binary packet waits for more attachments.
    bool awaiting_attachments() const noexcept { return !ready_ && expected_ != 0; }

    /// Takes the complete packet (precondition: `ready()`), keeping the wire type (a
    /// BINARY_EVENT stays BINARY_EVENT), and readies the decoder for the next one.
    SOCKSPEC_DECL packet release();

    /// Drops any partial or unreleased packet.
    SOCKSPEC_DECL void reset() noexcept;

private:
    decode_options opts_;
    packet packet_;
    std::size_t expected_ = 0;
    bool ready_ = false;
};

/// The event name and arguments of an EVENT/BINARY_EVENT payload.
struct event_view {
    /// The unescaped event name (a numeric name, which the reference accepts, is its JSON text).
    std::string name;
    /// The raw JSON of the remaining arguments, comma-separated without the enclosing brackets
    /// (e.g. `1,{"a":2}` for `["name",1,{"a":2}]`); empty when there are none. Views the payload.
    std::string_view args;
};

/// Splits a validated EVENT payload into name and arguments without parsing the arguments.
/// Safe (an error, never UB) on any input. Never throws.
SOCKSPEC_DECL boost::system::result<event_view> parse_event(std::string_view data);

/// Builds an EVENT payload `["name",args]` from a name and the raw JSON of the arguments
/// (comma-separated, as in event_view::args; may be empty).
SOCKSPEC_DECL std::string make_event_data(std::string_view name, std::string_view args = {});

/// The content of a CONNECT_ERROR payload.
struct connect_error_info {
    /// The error message (`message` member, or the whole payload when it is a string).
    std::string message;
    /// The raw JSON of the `data` member; empty when absent.
    std::string data;
};

/// Reads a CONNECT_ERROR payload (`{"message":...,"data":...}` or, from v2-era peers, a string).
SOCKSPEC_DECL boost::system::result<connect_error_info> parse_connect_error(std::string_view data);

/// Builds a CONNECT_ERROR payload `{"message":"..."}`, with `,"data":<data>` when `data` (raw
/// JSON) is not empty.
SOCKSPEC_DECL std::string make_connect_error_data(std::string_view message,
                                                  std::string_view data = {});

}  // namespace sockspec::socketio

#ifdef SOCKSPEC_HEADER_ONLY
#include <sockspec/socketio/impl/packet.ipp>
#endif
