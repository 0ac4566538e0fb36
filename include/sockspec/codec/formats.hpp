// sockspec/codec/formats.hpp: the string formats and string constraints of the schema language
// (docs/schema-language.md, "Formats"). Pure functions; no allocation except pattern matching.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <regex>
#include <string_view>
#include <type_traits>

namespace sockspec::codec {

/// A string `format` of the schema language.
enum class format { object_id, date_time, uuid, uri, email, color };

/// The schema spelling of `f` ("object-id").
constexpr std::string_view format_name(format f) noexcept {
    switch (f) {
        case format::object_id:
            return "object-id";
        case format::date_time:
            return "date-time";
        case format::uuid:
            return "uuid";
        case format::uri:
            return "uri";
        case format::email:
            return "email";
        case format::color:
            return "color";
    }
    return "?";
}

namespace detail {
inline constexpr auto hex_table = [] {
    struct t {
        bool v[256]{};
    } r;
    for (int c = 0; c < 256; ++c)
        r.v[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    return r;
}();
constexpr bool is_hex(char c) noexcept {
    return hex_table.v[static_cast<unsigned char>(c)];
}
constexpr bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}
// 8 bytes at once: every byte is an ASCII hex digit (SWAR range checks; no carries between
// bytes because each is below 0x80 when the result counts).
constexpr bool hex8(std::uint64_t x) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    auto const in_range = [&](std::uint64_t v, std::uint64_t lo, std::uint64_t hi) {
        return (v + (0x80 - lo) * ones) & ~(v + (0x7F - hi) * ones) & high;
    };
    std::uint64_t const lower = x | (0x20 * ones);
    return !(x & high) && (in_range(x, '0', '9') | in_range(lower, 'a', 'f')) == high;
}
constexpr bool all_hex(std::string_view s) noexcept {
    std::size_t i = 0;
    if (!std::is_constant_evaluated())
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t x;
            std::memcpy(&x, s.data() + i, 8);
            if (!hex8(x)) return false;
        }
    bool ok = true;
    for (; i < s.size(); ++i) ok &= is_hex(s[i]);
    return ok;
}
// Reads exactly `n` digits at `s[pos]`; -1 when they are not all digits.
constexpr int digits(std::string_view s, std::size_t pos, std::size_t n) noexcept {
    if (pos + n > s.size()) return -1;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!is_digit(s[pos + i])) return -1;
        v = v * 10 + (s[pos + i] - '0');
    }
    return v;
}
}  // namespace detail

namespace detail {
inline std::uint64_t load8(char const* p) noexcept {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    return x;
}
// Two 4-byte runs in one word (hex8 checks bytes independently, so their order is irrelevant).
inline std::uint64_t load4x2(char const* p, char const* q) noexcept {
    std::uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, q, 4);
    return a | std::uint64_t{b} << 32;
}
}  // namespace detail

/// 24 hexadecimal digits (a MongoDB ObjectId).
constexpr bool is_object_id(std::string_view s) noexcept {
    if (s.size() != 24) return false;
    if (std::is_constant_evaluated()) return detail::all_hex(s);
    char const* const p = s.data();
    return detail::hex8(detail::load8(p)) & detail::hex8(detail::load8(p + 8)) &
           detail::hex8(detail::load8(p + 16));
}

/// 8-4-4-4-12 hexadecimal digits.
constexpr bool is_uuid(std::string_view s) noexcept {
    if (s.size() != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') return false;
    if (std::is_constant_evaluated())
        return detail::all_hex(s.substr(0, 8)) && detail::all_hex(s.substr(9, 4)) &&
               detail::all_hex(s.substr(14, 4)) && detail::all_hex(s.substr(19, 4)) &&
               detail::all_hex(s.substr(24, 12));
    char const* const p = s.data();
    return detail::hex8(detail::load8(p)) & detail::hex8(detail::load4x2(p + 9, p + 14)) &
           detail::hex8(detail::load4x2(p + 19, p + 24)) & detail::hex8(detail::load8(p + 28));
}

/// CSS hex color `#rgb` or `#rrggbb`.
constexpr bool is_color(std::string_view s) noexcept {
    return (s.size() == 4 || s.size() == 7) && s[0] == '#' && detail::all_hex(s.substr(1));
}

/// `local@domain`: one '@', both sides non-empty, no whitespace or control characters.
constexpr bool is_email(std::string_view s) noexcept {
    auto const at = s.find('@');
    if (at == 0 || at == std::string_view::npos || at + 1 == s.size()) return false;
    if (s.find('@', at + 1) != std::string_view::npos) return false;
    for (char c : s)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return false;
    return true;
}

/// An absolute URI: `scheme:` (RFC 3986 scheme) then at least one character, no whitespace or
/// control characters.
constexpr bool is_uri(std::string_view s) noexcept {
    auto const colon = s.find(':');
    if (colon == 0 || colon == std::string_view::npos || colon + 1 == s.size()) return false;
    auto const alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (!alpha(s[0])) return false;
    for (std::size_t i = 1; i < colon; ++i)
        if (!alpha(s[i]) && !detail::is_digit(s[i]) && s[i] != '+' && s[i] != '-' && s[i] != '.')
            return false;
    for (char c : s)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return false;
    return true;
}

/// RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)`; `T`/`Z` in either case;
/// real calendar dates (leap years), seconds up to 60 (leap second).
constexpr bool is_date_time(std::string_view s) noexcept {
    using detail::digits;
    if (s.size() < 20) return false;  // the shortest form is YYYY-MM-DDTHH:MM:SSZ
    // Two digits at s[i], s[i + 1] (in bounds: i + 1 < 20); -1 when they are not both digits.
    auto const d2 = [&](std::size_t i) {
        unsigned const a = static_cast<unsigned char>(s[i]) - unsigned{'0'},
                       b = static_cast<unsigned char>(s[i + 1]) - unsigned{'0'};
        return a < 10 && b < 10 ? static_cast<int>(a * 10 + b) : -1;
    };
    int const y1 = d2(0), y2 = d2(2), mo = d2(5), d = d2(8);
    if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || s[4] != '-' || s[7] != '-') return false;
    int const y = y1 * 100 + y2;
    bool const leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    constexpr int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d > mdays[mo - 1] + (mo == 2 && leap)) return false;
    if (s[10] != 'T' && s[10] != 't') return false;
    int const h = d2(11), mi = d2(14), sec = d2(17);
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60 || s[13] != ':' || s[16] != ':')
        return false;
    std::size_t i = 19;
    if (s[i] == '.') {
        std::size_t const start = ++i;
        while (i < s.size() && detail::is_digit(s[i])) ++i;
        if (i == start) return false;
    }
    if (i == s.size()) return false;
    if (s[i] == 'Z' || s[i] == 'z') return i + 1 == s.size();
    if (s[i] != '+' && s[i] != '-') return false;
    int const oh = digits(s, i + 1, 2), om = digits(s, i + 4, 2);
    return i + 6 == s.size() && oh >= 0 && oh <= 23 && om >= 0 && om <= 59 && s[i + 3] == ':';
}

/// True when `s` has format `f`.
constexpr bool matches_format(format f, std::string_view s) noexcept {
    switch (f) {
        case format::object_id:
            return is_object_id(s);
        case format::date_time:
            return is_date_time(s);
        case format::uuid:
            return is_uuid(s);
        case format::uri:
            return is_uri(s);
        case format::email:
            return is_email(s);
        case format::color:
            return is_color(s);
    }
    return false;
}

/// The length of UTF-8 `s` in UTF-16 code units: what JavaScript's `.length` says, which is
/// what `minLength` / `maxLength` count.
constexpr std::size_t utf16_length(std::string_view s) noexcept {
    std::size_t n = 0;
    for (char ch : s) {
        auto const c = static_cast<unsigned char>(ch);
        if ((c & 0xC0) != 0x80) ++n;  // a lead byte starts a code point
        if (c >= 0xF0) ++n;           // 4-byte sequences are surrogate pairs in UTF-16
    }
    return n;
}

/// A schema `pattern`, compiled once (ECMAScript grammar); the whole string must match.
/// A pattern std::regex cannot compile matches nothing (sockspec-gen validates patterns).
class pattern {
public:
    /// Compiles `source`. Never throws.
    explicit pattern(char const* source) noexcept {
        try {
            re_.assign(source, std::regex::ECMAScript | std::regex::optimize);
            ok_ = true;
        } catch (...) {
            ok_ = false;
        }
    }
    /// True when all of `s` matches. Never throws (a regex engine error is a mismatch).
    bool matches(std::string_view s) const noexcept {
        if (!ok_) return false;
        try {
            return std::regex_match(s.begin(), s.end(), re_);
        } catch (...) {
            return false;
        }
    }

private:
    std::regex re_;
    bool ok_ = false;
};

}  // namespace sockspec::codec
