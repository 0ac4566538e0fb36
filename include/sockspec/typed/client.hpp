// sockspec/typed/client.hpp: the compile-time typed layer over the Socket.IO client
// (sockspec/client/client.hpp), driven by generated event descriptors (sockspec/gen/*.hpp).
//
//   boost::asio::io_context ioc;
//   auto c = sockspec::typed::connect<monitoring::nsp_root>(ioc.get_executor(),
//                                                           "http://127.0.0.1:3000");
//   c.on<monitoring::event_created>([](monitoring::event_created_payload const& e) { ... });
//   c.on_connect([c] { c.emit<monitoring::join_company>(...); });
//   c.emit_with_ack<messaging::user_get_status>({"u1"}, std::chrono::seconds(5),
//       [](boost::system::error_code ec, messaging::user_status const& s) { ... });
//   ioc.run();
//
// The mirror image of sockspec/typed/server.hpp:
// - compile time: `on<E>` needs E's server_to_client leg and a handler taking its argument
//   types (const&), plus `typed::client_ack<E>` last when that leg has an ack; `emit<E>` /
//   `emit_with_ack<E>` need E's client_to_server leg and its argument types (trailing optional
//   arguments may be left out); the callback of `emit_with_ack<E>` takes
//   `(boost::system::error_code, ack types const&...)`; E must belong to namespace `Nsp`.
// - per event: the server's payload is decoded and validated with the generated codecs before
//   the handler runs. A bad one never reaches the handler: when the server asked for an ack,
//   the ack carries the validation error object
//       {"error": "validation", "path": "<argument.field>", "message": "<what was expected>"}
//   and in every case `client_hooks::on_invalid_payload` is called. A server's acknowledgement
//   that fails validation reaches the `emit_with_ack` callback as the codec's error code.
//
// Threading: as the untyped client: everything runs on the manager's strand; handlers run
// there one at a time. The handle is cheap to copy (it shares the untyped socket).
#pragma once

#include <sockspec/client/client.hpp>
#include <sockspec/codec/codec.hpp>
#include <sockspec/typed/detail/args.hpp>
#include <sockspec/typed/event_traits.hpp>

#include <boost/system/error_code.hpp>

#include <chrono>
#include <exception>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace sockspec::typed {

/// What a typed client does with what it cannot hand to a handler; runs on the manager's
/// strand.
struct client_hooks {
    /// A server payload (or a server's acknowledgement) of event `event` failed validation.
    /// Empty: dropped silently.
    std::function<void(std::string_view event, codec::decode_error const&)> on_invalid_payload;
    /// A typed handler threw (caught, never rethrown). Empty: one line on std::cerr.
    std::function<void(std::string_view event, std::exception_ptr)> on_handler_error;
};

namespace detail {

template <class E>
constexpr void check_client_handled() {
    static_assert(event_descriptor<E>, "E is not a sockspec event descriptor");
    static_assert(is_server_to_client_v<E>,
                  "E is not a server-to-client event: clients cannot handle it");
}

template <class E, class... A>
constexpr bool check_client_emit_args() {
    static_assert(event_descriptor<E>, "E is not a sockspec event descriptor");
    static_assert(is_client_to_server_v<E>,
                  "E is not a client-to-server event: clients cannot emit it");
    if constexpr (is_client_to_server_v<E>) {
        constexpr bool ok = args_match<typename E::client_to_server::args, A...>::value;
        static_assert(ok,
                      "emit arguments do not match the event's argument types "
                      "(E::client_to_server::args)");
        return ok;
    }
    return false;
}

inline void client_report(client_hooks const& h, std::string_view event, std::exception_ptr e) {
    if (h.on_handler_error) {
        h.on_handler_error(event, e);
        return;
    }
    try {
        std::rethrow_exception(e);
    } catch (std::exception const& x) {
        std::cerr << "sockspec: typed client handler of \"" << event << "\" threw: " << x.what()
                  << '\n';
    } catch (...) {
        std::cerr << "sockspec: typed client handler of \"" << event << "\" threw\n";
    }
}

}  // namespace detail

/// The acknowledgement a typed client handler sends for event E (E's server_to_client leg has
/// an ack): call it once with the ack's argument types (`E::server_to_client::ack`).
template <class E>
class client_ack {
public:
    /// The ack's argument types.
    using args_type = typename E::server_to_client::ack;

    /// Internal: made by the typed dispatch from the untyped ack sender (possibly empty).
    explicit client_ack(sockspec::client::ack_fn f) : f_(std::move(f)) {}

    /// True when the server asked for an acknowledgement.
    bool wanted() const noexcept { return static_cast<bool>(f_); }

    /// Sends the acknowledgement, encoded with the generated codecs.
    template <class... A>
    void operator()(A&&... a) const {
        static_assert(
            detail::args_match<args_type, A...>::value,
            "ack arguments do not match the event's ack types (E::server_to_client::ack)");
        if constexpr (detail::args_match<args_type, A...>::value) {
            if (!f_) return;
            f_(detail::encode<args_type>(std::forward<A>(a)...));
        }
    }

private:
    sockspec::client::ack_fn f_;
};

/// A client socket of namespace `Nsp` (a generated `nsp_*` tag), typed. A cheap handle: copies
/// share the untyped socket and the hooks.
template <class Nsp>
class client_socket {
public:
    /// The namespace tag.
    using nsp_type = Nsp;

    /// Wraps `s`, a socket of namespace `Nsp::path`, with hooks of its own (or `hk`'s).
    explicit client_socket(std::shared_ptr<sockspec::client::socket> s,
                           std::shared_ptr<client_hooks> hk = std::make_shared<client_hooks>())
        : s_(std::move(s)), hooks_(std::move(hk)) {}

    /// The untyped socket.
    sockspec::client::socket& get() const noexcept { return *s_; }
    /// The untyped socket.
    sockspec::client::socket* operator->() const noexcept { return s_.get(); }
    /// The hooks of this socket's typed handlers.
    client_hooks& get_hooks() const noexcept { return *hooks_; }

    /// Handles E (a server-to-client event of `Nsp`): `handler(args const&...,
    /// [typed::client_ack<E>])` after decoding and validation. Replaces any handler of E.
    template <class E, class Handler>
    void on(Handler handler) const {
        static_assert(E::nsp::path == Nsp::path, "E belongs to another namespace than this client");
        detail::check_client_handled<E>();
        if constexpr (is_server_to_client_v<E> && E::nsp::path == Nsp::path) {
            using leg = typename E::server_to_client;
            using args = typename leg::args;
            constexpr bool callable = [] {
                if constexpr (has_ack_v<leg>)
                    return detail::invocable_with<Handler, args, std::tuple<>,
                                                  client_ack<E>>::value;
                else
                    return detail::invocable_with<Handler, args, std::tuple<>>::value;
            }();
            if constexpr (has_ack_v<leg>)
                static_assert(callable,
                              "handler must be invocable with the event's argument types "
                              "(const&) followed by sockspec::typed::client_ack<E>");
            else
                static_assert(callable,
                              "handler must be invocable with the event's argument types "
                              "(const&)");
            if constexpr (callable) {
                s_->on(std::string(E::name),
                       [hk = hooks_, h = std::move(handler)](
                           std::string_view raw, sockspec::client::ack_fn ack_fn) mutable {
                           try {
                               std::string buf;
                               args decoded{};
                               codec::decode_error err;
                               if (!codec::decode_args<leg>(detail::bracket(buf, raw), decoded,
                                                            err)) {
                                   if (ack_fn) ack_fn(detail::validation_error(err));
                                   if (hk->on_invalid_payload) hk->on_invalid_payload(E::name, err);
                                   return;
                               }
                               std::apply(
                                   [&](auto const&... a) {
                                       if constexpr (has_ack_v<leg>)
                                           std::invoke(h, a..., client_ack<E>(std::move(ack_fn)));
                                       else
                                           std::invoke(h, a...);
                                   },
                                   decoded);
                           } catch (...) {
                               detail::client_report(*hk, E::name, std::current_exception());
                           }
                       });
            }
        }
    }

    /// Emits E (a client-to-server event of `Nsp`); buffered while disconnected.
    template <class E, class... A>
    void emit(A&&... a) const {
        static_assert(E::nsp::path == Nsp::path, "E belongs to another namespace than this client");
        if constexpr (detail::check_client_emit_args<E, A...>() && E::nsp::path == Nsp::path)
            s_->emit(E::name,
                     detail::encode<typename E::client_to_server::args>(std::forward<A>(a)...));
    }

    /// Emits E unless disconnected or busy (then dropped).
    template <class E, class... A>
    void emit_volatile(A&&... a) const {
        static_assert(E::nsp::path == Nsp::path, "E belongs to another namespace than this client");
        if constexpr (detail::check_client_emit_args<E, A...>() && E::nsp::path == Nsp::path)
            s_->emit_volatile(
                E::name, detail::encode<typename E::client_to_server::args>(std::forward<A>(a)...));
    }

    /// Emits E with an acknowledgement: `cb(ec, ack args const&...)` runs exactly once, with
    /// the server's answer decoded and validated, or an error (ack_timeout after `timeout`,
    /// disconnected, or the codec's error when the answer fails validation; the arguments are
    /// then value-initialized). `args` is E's argument tuple (`{a, b}`; one argument converts).
    template <class E, class Callback>
    void emit_with_ack(typename E::client_to_server::args args, std::chrono::milliseconds timeout,
                       Callback cb) const {
        static_assert(E::nsp::path == Nsp::path, "E belongs to another namespace than this client");
        static_assert(is_client_to_server_v<E>,
                      "E is not a client-to-server event: clients cannot emit it");
        using leg = typename E::client_to_server;
        static_assert(has_ack_v<leg>,
                      "E's client-to-server leg has no ack: use emit<E>, not emit_with_ack<E>");
        if constexpr (has_ack_v<leg>) {
            using ack_args = typename leg::ack;
            constexpr bool ok = detail::invocable_with<Callback, ack_args,
                                                       std::tuple<boost::system::error_code>>::value;
            static_assert(ok,
                          "emit_with_ack callback must be invocable with "
                          "(boost::system::error_code, the event's ack types const&...)");
            if constexpr (ok && E::nsp::path == Nsp::path) {
                std::string const json = codec::encode_args(args);
                s_->emit_with_ack(
                    E::name, detail::strip_brackets(json), timeout,
                    [hk = hooks_, cb = std::move(cb)](boost::system::error_code ec,
                                                      std::string_view raw) mutable {
                        try {
                            detail::deliver_ack<leg>(
                                ec, raw,
                                [&](codec::decode_error const& err) {
                                    if (hk->on_invalid_payload) hk->on_invalid_payload(E::name, err);
                                },
                                cb);
                        } catch (...) {
                            detail::client_report(*hk, E::name, std::current_exception());
                        }
                    });
            }
        }
    }

    /// Runs `h()` or `h(typed::client_socket<Nsp>&)` on each connection to the namespace. Prefer
    /// the parameter to capturing the handle: the socket owns its handlers, so a handler that
    /// holds the handle keeps the socket (and its manager) alive until the process ends.
    template <class Handler>
    void on_connect(Handler h) const {
        if constexpr (std::is_invocable_v<Handler&, client_socket&>) {
            std::weak_ptr<sockspec::client::socket> weak = s_;
            s_->on_connect([weak, hk = hooks_, h = std::move(h)]() mutable {
                if (auto s = weak.lock()) {
                    client_socket self(std::move(s), hk);
                    h(self);
                }
            });
        } else {
            static_assert(std::is_invocable_v<Handler&>,
                          "on_connect handler must be invocable with () or "
                          "(sockspec::typed::client_socket<Nsp>&)");
            s_->on_connect(std::move(h));
        }
    }
    /// See sockspec::client::socket.
    void on_disconnect(std::function<void(std::string_view)> h) const {
        s_->on_disconnect(std::move(h));
    }
    /// See sockspec::client::socket.
    void on_connect_error(
        std::function<void(std::string_view, boost::json::value const&)> h) const {
        s_->on_connect_error(std::move(h));
    }
    /// Connects (automatic with auto_connect).
    void connect() const { s_->connect(); }
    /// Disconnects from the namespace; no automatic reconnection.
    void disconnect() const { s_->disconnect(); }
    /// The socket id (empty while disconnected).
    std::string const& id() const noexcept { return s_->id(); }
    /// True while connected.
    bool connected() const noexcept { return s_->connected(); }

private:
    std::shared_ptr<sockspec::client::socket> s_;
    std::shared_ptr<client_hooks> hooks_;
};

/// The typed socket of namespace `Nsp::path` on manager `m`.
template <class Nsp>
client_socket<Nsp> client_of(sockspec::client::manager& m,
                             sockspec::client::socket_options opts = {}) {
    return client_socket<Nsp>(m.socket(std::string(Nsp::path), std::move(opts)));
}

/// socket.io-client's `io(url + Nsp::path)`, typed: a new manager of `url` (scheme, host and
/// port; its path is ignored) and its socket of namespace `Nsp::path`.
template <class Nsp>
client_socket<Nsp> connect(boost::asio::any_io_executor ex, std::string url,
                           sockspec::client::manager_options opts = {},
                           sockspec::client::socket_options sopts = {}) {
    auto m = sockspec::client::manager::create(std::move(ex), std::move(url), std::move(opts));
    return client_of<Nsp>(*m, std::move(sopts));
}

}  // namespace sockspec::typed
