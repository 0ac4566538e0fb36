// sockspec/engineio/session.hpp: one Engine.IO session (a client connection) of a server.
//
// A session outlives its transports: it starts on HTTP long-polling or WebSocket and may be
// upgraded from polling to WebSocket (engine.io-protocol v4, "Upgrade"). The layer above
// (Socket.IO) talks to it through `send`, `on_message`, `on_close` and `close` only.
#pragma once

#include <sockspec/detail/config.hpp>
#include <sockspec/engineio/detail/ws_transport.hpp>
#include <sockspec/engineio/options.hpp>
#include <sockspec/engineio/packet.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/url/url.hpp>

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace sockspec::engineio {

namespace detail {
struct server_state;
}  // namespace detail

/// The transport a session currently uses.
enum class transport_type : std::uint8_t {
    polling,    ///< HTTP long-polling (`transport=polling`).
    websocket,  ///< WebSocket (`transport=websocket`).
};

/// The query-parameter name of a transport: "polling" or "websocket".
SOCKSPEC_DECL std::string_view to_string(transport_type t) noexcept;

/// An immutable, shared payload. One encoded packet can be queued on many sessions (broadcast)
/// without being copied; it is released when the last session has written it.
using shared_buffer = std::shared_ptr<std::string const>;

/// Makes a shared_buffer owning `s`.
inline shared_buffer make_shared_buffer(std::string s) {
    return std::make_shared<std::string const>(std::move(s));
}

/// What the server knew of the HTTP request that opened a session (the handshake request): the
/// layer above uses it for authentication (headers such as `Authorization`, query parameters,
/// the remote address). Immutable once the session exists, so reading it is thread-safe.
struct request_info {
    /// The request method (GET).
    boost::beast::http::verb method = boost::beast::http::verb::get;
    /// The request target as received, e.g. `/engine.io/?EIO=4&transport=polling`.
    std::string target;
    /// All request headers.
    boost::beast::http::fields headers;
    /// The parsed target (path and query).
    boost::urls::url url;
    /// The peer's address.
    boost::asio::ip::tcp::endpoint remote_endpoint;
    /// The server address the request arrived on.
    boost::asio::ip::tcp::endpoint local_endpoint;

    /// The percent-decoded value of the first query parameter `key`, if present (a parameter
    /// without `=` has an empty value).
    SOCKSPEC_DECL std::optional<std::string> query(std::string_view key) const;

    /// The value of header `name` (case-insensitive), empty when absent.
    SOCKSPEC_DECL std::string_view header(std::string_view name) const;
};

/// One Engine.IO session.
///
/// Thread-safety: every member function may be called from any thread. State is owned by the
/// session's strand (`get_executor()`); `send`, `close`, `on_message` and `on_close` dispatch to
/// it. Handlers run on that strand, one at a time, never concurrently for one session. Set the
/// handlers in the server's connection handler (which runs on the strand before any message is
/// delivered) so that no message is missed.
class session : public std::enable_shared_from_this<session> {
public:
    /// The strand every operation of this session runs on.
    using executor_type = boost::asio::strand<boost::asio::any_io_executor>;
    /// Receives one message: its data and whether it is binary.
    using message_handler = std::function<void(std::string data, bool binary)>;
    /// Receives the close reason once, when the session is closed ("transport close",
    /// "ping timeout", "forced close", "send queue full", "payload too large", ...).
    using close_handler = std::function<void(std::string_view reason)>;

    /// Internal: answers one polling request: HTTP status, body, content type.
    using poll_responder =
        std::function<void(unsigned status, std::string body, std::string_view content_type)>;

    /// Internal: sessions are made by the server.
    SOCKSPEC_DECL session(std::shared_ptr<detail::server_state> server, std::string id,
                          request_info request, transport_type transport);
    SOCKSPEC_DECL ~session();
    session(session const&) = delete;
    session& operator=(session const&) = delete;

    /// The session id (`sid`), unguessable.
    std::string const& id() const noexcept { return id_; }
    /// The transport in use (polling until an upgrade completes).
    transport_type transport() const noexcept { return transport_.load(); }
    /// The handshake request.
    request_info const& request() const noexcept { return request_; }
    /// The session's strand.
    executor_type const& get_executor() const noexcept { return strand_; }
    /// False once the session is closing or closed.
    bool is_open() const noexcept { return open_.load(); }
    /// Bytes queued and not yet handed to the transport (for monitoring and tests).
    std::size_t queued_bytes() const noexcept { return queued_bytes_.load(); }

    /// Queues a text message (copies `text` once).
    SOCKSPEC_DECL void send(std::string_view text);
    /// Queues a binary message (copies `bytes` once).
    SOCKSPEC_DECL void send_binary(std::string_view bytes);
    /// Queues a message whose payload is shared and never copied until it is written (a
    /// polling response encodes it into the response body). Closes the session with
    /// "send queue full" when the bounded send queue would overflow.
    SOCKSPEC_DECL void send(shared_buffer data, bool binary);

    /// Sets the handler of incoming messages.
    SOCKSPEC_DECL void on_message(message_handler h);
    /// Sets the handler called once when the session closes.
    SOCKSPEC_DECL void on_close(close_handler h);
    /// Closes the session gracefully ("forced close"): queued packets are delivered first,
    /// then the transport is closed (polling: a close packet; WebSocket: a close frame).
    SOCKSPEC_DECL void close();

    // Internal interface of the server and its HTTP connections. Called on any thread; each
    // dispatches to the strand.
    /// Starts a polling session; `respond` answers the handshake GET.
    SOCKSPEC_DECL void start_polling(poll_responder respond, std::uint64_t request_id);
    /// Starts a WebSocket session: `ws` answers the upgrade request `req`.
    SOCKSPEC_DECL void start_websocket(
        std::shared_ptr<detail::ws_transport> ws,
        boost::beast::http::request<boost::beast::http::string_body> req);
    /// Attaches a WebSocket to a polling session for an upgrade.
    SOCKSPEC_DECL void start_upgrade(
        std::shared_ptr<detail::ws_transport> ws,
        boost::beast::http::request<boost::beast::http::string_body> req);
    /// A polling GET; `request_id` identifies it for `abort_get`.
    SOCKSPEC_DECL void handle_get(poll_responder respond, std::uint64_t request_id);
    /// The client of the pending GET `request_id` went away.
    SOCKSPEC_DECL void abort_get(std::uint64_t request_id);
    /// A polling POST with its body.
    SOCKSPEC_DECL void handle_post(std::string body, poll_responder respond);
    /// Closes the session at once with `reason` (protocol violations, server side errors).
    SOCKSPEC_DECL void close(std::string reason, bool graceful);

private:
    // Handlers hold the WebSocket, so a dropped upgrade attempt's stream lives until its last
    // handler ran; a handler whose stream is not `ws_` is stale.
    using ws_ptr = std::shared_ptr<detail::ws_transport>;
    struct out_packet {
        packet_type type;
        shared_buffer data;
        bool binary;
    };
    enum class state : std::uint8_t { opening, open, closing, closed };

    void enqueue(packet_type type, shared_buffer data, bool binary);
    void flush();
    void flush_polling();
    void respond_get(std::string body);
    void do_ws_write();
    void on_ws_write(ws_ptr ws, bool probe, boost::beast::error_code ec, std::size_t);
    void do_ws_read();
    void on_ws_read(ws_ptr ws, boost::beast::error_code ec, std::size_t);
    void on_packet(packet p);
    void deliver(packet p);
    void schedule_ping();
    void on_ping_timer(boost::beast::error_code ec);
    void on_pong_timer(boost::beast::error_code ec);
    void on_pong();
    bool heartbeat_expired() const;
    void open_session();
    void fail_upgrade();
    void begin_close(std::string reason);
    void maybe_finish_graceful_close();
    void finish_close(std::string reason);

    std::shared_ptr<detail::server_state> server_;
    server_options const& opts_;
    executor_type strand_;
    std::string id_;
    request_info request_;
    std::atomic<transport_type> transport_;
    std::atomic<bool> open_{true};
    std::atomic<std::size_t> queued_bytes_{0};

    // Strand-owned state.
    state state_ = state::opening;
    std::string close_reason_;
    std::deque<out_packet> queue_;
    std::size_t queue_bytes_ = 0;
    poll_responder pending_get_;
    std::uint64_t pending_get_id_ = 0;
    bool close_packet_sent_ = false;
    ws_ptr ws_;
    bool ws_writing_ = false;
    bool ws_closing_ = false;
    bool upgrading_ = false;  // the probe was answered; waiting for the upgrade packet
    boost::asio::steady_timer ping_timer_;
    boost::asio::steady_timer pong_timer_;
    boost::asio::steady_timer upgrade_timer_;
    boost::asio::steady_timer close_timer_;
    bool awaiting_pong_ = false;
    std::chrono::steady_clock::time_point pong_deadline_{};
    message_handler on_message_;
    close_handler on_close_;
};

/// A reference-counted session handle.
using session_ptr = std::shared_ptr<session>;

}  // namespace sockspec::engineio

#ifdef SOCKSPEC_HEADER_ONLY
// The bodies need the server state; it includes impl/session.ipp once both are complete.
#include <sockspec/engineio/detail/server_state.hpp>
#endif
