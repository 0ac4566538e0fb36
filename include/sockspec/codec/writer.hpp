// sockspec/codec/writer.hpp: JSON text output exactly as JavaScript's JSON.stringify writes it.
//
// Numbers use the shortest round-trip digits (std::to_chars) laid out per ECMAScript
// Number::toString; strings are escaped as JSON.stringify escapes them. A JavaScript peer that
// parses and re-stringifies our output gets the same bytes.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__GNUC__)
#define SOCKSPEC_CODEC_INLINE inline __attribute__((always_inline))
#define SOCKSPEC_CODEC_NOINLINE __attribute__((noinline))
#else
#define SOCKSPEC_CODEC_INLINE inline
#define SOCKSPEC_CODEC_NOINLINE
#endif

namespace sockspec::codec {

/// Writes `v` as ECMAScript Number::toString does into `buf` (at least 32 bytes) and returns
/// the length. NaN and infinities are written `null` (what JSON.stringify writes); -0 is `0`.
inline std::size_t format_number(double v, char* buf) noexcept {
    if (!std::isfinite(v)) {
        std::memcpy(buf, "null", 4);
        return 4;
    }
    if (v == 0) {
        buf[0] = '0';
        return 1;
    }
    // Exact integers below 2^53 are their own shortest form.
    if (std::fabs(v) < 9007199254740992.0 && v == std::trunc(v))
        return std::to_chars(buf, buf + 32, static_cast<std::int64_t>(v)).ptr - buf;

    // Short decimals (coordinates, amounts): the fewest fractional digits k whose decimal
    // m / 10^k reads back as |v|. While |v| * 10^k < 2^51, 10^-k exceeds |v|'s ulp, so at most
    // one k-digit decimal reads back as |v|, and it is within 0.375 of t = |v| * 10^k (it is
    // within 0.25 of the exact product, t within 0.125): the integer nearest t if any (none
    // when t is within 0.125 of a tie), confirmed by the correctly rounded division. The
    // first k that works gives the shortest round-trip digits, which Number::toString writes
    // in fixed notation for 1e-6 <= |v| < 1e21. Longer decimals take the general path.
    if (double const a = std::fabs(v); a >= 1e-6) {
        static constexpr double p10[] = {1e0, 1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7, 1e8,
                                         1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16};
        for (int k = 1; k <= 16; ++k) {
            double const t = a * p10[k];
            if (!(t < 2251799813685248.0)) break;  // 2^51
            auto m = static_cast<std::uint64_t>(t);
            double const f = t - static_cast<double>(m);
            if (f > 0.375 && f < 0.625) continue;  // no k-digit decimal is close enough
            if (f >= 0.625) ++m;
            if (static_cast<double>(m) / p10[k] != a) continue;
            auto const scale = static_cast<std::uint64_t>(p10[k]);
            char* out = buf;
            if (v < 0) *out++ = '-';
            out = std::to_chars(out, buf + 32, m / scale).ptr;
            *out++ = '.';
            std::uint64_t frac = m % scale;  // k digits, the last one not 0 (k is minimal)
            for (int i = k; i-- > 0; frac /= 10) out[i] = static_cast<char>('0' + frac % 10);
            return out + k - buf;
        }
    }

    // Shortest round-trip digits in scientific form: "-d.ddde+XX".
    char sci[40];
    char* end = std::to_chars(sci, sci + sizeof sci, v, std::chars_format::scientific).ptr;
    char const* p = sci;
    char* out = buf;
    if (*p == '-') *out++ = *p++;
    char digits[20];
    int k = 0;
    for (; *p != 'e'; ++p)
        if (*p != '.') digits[k++] = *p;
    int exp10 = 0;
    std::from_chars(p + 1 + (p[1] == '+'), end, exp10);
    int const n = exp10 + 1;  // ECMAScript: value = 0.digits * 10^n

    if (k <= n && n <= 21) {
        out = std::copy_n(digits, k, out);
        out = std::fill_n(out, n - k, '0');
    } else if (0 < n && n <= 21) {
        out = std::copy_n(digits, n, out);
        *out++ = '.';
        out = std::copy_n(digits + n, k - n, out);
    } else if (-6 < n && n <= 0) {
        *out++ = '0';
        *out++ = '.';
        out = std::fill_n(out, -n, '0');
        out = std::copy_n(digits, k, out);
    } else {
        *out++ = digits[0];
        if (k > 1) {
            *out++ = '.';
            out = std::copy_n(digits + 1, k - 1, out);
        }
        *out++ = 'e';
        *out++ = n - 1 < 0 ? '-' : '+';
        out = std::to_chars(out, out + 8, n - 1 < 0 ? 1 - n : n - 1).ptr;
    }
    return out - buf;
}

/// Appends JSON text to a std::string, fast: the string is grown in large steps and written
/// through a raw pointer; its size is set to the text written when the writer is flushed.
/// Read the string only through str() (or after the writer is gone); not thread-safe.
class writer {
public:
    /// Appends to `out` (which keeps its current content).
    explicit writer(std::string& out) noexcept : out_(&out), pos_(out.size()) {}
    writer(writer const&) = delete;
    writer& operator=(writer const&) = delete;
    /// Flushes.
    ~writer() { flush(); }

    /// Trims the string to what was written.
    void flush() {
        if (out_->size() != pos_) out_->resize(pos_);
    }
    /// The string, flushed.
    std::string& str() {
        flush();
        return *out_;
    }
    /// Bytes written so far (including what the string held before).
    std::size_t size() const noexcept { return pos_; }

    /// Appends raw JSON text (punctuation, pre-escaped keys).
    SOCKSPEC_CODEC_INLINE void raw(std::string_view s) {
        std::memcpy(room(s.size()), s.data(), s.size());
        pos_ += s.size();
    }
    /// Appends one raw character.
    SOCKSPEC_CODEC_INLINE void raw(char c) {
        *room(1) = c;
        ++pos_;
    }

    /// `null`.
    void null() { raw("null"); }
    /// `true` / `false`.
    void boolean(bool b) { b ? raw("true") : raw("false"); }
    /// A signed integer, in decimal.
    void integer(std::int64_t v) {
        char* const p = room(24);
        pos_ = std::to_chars(p, p + 24, v).ptr - out_->data();
    }
    /// An unsigned integer, in decimal.
    void uinteger(std::uint64_t v) {
        char* const p = room(24);
        pos_ = std::to_chars(p, p + 24, v).ptr - out_->data();
    }
    /// A double, as JSON.stringify writes it (see format_number).
    void number(double v) { pos_ += format_number(v, room(32)); }
    /// A quoted string, escaped as JSON.stringify does: `"` `\` and \b \f \n \r \t by
    /// name, other control characters as \u00XX, lone surrogates (UTF-8 ED A0..BF xx) as
    /// \uDXXX; everything else, including UTF-8, passes through.
    void string(std::string_view s);

    /// Starts an object whose members are each written with a leading ',' (see close_object).
    std::size_t open_object() const noexcept { return pos_; }
    /// Ends an object started at `mark`: the first member's ',' becomes '{'.
    void close_object(std::size_t mark) {
        if (pos_ == mark)
            raw("{}");
        else {
            out_->data()[mark] = '{';
            raw('}');
        }
    }

private:
    // A pointer to at least `n` writable bytes at the current position.
    SOCKSPEC_CODEC_INLINE char* room(std::size_t n) {
        if (out_->size() - pos_ < n) [[unlikely]]
            grow(n);
        return out_->data() + pos_;
    }
    // Doubling, from 1 KiB: most payloads then need one allocation (resize zero-fills, which
    // costs less than a reallocation).
    SOCKSPEC_CODEC_NOINLINE void grow(std::size_t n) {
        out_->resize(std::max({out_->size() * 2, pos_ + n, std::size_t{1024}}));
    }
    void string_slow(std::string_view s);

    std::string* out_;
    std::size_t pos_;
};

namespace detail {
// True when one of the 8 bytes of `x` is < 0x20, '"', '\\' or 0xED (SWAR, no false negatives).
constexpr bool needs_escape8(std::uint64_t x) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    auto const zero = [](std::uint64_t v) { return (v - ones) & ~v & high; };
    return ((x - ones * 0x20) & ~x & high) | zero(x ^ (ones * '"')) | zero(x ^ (ones * '\\')) |
           zero(x ^ (ones * 0xED));
}

#if defined(__SSE2__)
// True when one of the 16 bytes needs an escape (< 0x20, '"', '\\', or 0xED).
SOCKSPEC_CODEC_INLINE bool needs_escape16(__m128i x) noexcept {
    __m128i const m = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))),
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(static_cast<char>(0xED))),
                     _mm_cmpeq_epi8(_mm_subs_epu8(x, _mm_set1_epi8(0x1F)), _mm_setzero_si128())));
    return _mm_movemask_epi8(m) != 0;
}
#endif

// Copies `n` bytes from `src` to `d` unless one needs an escape (then returns false, having
// written some of them). Works in blocks of 16, 8 or 4 bytes, the last block overlapping the
// previous one instead of reading past the end.
SOCKSPEC_CODEC_INLINE bool copy_clean(char* d, char const* src, std::size_t n) noexcept {
#if defined(__SSE2__)
    if (n >= 16) {
        auto const load = [&](std::size_t i) {
            return _mm_loadu_si128(reinterpret_cast<__m128i const*>(src + i));
        };
        std::size_t i = 0;
        for (; i + 16 <= n; i += 16) {
            __m128i const x = load(i);
            if (needs_escape16(x)) return false;
            _mm_storeu_si128(reinterpret_cast<__m128i*>(d + i), x);
        }
        if (i < n) {
            __m128i const x = load(n - 16);
            if (needs_escape16(x)) return false;
            _mm_storeu_si128(reinterpret_cast<__m128i*>(d + n - 16), x);
        }
        return true;
    }
#endif
    if (n >= 8) {
        std::uint64_t x;
        std::size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            std::memcpy(&x, src + i, 8);
            if (needs_escape8(x)) return false;
            std::memcpy(d + i, &x, 8);
        }
        std::memcpy(&x, src + n - 8, 8);
        if (needs_escape8(x)) return false;
        std::memcpy(d + n - 8, &x, 8);
        return true;
    }
    if (n >= 4) {
        std::uint32_t a, b;
        std::memcpy(&a, src, 4);
        std::memcpy(&b, src + n - 4, 4);
        if (needs_escape8(a | std::uint64_t{b} << 32)) return false;
        std::memcpy(d, &a, 4);
        std::memcpy(d + n - 4, &b, 4);
        return true;
    }
    for (std::size_t i = 0; i < n; ++i) {
        auto const c = static_cast<unsigned char>(src[i]);
        if (c < 0x20 || c == '"' || c == '\\' || c == 0xED) return false;
        d[i] = src[i];
    }
    return true;
}
}  // namespace detail

inline void writer::string(std::string_view s) {
    // Most strings need no escape: checked and copied in one pass.
    std::size_t const n = s.size();
    char* const p = room(n + 2);
    if (!detail::copy_clean(p + 1, s.data(), n)) return string_slow(s);
    p[0] = '"';
    p[n + 1] = '"';
    pos_ += n + 2;
}

inline void writer::string_slow(std::string_view s) {
    // 0: passes through; 1: needs an escape; 2: 0xED, may start a lone surrogate.
    static constexpr auto table = [] {
        struct t {
            unsigned char v[256]{};
        } r;
        for (int c = 0; c < 0x20; ++c) r.v[c] = 1;
        r.v['"'] = r.v['\\'] = 1;
        r.v[0xED] = 2;
        return r;
    }();
    static constexpr char hex[] = "0123456789abcdef";
    raw('"');
    char const* p = s.data();
    char const* const end = p + s.size();
    char const* run = p;
    while (p != end) {
        if (end - p >= 8) {
            std::uint64_t x;
            std::memcpy(&x, p, 8);
            if (!detail::needs_escape8(x)) {
                p += 8;
                continue;
            }
        }
        auto const c = static_cast<unsigned char>(*p);
        unsigned char const t = table.v[c];
        if (t == 0) {
            ++p;
            continue;
        }
        if (t == 2) {
            // ED A0..BF xx encodes U+D800..U+DFFF: a surrogate that JavaScript escapes.
            auto const c1 = end - p > 2 ? static_cast<unsigned char>(p[1]) : 0;
            if (c1 < 0xA0 || c1 > 0xBF) {
                ++p;
                continue;
            }
            raw(std::string_view(run, p - run));
            unsigned const cp =
                0xD000u | ((c1 & 0x3Fu) << 6) | (static_cast<unsigned char>(p[2]) & 0x3Fu);
            char const esc[6] = {
                '\\',        'u', hex[(cp >> 12) & 15], hex[(cp >> 8) & 15], hex[(cp >> 4) & 15],
                hex[cp & 15]};
            raw(std::string_view(esc, 6));
            p += 3;
            run = p;
            continue;
        }
        raw(std::string_view(run, p - run));
        switch (c) {
            case '"':
                raw("\\\"");
                break;
            case '\\':
                raw("\\\\");
                break;
            case '\b':
                raw("\\b");
                break;
            case '\f':
                raw("\\f");
                break;
            case '\n':
                raw("\\n");
                break;
            case '\r':
                raw("\\r");
                break;
            case '\t':
                raw("\\t");
                break;
            default: {
                char const esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                raw(std::string_view(esc, 6));
            }
        }
        run = ++p;
    }
    raw(std::string_view(run, p - run));
    raw('"');
}

}  // namespace sockspec::codec
