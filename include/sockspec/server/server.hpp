// sockspec/server/server.hpp: the untyped Socket.IO v5 server: namespaces (`nsp`), sockets,
// middleware, events with acknowledgements, rooms and broadcasts. Server = Engine.IO transport
// (engineio::server) + parser (socketio::decoder/encode) + adapter (adapter::memory_adapter).
//
//   boost::asio::io_context ioc;
//   sockspec::server::server io(ioc);
//   io.of("/").on_connection([](sockspec::server::socket_ptr s) {
//       s->on("hello", [s](std::string_view args, sockspec::server::ack_fn ack) {
//           if (ack) ack(R"("got it")");
//           s->to("lobby").emit("hello", args);
//       });
//   });
//   io.listen({boost::asio::ip::make_address("127.0.0.1"), 3000});
//   ioc.run();
//
// Payloads are raw JSON text: `args` is the comma-separated argument list without the enclosing
// brackets (`1,{"a":2}`), as socketio::event_view::args. The typed layer decodes it.
//
// Threading: all Socket.IO state (namespaces, sockets, rooms, pending acks) lives on one strand,
// `server::get_executor()`, and every handler runs there; from another thread, post the work:
//   boost::asio::post(io.get_executor(), [&] { io.of("/").to("lobby").emit("tick"); });
// Engine.IO I/O stays on each session's own strand; a broadcast encodes its packet once and
// queues the same shared buffers on every target session.
//
// Dynamic namespaces (socket.io `io.of(regex | function)`): a parent namespace accepts CONNECTs to
// namespaces that do not exist yet when its predicate agrees, and creates them on the fly:
//   auto& rooms = io.of(std::regex("^/room-\\d+$"));
//   rooms.use(auth_middleware).on_connection([](sockspec::server::socket_ptr s) { ... });
//   rooms.emit("news", R"("to every /room-N")");
#pragma once

#include <sockspec/adapter/memory_adapter.hpp>
#include <sockspec/detail/config.hpp>
#include <sockspec/engineio/server.hpp>
#include <sockspec/server/error.hpp>
#include <sockspec/socketio/ack_fn.hpp>
#include <sockspec/socketio/packet.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/system/error_code.hpp>

#include <any>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sockspec::server {

class server;
class nsp;
class socket;
using socket_ptr = std::shared_ptr<socket>;

namespace detail {
struct server_state;
class client;
}  // namespace detail

/// Options of a Socket.IO server. Defaults are the reference server's.
struct server_options {
    /// The Engine.IO options; the path defaults to `/socket.io/`.
    engineio::server_options engine = [] {
        engineio::server_options o;
        o.path = "/socket.io/";
        return o;
    }();
    /// How long a client may take to CONNECT to a namespace after the Engine.IO handshake
    /// before its session is closed (`connectTimeout`).
    std::chrono::milliseconds connect_timeout{45000};
    /// Limits of the packet decoder.
    socketio::decode_options decode;
};

/// A refusal of a CONNECT by a middleware: sent as CONNECT_ERROR `{"message":..,"data":..}`.
struct connect_error {
    /// The message the client sees as `err.message`.
    std::string message;
    /// Raw JSON for `err.data`; empty for none.
    std::string data;
};

/// Sends the acknowledgement of an incoming event: raw JSON arguments (comma-separated, may be
/// empty) and optional binary attachments (a BINARY_ACK). Empty (false) when the client asked
/// for no acknowledgement. Calling it more than once sends nothing more.
using ack_fn = socketio::ack_fn;
/// Handles an event: its raw JSON arguments and the acknowledgement sender (possibly empty).
using event_handler = std::function<void(std::string_view args, ack_fn ack)>;
/// Handles any event without a handler of its own: name, raw JSON arguments, ack.
using any_handler = std::function<void(std::string_view name, std::string_view args, ack_fn ack)>;
/// Receives the answer of `emit_with_ack`: an error (ack_timeout, disconnected) or the raw JSON
/// arguments of the acknowledgement.
using ack_callback = std::function<void(boost::system::error_code ec, std::string_view args)>;
/// Receives the answers of a broadcast with acknowledgement: success with one raw JSON argument
/// list per target, or ack_timeout with the answers that arrived in time.
using broadcast_ack_callback =
    std::function<void(boost::system::error_code ec, std::vector<std::string> responses)>;
/// Receives the disconnect reason (socket.io names: "client namespace disconnect", ...).
using disconnect_handler = std::function<void(std::string_view reason)>;
/// Receives a new socket of a namespace.
using connection_handler = std::function<void(socket_ptr)>;
/// Decides whether a CONNECT to the namespace `name` (e.g. "/room-12", with its leading slash)
/// that does not exist yet may create it under a parent namespace; `auth` is the CONNECT auth
/// payload (an object, or null). Runs on the server's strand.
using nsp_predicate = std::function<bool(std::string_view name, boost::json::value const& auth)>;
/// The asynchronous form of `nsp_predicate` (socket.io's `(name, auth, next) => next(err, ok)`):
/// call `done(true)` to accept, `done(false)` to refuse. `done` may be called later and from any
/// thread, exactly once (later calls do nothing).
using nsp_async_predicate = std::function<void(
    std::string_view name, boost::json::value const& auth, std::function<void(bool ok)> done)>;

/// Continues (`next()`) or refuses (`next(connect_error{...})`) a CONNECT in a middleware. May be
/// called later and from any thread, exactly once.
class next_fn {
public:
    /// Internal.
    explicit next_fn(std::function<void(std::optional<connect_error>)> f) : f_(std::move(f)) {}
    /// Runs the next middleware (or accepts the connection).
    void operator()() const { f_(std::nullopt); }
    /// Refuses the connection with `e`.
    void operator()(connect_error e) const { f_(std::move(e)); }

private:
    std::function<void(std::optional<connect_error>)> f_;
};

/// A namespace middleware: the socket (not yet connected), the CONNECT auth payload (an object,
/// or null when the client sent none) and the continuation.
using middleware = std::function<void(socket& s, boost::json::value const& auth, next_fn next)>;

/// Selects the targets of a broadcast and emits to them (socket.io's BroadcastOperator). A value
/// type: each modifier returns a new operator. Use it on the server's strand. Made from a parent
/// namespace (`server::of(predicate)`), it applies to every child namespace at the time of the
/// call: each child's sockets are selected by the same rooms and exceptions.
class broadcast_operator {
public:
    /// Internal: made by `nsp` and `socket`.
    SOCKSPEC_DECL broadcast_operator(nsp& n, adapter::broadcast_options opts);

    /// Adds rooms to target (union).
    SOCKSPEC_DECL broadcast_operator to(std::string room) const;
    /// Same as `to`.
    broadcast_operator in(std::string room) const { return to(std::move(room)); }
    /// Excludes the members of `room`.
    SOCKSPEC_DECL broadcast_operator except(std::string room) const;
    /// Drops the packet for targets whose transport is not ready to send.
    SOCKSPEC_DECL broadcast_operator volatile_() const;
    /// Sets the compress flag.
    SOCKSPEC_DECL broadcast_operator compress(bool c) const;
    /// Emits `["name",args]` to every target: the packet is encoded once and the same shared
    /// buffers are queued on every target session. `attachments` are binary arguments referred to
    /// by placeholders `{"_placeholder":true,"num":N}` in `args`. Returns the number of targets.
    SOCKSPEC_DECL std::size_t emit(std::string_view name, std::string_view args = {},
                                   std::vector<std::string> attachments = {}) const;
    /// Emits with one acknowledgement id to every target (socket.io
    /// `io.timeout(ms).emit(name, args, cb)`): `cb` runs once, when every target answered or
    /// after `timeout`. Returns the number of targets.
    SOCKSPEC_DECL std::size_t emit_with_ack(std::string_view name, std::string_view args,
                                            std::chrono::milliseconds timeout,
                                            broadcast_ack_callback cb) const;
    /// The ids of the target sockets.
    SOCKSPEC_DECL std::vector<std::string> socket_ids() const;
    /// Makes every target join `room`.
    SOCKSPEC_DECL void sockets_join(std::string const& room) const;
    /// Makes every target leave `room`.
    SOCKSPEC_DECL void sockets_leave(std::string const& room) const;
    /// Disconnects every target (DISCONNECT, or closes the session when `close`).
    SOCKSPEC_DECL void disconnect_sockets(bool close = false) const;

private:
    nsp* nsp_;
    adapter::broadcast_options opts_;
};

/// A Socket.IO namespace (`io.of(name)`): its middleware, its sockets, its rooms.
///
/// A parent namespace (made by `server::of(predicate)` or `server::of(std::regex)`, socket.io's
/// ParentNamespace) has no sockets of its own (`size()` is 0, `find()` finds nothing): it holds the
/// child namespaces created on the fly for matching CONNECTs. `use` and `on_connection` on a parent
/// set up its future children, and `emit`, `to(room).emit`, ... on a parent reach the sockets of
/// every child.
///
/// Thread-safety: all socket.io state of a server lives on the server's strand
/// (`server::get_executor()`); every handler runs there. Call the member functions of `nsp`,
/// `socket` and `broadcast_operator` from a handler or from work posted to that strand.
class nsp {
public:
    /// Internal: namespaces are made by `server::of`.
    SOCKSPEC_DECL nsp(detail::server_state& state, std::string name);
    nsp(nsp const&) = delete;
    nsp& operator=(nsp const&) = delete;

    /// The namespace name ("/", "/admin"). A parent namespace is named "/_0", "/_1", ... in
    /// creation order, as in socket.io; no client can connect to that name.
    std::string const& name() const noexcept { return name_; }
    /// Appends a middleware; they run in order for each CONNECT.
    SOCKSPEC_DECL nsp& use(middleware m);
    /// Adds a handler of new sockets (socket.io `nsp.on("connection", h)`): each accepted socket
    /// is passed to every handler, in registration order, after the CONNECT reply is sent. A
    /// handler that throws is reported (`server::on_handler_error`) and the next ones still run.
    /// An empty handler is ignored; handlers cannot be removed.
    SOCKSPEC_DECL nsp& on_connection(connection_handler h);

    /// True for a parent namespace (`server::of(predicate)`).
    bool is_parent() const noexcept { return is_parent_; }
    /// The parent namespace of a child created on the fly, or null.
    nsp* parent() const noexcept { return parent_; }
    /// The child namespaces of a parent, in creation order (empty for other namespaces). Children
    /// live as long as the server.
    std::vector<nsp*> const& children() const noexcept { return children_; }

    /// Targets the members of `room`.
    SOCKSPEC_DECL broadcast_operator to(std::string room);
    /// Same as `to`.
    broadcast_operator in(std::string room) { return to(std::move(room)); }
    /// Targets everyone but the members of `room`.
    SOCKSPEC_DECL broadcast_operator except(std::string room);
    /// Targets every socket, dropping the packet where the transport is not ready.
    SOCKSPEC_DECL broadcast_operator volatile_();
    /// Emits to every socket of the namespace; returns the number of targets.
    SOCKSPEC_DECL std::size_t emit(std::string_view name, std::string_view args = {},
                                   std::vector<std::string> attachments = {});

    /// Emits to every socket with one acknowledgement id; see broadcast_operator::emit_with_ack.
    SOCKSPEC_DECL std::size_t emit_with_ack(std::string_view name, std::string_view args,
                                            std::chrono::milliseconds timeout,
                                            broadcast_ack_callback cb);
    /// The connected socket `id`, or null.
    SOCKSPEC_DECL socket_ptr find(std::string_view id) const;
    /// The number of connected sockets.
    std::size_t size() const noexcept { return sockets_.size(); }
    /// The rooms and their members.
    adapter::memory_adapter const& adapter() const noexcept { return adapter_; }

private:
    friend class socket;
    friend class broadcast_operator;
    friend class detail::client;
    friend struct detail::server_state;

    void add(socket_ptr s);
    void remove(socket& s);
    socket* at(adapter::socket_handle h) const noexcept;

    detail::server_state& state_;
    std::string name_;
    std::vector<middleware> middleware_;
    std::vector<connection_handler> on_connection_;
    bool is_parent_ = false;
    nsp* parent_ = nullptr;
    std::vector<nsp*> children_;
    adapter::memory_adapter adapter_;
    std::unordered_map<std::string, socket_ptr> sockets_;
    std::vector<socket*> by_handle_;  // indexed by adapter::socket_handle::value
    std::uint64_t next_ack_ = 0;      // ack ids, namespace-wide as in socket.io (broadcast acks)
};

/// One client's connection to one namespace.
///
/// Thread-safety: see `nsp`; use it on the server's strand. A socket_ptr kept after the
/// disconnect stays valid; its operations then do nothing.
class socket : public std::enable_shared_from_this<socket> {
public:
    /// Internal: sockets are made by the server on CONNECT.
    SOCKSPEC_DECL socket(std::shared_ptr<detail::server_state> state, nsp& n,
                         std::shared_ptr<detail::client> c, std::string id);
    SOCKSPEC_DECL ~socket();
    socket(socket const&) = delete;
    socket& operator=(socket const&) = delete;

    /// The socket id (random, unguessable, distinct from the Engine.IO session id).
    std::string const& id() const noexcept { return id_; }
    /// The namespace.
    class nsp& get_nsp() const noexcept { return *nsp_; }
    /// True between the CONNECT reply and the disconnect.
    bool connected() const noexcept { return connected_; }
    /// The Engine.IO session of the client (handshake request: headers, query, address).
    SOCKSPEC_DECL engineio::session_ptr session() const;
    /// The handshake request (headers, query) of the client's Engine.IO session.
    SOCKSPEC_DECL engineio::request_info const& request() const;
    /// Application data (the JWT middleware stores the claims here).
    boost::json::object& data() noexcept { return data_; }
    /// Application data of any type (empty until set).
    std::any& user_data() noexcept { return user_data_; }
    /// The CONNECT auth payload (null when none).
    boost::json::value const& auth() const noexcept { return auth_; }

    /// Sets the handler of event `name` (replacing any previous one). Does nothing once the
    /// socket is disconnected.
    SOCKSPEC_DECL socket& on(std::string name, event_handler h);
    /// Sets the handler of events that have no handler of their own. Does nothing once the
    /// socket is disconnected.
    SOCKSPEC_DECL socket& on_any(any_handler h);
    /// Sets the handler called once with the disconnect reason. Does nothing once the socket is
    /// disconnected.
    SOCKSPEC_DECL socket& on_disconnect(disconnect_handler h);
    /// The binary attachments of the event being dispatched (empty outside a handler or for a
    /// text event); its `args` refer to them by placeholders.
    std::span<std::string const> attachments() const noexcept { return attachments_; }

    /// Emits `["name",args]` to this client; `attachments` as in broadcast_operator::emit.
    SOCKSPEC_DECL void emit(std::string_view name, std::string_view args = {},
                            std::vector<std::string> attachments = {});
    /// Emits with an acknowledgement id; `cb` receives the ack's arguments, or ack_timeout after
    /// `timeout`, or disconnected. It runs exactly once, on the server's strand.
    SOCKSPEC_DECL void emit_with_ack(std::string_view name, std::string_view args,
                                     std::chrono::milliseconds timeout, ack_callback cb);

    /// Joins `room`.
    SOCKSPEC_DECL void join(std::string const& room);
    /// Leaves `room`.
    SOCKSPEC_DECL void leave(std::string const& room);
    /// The rooms of this socket (its own id room included).
    SOCKSPEC_DECL std::vector<std::string> rooms() const;
    /// Broadcasts to `room`, excluding this socket.
    SOCKSPEC_DECL broadcast_operator to(std::string room);
    /// Same as `to`.
    broadcast_operator in(std::string room) { return to(std::move(room)); }
    /// Broadcasts to every socket of the namespace but this one and the members of `room`.
    SOCKSPEC_DECL broadcast_operator except(std::string room);
    /// Broadcasts to every other socket of the namespace.
    SOCKSPEC_DECL broadcast_operator broadcast();

    /// Disconnects from the namespace (DISCONNECT packet; reason "server namespace disconnect");
    /// with `close`, closes the whole Engine.IO session (every namespace of the client).
    SOCKSPEC_DECL void disconnect(bool close = false);

private:
    friend class nsp;
    friend class broadcast_operator;
    friend class detail::client;
    friend struct detail::server_state;

    struct pending_ack {
        ack_callback cb;
        std::unique_ptr<boost::asio::steady_timer> timer;  // null for a broadcast's ack
    };

    void send_packet(socketio::packet p);
    void on_event(socketio::packet p);
    void on_ack(socketio::packet p);
    void on_close(std::string_view reason);
    ack_fn make_ack(std::uint64_t id);

    std::shared_ptr<detail::server_state> state_;
    nsp* nsp_;
    std::weak_ptr<detail::client> client_;
    std::string id_;
    adapter::socket_handle handle_{};
    bool connected_ = false;
    bool closed_ = false;
    boost::json::object data_;
    std::any user_data_;
    boost::json::value auth_;
    std::unordered_map<std::string, event_handler> handlers_;
    any_handler any_;
    disconnect_handler on_disconnect_;
    std::map<std::uint64_t, pending_ack> acks_;
    std::vector<std::string> attachments_;
};

/// The Socket.IO v5 server.
///
/// It has no threads of its own; run the io_context on one or more threads. Socket.IO state
/// lives on one strand (`get_executor()`): namespaces, sockets, rooms, handlers. Each Engine.IO
/// session keeps its own strand for I/O, and a broadcast's encoded packet is shared by all
/// targets.
class server {
public:
    /// Makes a server running on `ex`; nothing happens until `listen`.
    SOCKSPEC_DECL explicit server(boost::asio::any_io_executor ex, server_options opts = {});
    /// Makes a server running on `ioc`.
    explicit server(boost::asio::io_context& ioc, server_options opts = {})
        : server(ioc.get_executor(), std::move(opts)) {}
    /// Closes the server (see `close`).
    SOCKSPEC_DECL ~server();
    server(server const&) = delete;
    server& operator=(server const&) = delete;

    /// The strand on which all handlers run and all socket.io state lives.
    SOCKSPEC_DECL boost::asio::strand<boost::asio::any_io_executor> const& get_executor() const noexcept;
    /// The namespace `name`, created on first use. Set up namespaces before `listen`, or on
    /// the strand. A name that does not exist yet but matches the regex of a parent namespace
    /// (`of(std::regex)`) is created as that parent's child, as in socket.io.
    SOCKSPEC_DECL nsp& of(std::string const& name);
    /// Makes a parent namespace for dynamic namespaces (socket.io `io.of(fn)`). Call it before
    /// `listen`, or on the strand.
    ///
    /// A CONNECT to a namespace that does not exist asks the parents in creation order; the first
    /// whose predicate accepts creates the child namespace (unless a concurrent CONNECT created it
    /// meanwhile) and the CONNECT proceeds there. A predicate that refuses or throws (reported by
    /// `on_handler_error`) passes to the next parent; when none accepts, the client gets
    /// CONNECT_ERROR "Invalid namespace". A child starts with a copy of its parent's middleware and
    /// connection handlers at creation time (as socket.io's `createChild`), may get more of its
    /// own, and lives as long as the server. The predicate runs once per CONNECT to a namespace
    /// that does not exist yet, not for later CONNECTs to the created child.
    SOCKSPEC_DECL nsp& of(nsp_predicate predicate);
    /// The asynchronous form of `of(nsp_predicate)`.
    SOCKSPEC_DECL nsp& of(nsp_async_predicate predicate);
    /// Makes a parent namespace of the names `re` matches (socket.io `io.of(/regex/)`). Like
    /// JavaScript's `RegExp.test`, the regex may match any part of the name (std::regex_search):
    /// anchor it (`^/room-\d+$`) to match whole names. `of(name)` for a name that does not exist
    /// yet and matches creates it as this parent's child.
    SOCKSPEC_DECL nsp& of(std::regex const& re);
    /// The main namespace "/".
    nsp& sockets() { return of("/"); }
    /// Sets the hook for malformed packets (the session is then closed with "parse error"):
    /// the Engine.IO session id and the decoder's error.
    SOCKSPEC_DECL void on_parse_error(std::function<void(std::string_view sid, boost::system::error_code)> h);
    /// Sets the hook for exceptions thrown by user handlers (caught at the dispatch point).
    SOCKSPEC_DECL void on_handler_error(std::function<void(std::exception_ptr)> h);

    /// Binds `endpoint` (port 0 picks a free one) and starts accepting.
    SOCKSPEC_DECL boost::system::error_code listen(boost::asio::ip::tcp::endpoint const& endpoint);
    /// The bound address.
    SOCKSPEC_DECL boost::asio::ip::tcp::endpoint local_endpoint() const;
    /// The Engine.IO server underneath.
    engineio::server& engine() noexcept { return engine_; }

    /// Graceful shutdown: every socket is disconnected with reason "server shutting down", then
    /// the Engine.IO server closes (queued packets are delivered first). Thread-safe.
    ///
    /// As socket.io's `io.close()`, no DISCONNECT packet is sent: clients see their transport
    /// close ("transport close") rather than "io server disconnect", so a socket.io client
    /// reconnects to a server that comes back on the same address.
    SOCKSPEC_DECL void close();

private:
    std::shared_ptr<detail::server_state> state_;
    engineio::server engine_;
};

}  // namespace sockspec::server

#ifdef SOCKSPEC_HEADER_ONLY
#include <sockspec/server/impl/server.ipp>
#endif
