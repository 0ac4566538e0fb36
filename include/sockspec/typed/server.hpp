// sockspec/typed/server.hpp: the compile-time typed layer over the untyped server
// (sockspec/server/server.hpp), driven by generated event descriptors (sockspec/gen/*.hpp).
//
//   sockspec::server::server io(ioc);
//   auto root = sockspec::typed::of<chat::nsp_root>(io);
//   root.on<chat::join_conversation>([](auto& socket, chat::join_conversation_payload const& r) {
//       socket.join(r.conversation_id);
//   });
//   root.on<chat::send_message>([root](auto&, chat::send_message_payload const& m) {
//       root.to(m.conversation_id).emit<chat::new_message>(make_message(m));
//   });
//   io.listen({boost::asio::ip::make_address("127.0.0.1"), 3000});
//
// The vocabulary:
// - `typed::nsp<Nsp>` (from `typed::of<Nsp>(io)`): a namespace known at compile time (a
//   generated `nsp_*` tag). `on<E>(handler)` registers a handler of E on every socket that
//   connects; the handler gets the `typed::socket<Nsp>&`, E's arguments as const lvalues and,
//   when E's client_to_server leg has an ack, a `typed::ack<E>` last. Its own `hooks`.
// - `typed::socket<Nsp>`: one client's socket of that namespace: `on<E>`, `emit<E>`,
//   `emit_with_ack<E>`, rooms, broadcasts (`to(room)`, `broadcast()`), `disconnect`.
// - `typed::broadcast<Nsp>`: targets chosen with `to`/`in`/`except`/`volatile_`, then
//   `emit<E>(...)` encodes once and shares the packet with every target.
// - Free functions for code that holds untyped objects: `typed::on<E>(server::socket&, h)`,
//   `typed::emit<E>(server::socket& | server::broadcast_operator const& | server::nsp&, ...)`.
//
// What is checked when:
// - compile time: direction (handling E needs its client_to_server leg, emitting E its
//   server_to_client leg), the handler's parameter types, the types passed to `emit<E>`,
//   `emit_with_ack<E>` and `ack(...)` (each implicitly convertible; trailing optional arguments
//   of the schema may be left out), the parameters of an `emit_with_ack` callback, and, for
//   `typed::nsp<Nsp>` / `typed::socket<Nsp>` / `typed::broadcast<Nsp>`, that E belongs to
//   namespace `Nsp` (same path).
// - run time, for the free functions only: `on<E>(server::socket&, ...)` on a socket of another
//   namespace registers nothing, returns false and reports a std::logic_error to
//   `on_handler_error`; `emit<E>(server::nsp&, ...)` sends nothing to another namespace.
// - per event: the payload, decoded by the generated codecs before the handler runs. A bad
//   payload never reaches the handler: when the leg has an ack and the client asked for one,
//   the ack is called with one argument, the validation error object
//       {"error": "validation", "path": "<argument.field>", "message": "<what was expected>"}
//   otherwise `hooks::on_invalid_payload` is called. The socket stays connected. A client's
//   acknowledgement of `emit_with_ack<E>` is validated the same way; a bad one reaches the
//   callback as an error code (and `on_invalid_payload`).
//
// Threading: as the untyped server: handlers and hooks run on the server's strand
// (`server::get_executor()`); use these objects there. Register handlers before `listen`.
#pragma once

#include <sockspec/codec/codec.hpp>
#include <sockspec/server/server.hpp>
#include <sockspec/typed/detail/dispatch.hpp>
#include <sockspec/typed/event_traits.hpp>

#include <boost/system/error_code.hpp>

#include <cassert>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace sockspec::typed {

namespace detail {

template <class E>
constexpr void check_handled() {
    static_assert(event_descriptor<E>, "E is not a sockspec event descriptor");
    static_assert(is_client_to_server_v<E>,
                  "E is not a client-to-server event: servers cannot handle it");
}

template <class E>
constexpr void check_emitted() {
    static_assert(event_descriptor<E>, "E is not a sockspec event descriptor");
    static_assert(is_server_to_client_v<E>,
                  "E is not a server-to-client event: servers cannot emit it");
}

template <class E, class Nsp>
inline constexpr bool same_nsp_v = E::nsp::path == Nsp::path;

}  // namespace detail

/// The acknowledgement of a typed event E (its client_to_server leg has an ack): call it once
/// with the ack's argument types (`E::client_to_server::ack`; trailing optional ones may be
/// left out). Does nothing when the client asked for no acknowledgement (`wanted()` is false)
/// and on calls after the first.
template <class E>
class ack {
public:
    /// The ack's argument types.
    using args_type = typename E::client_to_server::ack;

    /// Internal: made by the typed dispatch from the untyped ack sender (possibly empty).
    explicit ack(server::ack_fn f) : f_(std::move(f)) {}

    /// True when the client asked for an acknowledgement.
    bool wanted() const noexcept { return static_cast<bool>(f_); }

    /// Sends the acknowledgement, encoded once with the generated codecs (fast path).
    template <class... A>
    void operator()(A&&... a) const {
        static_assert(
            detail::args_match<args_type, A...>::value,
            "ack arguments do not match the event's ack types (E::client_to_server::ack)");
        if constexpr (detail::args_match<args_type, A...>::value) {
            if (!f_) return;
            f_(detail::encode<args_type>(std::forward<A>(a)...));
        }
    }

private:
    server::ack_fn f_;
};

namespace detail {

// Checks a handler of E called with `Front...` first (the typed socket, for namespace
// handlers), and calls it.
template <class E, class Handler, class... Front>
constexpr bool check_handler() {
    using leg = typename E::client_to_server;
    using args = typename leg::args;
    static_assert(is_tuple<args>::value, "E::client_to_server::args is not a std::tuple");
    constexpr bool callable = [] {
        if constexpr (has_ack_v<leg>)
            return invocable_with<Handler, args, std::tuple<Front...>, ack<E>>::value;
        else
            return invocable_with<Handler, args, std::tuple<Front...>>::value;
    }();
    if constexpr (sizeof...(Front) != 0 && has_ack_v<leg>)
        static_assert(callable,
                      "namespace handler must be invocable with (sockspec::typed::socket<Nsp>&, "
                      "the event's argument types (const&)..., sockspec::typed::ack<E>)");
    else if constexpr (sizeof...(Front) != 0)
        static_assert(callable,
                      "namespace handler must be invocable with (sockspec::typed::socket<Nsp>&, "
                      "the event's argument types (const&)...)");
    else if constexpr (has_ack_v<leg>)
        static_assert(callable,
                      "handler must be invocable with the event's argument types (const&) "
                      "followed by sockspec::typed::ack<E>");
    else
        static_assert(callable,
                      "handler must be invocable with the event's argument types (const&)");
    return callable;
}

template <class E, class Handler, class... Front>
void call_handler(Handler& h, typename E::client_to_server::args const& decoded,
                  server::ack_fn ack_fn, Front&... front) {
    std::apply(
        [&](auto const&... a) {
            if constexpr (has_ack_v<typename E::client_to_server>)
                std::invoke(h, front..., a..., ack<E>(std::move(ack_fn)));
            else
                std::invoke(h, front..., a...);
        },
        decoded);
}

// Checks an emit_with_ack callback of E: `(error_code, ack args const&...)`.
template <class E, class Callback>
constexpr bool check_ack_callback() {
    using leg = typename E::server_to_client;
    static_assert(has_ack_v<leg>,
                  "E's server-to-client leg has no ack: use emit<E>, not emit_with_ack<E>");
    if constexpr (has_ack_v<leg>) {
        constexpr bool ok = invocable_with<Callback, typename leg::ack,
                                           std::tuple<boost::system::error_code>>::value;
        static_assert(ok,
                      "emit_with_ack callback must be invocable with (boost::system::error_code, "
                      "the event's ack types const&...)");
        return ok;
    }
    return false;
}

// The emit arguments of E's server_to_client leg, encoded (no brackets), or nothing when a
// static_assert already failed.
template <class E, class... A>
constexpr bool check_emit_args() {
    check_emitted<E>();
    if constexpr (is_server_to_client_v<E>) {
        constexpr bool ok = args_match<typename E::server_to_client::args, A...>::value;
        static_assert(ok,
                      "emit arguments do not match the event's argument types "
                      "(E::server_to_client::args)");
        return ok;
    }
    return false;
}

}  // namespace detail

template <class Nsp>
class socket;

/// Targets of a broadcast in namespace `Nsp` (socket.io's BroadcastOperator), typed: a value;
/// each modifier returns a new one. Made by `typed::nsp<Nsp>` and `typed::socket<Nsp>`.
template <class Nsp>
class broadcast {
public:
    /// Wraps an untyped operator of namespace `Nsp::path`.
    explicit broadcast(server::broadcast_operator op) : op_(std::move(op)) {}

    /// Adds the members of `room` to the targets.
    broadcast to(std::string room) const { return broadcast(op_.to(std::move(room))); }
    /// Same as `to`.
    broadcast in(std::string room) const { return to(std::move(room)); }
    /// Excludes the members of `room`.
    broadcast except(std::string room) const { return broadcast(op_.except(std::move(room))); }
    /// Drops the packet for targets whose transport is not ready.
    broadcast volatile_() const { return broadcast(op_.volatile_()); }

    /// Emits E to every target, encoded once; returns the number of targets.
    template <class E, class... A>
    std::size_t emit(A&&... a) const {
        static_assert(detail::same_nsp_v<E, Nsp>, "E belongs to another namespace than this broadcast");
        if constexpr (detail::check_emit_args<E, A...>() && detail::same_nsp_v<E, Nsp>)
            return op_.emit(E::name,
                            detail::encode<typename E::server_to_client::args>(std::forward<A>(a)...));
        else
            return 0;
    }

    /// Emits E with one acknowledgement id to every target (socket.io
    /// `io.timeout(ms).emit(event, ..., cb)`): `cb(ec, answers)` runs once, when every target
    /// answered or after `timeout` (ec = ack_timeout, with the answers that arrived). Each
    /// answer is decoded with E's ack types; answers that fail validation are left out.
    /// `args` is E's argument tuple (`{a, b}`; a single argument converts). Returns the number
    /// of targets.
    template <class E, class Callback>
    std::size_t emit_with_ack(typename E::server_to_client::args args,
                              std::chrono::milliseconds timeout, Callback cb) const {
        static_assert(detail::same_nsp_v<E, Nsp>, "E belongs to another namespace than this broadcast");
        detail::check_emitted<E>();
        using leg = typename E::server_to_client;
        static_assert(has_ack_v<leg>,
                      "E's server-to-client leg has no ack: use emit<E>, not emit_with_ack<E>");
        if constexpr (has_ack_v<leg>) {
            using ack_args = typename leg::ack;
            static_assert(std::is_invocable_v<Callback&, boost::system::error_code,
                                              std::vector<ack_args>>,
                          "broadcast emit_with_ack callback must be invocable with "
                          "(boost::system::error_code, std::vector<ack tuple>)");
            std::string const json = codec::encode_args(args);
            return op_.emit_with_ack(
                E::name, detail::strip_brackets(json), timeout,
                [cb = std::move(cb)](boost::system::error_code ec,
                                     std::vector<std::string> responses) mutable {
                    std::vector<ack_args> answers;
                    answers.reserve(responses.size());
                    for (auto const& r : responses) {
                        std::string buf;
                        ack_args decoded{};
                        codec::decode_error err;
                        if (codec::decode_ack<leg>(detail::bracket(buf, r), decoded, err))
                            answers.push_back(std::move(decoded));
                    }
                    cb(ec, std::move(answers));
                });
        }
        return 0;
    }

    /// The ids of the target sockets.
    std::vector<std::string> socket_ids() const { return op_.socket_ids(); }
    /// Makes every target join `room`.
    void sockets_join(std::string const& room) const { op_.sockets_join(room); }
    /// Makes every target leave `room`.
    void sockets_leave(std::string const& room) const { op_.sockets_leave(room); }
    /// Disconnects every target.
    void disconnect_sockets(bool close = false) const { op_.disconnect_sockets(close); }
    /// The untyped operator.
    server::broadcast_operator const& untyped() const noexcept { return op_; }

private:
    server::broadcast_operator op_;
};

/// One client's socket of namespace `Nsp` (a generated `nsp_*` tag), typed: a cheap handle
/// (shares the untyped socket). Handlers of a `typed::nsp<Nsp>` receive it; it can also be made
/// from an untyped socket of that namespace (asserted in debug builds; see `matches()`).
template <class Nsp>
class socket {
public:
    /// The namespace tag.
    using nsp_type = Nsp;

    /// Wraps `s`, which must belong to namespace `Nsp::path`.
    explicit socket(server::socket_ptr s, std::shared_ptr<hooks const> hk = {})
        : s_(std::move(s)), hooks_(std::move(hk)) {
        assert(matches());
    }
    /// Wraps `s` (it must be owned by the server, as every socket a handler gets is).
    explicit socket(server::socket& s) : socket(s.shared_from_this()) {}

    /// True when the socket's namespace is `Nsp::path`.
    bool matches() const { return s_->get_nsp().name() == Nsp::path; }
    /// The untyped socket.
    server::socket& get() const noexcept { return *s_; }
    /// The untyped socket.
    server::socket* operator->() const noexcept { return s_.get(); }
    /// The socket id.
    std::string const& id() const noexcept { return s_->id(); }
    /// True between the CONNECT reply and the disconnect.
    bool connected() const noexcept { return s_->connected(); }
    /// Application data (the JWT middleware stores the claims here).
    boost::json::object& data() const noexcept { return s_->data(); }

    /// Handles E on this socket (replacing any handler of E's wire name): `handler(args
    /// const&..., [typed::ack<E>])` after decoding and validation.
    template <class E, class Handler>
    void on(Handler handler) const {
        static_assert(detail::same_nsp_v<E, Nsp>, "E belongs to another namespace than this socket");
        detail::check_handled<E>();
        if constexpr (is_client_to_server_v<E> && detail::same_nsp_v<E, Nsp>) {
            if constexpr (detail::check_handler<E, Handler>())
                detail::install<E>(*s_, hooks_,
                                   [h = std::move(handler)](server::socket&, auto const& decoded,
                                                            server::ack_fn a) mutable {
                                       detail::call_handler<E>(h, decoded, std::move(a));
                                   });
        }
    }

    /// Emits E to this client, encoded once with the generated codecs.
    template <class E, class... A>
    void emit(A&&... a) const {
        static_assert(detail::same_nsp_v<E, Nsp>, "E belongs to another namespace than this socket");
        if constexpr (detail::check_emit_args<E, A...>() && detail::same_nsp_v<E, Nsp>)
            s_->emit(E::name,
                     detail::encode<typename E::server_to_client::args>(std::forward<A>(a)...));
    }

    /// Emits E with an acknowledgement: `cb(ec, ack args const&...)` runs exactly once, on the
    /// server's strand, with the client's answer decoded and validated with E's ack types, or
    /// with an error (ack_timeout after `timeout`, disconnected, or the codec's error when the
    /// answer fails validation; the arguments are then value-initialized). `args` is E's argument
    /// tuple (`{a, b}`; a single argument converts).
    template <class E, class Callback>
    void emit_with_ack(typename E::server_to_client::args args, std::chrono::milliseconds timeout,
                       Callback cb) const {
        static_assert(detail::same_nsp_v<E, Nsp>, "E belongs to another namespace than this socket");
        detail::check_emitted<E>();
        if constexpr (detail::check_ack_callback<E, Callback>() && detail::same_nsp_v<E, Nsp>) {
            std::string const json = codec::encode_args(args);
            s_->emit_with_ack(E::name, detail::strip_brackets(json), timeout,
                              detail::ack_decoder<E>(*s_, hooks_, std::move(cb)));
        }
    }

    /// Joins `room`.
    void join(std::string const& room) const { s_->join(room); }
    /// Leaves `room`.
    void leave(std::string const& room) const { s_->leave(room); }
    /// The rooms of this socket (its own id room included).
    std::vector<std::string> rooms() const { return s_->rooms(); }
    /// Broadcasts to `room`, excluding this socket.
    broadcast<Nsp> to(std::string room) const { return broadcast<Nsp>(s_->to(std::move(room))); }
    /// Same as `to`.
    broadcast<Nsp> in(std::string room) const { return to(std::move(room)); }
    /// Broadcasts to every socket of the namespace but this one and the members of `room`.
    broadcast<Nsp> except(std::string room) const {
        return broadcast<Nsp>(s_->except(std::move(room)));
    }
    /// Broadcasts to every other socket of the namespace.
    broadcast<Nsp> broadcast_() const { return broadcast<Nsp>(s_->broadcast()); }
    /// Disconnects from the namespace; with `close`, closes the whole connection.
    void disconnect(bool close = false) const { s_->disconnect(close); }
    /// Sets the handler called once with the disconnect reason.
    void on_disconnect(server::disconnect_handler h) const { s_->on_disconnect(std::move(h)); }

private:
    server::socket_ptr s_;
    std::shared_ptr<hooks const> hooks_;
};

/// The former name of `socket<Nsp>`.
template <class Nsp>
using socket_of = socket<Nsp>;

/// A namespace known at compile time (`Nsp`, a generated `nsp_*` tag), typed. A handle: copies
/// share the registrations. Make one per namespace with `typed::of<Nsp>(io)` before `listen`.
template <class Nsp>
class nsp {
    using hooks_ptr = std::shared_ptr<hooks const>;
    struct state {
        hooks h;
        // Typed handlers, installed on each new socket (they must not own the state).
        std::vector<std::function<void(socket<Nsp>&, hooks_ptr const&)>> handlers;
        // The user's connection listeners, run after the handlers are in place.
        std::vector<std::function<void(socket<Nsp>&)>> on_connect;
    };

public:
    /// Takes over (adds its connection listener to) the untyped namespace `n`, whose name must
    /// be `Nsp::path`.
    explicit nsp(server::nsp& n) : n_(&n) {
        assert(n.name() == Nsp::path);
        // The untyped namespace's listener owns the state; handles refer to it weakly, so a
        // handler may capture its own namespace handle (`[root](...) { root.to(...)... }`)
        // without a cycle.
        auto st0 = std::make_shared<state>();
        state_ = st0;
        n.on_connection([st = std::move(st0)](server::socket_ptr s) {
            hooks_ptr const hk(st, &st->h);
            socket<Nsp> ts(std::move(s), hk);
            for (auto& install : st->handlers) install(ts, hk);
            for (auto& f : st->on_connect) {
                detail::guarded(&st->h, ts.get(), "connection", [&] { f(ts); });
                if (!ts.connected()) break;
            }
        });
    }

    /// The untyped namespace.
    server::nsp& untyped() const noexcept { return *n_; }
    /// The hooks of this namespace's typed handlers (empty ones fall back to the process-wide
    /// `typed::on_invalid_payload` / `typed::on_handler_error`).
    hooks& get_hooks() const noexcept { return st()->h; }

    /// Handles E on every socket of this namespace: `handler(typed::socket<Nsp>&, args
    /// const&..., [typed::ack<E>])`, after decoding and validation.
    template <class E, class Handler>
    nsp const& on(Handler handler) const {
        static_assert(detail::same_nsp_v<E, Nsp>,
                      "E belongs to another namespace than this namespace");
        detail::check_handled<E>();
        if constexpr (is_client_to_server_v<E> && detail::same_nsp_v<E, Nsp>) {
            if constexpr (detail::check_handler<E, Handler, socket<Nsp>&>()) {
                auto h = std::make_shared<Handler>(std::move(handler));
                st()->handlers.push_back([h](socket<Nsp>& ts, hooks_ptr const& hk) {
                    detail::install<E>(
                        ts.get(), hk,
                        [h, hk](server::socket& raw, auto const& decoded, server::ack_fn a) {
                            socket<Nsp> s(raw.shared_from_this(), hk);
                            detail::call_handler<E>(*h, decoded, std::move(a), s);
                        });
                });
            }
        }
        return *this;
    }

    /// Runs `h(typed::socket<Nsp>&)` for each new socket, after the typed handlers are in
    /// place; several run in registration order (a listener that disconnects the socket stops
    /// the rest).
    nsp const& on_connection(std::function<void(socket<Nsp>&)> h) const {
        st()->on_connect.push_back(std::move(h));
        return *this;
    }
    /// Appends a middleware (see server::nsp::use).
    nsp const& use(server::middleware m) const {
        n_->use(std::move(m));
        return *this;
    }

    /// Targets the members of `room`.
    broadcast<Nsp> to(std::string room) const { return broadcast<Nsp>(n_->to(std::move(room))); }
    /// Same as `to`.
    broadcast<Nsp> in(std::string room) const { return to(std::move(room)); }
    /// Targets everyone but the members of `room`.
    broadcast<Nsp> except(std::string room) const {
        return broadcast<Nsp>(n_->except(std::move(room)));
    }
    /// Targets every socket, dropping the packet where the transport is not ready.
    broadcast<Nsp> volatile_() const { return broadcast<Nsp>(n_->volatile_()); }
    /// Emits E to every socket of the namespace, encoded once; returns the number of targets.
    template <class E, class... A>
    std::size_t emit(A&&... a) const {
        static_assert(detail::same_nsp_v<E, Nsp>,
                      "E belongs to another namespace than this namespace");
        if constexpr (detail::check_emit_args<E, A...>() && detail::same_nsp_v<E, Nsp>)
            return n_->emit(E::name, detail::encode<typename E::server_to_client::args>(
                                         std::forward<A>(a)...));
        else
            return 0;
    }
    /// The number of connected sockets.
    std::size_t size() const noexcept { return n_->size(); }

private:
    // The state, alive as long as the server (its untyped namespace owns it).
    std::shared_ptr<state> st() const noexcept {
        auto p = state_.lock();
        assert(p && "typed::nsp used after its server was destroyed");
        return p;
    }

    server::nsp* n_;
    std::weak_ptr<state> state_;
};

/// The typed namespace `Nsp::path` of `io` (created on first use).
template <class Nsp>
nsp<Nsp> of(server::server& io) {
    return nsp<Nsp>(io.of(std::string(Nsp::path)));
}

// ---------------------------------------------------------------------------------------------
// Free functions over untyped objects (namespace checked at run time).

/// Handles event E on socket `s`: as `socket<Nsp>::on<E>`, with the process-wide hooks.
/// Returns false (registering nothing, reporting a std::logic_error to `on_handler_error`) when
/// `s` belongs to another namespace than E.
template <class E, class Handler>
bool on(server::socket& s, Handler handler) {
    detail::check_handled<E>();
    if constexpr (is_client_to_server_v<E>) {
        if constexpr (detail::check_handler<E, Handler>())
            return detail::install<E>(s, nullptr,
                                      [h = std::move(handler)](server::socket&, auto const& decoded,
                                                               server::ack_fn a) mutable {
                                          detail::call_handler<E>(h, decoded, std::move(a));
                                      });
    }
    return false;
}

/// Handles event E on a socket of namespace `Nsp`; E's namespace is checked at compile time.
template <class E, class Nsp, class Handler>
bool on(socket<Nsp> const& s, Handler handler) {
    static_assert(detail::same_nsp_v<E, Nsp>, "E belongs to another namespace than this socket");
    if constexpr (detail::same_nsp_v<E, Nsp>) {
        s.template on<E>(std::move(handler));
        return true;
    }
    return false;
}

/// Emits event E to the client of `s`, encoded once with the generated codecs.
template <class E, class... A>
void emit(server::socket& s, A&&... a) {
    if constexpr (detail::check_emit_args<E, A...>())
        s.emit(E::name, detail::encode<typename E::server_to_client::args>(std::forward<A>(a)...));
}

/// Emits event E to the socket of namespace `Nsp`; E's namespace is checked at compile time.
template <class E, class Nsp, class... A>
void emit(socket<Nsp> const& s, A&&... a) {
    static_assert(detail::same_nsp_v<E, Nsp>, "E belongs to another namespace than this socket");
    if constexpr (detail::same_nsp_v<E, Nsp>) s.template emit<E>(std::forward<A>(a)...);
}

/// Broadcasts event E to the targets of `b`: encoded once, then the untyped broadcast queues the
/// same packet on every target. Returns the number of targets.
template <class E, class... A>
std::size_t emit(server::broadcast_operator const& b, A&&... a) {
    if constexpr (detail::check_emit_args<E, A...>())
        return b.emit(E::name,
                      detail::encode<typename E::server_to_client::args>(std::forward<A>(a)...));
    else
        return 0;
}

/// Emits event E to every socket of namespace `n` (nothing is sent when `n` is not
/// `E::nsp::path`). Returns the number of targets.
template <class E, class... A>
std::size_t emit(server::nsp& n, A&&... a) {
    if constexpr (detail::check_emit_args<E, A...>()) {
        if (n.name() != E::nsp::path) return 0;
        return n.emit(E::name,
                      detail::encode<typename E::server_to_client::args>(std::forward<A>(a)...));
    } else {
        return 0;
    }
}

}  // namespace sockspec::typed
