// sockspec/client/impl/client.ipp: bodies of the Socket.IO client (client.hpp). The state
// machines follow socket.io-client v4 (lib/manager.ts, lib/socket.ts).
#pragma once

#include <sockspec/client/client.hpp>
#include <sockspec/client/detail/backoff.hpp>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <atomic>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <random>
#include <utility>

namespace sockspec::client {

namespace detail {

// The body of an ACK argument list `[a,b]` without its brackets.
inline std::string_view strip_brackets(std::string_view data) noexcept {
    auto const ws = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
    while (!data.empty() && ws(data.front())) data.remove_prefix(1);
    while (!data.empty() && ws(data.back())) data.remove_suffix(1);
    if (data.size() >= 2 && data.front() == '[' && data.back() == ']')
        return data.substr(1, data.size() - 2);
    return {};
}

// "/admin" for "admin" or "/admin"; "/" for "".
inline std::string normalize_nsp(std::string_view nsp) {
    if (nsp.empty()) return "/";
    if (nsp.front() == '/') return std::string(nsp);
    return "/" + std::string(nsp);
}

// The path of `scheme://host[:port]/path?query#frag` ("/" when none): the namespace of `connect`.
inline std::string url_path(std::string_view url) {
    auto const scheme = url.find("://");
    auto const rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
    auto const slash = rest.find('/');
    if (slash == std::string_view::npos) return "/";
    auto path = rest.substr(slash);
    path = path.substr(0, path.find_first_of("?#"));
    return path.empty() ? "/" : std::string(path);
}

inline std::uint64_t random_seed() {
    std::random_device rd;
    return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
}

using strand_type = boost::asio::strand<boost::asio::any_io_executor>;

// One Engine.IO connection at a time and the namespace sockets on it (socket.io-client's
// Manager). Used on `strand` only, except `dead`, `current_transport` and the socket table
// (guarded by `mutex`, written by `manager::socket` on the caller's thread).
struct manager_state : std::enable_shared_from_this<manager_state> {
    manager_state(boost::asio::any_io_executor ex, std::string u, manager_options o)
        : strand(boost::asio::make_strand(ex)),
          url(std::move(u)),
          opts(std::move(o)),
          bo(opts.reconnection.delay, opts.reconnection.delay_max, opts.reconnection.randomization,
             opts.reconnection.seed ? *opts.reconnection.seed : random_seed()),
          decoder(opts.decode),
          open_timer(strand),
          reconnect_timer(strand),
          current_transport(opts.engine.transports.empty() ? engineio::transport_type::polling
                                                           : opts.engine.transports.front()) {}

    enum class ready { closed, opening, open };

    // Runs a user handler; exceptions stop here (STYLE.md "Errors"). Nothing runs once the
    // manager is destroyed.
    template <class F>
    bool guard(F&& f) noexcept {
        if (dead) return false;
        try {
            f();
            return true;
        } catch (...) {
            if (on_handler_error_h) {
                auto h = on_handler_error_h;
                try {
                    h(std::current_exception());
                } catch (...) {
                }
            }
            return false;
        }
    }

    // Calls a copy of handler `h` (a handler may replace or drop itself).
    template <class H, class... A>
    void fire(H const& h, A&&... a) {
        if (!h || dead) return;
        auto c = h;
        guard([&] { c(std::forward<A>(a)...); });
    }

    // The live sockets, in namespace order.
    std::vector<std::shared_ptr<socket_state>> live_sockets() {
        std::vector<std::shared_ptr<socket_state>> out;
        std::lock_guard<std::mutex> lk(mutex);
        for (auto& [name, e] : sockets)
            if (auto s = e.state.lock()) out.push_back(std::move(s));
        return out;
    }
    std::shared_ptr<socket_state> find_socket(std::string_view nsp) {
        std::lock_guard<std::mutex> lk(mutex);
        auto it = sockets.find(nsp);
        return it == sockets.end() ? nullptr : it->second.state.lock();
    }

    SOCKSPEC_DECL bool any_active();
    SOCKSPEC_DECL void open();
    SOCKSPEC_DECL void on_engine_open(std::uint64_t g);
    SOCKSPEC_DECL void on_engine_message(std::uint64_t g, std::string data, bool binary);
    SOCKSPEC_DECL void on_engine_close(std::uint64_t g, std::string_view reason,
                                       boost::system::error_code ec);
    SOCKSPEC_DECL void open_failed(std::string_view message, boost::system::error_code ec);
    SOCKSPEC_DECL void handle_close(std::string_view reason);
    SOCKSPEC_DECL void reconnect();
    SOCKSPEC_DECL void on_reconnect_timer();
    SOCKSPEC_DECL void maybe_close();
    SOCKSPEC_DECL void close();
    SOCKSPEC_DECL void shutdown();
    SOCKSPEC_DECL void destroy_engine();
    SOCKSPEC_DECL void send(socketio::packet const& p);
    SOCKSPEC_DECL void drop_handlers();

    // The connect_error message of a failed connection attempt, as socket.io-client's
    // transports name it.
    std::string_view failure_message() const noexcept {
        return opts.engine.transports.empty() ||
                       opts.engine.transports.front() == engineio::transport_type::polling
                   ? "xhr poll error"
                   : "websocket error";
    }

    strand_type strand;
    std::string url;
    manager_options opts;
    backoff bo;
    socketio::decoder decoder;
    std::shared_ptr<engineio::client> engine;
    std::uint64_t gen = 0;            // the current engine; callbacks of older ones are ignored
    std::uint64_t reconnect_gen = 0;  // the current reconnection timer
    ready state = ready::closed;
    bool reconnecting = false;
    bool skip_reconnect = false;
    boost::asio::steady_timer open_timer;
    boost::asio::steady_timer reconnect_timer;
    std::atomic<bool> dead{false};
    std::atomic<engineio::transport_type> current_transport;

    struct socket_entry {
        std::weak_ptr<client::socket> facade;
        std::weak_ptr<socket_state> state;
    };
    std::mutex mutex;
    std::map<std::string, socket_entry, std::less<>> sockets;

    std::function<void()> on_open_h;
    std::function<void(std::string_view)> on_close_h;
    std::function<void(boost::system::error_code)> on_error_h;
    std::function<void(std::size_t)> on_reconnect_attempt_h;
    std::function<void(std::size_t)> on_reconnect_h;
    std::function<void(boost::system::error_code)> on_reconnect_error_h;
    std::function<void()> on_reconnect_failed_h;
    std::function<void(std::exception_ptr)> on_handler_error_h;
};

// One namespace (socket.io-client's Socket). Used on the manager's strand only, except the
// atomics.
struct socket_state : std::enable_shared_from_this<socket_state> {
    socket_state(std::shared_ptr<manager> f, std::shared_ptr<manager_state> st, std::string n,
                 socket_options o)
        : mgr(std::move(f)), m(std::move(st)), nsp(std::move(n)), opts(std::move(o)) {}

    struct pending_ack {
        ack_callback cb;
        std::unique_ptr<boost::asio::steady_timer> timer;
    };

    SOCKSPEC_DECL void connect();
    SOCKSPEC_DECL void disconnect();
    SOCKSPEC_DECL void release();
    SOCKSPEC_DECL void on_open();
    SOCKSPEC_DECL void on_close(std::string_view reason);
    SOCKSPEC_DECL void on_connection_error(std::string_view message);
    SOCKSPEC_DECL void on_packet(socketio::packet p);
    SOCKSPEC_DECL void on_connect_packet(std::string_view data);
    SOCKSPEC_DECL void on_event(socketio::packet p);
    SOCKSPEC_DECL void on_ack(socketio::packet p);
    SOCKSPEC_DECL void destroy();
    SOCKSPEC_DECL void emit_packet(socketio::packet p);
    SOCKSPEC_DECL void emit_with_ack(std::string name, std::string args,
                                     std::vector<std::string> attachments,
                                     std::chrono::milliseconds timeout, ack_callback cb);
    SOCKSPEC_DECL void complete_ack_later(std::uint64_t id, boost::system::error_code ec);
    SOCKSPEC_DECL void clear_acks(bool keep_buffered);
    SOCKSPEC_DECL ack_fn make_ack(std::uint64_t id);
    SOCKSPEC_DECL void drop_handlers();

    std::shared_ptr<manager> mgr;  // keeps the manager alive as long as its sockets
    std::shared_ptr<manager_state> m;
    std::string const nsp;
    socket_options opts;

    std::string id;
    std::atomic<bool> connected{false};
    std::atomic<bool> active{false};  // subscribed to the manager (socket.io-client's `subs`)
    bool connect_sent = false;        // CONNECT sent on the current engine
    bool released = false;            // disconnect()/close(): emits are refused until connect()
    std::vector<std::string> attachments;
    std::deque<socketio::packet> send_buffer;
    std::map<std::uint64_t, pending_ack> acks;
    std::uint64_t next_ack = 0;

    std::function<void()> on_connect_h;
    std::function<void(std::string_view)> on_disconnect_h;
    std::function<void(std::string_view, boost::json::value const&)> on_connect_error_h;
    std::function<void(boost::system::error_code)> on_error_h;
    std::map<std::string, event_handler, std::less<>> handlers;
    any_handler any_h;
};

// manager_state

SOCKSPEC_DECL bool manager_state::any_active() {
    for (auto const& s : live_sockets())
        if (s->active) return true;
    return false;
}

SOCKSPEC_DECL void manager_state::open() {
    if (state != ready::closed || dead) return;
    auto self = shared_from_this();
    skip_reconnect = false;
    decoder.reset();
    auto const g = ++gen;
    std::weak_ptr<manager_state> w = self;
    try {
        engine = engineio::client::create(strand, url, opts.engine);
    } catch (std::exception const&) {
        engine = nullptr;
    }
    state = ready::opening;
    if (!engine) return open_failed(failure_message(), client::error::transport_error);
    // The engine's handlers run on its strand; ours runs them in order on the manager's.
    engine->on_open([w, g](engineio::handshake const&) {
        if (auto m = w.lock())
            boost::asio::dispatch(m->strand, [w, g] {
                if (auto m = w.lock()) m->on_engine_open(g);
            });
    });
    engine->on_message([w, g](std::string data, bool binary) {
        if (auto m = w.lock())
            boost::asio::dispatch(m->strand, [w, g, data = std::move(data), binary]() mutable {
                if (auto m = w.lock()) m->on_engine_message(g, std::move(data), binary);
            });
    });
    engine->on_upgrade([w](engineio::transport_type t) {
        if (auto m = w.lock()) m->current_transport = t;
    });
    engine->on_close([w, g](std::string_view reason, boost::system::error_code ec) {
        if (auto m = w.lock())
            boost::asio::dispatch(m->strand, [w, g, r = std::string(reason), ec] {
                if (auto m = w.lock()) m->on_engine_close(g, r, ec);
            });
    });
    // socket.io-client `timeout`: each attempt is bounded.
    open_timer.expires_after(opts.timeout);
    open_timer.async_wait([w, g](boost::system::error_code ec) {
        auto m = w.lock();
        if (ec || !m || m->gen != g || m->state != ready::opening) return;
        m->open_failed("timeout", client::error::connect_timeout);
    });
    engine->open();
}

SOCKSPEC_DECL void manager_state::on_engine_open(std::uint64_t g) {
    if (g != gen || state != ready::opening) return;
    auto self = shared_from_this();
    open_timer.cancel();
    state = ready::open;
    current_transport = engine->transport();
    fire(on_open_h);
    // Every subscribed socket asks for its namespace (socket.io-client Socket.onopen).
    for (auto const& s : live_sockets()) {
        if (g != gen) return;  // closed by a handler
        s->on_open();
    }
    if (g != gen || !reconnecting) return;
    reconnecting = false;
    auto const attempts = bo.attempts();
    bo.reset();
    fire(on_reconnect_h, attempts);
}

SOCKSPEC_DECL void manager_state::on_engine_message(std::uint64_t g, std::string data,
                                                    bool binary) {
    if (g != gen || state != ready::open) return;
    auto self = shared_from_this();
    boost::system::error_code ec;
    if (binary) {
        // An attachment only belongs after a BINARY_EVENT/BINARY_ACK header.
        if (!decoder.awaiting_attachments())
            ec = socketio::error::unexpected_binary;
        else
            ec = decoder.put_binary(std::move(data));
    } else {
        ec = decoder.put_text(data);
    }
    if (ec) {
        fire(on_error_h, ec);
        if (g == gen) handle_close("parse error");
        return;
    }
    if (!decoder.ready()) return;
    auto p = decoder.release();
    auto s = find_socket(p.nsp);
    // socket.io-client: only subscribed sockets see packets; others are ignored.
    if (s && s->active) s->on_packet(std::move(p));
}

SOCKSPEC_DECL void manager_state::on_engine_close(std::uint64_t g, std::string_view reason,
                                                  boost::system::error_code ec) {
    if (g != gen) return;
    if (state == ready::opening)
        return open_failed(failure_message(),
                           ec ? ec : make_error_code(client::error::transport_error));
    if (state == ready::open) handle_close(reason);
}

SOCKSPEC_DECL void manager_state::open_failed(std::string_view message,
                                              boost::system::error_code ec) {
    auto self = shared_from_this();
    open_timer.cancel();
    destroy_engine();
    state = ready::closed;
    fire(on_error_h, ec);
    // socket.io-client Socket.onerror: the sockets not connected hear of it.
    for (auto const& s : live_sockets())
        if (s->active && !s->connected) s->on_connection_error(message);
    if (reconnecting) {
        // A failed reconnection attempt: schedule the next one.
        reconnecting = false;
        reconnect();
        fire(on_reconnect_error_h, ec);
    } else if (opts.reconnection.enabled && bo.attempts() == 0) {
        // The first connection failed (socket.io-client maybeReconnectOnOpen).
        reconnect();
    }
}

SOCKSPEC_DECL void manager_state::handle_close(std::string_view reason) {
    auto self = shared_from_this();
    open_timer.cancel();
    destroy_engine();
    decoder.reset();
    bo.reset();
    state = ready::closed;
    fire(on_close_h, reason);
    for (auto const& s : live_sockets())
        if (s->active) s->on_close(reason);
    if (opts.reconnection.enabled && !skip_reconnect) reconnect();
}

SOCKSPEC_DECL void manager_state::reconnect() {
    if (reconnecting || skip_reconnect || dead) return;
    if (bo.attempts() >= opts.reconnection.attempts) {
        bo.reset();
        reconnecting = false;
        fire(on_reconnect_failed_h);
        return;
    }
    auto const delay = bo.duration();
    reconnecting = true;
    auto const g = ++reconnect_gen;
    reconnect_timer.expires_after(delay);
    reconnect_timer.async_wait([w = weak_from_this(), g](boost::system::error_code ec) {
        auto m = w.lock();
        if (ec || !m || m->reconnect_gen != g) return;
        m->on_reconnect_timer();
    });
}

SOCKSPEC_DECL void manager_state::on_reconnect_timer() {
    if (skip_reconnect) return;
    auto self = shared_from_this();
    fire(on_reconnect_attempt_h, bo.attempts());
    // A handler may have closed the manager.
    if (skip_reconnect) return;
    open();
}

SOCKSPEC_DECL void manager_state::maybe_close() {
    // socket.io-client Manager._destroy: the connection ends with its last active socket.
    if (any_active()) return;
    auto self = shared_from_this();
    skip_reconnect = true;
    reconnecting = false;
    ++reconnect_gen;
    reconnect_timer.cancel();
    bo.reset();
    if (state != ready::closed) handle_close("forced close");
}

SOCKSPEC_DECL void manager_state::close() {
    auto self = shared_from_this();
    skip_reconnect = true;
    reconnecting = false;
    ++reconnect_gen;
    reconnect_timer.cancel();
    open_timer.cancel();
    bool const was_open = state != ready::closed;
    destroy_engine();
    decoder.reset();
    bo.reset();
    state = ready::closed;
    for (auto const& s : live_sockets()) s->release();
    if (was_open) fire(on_close_h, "forced close");
    drop_handlers();
}

SOCKSPEC_DECL void manager_state::shutdown() {
    skip_reconnect = true;
    reconnecting = false;
    ++reconnect_gen;
    reconnect_timer.cancel();
    open_timer.cancel();
    destroy_engine();
    decoder.reset();
    state = ready::closed;
    drop_handlers();
}

SOCKSPEC_DECL void manager_state::destroy_engine() {
    ++gen;  // the old engine's callbacks, including a synchronous on_close, are ignored
    if (auto e = std::move(engine)) e->close();
    engine = nullptr;
}

SOCKSPEC_DECL void manager_state::send(socketio::packet const& p) {
    if (!engine || state != ready::open) return;
    engine->send(socketio::encode(p), false);
    for (auto const& a : p.attachments) engine->send(a, true);
}

SOCKSPEC_DECL void manager_state::drop_handlers() {
    on_open_h = nullptr;
    on_close_h = nullptr;
    on_error_h = nullptr;
    on_reconnect_attempt_h = nullptr;
    on_reconnect_h = nullptr;
    on_reconnect_error_h = nullptr;
    on_reconnect_failed_h = nullptr;
    on_handler_error_h = nullptr;
}

// socket_state

SOCKSPEC_DECL void socket_state::connect() {
    if (connected) return;
    released = false;
    active = true;
    if (!m->reconnecting) m->open();
    if (m->state == manager_state::ready::open) on_open();
}

SOCKSPEC_DECL void socket_state::on_open() {
    if (!active || connected || connect_sent) return;
    connect_sent = true;
    socketio::packet p;
    p.type = socketio::packet_type::connect;
    p.nsp = nsp;
    // The auth payload is asked for on every attempt (a fresh token on each reconnection).
    if (opts.auth) {
        boost::json::value auth;
        auto const f = opts.auth;
        if (m->guard([&] { auth = f(); }) && auth.is_object())
            p.data = boost::json::serialize(auth);
    }
    m->send(p);
}

SOCKSPEC_DECL void socket_state::on_packet(socketio::packet p) {
    using socketio::packet_type;
    auto self = shared_from_this();
    switch (p.type) {
        case packet_type::connect:
            return on_connect_packet(p.data);
        case packet_type::event:
        case packet_type::binary_event:
            if (connected) on_event(std::move(p));
            return;
        case packet_type::ack:
        case packet_type::binary_ack:
            return on_ack(std::move(p));
        case packet_type::disconnect:
            // The server disconnected this socket on purpose: no automatic reconnection.
            destroy();
            on_close("io server disconnect");
            return;
        case packet_type::connect_error: {
            // socket.io-client: a refused namespace is not retried automatically.
            destroy();
            auto info = socketio::parse_connect_error(p.data);
            std::string message = info ? info->message : std::string("connect_error");
            boost::json::value data;
            if (info && !info->data.empty()) {
                boost::system::error_code ec;
                data = boost::json::parse(info->data, ec);
                if (ec) data = nullptr;
            }
            m->fire(on_connect_error_h, std::string_view(message), data);
            return;
        }
    }
}

SOCKSPEC_DECL void socket_state::on_connect_packet(std::string_view data) {
    if (connected) return;
    boost::system::error_code ec;
    auto const v = boost::json::parse(data, ec);
    auto const* sid = !ec && v.is_object() ? v.as_object().if_contains("sid") : nullptr;
    if (sid == nullptr || !sid->is_string()) {
        m->fire(on_connect_error_h,
                std::string_view("It seems you are trying to reach a Socket.IO server in v2.x "
                                 "with a v3.x client, but they are not compatible"),
                boost::json::value(nullptr));
        return;
    }
    id = std::string(sid->as_string());
    connected = true;
    // socket.io-client emitBuffered: the emits made while disconnected go first, in order.
    auto buffered = std::move(send_buffer);
    send_buffer.clear();
    for (auto const& p : buffered) m->send(p);
    m->fire(on_connect_h);
}

SOCKSPEC_DECL ack_fn socket_state::make_ack(std::uint64_t ack_id) {
    auto sent = std::make_shared<std::atomic<bool>>(false);
    return ack_fn(ack_fn::function_type([w = weak_from_this(), ack_id, sent, strand = m->strand](
                                            std::string_view args, std::vector<std::string> atts) {
        if (sent->exchange(true)) return;
        boost::asio::dispatch(strand,
                              [w, ack_id, a = std::string(args), atts = std::move(atts)]() mutable {
                                  auto s = w.lock();
                                  if (!s || !s->connected) return;
                                  socketio::packet p;
                                  p.type = socketio::packet_type::ack;
                                  p.nsp = s->nsp;
                                  p.id = ack_id;
                                  p.data = "[" + a + "]";
                                  p.attachments = std::move(atts);
                                  s->m->send(p);
                              });
    }));
}

SOCKSPEC_DECL void socket_state::on_event(socketio::packet p) {
    auto ev = socketio::parse_event(p.data);
    if (!ev) {
        m->fire(on_error_h, ev.error());
        return;
    }
    ack_fn ack = p.id ? make_ack(*p.id) : ack_fn{};
    attachments = std::move(p.attachments);
    auto it = handlers.find(ev->name);
    if (it != handlers.end()) {
        auto h = it->second;  // the handler may replace itself
        m->guard([&] { h(ev->args, std::move(ack)); });
    } else if (any_h) {
        auto h = any_h;
        m->guard([&] { h(ev->name, ev->args, std::move(ack)); });
    }
    attachments.clear();
}

SOCKSPEC_DECL void socket_state::on_ack(socketio::packet p) {
    if (!p.id) return;
    auto it = acks.find(*p.id);
    if (it == acks.end()) return;  // late (timed out) or unknown: ignored as socket.io does
    auto cb = std::move(it->second.cb);
    if (it->second.timer) it->second.timer->cancel();
    acks.erase(it);
    attachments = std::move(p.attachments);
    m->guard([&] { cb({}, strip_brackets(p.data)); });
    attachments.clear();
}

SOCKSPEC_DECL void socket_state::destroy() {
    // socket.io-client Socket.destroy: unsubscribe; the manager closes with its last socket.
    active = false;
    connect_sent = false;
    m->maybe_close();
}

SOCKSPEC_DECL void socket_state::on_close(std::string_view reason) {
    connect_sent = false;
    if (!connected) return;
    auto self = shared_from_this();
    connected = false;
    id.clear();
    m->fire(on_disconnect_h, reason);
    // Acks of packets still buffered stay: those packets go out on the next connect.
    clear_acks(true);
}

SOCKSPEC_DECL void socket_state::on_connection_error(std::string_view message) {
    connect_sent = false;
    m->fire(on_connect_error_h, message, boost::json::value(nullptr));
}

SOCKSPEC_DECL void socket_state::clear_acks(bool keep_buffered) {
    std::vector<ack_callback> cbs;
    for (auto it = acks.begin(); it != acks.end();) {
        bool buffered = false;
        if (keep_buffered)
            for (auto const& p : send_buffer)
                if (p.id == it->first) buffered = true;
        if (buffered) {
            ++it;
            continue;
        }
        if (it->second.timer) it->second.timer->cancel();
        cbs.push_back(std::move(it->second.cb));
        it = acks.erase(it);
    }
    for (auto& cb : cbs) m->guard([&] { cb(client::error::disconnected, {}); });
}

SOCKSPEC_DECL void socket_state::drop_handlers() {
    on_connect_h = nullptr;
    on_disconnect_h = nullptr;
    on_connect_error_h = nullptr;
    on_error_h = nullptr;
    handlers.clear();
    any_h = nullptr;
}

SOCKSPEC_DECL void socket_state::disconnect() {
    auto self = shared_from_this();
    bool const was_connected = connected;
    if (was_connected) {
        socketio::packet p;
        p.type = socketio::packet_type::disconnect;
        p.nsp = nsp;
        m->send(p);
    }
    released = true;
    send_buffer.clear();
    destroy();
    connected = false;
    id.clear();
    // The handlers go before `on_disconnect` runs, so it may set new ones and connect again.
    auto h = std::move(on_disconnect_h);
    drop_handlers();
    if (was_connected && h) m->guard([&] { h("io client disconnect"); });
    clear_acks(false);
}

SOCKSPEC_DECL void socket_state::release() {
    // manager::close: as disconnect(), without a DISCONNECT (the whole connection ends).
    auto self = shared_from_this();
    bool const was_connected = connected;
    released = true;
    active = false;
    connect_sent = false;
    connected = false;
    id.clear();
    send_buffer.clear();
    auto h = std::move(on_disconnect_h);
    drop_handlers();
    if (was_connected && h) m->guard([&] { h("io client disconnect"); });
    clear_acks(false);
}

SOCKSPEC_DECL void socket_state::complete_ack_later(std::uint64_t ack_id,
                                                    boost::system::error_code ec) {
    auto it = acks.find(ack_id);
    if (it == acks.end()) return;
    if (it->second.timer) it->second.timer->cancel();
    // Not from inside the emit call that caused it: the caller's stack may not expect it.
    boost::asio::post(
        m->strand, [m = m, cb = std::move(it->second.cb), ec] { m->guard([&] { cb(ec, {}); }); });
    acks.erase(it);
}

SOCKSPEC_DECL void socket_state::emit_packet(socketio::packet p) {
    if (connected) return m->send(p);
    if (released) {
        if (p.id) complete_ack_later(*p.id, client::error::disconnected);
        return;
    }
    // Buffered until connected (socket.io-client sendBuffer), bounded here.
    if (send_buffer.size() >= opts.max_buffered) {
        if (send_buffer.empty()) {
            if (p.id) complete_ack_later(*p.id, client::error::buffer_full);
            m->fire(on_error_h, make_error_code(client::error::buffer_full));
            return;
        }
        auto old = std::move(send_buffer.front());
        send_buffer.pop_front();
        if (old.id) complete_ack_later(*old.id, client::error::buffer_full);
        m->fire(on_error_h, make_error_code(client::error::buffer_full));
        // A handler may have connected (then send) or released the socket.
        if (connected) return m->send(p);
        if (released) {
            if (p.id) complete_ack_later(*p.id, client::error::disconnected);
            return;
        }
    }
    send_buffer.push_back(std::move(p));
}

SOCKSPEC_DECL void socket_state::emit_with_ack(std::string name, std::string args,
                                               std::vector<std::string> atts,
                                               std::chrono::milliseconds timeout, ack_callback cb) {
    auto const ack_id = next_ack++;
    auto timer = std::make_unique<boost::asio::steady_timer>(m->strand, timeout);
    timer->async_wait([w = weak_from_this(), ack_id](boost::system::error_code ec) {
        auto s = w.lock();
        if (ec || !s) return;
        auto it = s->acks.find(ack_id);
        if (it == s->acks.end()) return;
        auto cb = std::move(it->second.cb);
        s->acks.erase(it);
        // socket.io-client: a timed-out emit still buffered is not sent any more.
        std::erase_if(s->send_buffer, [&](socketio::packet const& p) { return p.id == ack_id; });
        s->m->guard([&] { cb(client::error::ack_timeout, {}); });
    });
    acks.emplace(ack_id, pending_ack{std::move(cb), std::move(timer)});
    socketio::packet p;
    p.type = socketio::packet_type::event;
    p.nsp = nsp;
    p.id = ack_id;
    p.data = socketio::make_event_data(name, args);
    p.attachments = std::move(atts);
    emit_packet(std::move(p));
}

}  // namespace detail

// socket

SOCKSPEC_DECL socket::~socket() {
    // The last reference: leave the namespace quietly (no handler runs).
    auto st = impl_;
    if (!st) return;
    boost::asio::dispatch(st->m->strand, [st] {
        auto self = st;
        bool const was_connected = st->connected;
        if (was_connected) {
            socketio::packet p;
            p.type = socketio::packet_type::disconnect;
            p.nsp = st->nsp;
            st->m->send(p);
        }
        st->released = true;
        st->connected = false;
        st->send_buffer.clear();
        st->drop_handlers();
        for (auto& [id, a] : st->acks)
            if (a.timer) a.timer->cancel();
        st->acks.clear();
        {
            std::lock_guard<std::mutex> lk(st->m->mutex);
            auto it = st->m->sockets.find(st->nsp);
            if (it != st->m->sockets.end() && it->second.facade.expired()) st->m->sockets.erase(it);
        }
        if (st->active) st->destroy();
    });
}

SOCKSPEC_DECL std::string const& socket::nsp() const noexcept {
    return impl_->nsp;
}

SOCKSPEC_DECL std::string const& socket::id() const noexcept {
    return impl_->id;
}

SOCKSPEC_DECL bool socket::connected() const noexcept {
    return impl_->connected;
}

SOCKSPEC_DECL bool socket::active() const noexcept {
    return impl_->active;
}

SOCKSPEC_DECL std::shared_ptr<manager> socket::io() const {
    return impl_->mgr;
}

SOCKSPEC_DECL void socket::connect() {
    boost::asio::dispatch(impl_->m->strand, [st = impl_] { st->connect(); });
}

SOCKSPEC_DECL void socket::disconnect() {
    boost::asio::dispatch(impl_->m->strand, [st = impl_] { st->disconnect(); });
}

SOCKSPEC_DECL void socket::on_connect(std::function<void()> h) {
    boost::asio::dispatch(impl_->m->strand, [st = impl_, h = std::move(h)]() mutable {
        st->on_connect_h = std::move(h);
    });
}

SOCKSPEC_DECL void socket::on_disconnect(std::function<void(std::string_view reason)> h) {
    boost::asio::dispatch(impl_->m->strand, [st = impl_, h = std::move(h)]() mutable {
        st->on_disconnect_h = std::move(h);
    });
}

SOCKSPEC_DECL void socket::on_connect_error(
    std::function<void(std::string_view message, boost::json::value const& data)> h) {
    boost::asio::dispatch(impl_->m->strand, [st = impl_, h = std::move(h)]() mutable {
        st->on_connect_error_h = std::move(h);
    });
}

SOCKSPEC_DECL void socket::on_error(std::function<void(boost::system::error_code)> h) {
    boost::asio::dispatch(impl_->m->strand, [st = impl_, h = std::move(h)]() mutable {
        st->on_error_h = std::move(h);
    });
}

SOCKSPEC_DECL void socket::on(std::string name, event_handler h) {
    boost::asio::dispatch(impl_->m->strand,
                          [st = impl_, name = std::move(name), h = std::move(h)]() mutable {
                              st->handlers[std::move(name)] = std::move(h);
                          });
}

SOCKSPEC_DECL void socket::on_any(any_handler h) {
    boost::asio::dispatch(impl_->m->strand,
                          [st = impl_, h = std::move(h)]() mutable { st->any_h = std::move(h); });
}

SOCKSPEC_DECL std::vector<std::string> const& socket::attachments() const noexcept {
    return impl_->attachments;
}

SOCKSPEC_DECL void socket::emit(std::string_view name, std::string_view args,
                                std::vector<std::string> attachments) {
    socketio::packet p;
    p.type = socketio::packet_type::event;
    p.nsp = impl_->nsp;
    p.data = socketio::make_event_data(name, args);
    p.attachments = std::move(attachments);
    boost::asio::dispatch(impl_->m->strand, [st = impl_, p = std::move(p)]() mutable {
        st->emit_packet(std::move(p));
    });
}

SOCKSPEC_DECL void socket::emit_volatile(std::string_view name, std::string_view args) {
    socketio::packet p;
    p.type = socketio::packet_type::event;
    p.nsp = impl_->nsp;
    p.data = socketio::make_event_data(name, args);
    boost::asio::dispatch(impl_->m->strand, [st = impl_, p = std::move(p)] {
        // socket.io-client `volatile`: dropped unless connected and the transport is idle.
        auto const& e = st->m->engine;
        if (!st->connected || !e || e->buffered_amount() != 0) return;
        st->m->send(p);
    });
}

SOCKSPEC_DECL void socket::emit_with_ack(std::string_view name, std::string_view args,
                                         std::chrono::milliseconds timeout, ack_callback cb) {
    emit_with_ack(name, args, {}, timeout, std::move(cb));
}

SOCKSPEC_DECL void socket::emit_with_ack(std::string_view name, std::string_view args,
                                         std::vector<std::string> attachments,
                                         std::chrono::milliseconds timeout, ack_callback cb) {
    boost::asio::dispatch(
        impl_->m->strand, [st = impl_, n = std::string(name), a = std::string(args),
                           atts = std::move(attachments), timeout, cb = std::move(cb)]() mutable {
            st->emit_with_ack(std::move(n), std::move(a), std::move(atts), timeout, std::move(cb));
        });
}

// manager

SOCKSPEC_DECL std::shared_ptr<manager> manager::create(boost::asio::any_io_executor ex,
                                                       std::string url, manager_options opts) {
    return std::shared_ptr<manager>(new manager(std::move(ex), std::move(url), std::move(opts)));
}

SOCKSPEC_DECL manager::manager(boost::asio::any_io_executor ex, std::string url,
                               manager_options opts)
    : impl_(std::make_shared<detail::manager_state>(std::move(ex), std::move(url),
                                                    std::move(opts))) {}

SOCKSPEC_DECL manager::~manager() {
    // No handler runs from now on; the engine and the timers are cancelled on the strand.
    impl_->dead = true;
    boost::asio::dispatch(impl_->strand, [st = impl_] { st->shutdown(); });
}

SOCKSPEC_DECL std::shared_ptr<client::socket> manager::socket(std::string const& nsp,
                                                              socket_options opts) {
    auto const name = detail::normalize_nsp(nsp);
    std::shared_ptr<client::socket> s;
    bool fresh = false;
    {
        std::lock_guard<std::mutex> lk(impl_->mutex);
        auto& e = impl_->sockets[name];
        s = e.facade.lock();
        if (!s) {
            auto st = std::make_shared<detail::socket_state>(shared_from_this(), impl_, name,
                                                             std::move(opts));
            s = std::shared_ptr<client::socket>(new client::socket(st));
            e.facade = s;
            e.state = st;
            fresh = true;
        }
    }
    // socket.io-client Manager.socket: a new socket connects (autoConnect); an existing
    // inactive one is connected again.
    if (impl_->opts.auto_connect && (fresh || !s->active())) s->connect();
    return s;
}

SOCKSPEC_DECL void manager::open() {
    boost::asio::dispatch(impl_->strand, [st = impl_] { st->open(); });
}

SOCKSPEC_DECL void manager::close() {
    boost::asio::dispatch(impl_->strand, [st = impl_] { st->close(); });
}

SOCKSPEC_DECL void manager::on_open(std::function<void()> h) {
    boost::asio::dispatch(
        impl_->strand, [st = impl_, h = std::move(h)]() mutable { st->on_open_h = std::move(h); });
}

SOCKSPEC_DECL void manager::on_close(std::function<void(std::string_view reason)> h) {
    boost::asio::dispatch(
        impl_->strand, [st = impl_, h = std::move(h)]() mutable { st->on_close_h = std::move(h); });
}

SOCKSPEC_DECL void manager::on_error(std::function<void(boost::system::error_code)> h) {
    boost::asio::dispatch(
        impl_->strand, [st = impl_, h = std::move(h)]() mutable { st->on_error_h = std::move(h); });
}

SOCKSPEC_DECL void manager::on_reconnect_attempt(std::function<void(std::size_t attempt)> h) {
    boost::asio::dispatch(impl_->strand, [st = impl_, h = std::move(h)]() mutable {
        st->on_reconnect_attempt_h = std::move(h);
    });
}

SOCKSPEC_DECL void manager::on_reconnect(std::function<void(std::size_t attempt)> h) {
    boost::asio::dispatch(impl_->strand, [st = impl_, h = std::move(h)]() mutable {
        st->on_reconnect_h = std::move(h);
    });
}

SOCKSPEC_DECL void manager::on_reconnect_error(std::function<void(boost::system::error_code)> h) {
    boost::asio::dispatch(impl_->strand, [st = impl_, h = std::move(h)]() mutable {
        st->on_reconnect_error_h = std::move(h);
    });
}

SOCKSPEC_DECL void manager::on_reconnect_failed(std::function<void()> h) {
    boost::asio::dispatch(impl_->strand, [st = impl_, h = std::move(h)]() mutable {
        st->on_reconnect_failed_h = std::move(h);
    });
}

SOCKSPEC_DECL void manager::on_handler_error(std::function<void(std::exception_ptr)> h) {
    boost::asio::dispatch(impl_->strand, [st = impl_, h = std::move(h)]() mutable {
        st->on_handler_error_h = std::move(h);
    });
}

SOCKSPEC_DECL boost::asio::strand<boost::asio::any_io_executor> const& manager::get_executor()
    const noexcept {
    return impl_->strand;
}

SOCKSPEC_DECL engineio::transport_type manager::transport() const noexcept {
    return impl_->current_transport;
}

SOCKSPEC_DECL std::shared_ptr<socket> connect(boost::asio::any_io_executor ex, std::string url,
                                              manager_options opts, socket_options sopts) {
    auto const nsp = detail::url_path(url);
    auto m = manager::create(std::move(ex), std::move(url), std::move(opts));
    return m->socket(nsp, std::move(sopts));
}

}  // namespace sockspec::client
