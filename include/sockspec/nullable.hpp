// sockspec/nullable.hpp: a value that may be JSON `null`.
//
// Distinct from std::optional on purpose: in a schema `optional` (the key may be absent) and
// `nullable` (the value may be null) are different things and combine as
// std::optional<sockspec::nullable<T>>.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>

namespace sockspec {

/// A T or JSON `null`. Default-constructs to null. Assign `nullptr` to make it null.
template <class T>
class nullable {
public:
    using value_type = T;

    /// Null.
    constexpr nullable() noexcept = default;
    /// Null.
    constexpr nullable(std::nullptr_t) noexcept {}
    /// Holds `v`.
    constexpr nullable(T v) : v_(std::move(v)) {}

    /// Makes it null.
    constexpr nullable& operator=(std::nullptr_t) noexcept {
        v_.reset();
        return *this;
    }

    /// True when it holds a value (is not null).
    constexpr bool has_value() const noexcept { return v_.has_value(); }
    /// True when it is null.
    constexpr bool is_null() const noexcept { return !v_.has_value(); }
    /// Same as has_value().
    constexpr explicit operator bool() const noexcept { return v_.has_value(); }

    /// The value; precondition: has_value().
    constexpr T& operator*() & noexcept { return *v_; }
    /// The value; precondition: has_value().
    constexpr T const& operator*() const& noexcept { return *v_; }
    /// Member access; precondition: has_value().
    constexpr T* operator->() noexcept { return &*v_; }
    /// Member access; precondition: has_value().
    constexpr T const* operator->() const noexcept { return &*v_; }
    /// The value; throws std::bad_optional_access when null.
    constexpr T& value() & { return v_.value(); }
    /// The value; throws std::bad_optional_access when null.
    constexpr T const& value() const& { return v_.value(); }
    /// The value, or `fallback` when null.
    template <class U>
    constexpr T value_or(U&& fallback) const& {
        return v_.value_or(std::forward<U>(fallback));
    }

    /// Constructs a value in place and returns it.
    template <class... Args>
    constexpr T& emplace(Args&&... args) {
        return v_.emplace(std::forward<Args>(args)...);
    }

    /// Equal when both are null or both hold equal values.
    friend constexpr bool operator==(nullable const&, nullable const&) = default;
    /// True when `a` is null.
    friend constexpr bool operator==(nullable const& a, std::nullptr_t) noexcept {
        return a.is_null();
    }

private:
    std::optional<T> v_;
};

}  // namespace sockspec
