// sockspec/engineio/server.hpp: the Engine.IO v4 server (HTTP long-polling and WebSocket on one
// TCP port, Boost.Asio + Beast), wire-compatible with the npm engine.io server.
//
//   boost::asio::io_context ioc;
//   sockspec::engineio::server srv(ioc.get_executor(), {.path = "/socket.io/"});
//   srv.on_connection([](sockspec::engineio::session_ptr s) {
//       s->on_message([s](std::string data, bool binary) {
//           binary ? s->send_binary(data) : s->send(data);
//       });
//   });
//   srv.listen({boost::asio::ip::make_address("127.0.0.1"), 3000});
//   ioc.run();
//
// Requests under `options().path` are Engine.IO's; other requests go to the handler set by
// `on_http_request`, or get a 404. HTTPS/WSS: <sockspec/engineio/tls.hpp>.
//
// Several Engine.IO endpoints on one port: `mount` another server, which keeps its own options,
// sessions and handlers and serves the requests under its own path on this server's listener
// (each request, WebSocket upgrades included, goes to the endpoint with the longest matching
// path; so does the body limit, `max_http_buffer_size`):
//
//   sockspec::engineio::server eio(ioc, {.path = "/engine.io/"});
//   sockspec::engineio::server admin(ioc, {.path = "/admin/"});
//   eio.mount(admin);  // admin does not listen itself
//   eio.listen({boost::asio::ip::make_address("127.0.0.1"), 3000});
#pragma once

#include <sockspec/detail/config.hpp>
#include <sockspec/engineio/detail/server_state.hpp>
#include <sockspec/engineio/options.hpp>
#include <sockspec/engineio/session.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

namespace boost::asio::ssl {
class context;
}  // namespace boost::asio::ssl

namespace sockspec::engineio {

class server;
void enable_tls(server& srv, std::shared_ptr<boost::asio::ssl::context> ctx);

/// An Engine.IO v4 server.
///
/// It has no threads of its own: everything runs on the executor given to the constructor
/// (run the io_context on one or more threads). Each HTTP connection and each session has its
/// own strand, so the server is safe on a multi-threaded io_context. The member functions may
/// be called from any thread; set the handlers before `listen`.
class server {
public:
    /// Makes a server that runs on `ex`; nothing happens until `listen`.
    SOCKSPEC_DECL explicit server(boost::asio::any_io_executor ex, server_options opts = {});
    /// Makes a server that runs on `ioc`.
    explicit server(boost::asio::io_context& ioc, server_options opts = {})
        : server(ioc.get_executor(), std::move(opts)) {}
    /// Closes the server (see `close`); pending operations finish on their own.
    SOCKSPEC_DECL ~server();
    server(server const&) = delete;
    server& operator=(server const&) = delete;

    /// The options (the path normalized to end with `/`).
    SOCKSPEC_DECL server_options const& options() const noexcept;

    /// Sets the handler of new sessions; it runs on the session's strand before any message is
    /// delivered, so it is the place to set the session's handlers.
    SOCKSPEC_DECL void on_connection(connection_handler h);
    /// Sets the handler of HTTP requests outside the Engine.IO path and the paths of the servers
    /// mounted on this one (default: 404).
    SOCKSPEC_DECL void on_http_request(http_handler h);
    /// Sets a check of handshake requests (the reference `allowRequest`): false refuses the
    /// session with HTTP 403 `{"code":4,"message":"Forbidden"}`.
    SOCKSPEC_DECL void allow_request(std::function<bool(request_info const&)> f);

    /// Serves the Engine.IO requests under `other.options().path` on this server's listener
    /// (and on its TLS, if enabled): each request goes to the endpoint, among this server and
    /// those mounted on it, whose path is the longest prefix of the request's path (a later
    /// mount wins a tie; mounting this server itself does nothing). `other` keeps its own
    /// options (body limit, CORS, heartbeat, ...), sessions and handlers, and must not
    /// `listen` itself; its `on_http_request` is never used (other paths go to this server's).
    /// `close` of this server closes the mounted ones too; `other.close()` closes only its
    /// sessions (its path stays routed to it and new handshakes get 403). The mount keeps the
    /// state of `other` alive, so `other` may be destroyed first; `other` must not have this
    /// server mounted in turn. Thread-safe; call it before `listen` so that no request misses
    /// the mount.
    SOCKSPEC_DECL void mount(server& other);

    /// Binds `endpoint` (port 0 picks a free one) and starts accepting connections.
    SOCKSPEC_DECL boost::system::error_code listen(boost::asio::ip::tcp::endpoint const& endpoint);
    /// The bound address (after a successful `listen`).
    SOCKSPEC_DECL boost::asio::ip::tcp::endpoint local_endpoint() const;

    /// Graceful shutdown: stops accepting, closes every session with reason "server shutting
    /// down" after its queued packets are delivered, and closes idle HTTP connections, so that
    /// `io_context::run()` returns once everything has drained. Mounted servers close too.
    SOCKSPEC_DECL void close();

    /// The number of open sessions.
    SOCKSPEC_DECL std::size_t session_count() const;
    /// A snapshot of the open sessions.
    SOCKSPEC_DECL std::vector<session_ptr> sessions() const;

private:
    friend void enable_tls(server& srv, std::shared_ptr<boost::asio::ssl::context> ctx);

    std::shared_ptr<detail::server_state> state_;
};

}  // namespace sockspec::engineio

#ifdef SOCKSPEC_HEADER_ONLY
#include <sockspec/engineio/impl/server.ipp>
#endif
