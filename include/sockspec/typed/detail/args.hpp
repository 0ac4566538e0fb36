// sockspec/typed/detail/args.hpp: what the typed server and client layers share: matching
// argument types against a leg's tuple (trailing optionals may be left out), encoding and
// bracketing argument lists, the validation error object. Asio-free. Not a public interface.
#pragma once

#include <sockspec/codec/codec.hpp>
#include <sockspec/typed/event_traits.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace sockspec::typed {
namespace detail {

template <class T>
struct is_tuple : std::false_type {};
template <class... T>
struct is_tuple<std::tuple<T...>> : std::true_type {};

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

// Whether `Handler` can be called with `Front...`, then the argument types of `Args` (a
// std::tuple) as const lvalues, then `Back...`.
template <class Handler, class Args, class Front, class... Back>
struct invocable_with;
template <class Handler, class... T, class... Front, class... Back>
struct invocable_with<Handler, std::tuple<T...>, std::tuple<Front...>, Back...>
    : std::is_invocable<Handler&, Front..., T const&..., Back...> {};

// Whether the types of `Args` from position N on are all std::optional (may be left out).
template <class Args, std::size_t N>
inline constexpr bool optional_tail_v = [] {
    return []<std::size_t... I>(std::index_sequence<I...>) {
        return (is_optional<std::tuple_element_t<N + I, Args>>::value && ...);
    }(std::make_index_sequence<std::tuple_size_v<Args> - N>{});
}();

// Whether values of types `A...` convert implicitly, one by one, to the first types of `Args`
// (a std::tuple), the ones left out being trailing std::optionals (the schema's optional
// trailing arguments). Stricter than std::is_constructible on the tuple, which would accept
// explicit conversions (an int for a std::vector: a vector of that many items).
template <class Args, class... A>
struct args_match : std::false_type {};
template <class... T, class... A>
requires(sizeof...(A) <= sizeof...(T)) struct args_match<std::tuple<T...>, A...>
    : std::bool_constant<[] {
          if constexpr (!optional_tail_v<std::tuple<T...>, sizeof...(A)>)
              return false;
          else
              return []<std::size_t... I>(std::index_sequence<I...>) {
                  return (std::is_convertible_v<A&&, std::tuple_element_t<I, std::tuple<T...>>> &&
                          ...);
              }(std::index_sequence_for<A...>{});
      }()> {
};

// The argument tuple from the leading arguments `a...`; the trailing ones are empty optionals.
template <class Args, class... A>
Args make_args(A&&... a) {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
        return Args(std::forward<A>(a)...,
                    std::tuple_element_t<sizeof...(A) + I, Args>{}...);
    }(std::make_index_sequence<std::tuple_size_v<Args> - sizeof...(A)>{});
}

// The JSON text of an argument tuple without its brackets: what the untyped server sends.
inline std::string_view strip_brackets(std::string const& array) noexcept {
    return std::string_view(array).substr(1, array.size() - 2);
}

// Encodes the leading arguments `a...` of a leg's tuple `Args` (brackets stripped).
template <class Args, class... A>
std::string encode(A&&... a) {
    std::string json = codec::encode_args(make_args<Args>(std::forward<A>(a)...));
    json.pop_back();
    json.erase(0, 1);
    return json;
}

// The untyped server hands over `a0,a1,...`; the codecs read `[a0,a1,...]` with padding.
inline simdjson::padded_string_view bracket(std::string& buf, std::string_view args) {
    buf.reserve(args.size() + 2 + codec::padding);
    buf.assign(1, '[');
    buf.append(args);
    buf.push_back(']');
    return simdjson::padded_string_view(buf.data(), buf.size(), buf.capacity());
}

// The ack argument of a validation failure (documented in sockspec/typed/server.hpp and
// sockspec/typed/client.hpp).
inline std::string validation_error(codec::decode_error const& err) {
    boost::json::object o;
    o["error"] = "validation";
    o["path"] = err.path;
    o["message"] = err.message.empty() ? err.code.message() : err.message;
    return boost::json::serialize(o);
}

// Decodes the acknowledgement `raw` (arguments without brackets) of leg `Leg` and calls
// `cb(ec, ack args const&...)`: an `ec` already set (timeout, disconnected) is passed on; an
// answer that fails validation goes to `invalid(err)` and reaches `cb` as the codec's error,
// with value-initialized arguments. Shared by the typed server's and client's emit_with_ack.
template <class Leg, class Invalid, class Callback>
void deliver_ack(boost::system::error_code ec, std::string_view raw, Invalid&& invalid,
                 Callback& cb) {
    typename Leg::ack decoded{};
    if (!ec) {
        std::string buf;
        codec::decode_error err;
        if (!codec::decode_ack<Leg>(bracket(buf, raw), decoded, err)) {
            invalid(err);
            ec = err.code;
            decoded = typename Leg::ack{};
        }
    }
    std::apply([&](auto const&... a) { std::invoke(cb, ec, a...); }, decoded);
}

}  // namespace detail
}  // namespace sockspec::typed
