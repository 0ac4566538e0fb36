// sockspec/client/client.hpp: the untyped Socket.IO v5 client: a `manager` (one Engine.IO
// connection, reconnection with backoff) multiplexing namespace `socket`s, wire-compatible with
// the npm `socket.io` v4 server and with sockspec::server. The typed layer
// (sockspec/typed/client.hpp) decodes and encodes payloads with the generated codecs.
//
//   boost::asio::io_context ioc;
//   auto s = sockspec::client::connect(ioc.get_executor(), "http://127.0.0.1:3000/admin");
//   s->on_connect([s] { s->emit("hello", R"("world")"); });
//   s->on("news", [](std::string_view args, sockspec::client::ack_fn ack) { ... });
//   s->on_connect_error([](std::string_view message, boost::json::value const& data) { ... });
//   ioc.run();
//
// Payloads are raw JSON text: `args` is the comma-separated argument list without brackets, as
// in sockspec::server.
//
// No threads of its own: the manager and its sockets run on one strand of the executor given
// to `create` (`manager::get_executor()`); every handler runs there, one at a time.
// Thread-safety: every member function may be called from any thread (it dispatches to the
// strand); the observers (`socket::id`, `connected`, `attachments`) read state owned by the
// strand: use them in handlers or in work posted to `manager::get_executor()`. Closing
// (`socket::disconnect`, `manager::close`) or dropping the last reference is safe from any handler
// and while a connect or a reconnection is pending: timers and I/O are cancelled, no handler runs
// after the final `on_disconnect` / `on_close`.
//
// Lifetime: a socket keeps its manager alive; the manager keeps its sockets weakly. Handlers that
// capture the socket's shared_ptr keep it alive until it is released: `socket::disconnect`
// and `manager::close` drop the handlers (set them again before a later `connect`); a socket
// disconnected by the server or refused (CONNECT_ERROR) keeps them, so it can `connect` again.
#pragma once

#include <sockspec/client/error.hpp>
#include <sockspec/detail/config.hpp>
#include <sockspec/engineio/client.hpp>
#include <sockspec/socketio/ack_fn.hpp>
#include <sockspec/socketio/packet.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/strand.hpp>
#include <boost/json/value.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace sockspec::client {

class manager;
class socket;

namespace detail {
struct manager_state;
struct socket_state;
}  // namespace detail

/// Reconnection policy; defaults are socket.io-client's. The n-th attempt (from 0) waits
/// `delay * 2^n` moved by up to +-`randomization` of itself, then capped at `delay_max`
/// (socket.io-client's Backoff; see client/detail/backoff.hpp).
struct reconnection_options {
    /// Reconnect automatically after a connection loss (not after a server-side disconnect
    /// of a socket, "io server disconnect", nor after `close()`).
    bool enabled = true;
    /// Attempts before giving up (`on_reconnect_failed`); unlimited by default.
    std::size_t attempts = std::numeric_limits<std::size_t>::max();
    /// Initial delay.
    std::chrono::milliseconds delay{1000};
    /// Largest delay.
    std::chrono::milliseconds delay_max{5000};
    /// Randomization factor in [0, 1].
    double randomization = 0.5;
    /// Seed of the randomization (reproducible delays in tests); empty: std::random_device.
    std::optional<std::uint64_t> seed;
};

/// Options of a manager (socket.io-client's manager and engine options).
struct manager_options {
    /// The Engine.IO options; the path defaults to `/socket.io/`.
    engineio::client_options engine = [] {
        engineio::client_options o;
        o.path = "/socket.io/";
        return o;
    }();
    /// Reconnection policy.
    reconnection_options reconnection;
    /// How long each connection attempt may take (`timeout`).
    std::chrono::milliseconds timeout{20000};
    /// Open the connection as soon as a socket connects (`autoConnect`).
    bool auto_connect = true;
    /// Limits of the packet decoder.
    socketio::decode_options decode;
};

/// Options of a namespace socket.
struct socket_options {
    /// The CONNECT auth payload (an object, or null for none), asked for on every connection
    /// attempt so a fresh token is used on each reconnection. Empty: no auth payload.
    std::function<boost::json::value()> auth;
    /// Most emits kept while disconnected (sent in order on connect); beyond it the oldest is
    /// dropped and reported to `on_error` with client::error::buffer_full.
    std::size_t max_buffered = 1024;
};

/// Answers an incoming event's acknowledgement request: raw JSON arguments and optional binary
/// attachments (BINARY_ACK). Empty (false) when the server asked for none; calling it more than
/// once sends nothing more. The same type as the server's (sockspec/socketio/ack_fn.hpp).
using ack_fn = socketio::ack_fn;
/// Handles an event: raw JSON arguments and the acknowledgement sender (possibly empty).
using event_handler = std::function<void(std::string_view args, ack_fn ack)>;
/// Handles events without a handler of their own.
using any_handler = std::function<void(std::string_view name, std::string_view args, ack_fn ack)>;
/// Receives an acknowledgement: an error (ack_timeout, disconnected) or its raw JSON arguments.
using ack_callback = std::function<void(boost::system::error_code ec, std::string_view args)>;

/// One namespace of a manager's connection (socket.io-client's `Socket`).
///
/// Thread-safety: see the top of this header. Dropping the last reference disconnects it (a
/// DISCONNECT when connected) without running any handler.
class socket : public std::enable_shared_from_this<socket> {
public:
    SOCKSPEC_DECL ~socket();
    socket(socket const&) = delete;
    socket& operator=(socket const&) = delete;

    /// The namespace ("/", "/admin").
    SOCKSPEC_DECL std::string const& nsp() const noexcept;
    /// The socket id given by the server (empty while disconnected).
    SOCKSPEC_DECL std::string const& id() const noexcept;
    /// True while connected to the namespace.
    SOCKSPEC_DECL bool connected() const noexcept;
    /// True while connected or trying to (re)connect (socket.io-client's `active`).
    SOCKSPEC_DECL bool active() const noexcept;
    /// The manager.
    SOCKSPEC_DECL std::shared_ptr<manager> io() const;

    /// Connects (opens the manager's connection if needed); automatic when auto_connect.
    SOCKSPEC_DECL void connect();
    /// Disconnects from the namespace ("io client disconnect"); no automatic reconnection.
    /// Pending acks get `disconnected`, buffered emits are dropped, and the handlers are dropped
    /// after `on_disconnect` ran. The manager closes when no other socket is active.
    SOCKSPEC_DECL void disconnect();

    /// Connected to the namespace (after buffered emits were sent).
    SOCKSPEC_DECL void on_connect(std::function<void()> h);
    /// The reason in socket.io-client's words: "io server disconnect", "io client
    /// disconnect", "ping timeout", "transport close", "transport error", "parse error".
    /// Runs only for a socket that was connected (socket.io-client also tells a socket still
    /// waiting for its CONNECT reply). Acks of emits already sent then get `disconnected`;
    /// emits still buffered keep theirs and go out on the next connect.
    SOCKSPEC_DECL void on_disconnect(std::function<void(std::string_view reason)> h);
    /// A CONNECT refused by the server (middleware): `err.message` and `err.data` (null when
    /// none); or a connection failure (message "xhr poll error", "websocket error", "timeout").
    SOCKSPEC_DECL void on_connect_error(
        std::function<void(std::string_view message, boost::json::value const& data)> h);
    /// Local errors that have no other channel (a buffered emit dropped, a bad packet).
    SOCKSPEC_DECL void on_error(std::function<void(boost::system::error_code)> h);
    SOCKSPEC_DECL void on(std::string name, event_handler h);
    SOCKSPEC_DECL void on_any(any_handler h);
    /// The binary attachments of the event being dispatched (see sockspec::server).
    SOCKSPEC_DECL std::vector<std::string> const& attachments() const noexcept;

    /// Emits; buffered while disconnected (bounded, see socket_options::max_buffered).
    SOCKSPEC_DECL void emit(std::string_view name, std::string_view args = {},
                            std::vector<std::string> attachments = {});
    /// Emits unless disconnected or the transport is busy: then the packet is dropped.
    SOCKSPEC_DECL void emit_volatile(std::string_view name, std::string_view args = {});
    /// Emits with an acknowledgement: `cb` runs exactly once with the answer, ack_timeout after
    /// `timeout` (counted from the call, as socket.io-client's `timeout()`), or disconnected.
    SOCKSPEC_DECL void emit_with_ack(std::string_view name, std::string_view args,
                                     std::chrono::milliseconds timeout, ack_callback cb);
    /// emit_with_ack with binary attachments (placeholders in `args`, as in `emit`).
    SOCKSPEC_DECL void emit_with_ack(std::string_view name, std::string_view args,
                                     std::vector<std::string> attachments,
                                     std::chrono::milliseconds timeout, ack_callback cb);

private:
    friend class manager;
    explicit socket(std::shared_ptr<detail::socket_state> s) : impl_(std::move(s)) {}
    std::shared_ptr<detail::socket_state> impl_;
};

/// One Engine.IO connection and its namespace sockets (socket.io-client's `Manager`).
class manager : public std::enable_shared_from_this<manager> {
public:
    /// A manager of `url` (`http(s)://host:port`; the path of the URL is ignored).
    SOCKSPEC_DECL static std::shared_ptr<manager> create(boost::asio::any_io_executor ex,
                                                         std::string url,
                                                         manager_options opts = {});
    /// Closes without running any handler.
    SOCKSPEC_DECL ~manager();
    manager(manager const&) = delete;
    manager& operator=(manager const&) = delete;

    /// The socket of namespace `nsp` (one per namespace; the same one on later calls).
    SOCKSPEC_DECL std::shared_ptr<client::socket> socket(std::string const& nsp,
                                                         socket_options opts = {});
    /// Opens the connection (automatic when a socket connects with auto_connect).
    SOCKSPEC_DECL void open();
    /// Closes the connection and every socket (their `on_disconnect` with "io client
    /// disconnect", pending acks with `disconnected`), then `on_close` ("forced close"); no
    /// reconnection. Every handler of the manager and its sockets is dropped afterwards.
    SOCKSPEC_DECL void close();

    SOCKSPEC_DECL void on_open(std::function<void()> h);
    SOCKSPEC_DECL void on_close(std::function<void(std::string_view reason)> h);
    SOCKSPEC_DECL void on_error(std::function<void(boost::system::error_code)> h);
    /// Before each attempt, with its number (from 1).
    SOCKSPEC_DECL void on_reconnect_attempt(std::function<void(std::size_t attempt)> h);
    /// After a successful reconnection, with the number of attempts it took.
    SOCKSPEC_DECL void on_reconnect(std::function<void(std::size_t attempt)> h);
    SOCKSPEC_DECL void on_reconnect_error(std::function<void(boost::system::error_code)> h);
    /// After the last allowed attempt failed.
    SOCKSPEC_DECL void on_reconnect_failed(std::function<void()> h);
    /// An exception thrown by a handler of the manager or of its sockets (caught there: it never
    /// escapes into the executor).
    SOCKSPEC_DECL void on_handler_error(std::function<void(std::exception_ptr)> h);

    /// The strand of the manager and its sockets.
    SOCKSPEC_DECL boost::asio::strand<boost::asio::any_io_executor> const& get_executor()
        const noexcept;
    /// The current Engine.IO transport (polling until upgraded).
    SOCKSPEC_DECL engineio::transport_type transport() const noexcept;

private:
    SOCKSPEC_DECL manager(boost::asio::any_io_executor ex, std::string url, manager_options opts);
    std::shared_ptr<detail::manager_state> impl_;
};

/// socket.io-client's `io(url, opts)`: a new manager of `url` and the socket of the URL's
/// path as namespace ("/" when none), connected when `opts.auto_connect`.
SOCKSPEC_DECL std::shared_ptr<socket> connect(boost::asio::any_io_executor ex, std::string url,
                                              manager_options opts = {}, socket_options sopts = {});

}  // namespace sockspec::client

#ifdef SOCKSPEC_HEADER_ONLY
#include <sockspec/client/impl/client.ipp>
#endif
