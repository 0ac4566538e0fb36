// sockspec/engineio/tls.hpp: HTTPS and WSS for the Engine.IO server (Boost.Asio SSL, OpenSSL).
//
// A separate header so that only programs that serve TLS include Asio SSL and link OpenSSL:
//
//   auto ctx = std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
//   ctx->use_certificate_chain_file("cert.pem");
//   ctx->use_private_key_file("key.pem", boost::asio::ssl::context::pem);
//   sockspec::engineio::server srv(ioc);
//   sockspec::engineio::enable_tls(srv, ctx);
//   srv.listen(endpoint);  // https://... and wss://...
#pragma once

#include <sockspec/engineio/detail/http_connection.hpp>
#include <sockspec/engineio/server.hpp>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <memory>
#include <utility>

namespace sockspec::engineio {

namespace detail {

/// The TLS handshake of an accepted connection (bounded by `server_options::http_timeout`).
template <>
struct stream_handshake<boost::beast::ssl_stream<boost::beast::tcp_stream>> {
    template <class Handler>
    static void async_handshake(boost::beast::ssl_stream<boost::beast::tcp_stream>& s,
                                Handler&& h) {
        s.async_handshake(boost::asio::ssl::stream_base::server, std::forward<Handler>(h));
    }
};

}  // namespace detail

/// Makes `srv` serve HTTPS and WSS only: every accepted connection does a TLS handshake with
/// `ctx` first. Call before `listen`. `ctx` is shared by all connections and must not be
/// modified afterwards. Thread-safety: as the server's handler setters.
inline void enable_tls(server& srv, std::shared_ptr<boost::asio::ssl::context> ctx) {
    srv.state_->make_connection = [ctx = std::move(ctx)](
                                      std::shared_ptr<detail::server_state> const& st,
                                      boost::asio::ip::tcp::socket socket) {
        detail::launch_connection(st, boost::beast::ssl_stream<boost::beast::tcp_stream>(
                                          boost::beast::tcp_stream(std::move(socket)), *ctx));
    };
}

}  // namespace sockspec::engineio
