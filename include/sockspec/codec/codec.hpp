// sockspec/codec/codec.hpp: JSON codecs for sockspec payload types. Asio-free.
//
// Two paths, same JSON text, same errors:
// - fast path: `encode` writes straight into a std::string (no DOM); `decode` reads straight
//   into the C++ value with simdjson On-Demand (no DOM), error codes only.
// - DOM path: Boost.JSON. `to_value` builds a boost::json::value, `decode(value const&, ...)`
//   reads one. Generated code also provides Boost.JSON's `tag_invoke` overloads, so
//   boost::json::value_from / try_value_to work on generated types.
// Decoders never throw: they return false and fill a decode_error naming the path.
//
// Customization: `codec<T>` is specialized here for builtins and containers; for other types
// (generated structs) it calls, found by ADL,
//     void tag_invoke(encode_tag, writer&, T const&);
//     template <class Value> bool tag_invoke(decode_tag, Value&, T&, decode_error&);
//     void tag_invoke(boost::json::value_from_tag, boost::json::value&, T const&);
// where Value is simdjson::ondemand::value or boost::json::value const. Enums need only
// `wire_values(E)` (ADL): the wire strings in enumerator order.
#pragma once

#include <sockspec/codec/error.hpp>
#include <sockspec/codec/formats.hpp>
#include <sockspec/codec/writer.hpp>
#include <sockspec/literal.hpp>
#include <sockspec/nullable.hpp>

#include <simdjson.h>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

#include <array>
#include <bit>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sockspec::codec {

namespace od = simdjson::ondemand;

/// Extra bytes simdjson may read past the end of the input (see decode(padded_string_view)).
inline constexpr std::size_t padding = simdjson::SIMDJSON_PADDING;

/// tag_invoke tag of the fast encoder hook.
struct encode_tag {};
/// tag_invoke tag of the decoder hook (both paths).
struct decode_tag {};

/// The codec of T: `encode` (fast path), `decode` (both paths), `to_value` (DOM). The primary
/// template forwards to the tag_invoke hooks found by ADL (generated structs).
template <class T, class = void>
struct codec {
    static void encode(writer& w, T const& v) { tag_invoke(encode_tag{}, w, v); }
    template <class Value>
    static bool decode(Value& jv, T& out, decode_error& err) {
        return tag_invoke(decode_tag{}, jv, out, err);
    }
    static void to_value(boost::json::value& jv, T const& v) {
        tag_invoke(boost::json::value_from_tag{}, jv, v);
    }
};

// ---------------------------------------------------------------------------------------------
// Entry points for one value (used by generated code and containers, and public).

/// Fast path: appends the JSON text of `v`.
template <class T>
void encode(writer& w, T const& v) {
    codec<T>::encode(w, v);
}
/// Fast path: the JSON text of `v`.
template <class T>
std::string encode(T const& v) {
    std::string out;
    {
        writer w(out);
        codec<T>::encode(w, v);
    }
    return out;
}
/// Fast path: decodes a simdjson On-Demand value into `out`.
template <class T>
bool decode(od::value& jv, T& out, decode_error& err) {
    return codec<T>::decode(jv, out, err);
}
/// DOM path: decodes a Boost.JSON value into `out`, naming the path on failure.
template <class T>
bool decode(boost::json::value const& jv, T& out, decode_error& err) {
    return codec<T>::decode(jv, out, err);
}
/// DOM path: stores `v` into `jv`.
template <class T>
void to_value(boost::json::value& jv, T const& v) {
    codec<T>::to_value(jv, v);
}
/// DOM path: `v` as a Boost.JSON value.
template <class T>
boost::json::value to_value(T const& v) {
    boost::json::value jv;
    codec<T>::to_value(jv, v);
    return jv;
}
/// DOM path: T from a Boost.JSON value; the error code is in the `sockspec.codec` category
/// (use decode() for the path). What generated `try_value_to_tag` overloads return.
template <class T>
boost::system::result<T> try_value_to(boost::json::value const& jv) {
    T out{};
    decode_error err;
    if (!codec<T>::decode(jv, out, err)) return err.code;
    return out;
}

namespace detail {

// A failed simdjson call: a value of another kind, or malformed JSON.
inline bool fail(simdjson::error_code e, decode_error& err, std::string_view expected) {
    if (e == simdjson::INCORRECT_TYPE) return err.fail(error::wrong_type, expected);
    return err.fail(error::syntax, simdjson::error_message(e));
}

// The JSON kind of a simdjson value, for choosing between "expected X" and a syntax error.
inline bool fail_kind(od::value& jv, decode_error& err, std::string_view expected) {
    od::json_type t;
    if (auto e = jv.type().get(t)) return fail(e, err, expected);
    return err.fail(error::wrong_type, expected);
}

// Offset of the first '"' or '\\' at or after `p`, 16 bytes at a time (SSE2; bytewise elsewhere).
// Reads up to 15 bytes past that character: callers scan inside simdjson's padded input, where
// a string's closing quote is followed by at least `padding` readable bytes.
SOCKSPEC_CODEC_INLINE std::size_t quote_or_backslash(char const* p) noexcept {
#if defined(__SSE2__)
    __m128i const quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    for (std::size_t i = 0;; i += 16) {
        __m128i const x = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p + i));
        auto const m = static_cast<unsigned>(_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash))));
        if (m) return i + std::size_t(std::countr_zero(m));
    }
#else
    for (std::size_t i = 0;; ++i)
        if (p[i] == '"' || p[i] == '\\') return i;
#endif
}

// A JSON string's content. Strings without escapes are viewed in place in the input (no
// copy, one scan for the closing quote); others are unescaped by simdjson into its buffer.
// The view lives as long as the document.
SOCKSPEC_CODEC_INLINE bool get_string(od::value& jv, std::string_view& out, decode_error& err,
                                      std::string_view expected) {
    char const* const tok = jv.raw_json_token().data();
    if (*tok == '"') {
        // simdjson's stage 1 has checked the string's extent and its UTF-8: the first quote
        // not preceded by a backslash closes it.
        std::size_t const n = quote_or_backslash(tok + 1);
        if (tok[n + 1] == '"') {
            if (auto e = jv.get_raw_json_string().error()) return fail(e, err, expected);
            out = std::string_view(tok + 1, n);
            return true;
        }
    }
    if (auto e = jv.get_string().get(out)) return fail(e, err, expected);
    return true;
}

// After get_double failed: true when the value is a well-formed JSON number, which then lies
// outside the double range (1e999); malformed numbers are syntax errors (the grammar of RFC 8259
// section 6, checked only to classify the error).
inline bool is_overflowing_number(od::value& jv) {
    std::string_view t = jv.raw_json_token();
    while (!t.empty() &&
           (t.back() == ' ' || t.back() == '\n' || t.back() == '\r' || t.back() == '\t'))
        t.remove_suffix(1);
    std::size_t i = 0;
    auto digits = [&] {
        std::size_t const start = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
        return i > start;
    };
    if (i < t.size() && t[i] == '-') ++i;
    if (i < t.size() && t[i] == '0')
        ++i;
    else if (!digits())
        return false;
    if (i < t.size() && t[i] == '.' && (++i, !digits())) return false;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
        if (!digits()) return false;
    }
    return i == t.size();
}

inline std::string bounds_message(std::string_view what, double lo, double hi) {
    char a[32], b[32];
    return std::string("expected ")
        .append(what)
        .append(" between ")
        .append(a, format_number(lo, a))
        .append(" and ")
        .append(b, format_number(hi, b));
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// Scalars.

/// std::string: a JSON string.
template <>
struct codec<std::string> {
    static void encode(writer& w, std::string const& v) { w.string(v); }
    static bool decode(od::value& jv, std::string& out, decode_error& err) {
        std::string_view s;
        if (!detail::get_string(jv, s, err, "expected string")) return false;
        if (s.size() <= out.capacity()) {  // reuses the buffer (or the small-string one)
            out.clear();
            out.append(s);  // s is in the input, never in `out`: no aliasing checks needed
        } else
            out = std::string(s);  // one exact allocation, no growth policy
        return true;
    }
    static bool decode(boost::json::value const& jv, std::string& out, decode_error& err) {
        auto const* s = jv.if_string();
        if (!s) return err.fail(error::wrong_type, "expected string");
        out.assign(s->data(), s->size());
        return true;
    }
    static void to_value(boost::json::value& jv, std::string const& v) {
        jv = boost::json::string_view(v);
    }
};

/// bool: true / false.
template <>
struct codec<bool> {
    static void encode(writer& w, bool v) { w.boolean(v); }
    static bool decode(od::value& jv, bool& out, decode_error& err) {
        if (auto e = jv.get_bool().get(out)) return detail::fail(e, err, "expected boolean");
        return true;
    }
    static bool decode(boost::json::value const& jv, bool& out, decode_error& err) {
        auto const* b = jv.if_bool();
        if (!b) return err.fail(error::wrong_type, "expected boolean");
        out = *b;
        return true;
    }
    static void to_value(boost::json::value& jv, bool v) { jv = v; }
};

/// double: any JSON number, written as JSON.stringify writes it.
template <>
struct codec<double> {
    static void encode(writer& w, double v) { w.number(v); }
    static bool decode(od::value& jv, double& out, decode_error& err) {
        if (!jv.get_double().get(out)) return true;
        // A number simdjson cannot read as a double overflows it (1e999), as for Boost.JSON.
        if (detail::is_overflowing_number(jv))
            return err.fail(error::out_of_range, "expected a finite number");
        return detail::fail_kind(jv, err, "expected number");
    }
    static bool decode(boost::json::value const& jv, double& out, decode_error& err) {
        switch (jv.kind()) {
            case boost::json::kind::double_:
                out = jv.get_double();
                return std::isfinite(out) ||
                       err.fail(error::out_of_range, "expected a finite number");
            case boost::json::kind::int64:
                out = static_cast<double>(jv.get_int64());
                return true;
            case boost::json::kind::uint64:
                out = static_cast<double>(jv.get_uint64());
                return true;
            default:
                return err.fail(error::wrong_type, "expected number");
        }
    }
    static void to_value(boost::json::value& jv, double v) { jv = v; }
};

/// The largest integer JavaScript represents exactly (2^53-1): int64/uint64 with the default
/// `encoding: number` must stay within +-max_safe_integer.
inline constexpr std::int64_t max_safe_integer = 9007199254740991;

namespace detail {

template <class Int>
constexpr std::int64_t int_min() {
    if constexpr (sizeof(Int) == 8)
        return std::is_signed_v<Int> ? -max_safe_integer : 0;
    else
        return std::numeric_limits<Int>::min();
}
template <class Int>
constexpr std::int64_t int_max() {
    if constexpr (sizeof(Int) == 8)
        return max_safe_integer;
    else
        return static_cast<std::int64_t>(std::numeric_limits<Int>::max());
}

// Stores `v` (a mathematically integral value) when it fits Int's JSON range.
template <class Int>
bool store_int(std::int64_t v, Int& out, decode_error& err) {
    if (v < int_min<Int>() || v > int_max<Int>())
        return err.fail(error::out_of_range,
                        bounds_message("integer", double(int_min<Int>()), double(int_max<Int>())));
    out = static_cast<Int>(v);
    return true;
}
// JSON numbers with a fraction or exponent that are still integers (1.0, 1e3) are accepted,
// as JavaScript's Number.isInteger does.
template <class Int>
bool store_int(double d, Int& out, decode_error& err) {
    if (d != std::trunc(d)) return err.fail(error::wrong_type, "expected integer");
    if (!(std::fabs(d) <= double(max_safe_integer)))
        return err.fail(error::out_of_range,
                        bounds_message("integer", double(int_min<Int>()), double(int_max<Int>())));
    return store_int(static_cast<std::int64_t>(d), out, err);
}

}  // namespace detail

/// Integers of every width: a JSON number that is an integer within the type's range; 64-bit
/// ones within +-(2^53-1) (see int_string for the full range).
template <class Int>
struct codec<Int, std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>>> {
    static void encode(writer& w, Int v) {
        if constexpr (std::is_signed_v<Int>)
            w.integer(v);
        else
            w.uinteger(v);
    }
    static bool decode(od::value& jv, Int& out, decode_error& err) {
        std::int64_t i = 0;
        if (!jv.get_int64().get(i)) return detail::store_int(i, out, err);
        double d = 0;  // 1.0, 1e3, or out of int64 range
        if (!jv.get_double().get(d)) return detail::store_int(d, out, err);
        if (detail::is_overflowing_number(jv))
            return detail::store_int(std::numeric_limits<double>::infinity(), out, err);
        return detail::fail_kind(jv, err, "expected integer");
    }
    static bool decode(boost::json::value const& jv, Int& out, decode_error& err) {
        switch (jv.kind()) {
            case boost::json::kind::int64:
                return detail::store_int(jv.get_int64(), out, err);
            case boost::json::kind::uint64:
                return detail::store_int(double(jv.get_uint64()), out, err);
            case boost::json::kind::double_:
                return detail::store_int(jv.get_double(), out, err);
            default:
                return err.fail(error::wrong_type, "expected integer");
        }
    }
    static void to_value(boost::json::value& jv, Int v) { jv = v; }
};

namespace detail {
// Canonical decimal: -?(0|[1-9][0-9]*), within Int.
template <class Int>
bool parse_int_string(std::string_view s, Int& out, decode_error& err) {
    bool const neg = !s.empty() && s[0] == '-';
    auto const digits = s.substr(neg);
    bool const canonical = !digits.empty() && (digits[0] != '0' || digits.size() == 1) &&
                           (!neg || std::is_signed_v<Int>)&&!(neg && digits == "0");
    auto const [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (!canonical || p != s.data() + s.size())
        return err.fail(error::wrong_type, "expected integer string");
    if (ec == std::errc::result_out_of_range)
        return err.fail(error::out_of_range,
                        std::is_signed_v<Int> ? "expected int64 string" : "expected uint64 string");
    return true;
}
}  // namespace detail

/// int_string: a 64-bit integer as a canonical decimal JSON string (`"9007199254740993"`).
template <class Int>
struct codec<int_string<Int>> {
    static void encode(writer& w, int_string<Int> v) {
        w.raw('"');
        codec<Int>::encode(w, v.value);
        w.raw('"');
    }
    static bool decode(od::value& jv, int_string<Int>& out, decode_error& err) {
        std::string_view s;
        if (!detail::get_string(jv, s, err, "expected integer string")) return false;
        return detail::parse_int_string(s, out.value, err);
    }
    static bool decode(boost::json::value const& jv, int_string<Int>& out, decode_error& err) {
        auto const* s = jv.if_string();
        if (!s) return err.fail(error::wrong_type, "expected integer string");
        return detail::parse_int_string(std::string_view(*s), out.value, err);
    }
    static void to_value(boost::json::value& jv, int_string<Int> v) {
        jv = std::to_string(v.value);
    }
};

/// String literal: exactly the string S.
template <fixed_string S>
struct codec<literal<S>> {
    static void encode(writer& w, literal<S>) { w.string(literal<S>::value); }
    template <class Value>
    static bool decode(Value& jv, literal<S>&, decode_error& err) {
        std::string s;
        if (!codec<std::string>::decode(jv, s, err)) return false;
        if (s != literal<S>::value)
            return err.fail(error::bad_literal,
                            "expected \"" + std::string(literal<S>::value) + "\"");
        return true;
    }
    static void to_value(boost::json::value& jv, literal<S>) {
        jv = boost::json::string_view(literal<S>::value);
    }
};

/// Integer literal: exactly the number V.
template <std::int64_t V>
struct codec<int_literal<V>> {
    static void encode(writer& w, int_literal<V>) { w.integer(V); }
    template <class Value>
    static bool decode(Value& jv, int_literal<V>&, decode_error& err) {
        std::int64_t v = 0;
        if (!codec<std::int64_t>::decode(jv, v, err)) return false;
        if (v != V) return err.fail(error::bad_literal, "expected " + std::to_string(V));
        return true;
    }
    static void to_value(boost::json::value& jv, int_literal<V>) { jv = V; }
};

/// Boolean literal: exactly `true` or `false`.
template <bool V>
struct codec<bool_literal<V>> {
    static void encode(writer& w, bool_literal<V>) { w.boolean(V); }
    template <class Value>
    static bool decode(Value& jv, bool_literal<V>&, decode_error& err) {
        bool v = false;
        if (!codec<bool>::decode(jv, v, err)) return false;
        if (v != V) return err.fail(error::bad_literal, V ? "expected true" : "expected false");
        return true;
    }
    static void to_value(boost::json::value& jv, bool_literal<V>) { jv = V; }
};

namespace detail {
template <class E>
concept wire_enum = std::is_enum_v<E> && requires(E e) {
    { wire_values(e) } -> std::convertible_to<std::span<std::string_view const>>;
};

inline std::string one_of_message(std::span<std::string_view const> values) {
    std::string m = "expected one of ";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) m += ", ";
        m.append("\"").append(values[i]).append("\"");
    }
    return m;
}
}  // namespace detail

/// Enumerations (generated: `wire_values(E)` lists the wire strings in enumerator order).
template <class E>
struct codec<E, std::enable_if_t<detail::wire_enum<E>>> {
    static std::string_view wire(E v) noexcept {
        return wire_values(E{})[static_cast<std::size_t>(v)];
    }
    static void encode(writer& w, E v) { w.string(wire(v)); }
    static bool decode(od::value& jv, E& out, decode_error& err) {
        std::string_view s;
        if (!detail::get_string(jv, s, err, detail::one_of_message(wire_values(E{})))) return false;
        return from(s, out, err);
    }
    static bool decode(boost::json::value const& jv, E& out, decode_error& err) {
        auto const* s = jv.if_string();
        if (!s) return err.fail(error::wrong_type, detail::one_of_message(wire_values(E{})));
        return from(std::string_view(*s), out, err);
    }
    static void to_value(boost::json::value& jv, E v) { jv = boost::json::string_view(wire(v)); }

private:
    static bool from(std::string_view s, E& out, decode_error& err) {
        auto const values = wire_values(E{});
        for (std::size_t i = 0; i < values.size(); ++i)
            if (values[i] == s) {
                out = static_cast<E>(i);
                return true;
            }
        return err.fail(error::bad_enum, detail::one_of_message(values));
    }
};

/// boost::json::value (schema `json`): any JSON value, kept as is.
template <>
struct codec<boost::json::value> {
    static void encode(writer& w, boost::json::value const& v);
    static bool decode(od::value& jv, boost::json::value& out, decode_error& err);
    static bool decode(boost::json::value const& jv, boost::json::value& out, decode_error&) {
        out = jv;
        return true;
    }
    static void to_value(boost::json::value& jv, boost::json::value const& v) { jv = v; }
};

inline void codec<boost::json::value>::encode(writer& w, boost::json::value const& v) {
    switch (v.kind()) {
        case boost::json::kind::null:
            w.null();
            return;
        case boost::json::kind::bool_:
            w.boolean(v.get_bool());
            return;
        case boost::json::kind::int64:
            w.integer(v.get_int64());
            return;
        case boost::json::kind::uint64:
            w.uinteger(v.get_uint64());
            return;
        case boost::json::kind::double_:
            w.number(v.get_double());
            return;
        case boost::json::kind::string:
            w.string(v.get_string());
            return;
        case boost::json::kind::array: {
            w.raw('[');
            bool first = true;
            for (auto const& e : v.get_array()) {
                if (!first) w.raw(',');
                first = false;
                encode(w, e);
            }
            w.raw(']');
            return;
        }
        case boost::json::kind::object: {
            auto const mark = w.open_object();
            for (auto const& kv : v.get_object()) {
                w.raw(',');
                w.string(kv.key());
                w.raw(':');
                encode(w, kv.value());
            }
            w.close_object(mark);
            return;
        }
    }
}

inline bool codec<boost::json::value>::decode(od::value& jv, boost::json::value& out,
                                              decode_error& err) {
    od::json_type t;
    if (auto e = jv.type().get(t)) return detail::fail(e, err, "expected JSON");
    switch (t) {
        case od::json_type::null: {
            bool is_null = false;
            if (auto e = jv.is_null().get(is_null)) return detail::fail(e, err, "expected null");
            if (!is_null) return err.fail(error::syntax, "expected null");
            out = nullptr;
            return true;
        }
        case od::json_type::boolean: {
            bool b = false;
            if (auto e = jv.get_bool().get(b)) return detail::fail(e, err, "expected boolean");
            out = b;
            return true;
        }
        case od::json_type::number: {
            od::number n;
            if (auto e = jv.get_number().get(n)) return detail::fail(e, err, "expected number");
            if (n.is_int64())
                out = n.get_int64();
            else if (n.is_uint64())
                out = n.get_uint64();
            else
                out = n.get_double();
            return true;
        }
        case od::json_type::string: {
            std::string_view s;
            if (auto e = jv.get_string().get(s)) return detail::fail(e, err, "expected string");
            out = boost::json::string_view(s);
            return true;
        }
        case od::json_type::array: {
            od::array a;
            if (auto e = jv.get_array().get(a)) return detail::fail(e, err, "expected array");
            auto& arr = out.emplace_array();
            std::size_t i = 0;
            for (auto item : a) {
                od::value v;
                if (auto e = item.get(v)) return detail::fail(e, err, "expected JSON");
                if (!decode(v, arr.emplace_back(nullptr), err)) return err.in_index(i);
                ++i;
            }
            return true;
        }
        case od::json_type::object: {
            od::object o;
            if (auto e = jv.get_object().get(o)) return detail::fail(e, err, "expected object");
            auto& obj = out.emplace_object();
            for (auto field : o) {
                std::string_view key;
                if (auto e = field.unescaped_key().get(key))
                    return detail::fail(e, err, "expected key");
                std::string k(key);
                od::value v;
                if (auto e = field.value().get(v)) return detail::fail(e, err, "expected JSON");
                if (!decode(v, obj[k], err)) return err.in_field(k);
            }
            return true;
        }
    }
    return err.fail(error::syntax, "unknown JSON value");
}

// ---------------------------------------------------------------------------------------------
// Wrappers and containers.

/// std::optional<T>: inside structs an absent key (handled by the struct codec); standalone
/// (e.g. an omitted trailing argument) an empty optional encodes as `null`.
template <class T>
struct codec<std::optional<T>> {
    static void encode(writer& w, std::optional<T> const& v) {
        if (v)
            codec<T>::encode(w, *v);
        else
            w.null();
    }
    template <class Value>
    static bool decode(Value& jv, std::optional<T>& out, decode_error& err) {
        return codec<T>::decode(jv, out.emplace(), err);
    }
    static void to_value(boost::json::value& jv, std::optional<T> const& v) {
        if (v)
            codec<T>::to_value(jv, *v);
        else
            jv = nullptr;
    }
};

/// nullable<T>: `null` or a T.
template <class T>
struct codec<nullable<T>> {
    static void encode(writer& w, nullable<T> const& v) {
        if (v)
            codec<T>::encode(w, *v);
        else
            w.null();
    }
    static bool decode(od::value& jv, nullable<T>& out, decode_error& err) {
        bool is_null = false;
        if (jv.is_null().get(is_null) == simdjson::SUCCESS && is_null) {
            out = nullptr;
            return true;
        }
        return codec<T>::decode(jv, out.emplace(), err);
    }
    static bool decode(boost::json::value const& jv, nullable<T>& out, decode_error& err) {
        if (jv.is_null()) {
            out = nullptr;
            return true;
        }
        return codec<T>::decode(jv, out.emplace(), err);
    }
    static void to_value(boost::json::value& jv, nullable<T> const& v) {
        if (v)
            codec<T>::to_value(jv, *v);
        else
            jv = nullptr;
    }
};

/// std::vector<T>: a JSON array.
template <class T, class A>
struct codec<std::vector<T, A>> {
    static void encode(writer& w, std::vector<T, A> const& v) {
        w.raw('[');
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) w.raw(',');
            codec<T>::encode(w, v[i]);
        }
        w.raw(']');
    }
    static bool decode(od::value& jv, std::vector<T, A>& out, decode_error& err) {
        od::array a;
        if (auto e = jv.get_array().get(a)) return detail::fail(e, err, "expected array");
        if (out.capacity() == 0) {
            // A fresh vector: one exact allocation instead of growing (counting skips over the
            // items' structural positions, far cheaper than reallocating and moving).
            std::size_t n = 0;
            if (auto e = a.count_elements().get(n)) return detail::fail(e, err, "expected array");
            out.reserve(n);
        }
        std::size_t i = 0;
        for (auto item : a) {
            od::value v;
            if (auto e = item.get(v)) return detail::fail(e, err, "expected array item");
            if (!decode_item(v, out, i, err)) return err.in_index(i);
            ++i;
        }
        out.resize(i);
        return true;
    }
    static bool decode(boost::json::value const& jv, std::vector<T, A>& out, decode_error& err) {
        auto const* a = jv.if_array();
        if (!a) return err.fail(error::wrong_type, "expected array");
        out.reserve(a->size());
        for (std::size_t i = 0; i < a->size(); ++i)
            if (!decode_item((*a)[i], out, i, err)) return err.in_index(i);
        out.resize(a->size());
        return true;
    }

private:
    // Item i, into the existing element (reusing its capacity) when there is one.
    template <class Value>
    static bool decode_item(Value& jv, std::vector<T, A>& out, std::size_t i, decode_error& err) {
        if constexpr (std::is_same_v<T, bool>) {  // std::vector<bool> has no bool&
            bool b = false;
            if (!codec<bool>::decode(jv, b, err)) return false;
            if (i < out.size())
                out[i] = b;
            else
                out.push_back(b);
            return true;
        } else
            return codec<T>::decode(jv, i < out.size() ? out[i] : out.emplace_back(), err);
    }

public:
    static void to_value(boost::json::value& jv, std::vector<T, A> const& v) {
        auto& a = jv.emplace_array();
        a.reserve(v.size());
        for (auto const& e : v) codec<T>::to_value(a.emplace_back(nullptr), e);
    }
};

/// std::map<std::string, T>: a JSON object used as a dictionary.
template <class T, class C, class A>
struct codec<std::map<std::string, T, C, A>> {
    using map_type = std::map<std::string, T, C, A>;
    static void encode(writer& w, map_type const& v) {
        auto const mark = w.open_object();
        for (auto const& [k, e] : v) {
            w.raw(',');
            w.string(k);
            w.raw(':');
            codec<T>::encode(w, e);
        }
        w.close_object(mark);
    }
    static bool decode(od::value& jv, map_type& out, decode_error& err) {
        od::object o;
        if (auto e = jv.get_object().get(o)) return detail::fail(e, err, "expected object");
        out.clear();
        for (auto field : o) {
            std::string_view key;
            if (auto e = field.unescaped_key().get(key))
                return detail::fail(e, err, "expected key");
            std::string k(key);
            od::value v;
            if (auto e = field.value().get(v)) return detail::fail(e, err, "expected value");
            if (!codec<T>::decode(v, out[k], err)) return err.in_field(k);
        }
        return true;
    }
    static bool decode(boost::json::value const& jv, map_type& out, decode_error& err) {
        auto const* o = jv.if_object();
        if (!o) return err.fail(error::wrong_type, "expected object");
        out.clear();
        for (auto const& kv : *o) {
            std::string k(kv.key());
            if (!codec<T>::decode(kv.value(), out[k], err)) return err.in_field(k);
        }
        return true;
    }
    static void to_value(boost::json::value& jv, map_type const& v) {
        auto& o = jv.emplace_object();
        o.reserve(v.size());
        for (auto const& [k, e] : v) codec<T>::to_value(o[k], e);
    }
};

namespace detail {
inline bool fail_arity(std::size_t n, decode_error& err) {
    return err.fail(error::bad_arity, "expected " + std::to_string(n) + " items");
}
}  // namespace detail

/// std::tuple<T...>: a JSON array of exactly sizeof...(T) items, one type per position.
template <class... T>
struct codec<std::tuple<T...>> {
    static constexpr std::size_t n = sizeof...(T);
    static void encode(writer& w, std::tuple<T...> const& v) {
        w.raw('[');
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            ((I ? w.raw(',') : void(), codec<T>::encode(w, std::get<I>(v))), ...);
        }
        (std::index_sequence_for<T...>{});
        w.raw(']');
    }
    static bool decode(od::value& jv, std::tuple<T...>& out, decode_error& err) {
        od::array a;
        if (auto e = jv.get_array().get(a)) return detail::fail(e, err, "expected array");
        std::size_t i = 0;
        for (auto item : a) {
            od::value v;
            if (auto e = item.get(v)) return detail::fail(e, err, "expected array item");
            if (i == n) return detail::fail_arity(n, err);
            if (!decode_at(v, out, i, err)) return err.in_index(i);
            ++i;
        }
        return i == n || detail::fail_arity(n, err);
    }
    static bool decode(boost::json::value const& jv, std::tuple<T...>& out, decode_error& err) {
        auto const* a = jv.if_array();
        if (!a) return err.fail(error::wrong_type, "expected array");
        // Item by item, as the fast path streams them: an item error before an arity error.
        for (std::size_t i = 0; i < a->size(); ++i) {
            if (i == n) return detail::fail_arity(n, err);
            if (!decode_at((*a)[i], out, i, err)) return err.in_index(i);
        }
        return a->size() == n || detail::fail_arity(n, err);
    }
    static void to_value(boost::json::value& jv, std::tuple<T...> const& v) {
        auto& a = jv.emplace_array();
        a.reserve(n);
        std::apply(
            [&](auto const&... e) {
                (codec<std::decay_t<decltype(e)>>::to_value(a.emplace_back(nullptr), e), ...);
            },
            v);
    }

    /// Decodes item `i` of the tuple.
    template <class Value>
    static bool decode_at(Value& jv, std::tuple<T...>& out, std::size_t i, decode_error& err) {
        return [&]<std::size_t... I>(std::index_sequence<I...>) {
            bool ok = true;
            ((i == I ? (ok = codec<T>::decode(jv, std::get<I>(out), err), 0) : 0), ...);
            return ok;
        }
        (std::index_sequence_for<T...>{});
    }
};

// ---------------------------------------------------------------------------------------------
// Objects: helpers for generated struct codecs.

namespace detail {

// Index of `key` in `names`, trying `hint` first (fields usually arrive in schema order);
// names.size() when unknown.
inline std::size_t find_field(std::span<std::string_view const> names, std::string_view key,
                              std::size_t hint) noexcept {
    if (hint < names.size() && names[hint] == key) return hint;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == key) return i;
    return names.size();
}

inline constexpr std::size_t escaped_key = std::size_t(-1);

// True when the raw (still escaped) key at `raw` (just after its opening quote) is `name`.
// Stops at the first difference or the key's closing quote, so it never reads past the key.
inline bool raw_key_is(char const* raw, std::string_view name) noexcept {
    for (std::size_t i = 0; i < name.size(); ++i)
        if (raw[i] != name[i] || raw[i] == '"') return false;
    return raw[name.size()] == '"';
}

// find_field on a raw key: names.size() when unknown, escaped_key when the key has escapes
// (then it must be unescaped first).
inline std::size_t find_raw_field(std::span<std::string_view const> names, char const* raw,
                                  std::size_t hint) noexcept {
    if (hint < names.size() && raw_key_is(raw, names[hint])) return hint;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (raw_key_is(raw, names[i])) return i;
    for (char const* p = raw; *p != '"'; ++p)
        if (*p == '\\') return escaped_key;
    return names.size();
}

// A field name prepared for matching raw keys a word at a time: the name and its closing
// quote as little-endian 8-byte words (zero-padded; `mask` keeps the last word's bytes).
struct field_key {
    std::uint64_t word[3]{};
    std::uint64_t mask = 0;
    unsigned char words = 0;  // 0: longer than 23 bytes (or big-endian): compared bytewise
};

constexpr field_key make_field_key(std::string_view name) noexcept {
    field_key k;
    std::size_t const n = name.size() + 1;  // with the closing quote
    if (std::endian::native != std::endian::little || n > 24) return k;
    // A name with '"' or '\\' appears escaped in the input: the bytewise path handles it.
    if (name.find_first_of("\"\\") != std::string_view::npos) return k;
    for (std::size_t i = 0; i < n; ++i) {
        auto const c = static_cast<unsigned char>(i < name.size() ? name[i] : '"');
        k.word[i / 8] |= std::uint64_t{c} << (8 * (i % 8));
    }
    k.words = static_cast<unsigned char>((n + 7) / 8);
    std::size_t const rest = n - 8 * (k.words - 1);
    k.mask = rest == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * rest)) - 1;
    return k;
}

// True when the raw key at `raw` is `name`. Reads up to 24 bytes from `raw`: keys lie inside
// simdjson's padded input, which has `padding` (64) readable bytes after the document.
SOCKSPEC_CODEC_INLINE bool raw_key_is(char const* raw, field_key const& k,
                                      std::string_view name) noexcept {
    if (!k.words) [[unlikely]]
        return raw_key_is(raw, name);
    std::size_t const last = k.words - 1u;
    for (std::size_t i = 0; i < last; ++i) {
        std::uint64_t x;
        std::memcpy(&x, raw + 8 * i, 8);
        if (x != k.word[i]) return false;
    }
    std::uint64_t x;
    std::memcpy(&x, raw + 8 * last, 8);
    return (x & k.mask) == k.word[last];
}

}  // namespace detail

/// The field names of a generated struct, with their keys prepared for the fast path.
template <std::size_t N>
struct field_table {
    /// Prepares `n` (a static array: the table keeps a view of it).
    constexpr explicit field_table(std::string_view const (&n)[N]) noexcept : names(n) {
        for (std::size_t i = 0; i < N; ++i) keys[i] = detail::make_field_key(n[i]);
    }
    /// The wire names, in schema order.
    std::span<std::string_view const> names;
    /// `names` prepared for word-at-a-time matching against raw keys.
    std::array<detail::field_key, N> keys{};
};

namespace detail {
// find_raw_field with prepared keys.
inline std::size_t find_raw_field(std::span<std::string_view const> names, field_key const* keys,
                                  char const* raw, std::size_t hint) noexcept {
    if (hint < names.size() && raw_key_is(raw, keys[hint], names[hint])) return hint;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (raw_key_is(raw, keys[i], names[i])) return i;
    for (char const* p = raw; *p != '"'; ++p)
        if (*p == '\\') return escaped_key;
    return names.size();
}

template <class OnField>
bool read_fields_impl(od::value& jv, std::span<std::string_view const> names, field_key const* keys,
                      decode_error& err, OnField&& on_field) {
    od::object o;
    if (auto e = jv.get_object().get(o)) return detail::fail(e, err, "expected object");
    std::size_t hint = 0;
    for (auto item : o) {
        if (auto e = item.error()) return detail::fail(e, err, "expected key");
        od::field& field = item.value_unsafe();  // no copy
        char const* const raw = field.key().raw();
        // Fields usually arrive in schema order: the expected key is tried inline first.
        std::size_t i = keys && hint < names.size() && raw_key_is(raw, keys[hint], names[hint])
                            ? hint
                        : keys ? find_raw_field(names, keys, raw, hint)
                               : find_raw_field(names, raw, hint);
        if (i == escaped_key) {
            std::string_view key;
            if (auto e = field.unescaped_key().get(key))
                return detail::fail(e, err, "expected key");
            i = find_field(names, key, hint);
        }
        if (i == names.size()) continue;
        if (!on_field(i, field.value())) return err.in_field(names[i]);
        hint = i + 1;
    }
    return true;
}
}  // namespace detail

/// Iterates the members of a JSON object in document order and calls `on_field(i, value)` for
/// each key that is `names[i]`; unknown keys are skipped. On failure the path gets the key.
template <class OnField>
bool read_fields(od::value& jv, std::span<std::string_view const> names, decode_error& err,
                 OnField&& on_field) {
    return detail::read_fields_impl(jv, names, nullptr, err, on_field);
}
/// The same with prepared keys (what generated code passes).
template <std::size_t N, class OnField>
bool read_fields(od::value& jv, field_table<N> const& fields, decode_error& err,
                 OnField&& on_field) {
    return detail::read_fields_impl(jv, fields.names, fields.keys.data(), err, on_field);
}

/// The DOM counterpart of read_fields (same order, same errors).
template <class OnField>
bool read_fields(boost::json::value const& jv, std::span<std::string_view const> names,
                 decode_error& err, OnField&& on_field) {
    auto const* o = jv.if_object();
    if (!o) return err.fail(error::wrong_type, "expected object");
    std::size_t hint = 0;
    for (auto const& kv : *o) {
        std::size_t const i = detail::find_field(names, kv.key(), hint);
        if (i == names.size()) continue;
        if (!on_field(i, kv.value())) return err.in_field(names[i]);
        hint = i + 1;
    }
    return true;
}

/// The DOM counterpart with prepared keys (the DOM path compares the keys as strings).
template <std::size_t N, class OnField>
bool read_fields(boost::json::value const& jv, field_table<N> const& fields, decode_error& err,
                 OnField&& on_field) {
    return read_fields(jv, fields.names, err, on_field);
}

/// Fails with missing_field naming the first required field (bit i of `required`) not in `seen`.
inline bool check_required(std::uint64_t seen, std::uint64_t required,
                           std::span<std::string_view const> names, decode_error& err) {
    std::uint64_t const missing = required & ~seen;
    if (!missing) return true;
    std::size_t i = 0;
    while (!(missing >> i & 1)) ++i;
    err.fail(error::missing_field, "missing required field");
    return err.in_field(names[i]);
}

// ---------------------------------------------------------------------------------------------
// Constraint checks (generated validation calls these after decoding; both paths).

namespace detail {
SOCKSPEC_CODEC_NOINLINE inline bool fail_format(format f, decode_error& err) {
    return err.fail(error::bad_format, std::string("expected ").append(format_name(f)));
}
}  // namespace detail

/// `format`. Inlined so that a constant `f` selects its check at compile time.
SOCKSPEC_CODEC_INLINE bool check_format(std::string_view s, format f, decode_error& err) {
    return matches_format(f, s) || detail::fail_format(f, err);
}
/// `minLength`, in UTF-16 code units as JavaScript counts.
inline bool check_min_length(std::string_view s, std::size_t n, decode_error& err) {
    return utf16_length(s) >= n ||
           err.fail(error::bad_length, "expected at least " + std::to_string(n) + " characters");
}
/// `maxLength`, in UTF-16 code units as JavaScript counts.
inline bool check_max_length(std::string_view s, std::size_t n, decode_error& err) {
    return utf16_length(s) <= n ||
           err.fail(error::bad_length, "expected at most " + std::to_string(n) + " characters");
}
/// `pattern` (the whole string must match).
inline bool check_pattern(std::string_view s, pattern const& p, std::string_view source,
                          decode_error& err) {
    return p.matches(s) ||
           err.fail(error::pattern_mismatch, std::string("expected to match ").append(source));
}

namespace detail {
template <class T>
std::string bound_text(T b) {
    if constexpr (std::is_floating_point_v<T>) {
        char buf[32];
        return std::string(buf, format_number(b, buf));
    } else
        return std::to_string(b);
}
template <class T>
constexpr auto plain(T v) noexcept {
    if constexpr (requires { v.value; })
        return v.value;  // int_string
    else
        return v;
}
template <class A, class B>
constexpr bool less(A a, B b) noexcept {
    if constexpr (std::is_integral_v<A> && std::is_integral_v<B>)
        return std::cmp_less(a, b);
    else
        return a < b;
}
}  // namespace detail

/// `minimum` (inclusive).
template <class T, class B>
bool check_minimum(T const& v, B bound, decode_error& err) {
    return !detail::less(detail::plain(v), bound) ||
           err.fail(error::out_of_range, "expected at least " + detail::bound_text(bound));
}
/// `maximum` (inclusive).
template <class T, class B>
bool check_maximum(T const& v, B bound, decode_error& err) {
    return !detail::less(bound, detail::plain(v)) ||
           err.fail(error::out_of_range, "expected at most " + detail::bound_text(bound));
}
/// `minItems`.
template <class C>
bool check_min_items(C const& c, std::size_t n, decode_error& err) {
    return c.size() >= n ||
           err.fail(error::bad_length, "expected at least " + std::to_string(n) + " items");
}
/// `maxItems`.
template <class C>
bool check_max_items(C const& c, std::size_t n, decode_error& err) {
    return c.size() <= n ||
           err.fail(error::bad_length, "expected at most " + std::to_string(n) + " items");
}
/// Checks every item of an array; the path gets the failing index.
template <class C, class Check>
bool check_each(C const& c, decode_error& err, Check&& check) {
    for (std::size_t i = 0; i < c.size(); ++i)
        if (!check(c[i])) return err.in_index(i);
    return true;
}
/// Checks every value of a map; the path gets the failing key.
template <class M, class Check>
bool check_values(M const& m, decode_error& err, Check&& check) {
    for (auto const& [k, v] : m)
        if (!check(v)) return err.in_field(k);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Documents: decoding JSON text (fast path) and argument lists.

namespace detail {

// One parser per thread, reused: its buffers grow to the largest document seen.
inline od::parser& thread_parser() {
    thread_local od::parser p;
    return p;
}

// Copies `json` into a per-thread buffer with simdjson's padding.
inline simdjson::padded_string_view pad(std::string_view json) {
    thread_local std::string buf;
    buf.reserve(json.size() + padding);
    buf.assign(json);
    return simdjson::padded_string_view(buf.data(), buf.size(), buf.capacity());
}

// Runs `f(value)` on the root of `json`, which must be one array or object, then checks that
// nothing follows it.
template <class F>
bool with_root(simdjson::padded_string_view json, decode_error& err, F&& f) {
    od::document doc;
    if (auto e = thread_parser().iterate(json).get(doc)) return fail(e, err, "");
    od::value root;
    if (auto e = doc.get_value().get(root)) {
        if (e == simdjson::SCALAR_DOCUMENT_AS_VALUE)
            return err.fail(error::wrong_type, "expected array or object");
        return fail(e, err, "expected array or object");
    }
    if (!f(root)) return false;
    char const* loc = nullptr;
    if (doc.current_location().get(loc) != simdjson::OUT_OF_BOUNDS)
        return err.fail(error::syntax, "trailing content after JSON value");
    return true;
}

// Wraps a scalar root in brackets so that it can be read as an array item.
inline simdjson::padded_string_view pad_wrapped(std::string_view json) {
    thread_local std::string buf;
    buf.reserve(json.size() + 2 + padding);
    buf.assign(1, '[');
    buf.append(json);
    buf.push_back(']');
    return simdjson::padded_string_view(buf.data(), buf.size(), buf.capacity());
}

template <class T>
bool decode_scalar_root(std::string_view json, T& out, decode_error& err) {
    return with_root(pad_wrapped(json), err, [&](od::value& root) {
        od::array a;
        if (auto e = root.get_array().get(a)) return fail(e, err, "");
        std::size_t n = 0;
        for (auto item : a) {
            od::value v;
            if (auto e = item.get(v)) return fail(e, err, "");
            if (n++) return err.fail(error::syntax, "trailing content after JSON value");
            if (!codec<T>::decode(v, out, err)) return false;
        }
        return n == 1 || err.fail(error::syntax, "empty input");
    });
}

template <class T>
bool decode_root(simdjson::padded_string_view json, T& out, decode_error& err) {
    // simdjson On-Demand cannot treat a scalar document as a value; wrap those (rare).
    std::size_t i = 0;
    while (i < json.size() &&
           (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t'))
        ++i;
    if (i < json.size() && json[i] != '{' && json[i] != '[')
        return decode_scalar_root(json, out, err);
    return with_root(json, err, [&](od::value& root) { return codec<T>::decode(root, out, err); });
}

}  // namespace detail

/// Fast path: decodes JSON text into `out` without a DOM. `json` must have
/// sockspec::codec::padding (64) readable bytes after its end (a std::string with that much
/// spare capacity: `simdjson::padded_string_view(str)`); nothing is copied. Never throws.
template <class T>
bool decode(simdjson::padded_string_view json, T& out, decode_error& err) {
    return detail::decode_root(json, out, err);
}

/// Fast path: decodes JSON text into `out`. Copies the text into a per-thread padded buffer
/// first; use the padded_string_view overload (or decode(std::string const&...)) to avoid that.
template <class T>
bool decode(std::string_view json, T& out, decode_error& err) {
    return detail::decode_root(detail::pad(json), out, err);
}

/// Fast path: decodes a std::string, without a copy when its spare capacity is at least
/// `padding` (reserve size + sockspec::codec::padding when filling it).
template <class T>
bool decode(std::string const& json, T& out, decode_error& err) {
    if (json.capacity() - json.size() >= padding)
        return detail::decode_root(
            simdjson::padded_string_view(json.data(), json.size(), json.capacity()), out, err);
    return detail::decode_root(detail::pad(json), out, err);
}

/// The same, for a C string.
template <class T>
bool decode(char const* json, T& out, decode_error& err) {
    return decode(std::string_view(json), out, err);
}

// ---------------------------------------------------------------------------------------------
// Argument lists: the Socket.IO `[arg0, arg1, ...]` array of an event or an ack.

namespace detail {

template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

template <class T>
bool is_empty_optional(T const&) noexcept {
    return false;
}
template <class T>
bool is_empty_optional(std::optional<T> const& o) noexcept {
    return !o;
}

// How many arguments to write: trailing empty optionals are omitted.
template <class... T>
std::size_t present_args(std::tuple<T...> const& args) noexcept {
    std::size_t n = 0, i = 0;
    std::apply([&](auto const&... a) { ((++i, is_empty_optional(a) ? void() : void(n = i)), ...); },
               args);
    return n;
}

// How many leading arguments are required (not std::optional).
template <class... T>
constexpr std::size_t required_args(std::tuple<T...> const*) noexcept {
    std::size_t n = 0, i = 0;
    ((++i, is_optional_v<T> ? void() : void(n = i)), ...);
    return n;
}

// What decoding an argument array needs besides the types: names for paths, the leg's
// constraint check, and how many leading items to skip.
template <class Tuple>
struct args_info {
    std::span<std::string_view const> names;
    bool (*check)(Tuple const&, decode_error&) = nullptr;
    std::size_t skip = 0;
};

inline bool in_arg(std::span<std::string_view const> names, std::size_t i, decode_error& err) {
    return i < names.size() ? err.in_field(names[i]) : err.in_index(i);
}

// After the items: every required argument present, then the leg's constraints.
template <class Tuple>
bool finish_args(std::size_t seen, Tuple& out, args_info<Tuple> const& info, decode_error& err) {
    if (seen < required_args(static_cast<Tuple const*>(nullptr))) {
        err.fail(error::missing_field, "missing argument");
        return in_arg(info.names, seen, err);
    }
    return !info.check || info.check(out, err);
}

// Trailing optional arguments may be absent; extra items are ignored (as JavaScript does).
template <class... T>
bool decode_args_impl(simdjson::padded_string_view json, std::tuple<T...>& out,
                      args_info<std::tuple<T...>> const& info, decode_error& err) {
    using tuple = std::tuple<T...>;
    return with_root(json, err, [&](od::value& root) {
        od::array a;
        if (auto e = root.get_array().get(a)) return fail(e, err, "expected array");
        std::size_t i = 0, seen = 0;
        for (auto item : a) {
            od::value v;
            if (auto e = item.get(v)) return fail(e, err, "expected array item");
            if (i++ < info.skip || seen >= sizeof...(T)) continue;
            if (!codec<tuple>::decode_at(v, out, seen, err)) return in_arg(info.names, seen, err);
            ++seen;
        }
        return finish_args(seen, out, info, err);
    });
}

template <class... T>
bool decode_args_impl(boost::json::value const& jv, std::tuple<T...>& out,
                      args_info<std::tuple<T...>> const& info, decode_error& err) {
    using tuple = std::tuple<T...>;
    auto const* a = jv.if_array();
    if (!a) return err.fail(error::wrong_type, "expected array");
    std::size_t seen = 0;
    for (std::size_t i = info.skip; i < a->size() && seen < sizeof...(T); ++i, ++seen)
        if (!codec<tuple>::decode_at((*a)[i], out, seen, err)) return in_arg(info.names, seen, err);
    return finish_args(seen, out, info, err);
}

template <class L, class Tuple>
args_info<Tuple> leg_info(std::size_t skip) {
    args_info<Tuple> info;
    info.names = L::arg_names;
    if constexpr (requires(Tuple const& t, decode_error& e) { L::check_args(t, e); })
        info.check = &L::check_args;
    info.skip = skip;
    return info;
}

template <class L, class Tuple>
args_info<Tuple> ack_info() {
    args_info<Tuple> info;
    info.names = L::ack_names;
    if constexpr (requires(Tuple const& t, decode_error& e) { L::check_ack(t, e); })
        info.check = &L::check_ack;
    return info;
}

}  // namespace detail

/// Fast path: appends the argument array `[a0,a1,...]`. Trailing empty optionals are omitted.
template <class... T>
void encode_args(writer& w, std::tuple<T...> const& args) {
    std::size_t const n = detail::present_args(args);
    w.raw('[');
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((I < n ? ((I ? w.raw(',') : void()), codec<T>::encode(w, std::get<I>(args))) : void()),
         ...);
    }
    (std::index_sequence_for<T...>{});
    w.raw(']');
}

/// Fast path: the argument array as JSON text.
template <class... T>
std::string encode_args(std::tuple<T...> const& args) {
    std::string out;
    {
        writer w(out);
        encode_args(w, args);
    }
    return out;
}

/// DOM path: the argument array as a Boost.JSON array (trailing empty optionals omitted).
template <class... T>
boost::json::value args_to_value(std::tuple<T...> const& args) {
    std::size_t const n = detail::present_args(args);
    boost::json::value jv;
    auto& a = jv.emplace_array();
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((I < n ? codec<T>::to_value(a.emplace_back(nullptr), std::get<I>(args)) : void()), ...);
    }
    (std::index_sequence_for<T...>{});
    return jv;
}

/// Fast path: decodes an argument array into a tuple (paths `[i]`). `skip` leading items are
/// ignored (1 for a Socket.IO event array `["name", args...]`). Trailing std::optional
/// arguments may be absent; extra items are ignored.
template <class... T>
bool decode_args(simdjson::padded_string_view json, std::tuple<T...>& out, decode_error& err,
                 std::size_t skip = 0) {
    detail::args_info<std::tuple<T...>> info;
    info.skip = skip;
    return detail::decode_args_impl(json, out, info, err);
}
/// The same, copying `json` into a padded buffer first.
template <class... T>
bool decode_args(std::string_view json, std::tuple<T...>& out, decode_error& err,
                 std::size_t skip = 0) {
    return decode_args(detail::pad(json), out, err, skip);
}
/// DOM path: decodes a Boost.JSON argument array into a tuple. (Json is boost::json::value:
/// the template keeps string literals away from value's converting constructors.)
template <class Json, class... T>
requires std::same_as<Json, boost::json::value>
bool decode_args(Json const& jv, std::tuple<T...>& out, decode_error& err, std::size_t skip = 0) {
    detail::args_info<std::tuple<T...>> info;
    info.skip = skip;
    return detail::decode_args_impl(jv, out, info, err);
}

/// Fast path: decodes the arguments of leg `Leg` (a generated `E::client_to_server` or
/// `E::server_to_client`): paths start with the argument name, and the leg's constraints
/// (formats, ranges on scalar arguments) are checked.
template <class Leg>
bool decode_args(simdjson::padded_string_view json, typename Leg::args& out, decode_error& err,
                 std::size_t skip = 0) {
    return detail::decode_args_impl(json, out, detail::leg_info<Leg, typename Leg::args>(skip),
                                    err);
}
/// The same, copying `json` into a padded buffer first.
template <class Leg>
bool decode_args(std::string_view json, typename Leg::args& out, decode_error& err,
                 std::size_t skip = 0) {
    return decode_args<Leg>(detail::pad(json), out, err, skip);
}
/// DOM path: decodes the arguments of leg `Leg`.
template <class Leg, class Json>
requires std::same_as<Json, boost::json::value>
bool decode_args(Json const& jv, typename Leg::args& out, decode_error& err, std::size_t skip = 0) {
    return detail::decode_args_impl(jv, out, detail::leg_info<Leg, typename Leg::args>(skip), err);
}

/// Fast path: decodes the ack arguments of leg `Leg` (which has an ack).
template <class Leg>
bool decode_ack(simdjson::padded_string_view json, typename Leg::ack& out, decode_error& err) {
    return detail::decode_args_impl(json, out, detail::ack_info<Leg, typename Leg::ack>(), err);
}
/// The same, copying `json` into a padded buffer first.
template <class Leg>
bool decode_ack(std::string_view json, typename Leg::ack& out, decode_error& err) {
    return decode_ack<Leg>(detail::pad(json), out, err);
}
/// DOM path: decodes the ack arguments of leg `Leg`.
template <class Leg, class Json>
requires std::same_as<Json, boost::json::value>
bool decode_ack(Json const& jv, typename Leg::ack& out, decode_error& err) {
    return detail::decode_args_impl(jv, out, detail::ack_info<Leg, typename Leg::ack>(), err);
}

}  // namespace sockspec::codec
