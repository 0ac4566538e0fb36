// sockspec/socketio/impl/packet.ipp: non-template bodies of socketio/packet.hpp.
#pragma once

#include <sockspec/socketio/packet.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>

namespace sockspec::socketio {

namespace detail {

// The kind of a JSON value, as far as payload validation cares.
enum class json_kind : std::uint8_t { none, object, array, string, number, boolean, null };

// A boost::json::basic_parser handler that validates a payload in one pass without building a
// DOM: it records the root kind, the kind (and, for reserved-name checks, the first bytes) of a
// root array's first element and, for binary packets, checks every placeholder object.
class payload_handler {
public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    // Longer than any reserved event name ("removeListener" is 14 bytes).
    static constexpr std::size_t name_capacity = 16;

    payload_handler(bool check_placeholders, std::size_t attachments) noexcept
        : check_placeholders_(check_placeholders), attachments_(attachments) {}

    json_kind root() const noexcept { return root_; }
    json_kind first() const noexcept { return first_; }

    // The first element of a root array when it is a string of at most name_capacity bytes.
    std::optional<std::string_view> short_name() const noexcept {
        if (first_ != json_kind::string || name_size_ > name_capacity) return std::nullopt;
        return std::string_view(name_.data(), name_size_);
    }

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }

    bool on_array_begin(boost::system::error_code&) {
        value(json_kind::array, false, false);
        ++depth_;
        if (check_placeholders_) frames_.push_back(frame{});
        return true;
    }
    bool on_array_end(std::size_t, boost::system::error_code&) {
        --depth_;
        if (check_placeholders_) frames_.pop_back();
        return true;
    }
    bool on_object_begin(boost::system::error_code&) {
        value(json_kind::object, false, false);
        ++depth_;
        if (check_placeholders_) frames_.push_back(frame{true});
        return true;
    }
    bool on_object_end(std::size_t, boost::system::error_code& ec) {
        --depth_;
        if (!check_placeholders_) return true;
        // socket.io-parser reconstructPacket: `_placeholder === true` needs a numeric `num`
        // indexing a received attachment.
        bool const bad = frames_.back().placeholder && !frames_.back().num_valid;
        frames_.pop_back();
        if (bad) {
            ec = error::invalid_placeholder;
            return false;
        }
        return true;
    }

    bool on_string_part(boost::json::string_view s, std::size_t, boost::system::error_code&) {
        collect_name(s);
        return true;
    }
    bool on_string(boost::json::string_view s, std::size_t, boost::system::error_code&) {
        collect_name(s);
        value(json_kind::string, false, false);
        return true;
    }
    bool on_key_part(boost::json::string_view s, std::size_t, boost::system::error_code&) {
        if (check_placeholders_) key_.append(s.data(), s.size());
        return true;
    }
    bool on_key(boost::json::string_view s, std::size_t, boost::system::error_code&) {
        if (!check_placeholders_) return true;
        key_.append(s.data(), s.size());
        frames_.back().pending = key_ == "_placeholder" ? pending_key::placeholder
                                 : key_ == "num"        ? pending_key::num
                                                        : pending_key::none;
        key_.clear();
        return true;
    }

    bool on_number_part(boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_int64(std::int64_t i, boost::json::string_view, boost::system::error_code&) {
        value(json_kind::number, false, i >= 0 && static_cast<std::uint64_t>(i) < attachments_);
        return true;
    }
    bool on_uint64(std::uint64_t u, boost::json::string_view, boost::system::error_code&) {
        value(json_kind::number, false, u < attachments_);
        return true;
    }
    bool on_double(double d, boost::json::string_view, boost::system::error_code&) {
        // JavaScript has only doubles: `"num":0.0` or `"num":1e0` index an attachment too.
        value(json_kind::number, false,
              d >= 0 && d < static_cast<double>(attachments_) && std::floor(d) == d);
        return true;
    }
    bool on_bool(bool b, boost::system::error_code&) {
        value(json_kind::boolean, b, false);
        return true;
    }
    bool on_null(boost::system::error_code&) {
        value(json_kind::null, false, false);
        return true;
    }
    bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }

private:
    enum class pending_key : std::uint8_t { none, placeholder, num };

    struct frame {
        bool object = false;
        pending_key pending = pending_key::none;
        bool placeholder = false;  // the last `_placeholder` member is `true`
        bool num_valid = false;    // the last `num` member indexes an attachment
    };

    bool at_first_element() const noexcept {
        return depth_ == 1 && root_ == json_kind::array && elements_ == 0;
    }

    void collect_name(boost::json::string_view s) noexcept {
        if (!at_first_element()) return;
        if (name_size_ < name_capacity)
            std::copy_n(s.data(), std::min(name_capacity - name_size_, s.size()),
                        name_.data() + name_size_);
        name_size_ += s.size();
    }

    // Called once per value: at the end of a scalar, at the start of a container.
    void value(json_kind kind, bool is_true, bool num_valid) noexcept {
        if (depth_ == 0) {
            root_ = kind;
        } else if (depth_ == 1 && root_ == json_kind::array) {
            if (elements_++ == 0) first_ = kind;
        }
        if (check_placeholders_ && !frames_.empty() && frames_.back().object) {
            frame& f = frames_.back();
            if (f.pending == pending_key::placeholder)
                f.placeholder = kind == json_kind::boolean && is_true;
            if (f.pending == pending_key::num) f.num_valid = kind == json_kind::number && num_valid;
            f.pending = pending_key::none;
        }
    }

    bool check_placeholders_;
    std::size_t attachments_;
    json_kind root_ = json_kind::none;
    json_kind first_ = json_kind::none;
    std::size_t depth_ = 0;
    std::size_t elements_ = 0;
    std::array<char, name_capacity> name_{};
    std::size_t name_size_ = 0;
    std::string key_;
    std::vector<frame> frames_;
};

// socket.io-parser RESERVED_EVENTS: these names have a meaning of their own on either side.
inline bool is_reserved_event(std::string_view name) noexcept {
    for (std::string_view r : {"connect", "connect_error", "disconnect", "disconnecting",
                               "newListener", "removeListener"})
        if (name == r) return true;
    return false;
}

inline bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

// Parses a run of ASCII digits; false on overflow.
inline bool parse_u64(std::string_view digits, std::uint64_t& out) noexcept {
    auto const [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return ec == std::errc{} && ptr == digits.data() + digits.size();
}

inline void append_number(std::string& out, std::uint64_t n) {
    char buf[std::numeric_limits<std::uint64_t>::digits10 + 1];
    auto const r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, r.ptr);
}

inline bool is_json_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

inline std::size_t skip_space(std::string_view s, std::size_t i) noexcept {
    while (i < s.size() && is_json_space(s[i])) ++i;
    return i;
}

inline boost::system::error_code validate_payload(packet_view const& p,
                                                  decode_options const& opts) {
    if (p.data.empty()) {
        // EIO spec: EVENT and ACK payloads are mandatory; CONNECT_ERROR always explains itself.
        switch (p.type) {
            case packet_type::connect:
            case packet_type::disconnect:
                return {};
            default:
                return error::invalid_payload;
        }
    }
    if (p.type == packet_type::disconnect) return error::invalid_payload;

    boost::json::parse_options po;
    po.max_depth = opts.max_depth;
    boost::json::basic_parser<payload_handler> parser(po, is_binary(p.type), p.attachments);
    boost::system::error_code ec;
    std::size_t const n = parser.write_some(false, p.data.data(), p.data.size(), ec);
    if (ec == error::invalid_placeholder) return ec;
    if (ec || n != p.data.size()) return error::invalid_json;

    payload_handler const& h = parser.handler();
    switch (p.type) {
        case packet_type::connect:
            if (h.root() != json_kind::object) return error::invalid_payload;
            break;
        case packet_type::connect_error:
            if (h.root() != json_kind::object && h.root() != json_kind::string)
                return error::invalid_payload;
            break;
        case packet_type::event:
        case packet_type::binary_event:
            // socket.io-parser isPayloadValid: a non-empty array naming the event first.
            if (h.root() != json_kind::array ||
                (h.first() != json_kind::string && h.first() != json_kind::number))
                return error::invalid_payload;
            if (auto const name = h.short_name(); name && is_reserved_event(*name))
                return error::reserved_event_name;
            break;
        case packet_type::ack:
        case packet_type::binary_ack:
            if (h.root() != json_kind::array) return error::invalid_payload;
            break;
        case packet_type::disconnect:
            break;
    }
    return {};
}

}  // namespace detail

SOCKSPEC_DECL std::string_view to_string(packet_type t) noexcept {
    switch (t) {
        case packet_type::connect:
            return "CONNECT";
        case packet_type::disconnect:
            return "DISCONNECT";
        case packet_type::event:
            return "EVENT";
        case packet_type::ack:
            return "ACK";
        case packet_type::connect_error:
            return "CONNECT_ERROR";
        case packet_type::binary_event:
            return "BINARY_EVENT";
        case packet_type::binary_ack:
            return "BINARY_ACK";
    }
    return "UNKNOWN";
}

SOCKSPEC_DECL void packet::append_attachment(std::string bytes) {
    data += R"({"_placeholder":true,"num":)";
    detail::append_number(data, attachments.size());
    data += '}';
    attachments.push_back(std::move(bytes));
}

SOCKSPEC_DECL boost::system::result<packet_view> decode(std::string_view text,
                                                        decode_options const& opts) {
    if (text.empty()) return error::empty_packet;
    if (text[0] < '0' || text[0] > '6') return error::invalid_type;
    packet_view p;
    p.type = static_cast<packet_type>(text[0] - '0');
    std::size_t i = 1;

    if (is_binary(p.type)) {
        // `<count>-`: digits, then a mandatory dash.
        std::size_t j = i;
        while (j < text.size() && detail::is_digit(text[j])) ++j;
        std::uint64_t count = 0;
        if (j == i || j == text.size() || text[j] != '-' ||
            !detail::parse_u64(text.substr(i, j - i), count))
            return error::invalid_attachments;
        if (count > opts.max_attachments) return error::too_many_attachments;
        p.attachments = static_cast<std::size_t>(count);
        i = j + 1;
    }

    if (i < text.size() && text[i] == '/') {
        // The namespace runs to the first ',' (or the end: `1/admin` is accepted, as by the
        // reference decoder).
        auto const comma = text.find(',', i);
        p.nsp = text.substr(i, comma == std::string_view::npos ? comma : comma - i);
        i = comma == std::string_view::npos ? text.size() : comma + 1;
    } else {
        // `0admin,{...}`: a ',' before anything that can start a JSON payload means a
        // namespace without its leading '/'.
        auto const stop = text.find_first_of(",[{\"", i);
        if (stop != std::string_view::npos && text[stop] == ',') return error::invalid_namespace;
    }

    std::size_t j = i;
    while (j < text.size() && detail::is_digit(text[j])) ++j;
    if (j != i) {
        std::uint64_t id = 0;
        if (!detail::parse_u64(text.substr(i, j - i), id)) return error::invalid_id;
        p.id = id;
    }
    p.data = text.substr(j);

    if (auto const ec = detail::validate_payload(p, opts)) return ec;
    return p;
}

SOCKSPEC_DECL std::string encode(packet_view const& p) {
    std::string out;
    out.reserve(24 + p.nsp.size() + p.data.size());
    out += static_cast<char>('0' + static_cast<int>(p.type));
    if (is_binary(p.type)) {
        detail::append_number(out, p.attachments);
        out += '-';
    }
    if (!p.nsp.empty() && p.nsp != "/") {
        out += p.nsp;
        out += ',';
    }
    if (p.id) detail::append_number(out, *p.id);
    out += p.data;
    return out;
}

SOCKSPEC_DECL std::string encode(packet const& p) {
    packet_view v;
    v.type = p.type;
    if (!p.attachments.empty()) {
        // socket.io-parser Encoder#encode: hasBinary(EVENT/ACK) -> BINARY_EVENT/BINARY_ACK.
        if (p.type == packet_type::event) v.type = packet_type::binary_event;
        if (p.type == packet_type::ack) v.type = packet_type::binary_ack;
    }
    v.nsp = p.nsp;
    v.id = p.id;
    v.data = p.data;
    v.attachments = p.attachments.size();
    return encode(v);
}

SOCKSPEC_DECL boost::system::error_code decoder::put_text(std::string_view text) {
    if (awaiting_attachments()) {
        reset();
        return error::unexpected_text;
    }
    reset();
    auto const r = decode(text, opts_);
    if (!r) return r.error();
    packet_.type = r->type;
    packet_.nsp.assign(r->nsp);
    packet_.id = r->id;
    packet_.data.assign(r->data);
    expected_ = r->attachments;
    packet_.attachments.reserve(expected_);
    ready_ = expected_ == 0;
    return {};
}

SOCKSPEC_DECL boost::system::error_code decoder::put_binary(std::string bytes) {
    if (!awaiting_attachments()) {
        reset();
        return error::unexpected_binary;
    }
    packet_.attachments.push_back(std::move(bytes));
    ready_ = packet_.attachments.size() == expected_;
    return {};
}

SOCKSPEC_DECL packet decoder::release() {
    packet p = std::move(packet_);
    reset();
    return p;
}

SOCKSPEC_DECL void decoder::reset() noexcept {
    packet_.type = packet_type::event;
    packet_.nsp.clear();
    packet_.id.reset();
    packet_.data.clear();
    packet_.attachments.clear();
    expected_ = 0;
    ready_ = false;
}

SOCKSPEC_DECL boost::system::result<event_view> parse_event(std::string_view data) {
    std::size_t i = detail::skip_space(data, 0);
    if (i == data.size() || data[i] != '[') return error::invalid_payload;
    i = detail::skip_space(data, i + 1);
    if (i == data.size()) return error::invalid_payload;

    event_view ev;
    std::size_t end = i;  // one past the name token
    if (data[i] == '"') {
        end = i + 1;
        bool escaped = false;
        while (end < data.size() && data[end] != '"') {
            escaped = escaped || data[end] == '\\';
            end += data[end] == '\\' ? 2 : 1;
        }
        if (end >= data.size()) return error::invalid_payload;
        ++end;
        std::string_view const token = data.substr(i, end - i);
        if (!escaped) {
            ev.name.assign(token.substr(1, token.size() - 2));
        } else {
            unsigned char buffer[256];
            boost::json::monotonic_resource mr(buffer, sizeof buffer);
            boost::system::error_code ec;
            auto const v = boost::json::parse(token, ec, &mr);
            if (ec || !v.is_string()) return error::invalid_json;
            ev.name.assign(v.get_string());
        }
    } else if (data[i] == '-' || detail::is_digit(data[i])) {
        while (end < data.size() && data[end] != ',' && data[end] != ']' &&
               !detail::is_json_space(data[end]))
            ++end;
        ev.name.assign(data.substr(i, end - i));
    } else {
        return error::invalid_payload;
    }

    i = detail::skip_space(data, end);
    if (i == data.size()) return error::invalid_payload;
    if (data[i] == ',') {
        auto const close = data.find_last_of(']');
        if (close == std::string_view::npos || close <= i) return error::invalid_payload;
        std::size_t first = detail::skip_space(data, i + 1);
        std::size_t last = close;
        while (last > first && detail::is_json_space(data[last - 1])) --last;
        ev.args = data.substr(first, last - first);
    } else if (data[i] != ']') {
        return error::invalid_payload;
    }
    return ev;
}

SOCKSPEC_DECL std::string make_event_data(std::string_view name, std::string_view args) {
    std::string out = "[";
    out += boost::json::serialize(boost::json::string_view(name.data(), name.size()));
    if (!args.empty()) {
        out += ',';
        out += args;
    }
    out += ']';
    return out;
}

SOCKSPEC_DECL boost::system::result<connect_error_info> parse_connect_error(std::string_view data) {
    unsigned char buffer[1024];
    boost::json::monotonic_resource mr(buffer, sizeof buffer);
    boost::system::error_code ec;
    auto const v = boost::json::parse(data, ec, &mr);
    if (ec) return error::invalid_json;
    connect_error_info info;
    if (v.is_string()) {
        info.message = v.get_string();
        return info;
    }
    if (!v.is_object()) return error::invalid_payload;
    if (auto const* m = v.get_object().if_contains("message"); m && m->is_string())
        info.message = m->get_string();
    if (auto const* d = v.get_object().if_contains("data")) info.data = boost::json::serialize(*d);
    return info;
}

SOCKSPEC_DECL std::string make_connect_error_data(std::string_view message, std::string_view data) {
    std::string out = R"({"message":)";
    out += boost::json::serialize(boost::json::string_view(message.data(), message.size()));
    if (!data.empty()) {
        out += R"(,"data":)";
        out += data;
    }
    out += '}';
    return out;
}

}  // namespace sockspec::socketio
