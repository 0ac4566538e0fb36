// sockspec/engineio/detail/http_connection.hpp: one accepted connection of an Engine.IO server,
// for any stream (plain TCP, or TLS through <sockspec/engineio/tls.hpp>) (private).
#pragma once

#include <sockspec/engineio/detail/server_state.hpp>
#include <sockspec/engineio/detail/ws_transport.hpp>
#include <sockspec/engineio/packet.hpp>
#include <sockspec/engineio/session.hpp>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/none.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

namespace sockspec::engineio::detail {

/// The handshake of a freshly accepted stream: none for plain TCP; <sockspec/engineio/tls.hpp>
/// specializes it for TLS.
template <class Stream>
struct stream_handshake {
    template <class Handler>
    static void async_handshake(Stream&, Handler&& h) {
        std::forward<Handler>(h)(boost::beast::error_code{});
    }
};

/// One accepted TCP connection: reads HTTP requests one at a time, routes each by its path to
/// the listening server or one mounted on it (`server::mount`), answers Engine.IO polling
/// requests through their session, hands WebSocket upgrades to a session, and passes other
/// paths to the listening server's user handler.
///
/// Thread-safety: runs on its own strand (the socket's executor); the session answers through
/// a responder that posts back to it.
template <class Stream>
class http_connection final : public connection_base,
                              public std::enable_shared_from_this<http_connection<Stream>> {
public:
    http_connection(std::shared_ptr<server_state> host, Stream&& stream, std::uint64_t id)
        : host_(std::move(host)),
          server_(host_),
          stream_(std::move(stream)),
          executor_(stream_.get_executor()),
          id_(id) {}

    ~http_connection() {
        std::lock_guard lock(host_->mutex);
        host_->connections.erase(id_);
    }

    void start() {
        boost::asio::dispatch(executor_, [self = this->shared_from_this()] {
            // TLS: the handshake first, bounded like a request.
            self->lowest().expires_after(self->host_->opts.http_timeout);
            stream_handshake<Stream>::async_handshake(self->stream_,
                                                      [self](boost::beast::error_code ec) {
                                                          if (ec) {
                                                              self->close_socket();
                                                              return;
                                                          }
                                                          self->do_read();
                                                      });
        });
    }

    /// Server shutdown: closes the connection once its current response is written.
    void shutdown() override {
        boost::asio::post(executor_, [self = this->shared_from_this()] {
            if (!self->waiting_ && !self->writing_) self->close_socket();
        });
    }

private:
    using request_t = boost::beast::http::request<boost::beast::http::string_body>;
    using response_t = boost::beast::http::response<boost::beast::http::string_body>;

    void do_read() {
        if (closed_) return;
        if (host_->closing) {
            close_socket();
            return;
        }
        parser_.emplace();
        // The body limit depends on the endpoint the request is for: set once the header is read.
        parser_->body_limit(boost::none);
        server_ = host_;
        lowest().expires_after(host_->opts.http_timeout);
        boost::beast::http::async_read_header(
            stream_, buffer_, *parser_,
            boost::beast::bind_front_handler(&http_connection<Stream>::on_header,
                                             this->shared_from_this()));
    }

    void on_header(boost::beast::error_code ec, std::size_t) {
        if (ec) return on_read(ec, 0);
        // Route by path: the listening server or one mounted on it.
        if (auto url = boost::urls::parse_origin_form(parser_->get().target()))
            server_ = host_->route(url->encoded_path());
        // The endpoint's maxHttpBufferSize bounds a POST body: a larger Content-Length fails at
        // once, a longer chunked body as it arrives.
        auto const limit = server_->opts.max_http_buffer_size;
        if (auto const length = parser_->content_length(); length && *length > limit) {
            lowest().expires_never();
            on_body_too_large();
            return;
        }
        parser_->body_limit(limit);
        if (parser_->is_done()) return on_read({}, 0);
        boost::beast::http::async_read(
            stream_, buffer_, *parser_,
            boost::beast::bind_front_handler(&http_connection<Stream>::on_read,
                                             this->shared_from_this()));
    }

    void on_read(boost::beast::error_code ec, std::size_t) {
        lowest().expires_never();
        if (ec == boost::beast::http::error::body_limit) {
            on_body_too_large();
            return;
        }
        if (ec == boost::beast::http::error::end_of_stream || ec == boost::beast::error::timeout ||
            ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset ||
            ec == boost::asio::error::operation_aborted) {
            close_socket();
            return;
        }
        if (ec) {
            keep_alive_ = false;
            version_ = 11;
            cors_origin_.clear();
            reply(400, "Bad Request", "text/plain");
            return;
        }
        handle(parser_->release());
    }

    // POST body over maxHttpBufferSize: 413 as the reference server, and the session is closed
    // with a recorded reason.
    void on_body_too_large() {
        auto const& req = parser_->get();
        version_ = req.version();
        keep_alive_ = false;
        set_cors_origin(req);
        if (auto url = boost::urls::parse_origin_form(req.target());
            url && is_engineio_path(url->encoded_path())) {
            auto const params = url->params();
            if (auto it = params.find("sid"); it != params.end())
                if (auto s = server_->find(std::string((*it).value)))
                    s->close("payload too large", false);
        }
        reply(413, "Payload Too Large", "text/plain");
    }

    bool is_engineio_path(std::string_view path) const { return server_->serves(path); }

    void set_cors_origin(request_t const& req) {
        cors_origin_.clear();
        auto const& cors = server_->opts.cors;
        if (!cors.enabled) return;
        auto const it = req.find(boost::beast::http::field::origin);
        std::string_view const origin =
            it == req.end() ? std::string_view{} : std::string_view(it->value());
        bool const any =
            std::find(cors.origins.begin(), cors.origins.end(), "*") != cors.origins.end();
        if (cors.reflect_origin || (any && cors.credentials)) {
            cors_origin_ = origin.empty() ? "*" : std::string(origin);
        } else if (any) {
            cors_origin_ = "*";
        } else if (!origin.empty() && std::find(cors.origins.begin(), cors.origins.end(), origin) !=
                                          cors.origins.end()) {
            cors_origin_ = std::string(origin);
        }
    }

    void add_cors_headers(response_t& res) const {
        auto const& cors = server_->opts.cors;
        if (!cors.enabled || cors_origin_.empty()) return;
        res.set(boost::beast::http::field::access_control_allow_origin, cors_origin_);
        if (cors_origin_ != "*") res.set(boost::beast::http::field::vary, "Origin");
        if (cors.credentials)
            res.set(boost::beast::http::field::access_control_allow_credentials, "true");
    }

    void handle(request_t req) {
        keep_alive_ = req.keep_alive();
        version_ = req.version();
        set_cors_origin(req);
        auto url = boost::urls::parse_origin_form(req.target());
        if (!url) {
            keep_alive_ = false;
            reply(400, "Bad Request", "text/plain");
            return;
        }
        if (!is_engineio_path(url->encoded_path())) {
            cors_origin_.clear();  // CORS of other paths is the user handler's business
            handle_user(std::move(req));
            return;
        }
        handle_engineio(std::move(req), *url);
    }

    void handle_user(request_t req) {
        if (!server_->on_http) {
            reply(404, "Not Found", "text/plain");
            return;
        }
        waiting_ = true;
        auto respond = [self = this->shared_from_this()](response_t res) {
            boost::asio::post(self->executor_, [self, res = std::move(res)]() mutable {
                self->waiting_ = false;
                self->keep_alive_ = res.keep_alive();
                self->write(std::move(res));
            });
        };
        try {
            server_->on_http(std::move(req), std::move(respond));
        } catch (...) {
            waiting_ = false;
            reply(500, "Internal Server Error", "text/plain");
        }
    }

    void reply_error(http_error e) {
        reply(http_status(e), http_error_body(e), "application/json");
    }

    void handle_engineio(request_t req, boost::urls::url_view url) {
        namespace http = boost::beast::http;
        auto const& opts = server_->opts;
        bool const upgrade = boost::beast::websocket::is_upgrade(req);
        if (upgrade) keep_alive_ = false;  // an upgrade refused with an error ends the connection

        // CORS preflight.
        if (req.method() == http::verb::options && opts.cors.enabled && !upgrade) {
            response_t res{http::status::no_content, version_};
            res.keep_alive(keep_alive_);
            add_cors_headers(res);
            res.set(http::field::access_control_allow_methods, opts.cors.methods);
            auto const requested = req[http::field::access_control_request_headers];
            if (!opts.cors.allowed_headers.empty())
                res.set(http::field::access_control_allow_headers, opts.cors.allowed_headers);
            else if (!requested.empty())
                res.set(http::field::access_control_allow_headers, requested);
            if (opts.cors.max_age.count() > 0)
                res.set(http::field::access_control_max_age,
                        std::to_string(opts.cors.max_age.count()));
            res.prepare_payload();
            write(std::move(res));
            return;
        }

        request_info info;
        info.method = req.method();
        info.target = std::string(req.target());
        info.headers = static_cast<http::fields const&>(req.base());
        info.url = url;
        boost::beast::error_code ec;
        info.remote_endpoint = lowest().socket().remote_endpoint(ec);
        info.local_endpoint = lowest().socket().local_endpoint(ec);

        // The reference server's verify(): transport, then sid, then handshake method.
        auto const transport = info.query("transport");
        bool const known = transport && ((*transport == "polling" && opts.allow_polling) ||
                                         (*transport == "websocket" && opts.allow_websocket));
        if (!known) return reply_error(http_error::transport_unknown);
        auto const sid = info.query("sid");
        if (sid) {
            auto s = server_->find(*sid);
            if (!s) return reply_error(http_error::session_id_unknown);
            if (upgrade) {
                if (*transport != "websocket" || !opts.allow_upgrades ||
                    s->transport() != transport_type::polling)
                    return reply_error(http_error::bad_request);
                s->start_upgrade(hand_off(s), std::move(req));
                return;
            }
            if (*transport != to_string(s->transport()))
                return reply_error(http_error::bad_request);
            if (req.method() == http::verb::get) {
                wait_for(s);
                s->handle_get(make_responder(), request_id_);
                watch();
            } else if (req.method() == http::verb::post) {
                wait_for(s);
                s->handle_post(std::move(req.body()), make_responder());
            } else {
                reply_error(http_error::bad_request);
            }
            return;
        }
        // Handshake.
        if (req.method() != http::verb::get) return reply_error(http_error::bad_handshake_method);
        if ((*transport == "websocket") != upgrade) return reply_error(http_error::bad_request);
        if (info.query("EIO") != std::optional<std::string>("4"))
            return reply_error(http_error::unsupported_protocol_version);
        if (server_->allow_request) {
            bool allowed = false;
            try {
                allowed = server_->allow_request(info);
            } catch (...) {
                allowed = false;
            }
            if (!allowed) return reply_error(http_error::forbidden);
        }
        if (server_->closing) return reply_error(http_error::forbidden);
        auto s = std::make_shared<session>(
            server_, server_state::make_sid(), std::move(info),
            upgrade ? transport_type::websocket : transport_type::polling);
        server_->add(s);
        if (upgrade) {
            s->start_websocket(hand_off(s), std::move(req));
            return;
        }
        wait_for(s);
        s->start_polling(make_responder(), request_id_);
        watch();
    }

    // Gives the connection's stream to session `s` as its WebSocket. A plain socket moves to the
    // session's strand; a TLS stream cannot, and is driven from the session's strand instead
    // (see ws_transport). The connection is done afterwards.
    std::shared_ptr<ws_transport> hand_off(session_ptr const& s) {
        closed_ = true;
        auto const max = server_->opts.max_http_buffer_size;
        if constexpr (std::is_same_v<Stream, boost::beast::tcp_stream>) {
            boost::beast::error_code ec;
            auto const protocol = stream_.socket().local_endpoint(ec).protocol();
            boost::asio::ip::tcp::socket socket(s->get_executor());
            if (!ec) {
                auto const handle = stream_.socket().release(ec);
                if (!ec) socket.assign(protocol, handle, ec);
            }
            return std::make_shared<basic_ws_transport<boost::beast::tcp_stream>>(
                boost::beast::tcp_stream(std::move(socket)), s->get_executor(), max);
        } else {
            return std::make_shared<basic_ws_transport<Stream>>(std::move(stream_),
                                                                s->get_executor(), max);
        }
    }

    boost::beast::tcp_stream& lowest() { return boost::beast::get_lowest_layer(stream_); }

    void wait_for(session_ptr const& s) {
        waiting_ = true;
        waiting_session_ = s;
        request_id_ = server_->next_id++;
    }

    session::poll_responder make_responder() {
        return [self = this->shared_from_this()](unsigned status, std::string body,
                                                 std::string_view content_type) {
            boost::asio::post(self->executor_, [self, status, body = std::move(body),
                                                ct = std::string(content_type)]() mutable {
                self->waiting_ = false;
                self->waiting_session_.reset();
                self->reply(status, std::move(body), ct);
            });
        };
    }

    // While a GET waits for packets, a read notices a client that went away (the reference
    // server's "poll connection closed prematurely"). Bytes that arrive instead are the next
    // request, kept in the buffer.
    void watch() {
        watching_ = true;
        stream_.async_read_some(buffer_.prepare(1024),
                                boost::beast::bind_front_handler(&http_connection<Stream>::on_watch,
                                                                 this->shared_from_this()));
    }

    void on_watch(boost::beast::error_code ec, std::size_t n) {
        watching_ = false;
        if (ec) {
            if (waiting_ && waiting_session_) waiting_session_->abort_get(request_id_);
            close_socket();
            return;
        }
        buffer_.commit(n);
        if (lingering_) {
            do_drain();
            return;
        }
        if (!waiting_ && !writing_) do_read();
    }

    void reply(unsigned status, std::string body, std::string_view content_type) {
        response_t res{static_cast<boost::beast::http::status>(status), version_};
        res.set(boost::beast::http::field::content_type, content_type);
        res.keep_alive(keep_alive_);
        add_cors_headers(res);
        res.body() = std::move(body);
        res.prepare_payload();
        write(std::move(res));
    }

    void write(response_t res) {
        if (closed_) return;
        res_ = std::make_shared<response_t>(std::move(res));
        writing_ = true;
        boost::beast::http::async_write(
            stream_, *res_,
            boost::beast::bind_front_handler(&http_connection<Stream>::on_write,
                                             this->shared_from_this()));
    }

    void on_write(boost::beast::error_code ec, std::size_t) {
        writing_ = false;
        bool const keep_alive = res_->keep_alive();
        res_.reset();
        if (ec) {
            close_socket();
            return;
        }
        if (!keep_alive || host_->closing) {
            linger();
            return;
        }
        if (!watching_) do_read();
    }

    // Half-closes and discards what the client still sends (e.g. the rest of an oversized POST),
    // so that it reads the response instead of a connection reset.
    void linger() {
        boost::beast::error_code ec;
        lowest().socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
        lingering_ = true;
        lowest().expires_after(std::chrono::seconds(2));
        if (watching_) return;  // the watch read drains and then closes
        do_drain();
    }

    void do_drain() {
        stream_.async_read_some(
            boost::asio::buffer(drain_),
            [self = this->shared_from_this()](boost::beast::error_code ec, std::size_t) {
                if (ec) {
                    self->close_socket();
                    return;
                }
                self->do_drain();
            });
    }

    void close_socket() {
        if (closed_) return;
        closed_ = true;
        boost::beast::error_code ec;
        lowest().socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
        lowest().close();
    }

    std::shared_ptr<server_state> host_;    // the listening server: connections, timeouts
    std::shared_ptr<server_state> server_;  // the endpoint of the current request
    Stream stream_;
    boost::asio::any_io_executor executor_;  // the connection's strand (outlives a moved stream)
    std::uint64_t id_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    std::shared_ptr<response_t> res_;
    session_ptr waiting_session_;
    std::uint64_t request_id_ = 0;
    std::string cors_origin_;
    std::array<char, 4096> drain_{};
    unsigned version_ = 11;
    bool keep_alive_ = true;
    bool waiting_ = false;
    bool watching_ = false;
    bool writing_ = false;
    bool closed_ = false;
    bool lingering_ = false;
};

/// Makes, registers and starts the connection of an accepted stream.
template <class Stream>
void launch_connection(std::shared_ptr<server_state> const& st, Stream&& stream) {
    auto const id = st->next_id++;
    auto c = std::make_shared<http_connection<Stream>>(st, std::move(stream), id);
    {
        std::lock_guard lock(st->mutex);
        st->connections.emplace(id, c);
    }
    c->start();
}

}  // namespace sockspec::engineio::detail
