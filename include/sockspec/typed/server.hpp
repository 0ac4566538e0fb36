// sockspec/typed/server.hpp: the compile-time typed layer over the untyped server
// (sockspec/server/server.hpp), driven by generated event descriptors (sockspec/gen/*.hpp).
//
//   io.of("/").on_connection([](sockspec::server::socket_ptr s) {
//       sockspec::typed::on<chat::send_message>(*s, [s](chat::send_message_payload const& m) {
//           sockspec::typed::emit<chat::new_message>(s->get_nsp().to(m.conversation_id), ...);
//       });
//   });
//
// What is checked when:
// - compile time: direction (`on<E>` needs E's client_to_server leg, `emit<E>` its
//   server_to_client leg), the handler's parameter types (the leg's argument types, const&, plus
//   `typed::ack<E>` when the leg has an ack), the types passed to `emit<E>` and to `ack(...)`,
//   and, through `socket_of<Nsp>`, that E belongs to namespace `Nsp` (its path).
// - run time: `on<E>(socket&, ...)` on a socket of another namespace than `E::nsp::path`
//   registers nothing, returns false and reports a std::logic_error to `on_handler_error`;
//   `emit<E>(nsp&, ...)` sends nothing to another namespace; `socket_of<Nsp>` checks the path
//   once, when made (an assert; `matches()` for release builds).
// - per event: the payload, decoded by the generated codecs before the handler runs. A bad
//   payload never reaches the handler: when the leg has an ack and the client asked for one,
//   the ack is called with one argument, the validation error object
//       {"error": "validation", "path": "<argument.field>", "message": "<what was expected>"}
//   otherwise `on_invalid_payload` is called. The socket stays connected.
//
// Threading: as the untyped server: handlers run on the server's strand. The two hooks below
// are process-wide: set them before `listen` (they are read on the strand, never locked).
#pragma once

#include <sockspec/codec/codec.hpp>
#include <sockspec/server/server.hpp>
#include <sockspec/typed/event_traits.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <cassert>
#include <exception>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace sockspec::typed {

/// Called when a payload of a typed event fails validation and the event has no ack to carry
/// the error (or the client asked for none): the socket, the event's wire name and the decode
/// error (code, path, message). Empty (the default): the payload is dropped silently, as
/// untrusted input must not flood logs. Process-wide; set it before `listen`.
inline std::function<void(server::socket&, std::string_view event, codec::decode_error const&)>
    on_invalid_payload;

/// Called when a typed handler throws (caught at the one typed dispatch point, never rethrown)
/// or when `on<E>` is used on a socket of another namespace (a std::logic_error): the socket,
/// the event's wire name and the exception. Empty (the default): one line on std::cerr.
/// Process-wide; set it before `listen`.
inline std::function<void(server::socket&, std::string_view event, std::exception_ptr)>
    on_handler_error;

namespace detail {

template <class T>
struct is_tuple : std::false_type {};
template <class... T>
struct is_tuple<std::tuple<T...>> : std::true_type {};

// Whether `Handler` can be called with the argument types of `Args` (a std::tuple) as const
// lvalues, followed by `Extra...`.
template <class Handler, class Args, class... Extra>
struct invocable_with;
template <class Handler, class... T, class... Extra>
struct invocable_with<Handler, std::tuple<T...>, Extra...>
    : std::is_invocable<Handler&, T const&..., Extra...> {};

// Whether values of types `A...` convert implicitly, one by one, to the types of `Args` (a
// std::tuple). Stricter than std::is_constructible on the tuple, which would accept explicit
// conversions (an int for a std::vector: a vector of that many items).
template <class Args, class... A>
struct args_match : std::false_type {};
template <class... T, class... A>
requires(sizeof...(T) == sizeof...(A)) struct args_match<std::tuple<T...>, A...>
    : std::bool_constant<(std::is_convertible_v<A&&, T> && ...)> {
};

// The JSON text of an argument tuple without its brackets: what the untyped server sends.
inline std::string_view strip_brackets(std::string const& array) noexcept {
    return std::string_view(array).substr(1, array.size() - 2);
}

// The untyped server hands over `a0,a1,...`; the codecs read `[a0,a1,...]` with padding.
inline simdjson::padded_string_view bracket(std::string& buf, std::string_view args) {
    buf.reserve(args.size() + 2 + codec::padding);
    buf.assign(1, '[');
    buf.append(args);
    buf.push_back(']');
    return simdjson::padded_string_view(buf.data(), buf.size(), buf.capacity());
}

// The ack argument of a validation failure (documented at the top of this header).
inline std::string validation_error(codec::decode_error const& err) {
    boost::json::object o;
    o["error"] = "validation";
    o["path"] = err.path;
    o["message"] = err.message.empty() ? err.code.message() : err.message;
    return boost::json::serialize(o);
}

inline void report_exception(server::socket& s, std::string_view event, std::exception_ptr e) {
    if (on_handler_error) {
        on_handler_error(s, event, e);
        return;
    }
    try {
        std::rethrow_exception(e);
    } catch (std::exception const& x) {
        std::cerr << "sockspec: typed handler of \"" << event << "\" threw: " << x.what() << '\n';
    } catch (...) {
        std::cerr << "sockspec: typed handler of \"" << event << "\" threw\n";
    }
}

}  // namespace detail

/// The acknowledgement of a typed event E (its client_to_server leg has an ack): call it once
/// with the ack's argument types (`E::client_to_server::ack`). Does nothing when the client
/// asked for no acknowledgement (`wanted()` is false) and on calls after the first.
template <class E>
class ack {
public:
    /// The ack's argument types.
    using args_type = typename E::client_to_server::ack;

    /// Internal: made by the typed dispatch from the untyped ack sender (possibly empty).
    explicit ack(server::ack_fn f) : f_(std::move(f)) {}

    /// True when the client asked for an acknowledgement.
    bool wanted() const noexcept { return static_cast<bool>(f_); }

    /// Sends the acknowledgement, encoded once with the generated codecs (fast path). Takes
    /// exactly the ack's arguments, each implicitly convertible to its type.
    template <class... A>
    void operator()(A&&... a) const {
        static_assert(
            detail::args_match<args_type, A...>::value,
            "ack arguments do not match the event's ack types (E::client_to_server::ack)");
        if constexpr (detail::args_match<args_type, A...>::value) {
            if (!f_) return;
            std::string const json = codec::encode_args(args_type(std::forward<A>(a)...));
            f_(detail::strip_brackets(json));
        }
    }

private:
    server::ack_fn f_;
};

/// A socket known at compile time to belong to namespace `Nsp` (a generated `nsp_*` tag):
/// `on<E>` and `emit<E>` on it check E's namespace path at compile time. Made from a socket, it
/// checks the socket's namespace once (asserts in debug builds; see `matches()`).
template <class Nsp>
class socket_of {
public:
    /// Wraps `s`, which must belong to namespace `Nsp::path`.
    explicit socket_of(server::socket& s) : s_(&s) { assert(matches()); }
    /// True when the socket's namespace is `Nsp::path`.
    bool matches() const { return s_->get_nsp().name() == Nsp::path; }
    /// The untyped socket.
    server::socket& get() const noexcept { return *s_; }

private:
    server::socket* s_;
};

/// Handles event E on socket `s`: the payload is decoded with the generated codecs (fast path)
/// and checked against the schema before `handler` runs, with the decoded arguments as const
/// lvalues and, when the leg has an ack, a `typed::ack<E>` last. Replaces any handler of E's
/// wire name on `s`. Returns false (registering nothing) when `s` belongs to another namespace.
template <class E, class Handler>
bool on(server::socket& s, Handler handler) {
    static_assert(event_descriptor<E>, "E is not a sockspec event descriptor");
    static_assert(is_client_to_server_v<E>,
                  "E is not a client-to-server event: servers cannot handle it");
    if constexpr (is_client_to_server_v<E>) {
        using leg = typename E::client_to_server;
        using args = typename leg::args;
        static_assert(detail::is_tuple<args>::value,
                      "E::client_to_server::args is not a std::tuple");
        constexpr bool with_ack = has_ack_v<leg>;
        constexpr bool callable = [] {
            if constexpr (with_ack)
                return detail::invocable_with<Handler, args, ack<E>>::value;
            else
                return detail::invocable_with<Handler, args>::value;
        }();
        if constexpr (with_ack)
            static_assert(callable,
                          "handler must be invocable with the event's argument types (const&) "
                          "followed by sockspec::typed::ack<E>");
        else
            static_assert(callable,
                          "handler must be invocable with the event's argument types (const&)");
        // After a failed static_assert, stop: no cascade of errors from the registration.
        if constexpr (!callable)
            return false;
        else {
            if (s.get_nsp().name() != E::nsp::path) {
                detail::report_exception(
                    s, E::name,
                    std::make_exception_ptr(
                        std::logic_error("typed::on<E>: event \"" + std::string(E::name) +
                                         "\" belongs to namespace \"" + std::string(E::nsp::path) +
                                         "\", the socket to \"" + s.get_nsp().name() + "\"")));
                return false;
            }
            // The handler is owned by the socket, so the raw pointer cannot dangle.
            server::socket* self = &s;
            s.on(std::string(E::name), [self, h = std::move(handler)](
                                           std::string_view raw, server::ack_fn ack_fn) mutable {
                // The one typed dispatch point: decode, validate, call, catch.
                try {
                    std::string buf;
                    args decoded{};
                    codec::decode_error err;
                    if (!codec::decode_args<leg>(detail::bracket(buf, raw), decoded, err)) {
                        if constexpr (with_ack) {
                            if (ack_fn) {
                                ack_fn(detail::validation_error(err));
                                return;
                            }
                        }
                        if (on_invalid_payload) on_invalid_payload(*self, E::name, err);
                        return;
                    }
                    if constexpr (with_ack) {
                        std::apply(
                            [&](auto const&... a) {
                                std::invoke(h, a..., ack<E>(std::move(ack_fn)));
                            },
                            decoded);
                    } else {
                        std::apply([&](auto const&... a) { std::invoke(h, a...); }, decoded);
                    }
                } catch (...) {
                    detail::report_exception(*self, E::name, std::current_exception());
                }
            });
            return true;
        }
    }
    return false;
}

/// Handles event E on a socket of namespace `Nsp`: as `on<E>(socket&, ...)`, and E's
/// namespace path is checked at compile time.
template <class E, class Nsp, class Handler>
bool on(socket_of<Nsp> const& s, Handler handler) {
    static_assert(E::nsp::path == Nsp::path, "E belongs to another namespace than this socket");
    return on<E>(s.get(), std::move(handler));
}

namespace detail {

// Encodes the arguments of E's server_to_client leg once, then hands the text to `send`.
template <class E, class Send, class... A>
void emit_encoded(Send&& send, A&&... a) {
    static_assert(event_descriptor<E>, "E is not a sockspec event descriptor");
    static_assert(is_server_to_client_v<E>,
                  "E is not a server-to-client event: servers cannot emit it");
    if constexpr (is_server_to_client_v<E>) {
        using args = typename E::server_to_client::args;
        static_assert(args_match<args, A...>::value,
                      "emit arguments do not match the event's argument types "
                      "(E::server_to_client::args)");
        if constexpr (args_match<args, A...>::value) {
            std::string const json = codec::encode_args(args(std::forward<A>(a)...));
            send(E::name, strip_brackets(json));
        }
    }
}

}  // namespace detail

/// Emits event E to the client of `s`, encoded once with the generated codecs (fast path).
/// Server-to-client acks are not typed yet.
template <class E, class... A>
void emit(server::socket& s, A&&... a) {
    detail::emit_encoded<E>([&](std::string_view n, std::string_view j) { s.emit(n, j); },
                            std::forward<A>(a)...);
}

/// Emits event E to the socket of namespace `Nsp`; E's namespace is checked at compile time.
template <class E, class Nsp, class... A>
void emit(socket_of<Nsp> const& s, A&&... a) {
    static_assert(E::nsp::path == Nsp::path, "E belongs to another namespace than this socket");
    emit<E>(s.get(), std::forward<A>(a)...);
}

/// Broadcasts event E to the targets of `b`: encoded once, then the untyped broadcast queues the
/// same packet on every target. Returns the number of targets.
template <class E, class... A>
std::size_t emit(server::broadcast_operator const& b, A&&... a) {
    std::size_t n = 0;
    detail::emit_encoded<E>([&](std::string_view name, std::string_view j) { n = b.emit(name, j); },
                            std::forward<A>(a)...);
    return n;
}

/// Emits event E to every socket of namespace `n` (checked at run time as in `on`: nothing is
/// sent when `n` is not `E::nsp::path`). Returns the number of targets.
template <class E, class... A>
std::size_t emit(server::nsp& n, A&&... a) {
    std::size_t count = 0;
    if (n.name() != E::nsp::path) return 0;
    detail::emit_encoded<E>(
        [&](std::string_view name, std::string_view j) { count = n.emit(name, j); },
        std::forward<A>(a)...);
    return count;
}

}  // namespace sockspec::typed
