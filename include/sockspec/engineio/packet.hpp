// sockspec/engineio/packet.hpp: the Engine.IO v4 packet codec (engine.io-parser). Pure: no I/O.
//
// Wire forms (engine.io-protocol v4, "Packet encoding"):
//   WebSocket frame   text: `<type digit>[<data>]`          binary: the raw bytes of a message
//   polling record    text: `<type digit>[<data>]`          binary: `b<base64 of the bytes>`
//   polling payload   records joined by the record separator `\x1e` (a POST body or GET response)
// The open packet carries the handshake JSON; failed HTTP requests carry an error body.
#pragma once

#include <sockspec/detail/config.hpp>
#include <sockspec/engineio/error.hpp>

#include <boost/system/result.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sockspec::engineio {

/// Engine.IO v4 packet types; the value is the digit sent on the wire.
enum class packet_type : std::uint8_t {
    open = 0,     ///< Handshake: the server's first packet, payload = handshake JSON.
    close = 1,    ///< Asks the other side to close the transport.
    ping = 2,     ///< Heartbeat (EIO v4: sent by the server) and upgrade probe (`2probe`).
    pong = 3,     ///< Heartbeat answer and probe answer (`3probe`).
    message = 4,  ///< Application data (a Socket.IO packet), text or binary.
    upgrade = 5,  ///< Completes a transport upgrade.
    noop = 6,     ///< Flushes a pending polling GET during an upgrade.
};

/// The lowercase name of a packet type ("open", "close", ...), for logs and diagnostics.
SOCKSPEC_DECL std::string_view to_string(packet_type t) noexcept;

/// The separator between the records of a polling payload (ASCII RS).
inline constexpr char record_separator = '\x1e';

/// One Engine.IO packet.
///
/// Text data must not contain `\x1e` when sent over polling (the protocol assumes it never
/// does; JSON text from Socket.IO never does, since control characters are escaped).
struct packet {
    /// The packet type. A binary packet is always a `message`.
    packet_type type = packet_type::message;
    /// The payload: UTF-8 text, or raw bytes when `binary` is true. Empty when absent.
    std::string data;
    /// True when `data` is binary (a binary WebSocket frame, or a `b` polling record).
    bool binary = false;

    /// Member-wise equality.
    friend bool operator==(packet const&, packet const&) = default;
};

/// Decodes one WebSocket frame. A binary frame is a binary `message` whatever its bytes; a text
/// frame must start with a type digit. Never throws on malformed input.
SOCKSPEC_DECL boost::system::result<packet> decode_frame(std::string_view frame, bool binary);

/// Encodes a packet as the payload of one WebSocket frame, which must be sent as a binary frame
/// exactly when `p.binary` is true.
SOCKSPEC_DECL std::string encode_frame(packet const& p);

/// Decodes one record of a polling payload (`b` + base64 for binary). Never throws.
SOCKSPEC_DECL boost::system::result<packet> decode_polling_packet(std::string_view record);

/// Appends the polling record of `p` to `out` (no separator).
SOCKSPEC_DECL void encode_polling_packet(std::string& out, packet const& p);

/// The number of bytes `encode_polling_packet` appends for `p`.
SOCKSPEC_DECL std::size_t polling_packet_size(packet const& p) noexcept;

/// Appends the polling record of a packet given by its parts to `out` (no separator). Lets a
/// sender encode a shared, immutable payload without first copying it into a `packet`.
SOCKSPEC_DECL void encode_polling_packet(std::string& out, packet_type type, std::string_view data,
                                         bool binary);

/// The number of bytes the parts overload of `encode_polling_packet` appends.
SOCKSPEC_DECL std::size_t polling_packet_size(packet_type type, std::string_view data,
                                              bool binary) noexcept;

/// Decodes a whole polling payload (POST body or GET response) into its packets, in order.
/// Fails on the first malformed record (an empty body or an empty record is malformed).
SOCKSPEC_DECL boost::system::result<std::vector<packet>> decode_payload(std::string_view body);

/// Encodes all of `packets` as one polling payload, separated by `\x1e`.
template <class Range>
std::string encode_payload(Range const& packets);

/// Appends to `out` the payload of the longest prefix of `packets` whose encoding fits in
/// `max_payload` bytes (separators included) and returns how many packets it took. At least one
/// packet is taken when `packets` is not empty, even if it alone exceeds the limit, so that a
/// GET response always makes progress. `max_payload == 0` means no limit. `Range` is a forward
/// range of `packet` (vector, deque, span...).
template <class Range>
std::size_t encode_payload(std::string& out, Range const& packets, std::size_t max_payload);

/// The handshake data of the open packet (engine.io-protocol v4, "Handshake").
struct handshake {
    /// The session id, sent back by the client as the `sid` query parameter.
    std::string sid;
    /// Transports the client may upgrade to (e.g. `{"websocket"}`).
    std::vector<std::string> upgrades;
    /// How often the server sends a ping.
    std::chrono::milliseconds ping_interval{25000};
    /// How long the server waits for the pong.
    std::chrono::milliseconds ping_timeout{20000};
    /// Maximum bytes per polling payload the peer accepts; 0 means no limit.
    std::size_t max_payload = 1000000;

    /// Member-wise equality.
    friend bool operator==(handshake const&, handshake const&) = default;
};

/// Serializes the handshake as the open packet JSON, keys in the reference order:
/// `{"sid":...,"upgrades":[...],"pingInterval":N,"pingTimeout":N,"maxPayload":N}`.
SOCKSPEC_DECL std::string serialize_handshake(handshake const& h);

/// Parses the open packet JSON. `sid` (non-empty string), `upgrades` (array of strings),
/// `pingInterval` and `pingTimeout` (non-negative integers) are required; `maxPayload` is
/// optional (0 when absent); other keys are ignored. Never throws.
SOCKSPEC_DECL boost::system::result<handshake> parse_handshake(std::string_view json);

/// The error codes of a failed Engine.IO HTTP request (the `code` of the JSON error body).
enum class http_error : std::uint8_t {
    transport_unknown = 0,             ///< "Transport unknown"
    session_id_unknown = 1,            ///< "Session ID unknown"
    bad_handshake_method = 2,          ///< "Bad handshake method"
    bad_request = 3,                   ///< "Bad request"
    forbidden = 4,                     ///< "Forbidden"
    unsupported_protocol_version = 5,  ///< "Unsupported protocol version"
};

/// The reference message of an HTTP error code, e.g. "Session ID unknown".
SOCKSPEC_DECL std::string_view to_string(http_error e) noexcept;

/// The HTTP status the reference server answers with: 403 for `forbidden`, otherwise 400.
SOCKSPEC_DECL unsigned http_status(http_error e) noexcept;

/// The JSON error body `{"code":N,"message":"..."}`; `message` defaults to `to_string(e)`.
SOCKSPEC_DECL std::string http_error_body(http_error e, std::string_view message = {});

/// Parses an HTTP error body and returns its code. Never throws.
SOCKSPEC_DECL boost::system::result<http_error> parse_http_error_body(std::string_view body);

}  // namespace sockspec::engineio

#include <sockspec/engineio/impl/packet.hpp>
#ifdef SOCKSPEC_HEADER_ONLY
#include <sockspec/engineio/impl/packet.ipp>
#endif
