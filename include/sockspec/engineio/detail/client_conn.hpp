// sockspec/engineio/detail/client_conn.hpp: one connection of an Engine.IO client (private):
// TCP or TLS under it, used either for HTTP/1.1 requests (a polling GET or POST connection,
// kept alive) or as a WebSocket (the websocket transport or an upgrade probe). The TLS
// connections are in client_tls.hpp: only programs that use the client link OpenSSL.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

namespace sockspec::engineio {

struct client_tls_options;

namespace detail {

/// One client connection. Made on the client's strand (an any_io_executor wrapping it), so
/// every completion handler runs on the strand; calls are made on the strand only. The owner
/// keeps a shared_ptr to the connection in each completion handler, so the connection outlives
/// its operations.
class client_conn {
public:
    using handler = std::function<void(boost::beast::error_code)>;
    using io_handler = std::function<void(boost::beast::error_code, std::size_t)>;
    using request_type = boost::beast::http::request<boost::beast::http::string_body>;
    using parser_type = boost::beast::http::response_parser<boost::beast::http::string_body>;

    virtual ~client_conn() = default;

    /// Connects to the first reachable endpoint, then does the TLS handshake (if TLS).
    virtual void async_connect(boost::asio::ip::tcp::resolver::results_type const& endpoints,
                               handler h) = 0;
    /// Writes `req`, then reads the response with `parser`; both must outlive the operation.
    virtual void async_request(request_type& req, parser_type& parser, handler h) = 0;
    /// The WebSocket handshake (`host` is the Host header); `headers` are added to the request.
    virtual void async_ws_handshake(std::string host, std::string target,
                                    boost::beast::http::fields const& headers, handler h) = 0;
    /// Reads one WebSocket message into `buffer`.
    virtual void async_ws_read(io_handler h) = 0;
    /// Writes one WebSocket message; `data` must outlive the operation.
    virtual void async_ws_write(bool binary, boost::asio::const_buffer data, io_handler h) = 0;
    /// Sends a WebSocket close frame and waits for the peer's.
    virtual void async_ws_close(handler h) = 0;
    /// Whether the last WebSocket message read was binary.
    virtual bool got_binary() const = 0;
    /// Closes the socket at once; pending operations complete with an error.
    virtual void stop() noexcept = 0;
    /// True when `ec` is the TLS stream ending without a close_notify (a peer that went away).
    virtual bool is_truncation(boost::system::error_code const& ec) const = 0;

    /// The read buffer (HTTP responses and WebSocket messages).
    boost::beast::flat_buffer buffer;
};

/// The client_conn over a `Stream`: boost::beast::tcp_stream, or (client_tls.hpp) an
/// ssl_stream of one. `Tls` does what the stream needs after the TCP connect: `connect(ws,
/// handler)` (the TLS handshake, or nothing) and `is_truncation(ec)`.
template <class Stream, class Tls>
class basic_client_conn final : public client_conn {
public:
    /// The stream is made of `args`; `tls` is kept.
    template <class... Args>
    explicit basic_client_conn(Tls tls, Args&&... args)
        : tls_(std::move(tls)), ws_(std::forward<Args>(args)...) {
        // No limit on what the server sends, as socket.io-client; the server bounds it.
        ws_.read_message_max(0);
        ws_.auto_fragment(false);
    }

    void async_connect(boost::asio::ip::tcp::resolver::results_type const& endpoints,
                       handler h) override {
        boost::beast::get_lowest_layer(ws_).async_connect(
            endpoints, [this, h = std::move(h)](boost::beast::error_code ec,
                                                boost::asio::ip::tcp::endpoint const&) mutable {
                if (ec) return h(ec);
                boost::beast::get_lowest_layer(ws_).socket().set_option(
                    boost::asio::ip::tcp::no_delay(true), ec);
                tls_.connect(ws_, std::move(h));
            });
    }

    void async_request(request_type& req, parser_type& parser, handler h) override {
        boost::beast::http::async_write(
            ws_.next_layer(), req,
            [this, &parser, h = std::move(h)](boost::beast::error_code ec, std::size_t) mutable {
                if (ec) return h(ec);
                boost::beast::http::async_read(
                    ws_.next_layer(), buffer, parser,
                    [h = std::move(h)](boost::beast::error_code ec, std::size_t) { h(ec); });
            });
    }

    void async_ws_handshake(std::string host, std::string target,
                            boost::beast::http::fields const& headers, handler h) override {
        ws_.set_option(boost::beast::websocket::stream_base::decorator(
            [headers](boost::beast::websocket::request_type& req) {
                req.set(boost::beast::http::field::user_agent, "sockspec");
                for (auto const& f : headers) req.set(f.name_string(), f.value());
            }));
        host_ = std::move(host);
        target_ = std::move(target);
        ws_.async_handshake(host_, target_, std::move(h));
    }

    void async_ws_read(io_handler h) override { ws_.async_read(buffer, std::move(h)); }

    void async_ws_write(bool binary, boost::asio::const_buffer data, io_handler h) override {
        ws_.binary(binary);
        ws_.async_write(data, std::move(h));
    }

    void async_ws_close(handler h) override {
        ws_.async_close(boost::beast::websocket::close_code::normal, std::move(h));
    }

    bool got_binary() const override { return ws_.got_binary(); }

    void stop() noexcept override {
        boost::beast::error_code ec;
        auto& socket = boost::beast::get_lowest_layer(ws_).socket();
        socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
        socket.close(ec);
    }

    bool is_truncation(boost::system::error_code const& ec) const override {
        return tls_.is_truncation(ec);
    }

private:
    Tls tls_;  // may own what the stream refers to (the TLS context): declared first
    boost::beast::websocket::stream<Stream> ws_;
    std::string host_;
    std::string target_;
};

/// The Tls policy of plain TCP: nothing to do after the connect.
struct no_tls {
    template <class WebSocket, class Handler>
    void connect(WebSocket&, Handler&& h) const {
        h(boost::beast::error_code{});
    }
    bool is_truncation(boost::system::error_code const&) const { return false; }
};

/// A plain TCP connection.
using plain_client_conn = basic_client_conn<boost::beast::tcp_stream, no_tls>;

/// Makes the connections of one client.
class client_conn_factory {
public:
    virtual ~client_conn_factory() = default;
    /// A new, unconnected connection whose handlers run on `ex`.
    virtual std::shared_ptr<client_conn> make(boost::asio::any_io_executor ex) = 0;
};

/// Makes the TLS connection factory of a client: `name` is the name to verify and `sni`
/// whether to send it as SNI. Fails (sets `ec`) when the CA file or the client certificate
/// cannot be loaded.
using client_tls_maker = std::shared_ptr<client_conn_factory> (*)(client_tls_options const& tls,
                                                                  std::string const& name, bool sni,
                                                                  boost::system::error_code& ec);

/// The TLS maker of the program; set by <sockspec/engineio/detail/client_tls.hpp> (which
/// client.hpp includes), null in a program that never includes client.hpp.
inline client_tls_maker& client_tls_hook() noexcept {
    static client_tls_maker maker = nullptr;
    return maker;
}

}  // namespace detail
}  // namespace sockspec::engineio
