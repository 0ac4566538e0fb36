// sockspec/engineio/detail/ws_transport.hpp: a WebSocket of a session, whatever the stream
// under it (plain TCP or TLS), behind a small virtual interface (private).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <array>
#include <cstddef>
#include <functional>
#include <utility>

namespace sockspec::engineio::detail {

/// One WebSocket of a session. All calls are made on the session's strand and every completion
/// handler runs on it (handlers are bound to it), whatever the executor of the stream: the
/// stream may come from an HTTP connection with its own strand (TLS streams cannot move to
/// another executor). Beast's WebSocket timers are never armed, so nothing runs on the
/// stream's own executor; the session's timers bound the handshakes instead.
class ws_transport {
public:
    // The session's strand, type-erased: Beast's saved handlers need a work-trackable
    // executor, which a strand<any_io_executor> is not in Boost 1.81.
    using strand_type = boost::asio::any_io_executor;
    using io_handler = std::function<void(boost::beast::error_code, std::size_t)>;
    using handler = std::function<void(boost::beast::error_code)>;
    using request_type = boost::beast::http::request<boost::beast::http::string_body>;

    virtual ~ws_transport() = default;

    /// Answers the upgrade request `req`, which must outlive the operation.
    virtual void async_accept(request_type const& req, handler h) = 0;
    /// Reads one message into `buffer`.
    virtual void async_read(io_handler h) = 0;
    /// Writes one message made of `buffers` (not copied; they must outlive the operation).
    virtual void async_write(bool binary, std::array<boost::asio::const_buffer, 2> const& buffers,
                             io_handler h) = 0;
    /// Sends a close frame and waits for the peer's.
    virtual void async_close(handler h) = 0;
    /// Whether the last message read was binary.
    virtual bool got_binary() const = 0;
    /// Closes the socket at once; pending operations complete with an error.
    virtual void stop() noexcept = 0;

    /// The read buffer of `async_read`.
    boost::beast::flat_buffer buffer;
};

/// The ws_transport of a `Stream` (boost::beast::tcp_stream or an ssl_stream of one).
template <class Stream>
class basic_ws_transport final : public ws_transport {
public:
    basic_ws_transport(Stream&& stream, strand_type strand, std::size_t read_message_max)
        : ws_(std::move(stream)), strand_(std::move(strand)) {
        ws_.read_message_max(read_message_max);
        ws_.auto_fragment(false);
        ws_.set_option(boost::beast::websocket::stream_base::decorator(
            [](boost::beast::websocket::response_type& res) {
                res.set(boost::beast::http::field::server, "sockspec");
            }));
    }

    void async_accept(request_type const& req, handler h) override {
        ws_.async_accept(req, boost::asio::bind_executor(strand_, std::move(h)));
    }

    void async_read(io_handler h) override {
        ws_.async_read(buffer, boost::asio::bind_executor(strand_, std::move(h)));
    }

    void async_write(bool binary, std::array<boost::asio::const_buffer, 2> const& buffers,
                     io_handler h) override {
        ws_.binary(binary);
        ws_.async_write(buffers, boost::asio::bind_executor(strand_, std::move(h)));
    }

    void async_close(handler h) override {
        ws_.async_close(boost::beast::websocket::close_code::normal,
                        boost::asio::bind_executor(strand_, std::move(h)));
    }

    bool got_binary() const override { return ws_.got_binary(); }

    void stop() noexcept override {
        boost::beast::error_code ec;
        auto& socket = boost::beast::get_lowest_layer(ws_).socket();
        socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
        socket.close(ec);
    }

private:
    boost::beast::websocket::stream<Stream> ws_;
    strand_type strand_;
};

}  // namespace sockspec::engineio::detail
