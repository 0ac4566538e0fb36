// sockspec/literal.hpp: schema literals (`{ const: Point }`) and string-encoded integers.
//
// A literal is an empty tag type: it always encodes its one value and a decoder accepts
// exactly that value. `int_string` carries an int64/uint64 with `encoding: string`.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace sockspec {

/// A string usable as a template argument: `sockspec::literal<"Point">`.
template <std::size_t N>
struct fixed_string {
    char data[N]{};
    /// From a string literal (N includes the terminating NUL).
    constexpr fixed_string(char const (&s)[N]) noexcept { std::copy_n(s, N, data); }
    /// The characters, without the terminating NUL.
    constexpr std::string_view view() const noexcept { return {data, N - 1}; }
};

/// A string literal type: the JSON string `S`, nothing else.
template <fixed_string S>
struct literal {
    /// The one value.
    static constexpr std::string_view value = S.view();
    friend constexpr bool operator==(literal, literal) noexcept { return true; }
};

/// An integer literal type: the JSON number `V`, nothing else.
template <std::int64_t V>
struct int_literal {
    /// The one value.
    static constexpr std::int64_t value = V;
    friend constexpr bool operator==(int_literal, int_literal) noexcept { return true; }
};

/// A boolean literal type: the JSON `true` or `false`, nothing else.
template <bool V>
struct bool_literal {
    /// The one value.
    static constexpr bool value = V;
    friend constexpr bool operator==(bool_literal, bool_literal) noexcept { return true; }
};

/// A 64-bit integer that travels as a decimal JSON string (`encoding: string`), so that
/// JavaScript peers keep every digit. Converts implicitly to and from `Int`.
template <class Int>
requires std::is_same_v<Int, std::int64_t> || std::is_same_v<Int, std::uint64_t>
struct int_string {
    Int value{};
    /// Zero.
    constexpr int_string() noexcept = default;
    /// Holds `v`.
    constexpr int_string(Int v) noexcept : value(v) {}
    /// The integer (comparisons go through it).
    constexpr operator Int() const noexcept { return value; }
};

}  // namespace sockspec
