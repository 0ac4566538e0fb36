// sockspec/engineio/client.hpp: the Engine.IO v4 client (HTTP long-polling, WebSocket and the
// upgrade between them; HTTPS/WSS with certificate verification), Boost.Asio + Beast. It is
// the transport of the Socket.IO client (sockspec/client/) and is wire-compatible with the npm
// engine.io server and with sockspec::engineio::server.
//
//   boost::asio::io_context ioc;
//   auto c = sockspec::engineio::client::create(ioc.get_executor(), "http://127.0.0.1:3000",
//                                               {.path = "/engine.io/"});
//   c->on_open([c](sockspec::engineio::handshake const&) { c->send("hello"); });
//   c->on_message([](std::string data, bool binary) { ... });
//   c->on_close([](std::string_view reason, boost::system::error_code ec) { ... });
//   c->open();
//   ioc.run();
//
// No threads of its own: everything runs on a strand of the executor given to `create`.
//
// Thread-safety: every member function may be called from any thread (it dispatches to the
// strand); handlers run on the strand (`get_executor()`), one at a time. Set the handlers
// before `open`. `close()` and dropping the last shared_ptr are safe from any handler and while
// an `open` is pending: pending operations are cancelled, no handler runs after `on_close`,
// and the object lives until its last operation completed. Dropping the last shared_ptr closes
// the session as `close()` does (the close packet is still sent) but runs no handler at all,
// `on_close` included. A handler that throws closes the client: `on_close("transport error",
// errc::state_not_recoverable)`; exceptions never escape into `io_context::run()`.
//
// Error codes behind `on_close`: Asio/Beast/SSL codes of the failed operation (a certificate
// that does not verify is an SSL category code), `asio::error::timed_out` for "ping timeout"
// and an expired `connect_timeout`, `errc::protocol_error` (`errc::permission_denied` for 403)
// for an HTTP status other than 200, `engineio::error` codes for a bad handshake or packet.
#pragma once

#include <sockspec/detail/config.hpp>
#include <sockspec/engineio/packet.hpp>
#include <sockspec/engineio/session.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/http/fields.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sockspec::engineio {

/// TLS of a client (`https://` and `wss://` URLs). Verification is on by default: the server's
/// certificate chain must verify against the trust store and its name must match the URL's
/// host; a failure is an error (`on_close` with the SSL error code), never a silent connect.
struct client_tls_options {
    /// Verify the server's certificate chain and host name.
    bool verify_peer = true;
    /// PEM file of trusted CAs; empty: the system's default trust store.
    std::string ca_file;
    /// PEM client certificate chain and private key (mutual TLS); both or neither.
    std::string cert_file;
    std::string key_file;
    /// The name to verify and to send as SNI; empty: the URL's host.
    std::string server_name;
};

/// Options of an Engine.IO client (socket.io-client's "low-level engine options").
struct client_options {
    /// Request path (a trailing `/` is added when missing). Socket.IO uses `/socket.io/`.
    std::string path = "/engine.io/";
    /// Transports to use, in order of preference: the first one opens the session; with
    /// `upgrade`, a polling session then probes and upgrades to `websocket` when the server
    /// offers it. `{websocket}` alone connects with WebSocket directly.
    std::vector<transport_type> transports{transport_type::polling, transport_type::websocket};
    /// Upgrade polling to WebSocket when the server offers it.
    bool upgrade = true;
    /// Extra query parameters of every request (after EIO/transport/sid).
    std::vector<std::pair<std::string, std::string>> query;
    /// Extra headers of every HTTP request and of the WebSocket handshake (e.g. Authorization).
    boost::beast::http::fields extra_headers;
    /// How long connecting (resolve, TCP, TLS, handshake packet) may take.
    std::chrono::milliseconds connect_timeout{20000};
    /// TLS settings for https/wss URLs.
    client_tls_options tls;
};

/// An Engine.IO v4 client connection (one session). Made with `create`; one `open` per object
/// (the Socket.IO manager makes a new one per reconnection attempt).
class client : public std::enable_shared_from_this<client> {
public:
    /// Handles the open packet of the session.
    using open_handler = std::function<void(handshake const&)>;
    /// Handles a message: its data and whether it was binary.
    using message_handler = std::function<void(std::string data, bool binary)>;
    /// Runs once when the session ends or could not be opened: the reason in socket.io-client's
    /// words ("transport close", "transport error", "ping timeout", "forced close", "parse
    /// error") and the error code behind it (empty for "forced close" and a server close).
    using close_handler = std::function<void(std::string_view reason, boost::system::error_code)>;
    /// Runs when the transport was upgraded (to websocket).
    using upgrade_handler = std::function<void(transport_type)>;

    /// Makes a client of `url` (`http://`, `https://`, `ws://` or `wss://`, host, optional port
    /// and path prefix are ignored: the path is `opts.path`). Nothing happens until `open`.
    SOCKSPEC_DECL static std::shared_ptr<client> create(boost::asio::any_io_executor ex,
                                                        std::string url, client_options opts = {});
    SOCKSPEC_DECL ~client();
    client(client const&) = delete;
    client& operator=(client const&) = delete;

    SOCKSPEC_DECL void on_open(open_handler h);
    SOCKSPEC_DECL void on_message(message_handler h);
    SOCKSPEC_DECL void on_close(close_handler h);
    SOCKSPEC_DECL void on_upgrade(upgrade_handler h);

    /// Connects: resolve, TCP, TLS, the handshake; then `on_open`, or `on_close` on failure.
    SOCKSPEC_DECL void open();
    /// Queues a message; messages are sent in order (batched on polling). Messages queued
    /// before the open are sent after it. Does nothing after the close.
    SOCKSPEC_DECL void send(std::string data, bool binary = false);
    /// Closes (a close packet when open; reason "forced close"); `on_close` runs once.
    SOCKSPEC_DECL void close();

    /// The strand on which the handlers run.
    SOCKSPEC_DECL boost::asio::strand<boost::asio::any_io_executor> const& get_executor() const noexcept;
    /// The session id (empty before the open).
    SOCKSPEC_DECL std::string const& id() const noexcept;
    /// The current transport.
    SOCKSPEC_DECL transport_type transport() const noexcept;
    /// True between `on_open` and `on_close`.
    SOCKSPEC_DECL bool is_open() const noexcept;
    /// Bytes queued and not yet written.
    SOCKSPEC_DECL std::size_t buffered_amount() const noexcept;

private:
    struct impl;
    SOCKSPEC_DECL client(boost::asio::any_io_executor ex, std::string url, client_options opts);
    std::shared_ptr<impl> impl_;
};

}  // namespace sockspec::engineio

// HTTPS/WSS support (OpenSSL), installed by each translation unit that includes this header;
// not by the one of <sockspec/src.hpp>, so that programs without a client link without OpenSSL.
#ifndef SOCKSPEC_DETAIL_CLIENT_NO_TLS
#include <sockspec/engineio/detail/client_tls.hpp>
#endif

#ifdef SOCKSPEC_HEADER_ONLY
#include <sockspec/engineio/impl/client.ipp>
#endif
