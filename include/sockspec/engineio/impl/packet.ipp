// sockspec/engineio/impl/packet.ipp: non-template bodies of engineio/packet.hpp.
#pragma once

#include <sockspec/engineio/packet.hpp>

// Boost 1.81 has no public base64 (Boost.Serialization's iterators throw and do not pad), so the
// codec uses Beast's; it is header-only and Asio-free.
#include <boost/beast/core/detail/base64.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <limits>

namespace sockspec::engineio {

namespace detail {

namespace base64 = boost::beast::detail::base64;

// Strict padded base64, as Node's Buffer#toString("base64") and the browser client produce.
inline bool decode_base64(std::string_view in, std::string& out) {
    if (in.size() % 4 != 0) return false;
    std::size_t pad = 0;
    if (!in.empty() && in.back() == '=') pad = in[in.size() - 2] == '=' ? 2 : 1;
    signed char const* inverse = base64::get_inverse();
    for (std::size_t i = 0; i < in.size() - pad; ++i)
        if (inverse[static_cast<unsigned char>(in[i])] == -1) return false;
    out.resize(base64::decoded_size(in.size()));
    auto const [written, read] = base64::decode(out.data(), in.data(), in.size());
    out.resize(written);
    return read == in.size() - pad;
}

inline bool is_type_char(char c) noexcept {
    return c >= '0' && c <= '6';
}

// Reads a non-negative integer member (JSON integer, or a double with an integral value).
inline bool get_count(boost::json::object const& obj, std::string_view key, std::int64_t& out) {
    auto const* v = obj.if_contains(key);
    if (v == nullptr || !v->is_number()) return false;
    boost::system::error_code ec;
    auto const n = v->to_number<std::int64_t>(ec);
    if (ec || n < 0) return false;
    out = n;
    return true;
}

}  // namespace detail

SOCKSPEC_DECL std::string_view to_string(packet_type t) noexcept {
    switch (t) {
        case packet_type::open:
            return "open";
        case packet_type::close:
            return "close";
        case packet_type::ping:
            return "ping";
        case packet_type::pong:
            return "pong";
        case packet_type::message:
            return "message";
        case packet_type::upgrade:
            return "upgrade";
        case packet_type::noop:
            return "noop";
    }
    return "unknown";
}

SOCKSPEC_DECL boost::system::result<packet> decode_frame(std::string_view frame, bool binary) {
    if (binary) return packet{packet_type::message, std::string(frame), true};
    if (frame.empty()) return error::empty_packet;
    if (!detail::is_type_char(frame[0])) return error::unknown_packet_type;
    return packet{static_cast<packet_type>(frame[0] - '0'), std::string(frame.substr(1)), false};
}

SOCKSPEC_DECL std::string encode_frame(packet const& p) {
    if (p.binary) return p.data;
    std::string out;
    out.reserve(1 + p.data.size());
    out += static_cast<char>('0' + static_cast<int>(p.type));
    out += p.data;
    return out;
}

SOCKSPEC_DECL boost::system::result<packet> decode_polling_packet(std::string_view record) {
    if (record.empty()) return error::empty_packet;
    if (record[0] == 'b') {
        packet p{packet_type::message, {}, true};
        if (!detail::decode_base64(record.substr(1), p.data)) return error::bad_base64;
        return p;
    }
    return decode_frame(record, false);
}

SOCKSPEC_DECL void encode_polling_packet(std::string& out, packet_type type, std::string_view data,
                                         bool binary) {
    if (binary) {
        out += 'b';
        std::size_t const at = out.size();
        out.resize(at + detail::base64::encoded_size(data.size()));
        detail::base64::encode(out.data() + at, data.data(), data.size());
        return;
    }
    out += static_cast<char>('0' + static_cast<int>(type));
    out += data;
}

SOCKSPEC_DECL std::size_t polling_packet_size(packet_type, std::string_view data,
                                              bool binary) noexcept {
    return 1 + (binary ? detail::base64::encoded_size(data.size()) : data.size());
}

SOCKSPEC_DECL void encode_polling_packet(std::string& out, packet const& p) {
    encode_polling_packet(out, p.type, p.data, p.binary);
}

SOCKSPEC_DECL std::size_t polling_packet_size(packet const& p) noexcept {
    return polling_packet_size(p.type, p.data, p.binary);
}

SOCKSPEC_DECL boost::system::result<std::vector<packet>> decode_payload(std::string_view body) {
    std::vector<packet> packets;
    for (;;) {
        auto const end = body.find(record_separator);
        auto r = decode_polling_packet(body.substr(0, end));
        if (!r) return r.error();
        packets.push_back(std::move(*r));
        if (end == std::string_view::npos) break;
        body.remove_prefix(end + 1);
    }
    return packets;
}

SOCKSPEC_DECL std::string serialize_handshake(handshake const& h) {
    boost::json::object obj;
    obj.reserve(5);
    obj["sid"] = h.sid;
    auto& upgrades = obj["upgrades"].emplace_array();
    for (auto const& u : h.upgrades) upgrades.emplace_back(u);
    obj["pingInterval"] = h.ping_interval.count();
    obj["pingTimeout"] = h.ping_timeout.count();
    obj["maxPayload"] = static_cast<std::uint64_t>(h.max_payload);
    return boost::json::serialize(obj);
}

SOCKSPEC_DECL boost::system::result<handshake> parse_handshake(std::string_view json) {
    unsigned char buffer[1024];
    boost::json::monotonic_resource mr(buffer, sizeof buffer);
    boost::system::error_code ec;
    auto const v = boost::json::parse(json, ec, &mr);
    if (ec || !v.is_object()) return error::bad_handshake;
    auto const& obj = v.get_object();

    handshake h;
    auto const* sid = obj.if_contains("sid");
    if (sid == nullptr || !sid->is_string() || sid->get_string().empty())
        return error::bad_handshake;
    h.sid = sid->get_string();

    auto const* upgrades = obj.if_contains("upgrades");
    if (upgrades == nullptr || !upgrades->is_array()) return error::bad_handshake;
    for (auto const& u : upgrades->get_array()) {
        if (!u.is_string()) return error::bad_handshake;
        h.upgrades.emplace_back(u.get_string());
    }

    std::int64_t n = 0;
    if (!detail::get_count(obj, "pingInterval", n)) return error::bad_handshake;
    h.ping_interval = std::chrono::milliseconds(n);
    if (!detail::get_count(obj, "pingTimeout", n)) return error::bad_handshake;
    h.ping_timeout = std::chrono::milliseconds(n);
    h.max_payload = 0;
    if (obj.contains("maxPayload")) {
        if (!detail::get_count(obj, "maxPayload", n)) return error::bad_handshake;
        h.max_payload = static_cast<std::size_t>(n);
    }
    return h;
}

SOCKSPEC_DECL std::string_view to_string(http_error e) noexcept {
    switch (e) {
        case http_error::transport_unknown:
            return "Transport unknown";
        case http_error::session_id_unknown:
            return "Session ID unknown";
        case http_error::bad_handshake_method:
            return "Bad handshake method";
        case http_error::bad_request:
            return "Bad request";
        case http_error::forbidden:
            return "Forbidden";
        case http_error::unsupported_protocol_version:
            return "Unsupported protocol version";
    }
    return "Unknown error";
}

SOCKSPEC_DECL unsigned http_status(http_error e) noexcept {
    return e == http_error::forbidden ? 403 : 400;
}

SOCKSPEC_DECL std::string http_error_body(http_error e, std::string_view message) {
    boost::json::object obj;
    obj["code"] = static_cast<int>(e);
    obj["message"] = message.empty() ? to_string(e) : message;
    return boost::json::serialize(obj);
}

SOCKSPEC_DECL boost::system::result<http_error> parse_http_error_body(std::string_view body) {
    unsigned char buffer[512];
    boost::json::monotonic_resource mr(buffer, sizeof buffer);
    boost::system::error_code ec;
    auto const v = boost::json::parse(body, ec, &mr);
    if (ec || !v.is_object()) return error::bad_error_body;
    std::int64_t code = 0;
    if (!detail::get_count(v.get_object(), "code", code) ||
        code > static_cast<std::int64_t>(http_error::unsupported_protocol_version))
        return error::bad_error_body;
    auto const* message = v.get_object().if_contains("message");
    if (message == nullptr || !message->is_string()) return error::bad_error_body;
    return static_cast<http_error>(code);
}

}  // namespace sockspec::engineio
