// sockspec/engineio/impl/client.ipp: non-template bodies of engineio/client.hpp.
//
// Design. All state lives in `client::impl`, owned by the strand: every member below runs on
// it, and every I/O object is made on it (an any_io_executor wrapping the strand), so each
// completion handler runs there too. Every pending handler holds `shared_from_this()` of the
// impl and the connection it used, so the impl (and the stream) live until the last operation
// completed; the public `client` only holds the impl and, when destroyed, closes it without
// calling any handler. A handler whose connection is no longer the current one, or that
// completes after the state moved on, is stale and does nothing.
//
// Connections: polling uses two keep-alive HTTP/1.1 connections, one for the long GET and one
// for the POSTs (one request in flight on each, as the protocol requires); the websocket
// transport and the upgrade probe each have their own connection.
#pragma once

#ifdef SOCKSPEC_SEPARATE_COMPILATION
// The translation unit of <sockspec/src.hpp> compiles no OpenSSL call (see client_tls.hpp).
#ifndef SOCKSPEC_DETAIL_CLIENT_NO_TLS
#define SOCKSPEC_DETAIL_CLIENT_NO_TLS
#endif
#endif

#include <sockspec/engineio/client.hpp>
#include <sockspec/engineio/detail/client_conn.hpp>
#include <sockspec/engineio/detail/client_url.hpp>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/beast/websocket/error.hpp>
#include <boost/none.hpp>
#include <boost/system/errc.hpp>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <deque>
#include <exception>
#include <optional>
#include <utility>

namespace sockspec::engineio {

namespace detail {

// The upgrade probe (engine.io-protocol v4, "Upgrade").
inline constexpr std::string_view client_probe_ping = "2probe";
inline constexpr std::string_view client_probe_pong = "probe";

// The Engine.IO layer has no error code for a refused HTTP request yet; errc carries the
// meaning: 403 (allowRequest refused) is permission_denied, any other status protocol_error.
inline boost::system::error_code client_status_error(unsigned status) {
    return boost::system::errc::make_error_code(status == 403
                                                    ? boost::system::errc::permission_denied
                                                    : boost::system::errc::protocol_error);
}

// The peer closed the connection (as opposed to a failure): socket.io-client says "transport
// close" for a WebSocket closed under it, "transport error" otherwise.
inline bool client_is_close(boost::system::error_code const& ec) {
    return ec == boost::beast::websocket::error::closed || ec == boost::asio::error::eof ||
           ec == boost::asio::error::connection_reset || ec == boost::asio::error::broken_pipe ||
           ec == boost::beast::http::error::end_of_stream;
}

}  // namespace detail

struct client::impl : std::enable_shared_from_this<impl> {
    using strand_type = boost::asio::strand<boost::asio::any_io_executor>;
    using conn_ptr = std::shared_ptr<detail::client_conn>;
    using error_code = boost::system::error_code;
    using clock = std::chrono::steady_clock;

    // closing: close() was called when open; on_close ran, the close packet is being sent.
    enum class state : std::uint8_t { idle, opening, open, closing, closed };

    // A keep-alive HTTP connection and whether it already served a request.
    struct http_slot {
        conn_ptr conn;
        bool reused = false;
    };

    // One HTTP request, kept alive by its handlers.
    struct exchange {
        detail::client_conn::request_type req;
        std::optional<detail::client_conn::parser_type> parser;
        conn_ptr conn;
        bool retried = false;
        std::function<void(error_code, exchange&)> done;
    };

    impl(boost::asio::any_io_executor ex, std::string url, client_options opts)
        : strand_(boost::asio::make_strand(std::move(ex))),
          url_text_(std::move(url)),
          opts_(std::move(opts)),
          resolver_(io_executor()),
          connect_timer_(io_executor()),
          heartbeat_timer_(io_executor()),
          upgrade_timer_(io_executor()),
          close_timer_(io_executor()) {
        if (opts_.path.empty() || opts_.path.back() != '/') opts_.path += '/';
        if (!opts_.transports.empty()) transport_ = opts_.transports.front();
    }

    boost::asio::any_io_executor io_executor() const { return strand_; }

    // --- handlers ----------------------------------------------------------------------------
    // Handlers are held by shared_ptr and called through a copy of it, so that a handler may
    // replace or release itself (or the client) while it runs.

    template <class F, class... Args>
    void call(std::shared_ptr<F const> const& slot, Args&&... args) {
        auto const f = slot;
        if (!f || !*f) return;
        try {
            (*f)(std::forward<Args>(args)...);
        } catch (...) {
            // User handler exceptions never escape into io_context::run(): the client closes.
            close_with("transport error", boost::system::errc::make_error_code(
                                              boost::system::errc::state_not_recoverable));
        }
    }

    template <class F>
    void set_handler(std::shared_ptr<F const>& slot, F h) {
        // After on_close (or the client's destruction) no handler is kept.
        if (state_ == state::closing || state_ == state::closed) return;
        slot = std::make_shared<F const>(std::move(h));
    }

    void release_handlers() {
        on_open_.reset();
        on_message_.reset();
        on_close_.reset();
        on_upgrade_.reset();
    }

    // Runs on_close once; afterwards no handler runs.
    void notify_close(std::string_view reason, error_code ec) {
        auto const h = std::move(on_close_);
        release_handlers();
        if (!h || !*h) return;
        try {
            (*h)(reason, ec);
        } catch (...) {
            // Nothing is left to report it to; it never escapes into io_context::run().
        }
    }

    // --- opening -----------------------------------------------------------------------------

    void do_open() {
        if (state_ != state::idle) return;
        state_ = state::opening;
        auto u = detail::parse_client_url(url_text_);
        if (!u) return finish("transport error", u.error());
        url_ = std::move(*u);
        if (opts_.transports.empty())
            return finish("transport error", boost::system::errc::make_error_code(
                                                 boost::system::errc::invalid_argument));
        if (url_.secure) {
            if (auto const ec = make_tls_context()) return finish("transport error", ec);
        }
        // connect_timeout bounds the whole open: resolve, TCP, TLS, the handshake packet.
        connect_timer_.expires_after(opts_.connect_timeout);
        connect_timer_.async_wait([self = shared_from_this()](error_code ec) {
            if (ec || self->state_ != state::opening) return;
            self->finish("transport error", boost::asio::error::timed_out);
        });
        resolver_.async_resolve(
            url_.host, url_.port,
            [self = shared_from_this()](error_code ec,
                                        boost::asio::ip::tcp::resolver::results_type results) {
                if (self->state_ != state::opening) return;
                if (ec) return self->finish("transport error", ec);
                self->endpoints_ = std::move(results);
                if (self->transport_ == transport_type::websocket)
                    self->open_websocket();
                else
                    self->open_polling();
            });
    }

    error_code make_tls_context() {
        auto const maker = detail::client_tls_hook();
        if (maker == nullptr)
            return boost::system::errc::make_error_code(
                boost::system::errc::protocol_not_supported);
        auto const& t = opts_.tls;
        auto const& name = t.server_name.empty() ? url_.host : t.server_name;
        // SNI carries a host name, never an IP literal (RFC 6066, section 3).
        bool const sni = !t.server_name.empty() || !url_.host_is_ip;
        error_code ec;
        tls_ = maker(t, name, sni, ec);
        return ec;
    }

    conn_ptr make_conn() {
        if (tls_) return tls_->make(io_executor());
        return std::make_shared<detail::plain_client_conn>(detail::no_tls{}, io_executor());
    }

    std::string target(transport_type t, std::string_view sid) const {
        return detail::client_target(opts_.path, t, sid, opts_.query);
    }

    // EIO v4 handshake over polling: GET without sid, the open packet answers it.
    void open_polling() {
        auto x =
            make_exchange(boost::beast::http::verb::get, target(transport_type::polling, {}), {});
        x->done = [self = shared_from_this()](error_code ec, exchange& x) {
            self->on_polling_handshake(ec, x);
        };
        start_request(get_slot_, std::move(x));
    }

    void on_polling_handshake(error_code ec, exchange& x) {
        if (state_ != state::opening) return;
        if (ec) return finish("transport error", ec);
        auto const& res = x.parser->get();
        if (res.result_int() != 200)
            return finish("transport error", detail::client_status_error(res.result_int()));
        auto packets = decode_payload(res.body());
        if (!packets) return finish("parse error", packets.error());
        if (packets->front().type != packet_type::open)
            return finish("transport error", error::bad_handshake);
        auto h = parse_handshake(packets->front().data);
        if (!h) return finish("transport error", h.error());
        opened(std::move(*h));
        for (std::size_t i = 1; i < packets->size() && state_ == state::open; ++i)
            handle_packet(std::move((*packets)[i]));
        do_poll();
        maybe_probe();
    }

    // EIO v4 handshake over WebSocket: the open packet is the first frame.
    void open_websocket() {
        auto c = make_conn();
        ws_ = c;
        c->async_connect(endpoints_, [self = shared_from_this(), c](error_code ec) {
            if (self->state_ != state::opening || c != self->ws_) return;
            if (ec) return self->finish("transport error", ec);
            c->async_ws_handshake(
                self->url_.host_header, self->target(transport_type::websocket, {}),
                self->opts_.extra_headers, [self, c](error_code ec) {
                    if (self->state_ != state::opening || c != self->ws_) return;
                    if (ec) return self->finish("transport error", ec);
                    c->async_ws_read([self, c](error_code ec, std::size_t) {
                        if (self->state_ != state::opening || c != self->ws_) return;
                        if (ec) return self->finish("transport error", ec);
                        auto const frame = boost::beast::buffers_to_string(c->buffer.data());
                        c->buffer.consume(c->buffer.size());
                        auto p = decode_frame(frame, c->got_binary());
                        if (!p) return self->finish("parse error", p.error());
                        if (p->type != packet_type::open)
                            return self->finish("transport error", error::bad_handshake);
                        auto h = parse_handshake(p->data);
                        if (!h) return self->finish("transport error", h.error());
                        self->opened(std::move(*h));
                        if (self->state_ == state::open) self->do_ws_read();
                    });
                });
        });
    }

    void opened(handshake h) {
        connect_timer_.cancel();
        hs_ = std::move(h);
        id_ = hs_.sid;
        state_ = state::open;
        open_ = true;
        // EIO v4: the server pings; a silent server is gone after pingInterval + pingTimeout.
        ping_deadline_ = clock::now() + hs_.ping_interval + hs_.ping_timeout;
        arm_heartbeat();
        call(on_open_, std::as_const(hs_));
        flush();
    }

    // --- heartbeat ---------------------------------------------------------------------------

    // One wait at a time: a ping only moves the deadline, the timer re-arms until it passes.
    void arm_heartbeat() {
        heartbeat_timer_.expires_at(ping_deadline_);
        heartbeat_timer_.async_wait([self = shared_from_this()](error_code ec) {
            if (ec || self->state_ != state::open) return;
            if (clock::now() < self->ping_deadline_) return self->arm_heartbeat();
            self->finish("ping timeout", boost::asio::error::timed_out);
        });
    }

    // --- packets -----------------------------------------------------------------------------

    void handle_packet(packet p) {
        switch (p.type) {
            case packet_type::ping:
                ping_deadline_ = clock::now() + hs_.ping_interval + hs_.ping_timeout;
                enqueue(packet{packet_type::pong, {}, false});
                flush();
                break;
            case packet_type::message:
                call(on_message_, std::move(p.data), p.binary);
                break;
            case packet_type::close:
                finish("transport close", {});
                break;
            default:
                // open (repeated), pong, upgrade and noop need nothing from the client.
                break;
        }
    }

    void enqueue(packet p) {
        buffered_ += p.data.size() + 1;
        queue_.push_back(std::move(p));
    }

    void flush() {
        if (state_ != state::open && state_ != state::closing) return;
        if (transport_ == transport_type::websocket)
            ws_flush();
        else
            post_flush();
    }

    // --- polling -----------------------------------------------------------------------------

    std::shared_ptr<exchange> make_exchange(boost::beast::http::verb verb, std::string target,
                                            std::string body) {
        namespace http = boost::beast::http;
        auto x = std::make_shared<exchange>();
        x->req.method(verb);
        x->req.target(target);
        x->req.version(11);
        x->req.set(http::field::host, url_.host_header);
        x->req.set(http::field::user_agent, "sockspec");
        for (auto const& f : opts_.extra_headers) x->req.set(f.name_string(), f.value());
        x->req.keep_alive(true);
        if (verb == http::verb::post) {
            x->req.set(http::field::content_type, "text/plain;charset=UTF-8");
            x->req.body() = std::move(body);
            x->req.prepare_payload();
        }
        return x;
    }

    // Sends `x` on the slot's connection, connecting first when there is none.
    void start_request(http_slot& slot, std::shared_ptr<exchange> x) {
        x->parser.emplace();
        // No limit on what the server sends, as socket.io-client; the server bounds it.
        x->parser->body_limit(boost::none);
        if (slot.conn) {
            x->conn = slot.conn;
            return write_request(slot, std::move(x));
        }
        slot.conn = make_conn();
        slot.reused = false;
        x->conn = slot.conn;
        auto c = x->conn;
        c->async_connect(endpoints_, [self = shared_from_this(), &slot,
                                      x = std::move(x)](error_code ec) mutable {
            if (ec) return self->end_request(slot, *x, ec);
            self->write_request(slot, std::move(x));
        });
    }

    void write_request(http_slot& slot, std::shared_ptr<exchange> x) {
        bool const reused = slot.reused;
        auto c = x->conn;
        // The handler holds `c`: a retry replaces x->conn while the old one is completing.
        c->async_request(x->req, *x->parser,
                         [self = shared_from_this(), &slot, x, c, reused](error_code ec) mutable {
                             bool const live = self->state_ == state::opening ||
                                               self->state_ == state::open ||
                                               self->state_ == state::closing;
                             if (ec && reused && !x->retried && live && slot.conn == x->conn &&
                                 (detail::client_is_close(ec) || c->is_truncation(ec))) {
                                 // The server closed the idle keep-alive connection (node's
                                 // keepAliveTimeout is 5 s) before reading the request: retry
                                 // once on a new connection.
                                 x->retried = true;
                                 slot.conn->stop();
                                 slot.conn.reset();
                                 return self->start_request(slot, std::move(x));
                             }
                             self->end_request(slot, *x, ec);
                         });
    }

    void end_request(http_slot& slot, exchange& x, error_code ec) {
        if (slot.conn == x.conn) {
            if (ec || !x.parser->get().keep_alive()) {
                slot.conn->stop();
                slot.conn.reset();
            } else {
                slot.reused = true;
            }
        }
        x.done(ec, x);
    }

    void do_poll() {
        if (state_ != state::open || transport_ != transport_type::polling || paused_ || polling_)
            return;
        polling_ = true;
        auto x =
            make_exchange(boost::beast::http::verb::get, target(transport_type::polling, id_), {});
        x->done = [self = shared_from_this()](error_code ec, exchange& x) { self->on_poll(ec, x); };
        start_request(get_slot_, std::move(x));
    }

    void on_poll(error_code ec, exchange& x) {
        polling_ = false;
        if (state_ != state::open) return;
        if (ec) return finish("transport error", ec);
        auto const& res = x.parser->get();
        if (res.result_int() != 200)
            return finish("transport error", detail::client_status_error(res.result_int()));
        auto packets = decode_payload(res.body());
        if (!packets) return finish("parse error", packets.error());
        for (auto& p : *packets) {
            if (state_ != state::open) return;
            handle_packet(std::move(p));
        }
        if (paused_) return check_pause();
        do_poll();
    }

    // Sends the queued packets in one POST, as many as fit in the server's maxPayload.
    void post_flush() {
        if (paused_ || posting_ || queue_.empty()) return;
        std::string body;
        auto const n = encode_payload(body, queue_, hs_.max_payload);
        bool has_close = false;
        for (std::size_t i = 0; i < n; ++i) {
            has_close = has_close || queue_.front().type == packet_type::close;
            buffered_ -= queue_.front().data.size() + 1;
            queue_.pop_front();
        }
        posting_ = true;
        auto x = make_exchange(boost::beast::http::verb::post, target(transport_type::polling, id_),
                               std::move(body));
        x->done = [self = shared_from_this(), has_close](error_code ec, exchange& x) {
            self->on_post(ec, x, has_close);
        };
        start_request(post_slot_, std::move(x));
    }

    void on_post(error_code ec, exchange& x, bool has_close) {
        posting_ = false;
        if (state_ == state::closing) {
            if (ec || has_close) return stop_all();
            return flush();
        }
        if (state_ != state::open) return;
        if (ec) return finish("transport error", ec);
        auto const status = x.parser->get().result_int();
        if (status != 200) return finish("transport error", detail::client_status_error(status));
        if (paused_) return check_pause();
        flush();
    }

    // --- upgrade -----------------------------------------------------------------------------

    // EIO v4 upgrade: a WebSocket with the sid, `2probe` -> `3probe`, pause polling, `5`.
    void maybe_probe() {
        if (state_ != state::open || transport_ != transport_type::polling || !opts_.upgrade)
            return;
        auto const& t = opts_.transports;
        if (std::find(t.begin(), t.end(), transport_type::websocket) == t.end()) return;
        auto const& u = hs_.upgrades;
        if (std::find(u.begin(), u.end(), "websocket") == u.end()) return;
        auto c = make_conn();
        probe_ = c;
        // The probe may take as long as an open; then the client stays on polling.
        upgrade_timer_.expires_after(opts_.connect_timeout);
        upgrade_timer_.async_wait([self = shared_from_this(), c](error_code ec) {
            if (!ec && c == self->probe_) self->abandon_probe();
        });
        c->async_connect(endpoints_, [self = shared_from_this(), c](error_code ec) {
            if (!self->probing(c)) return;
            if (ec) return self->abandon_probe();
            c->async_ws_handshake(
                self->url_.host_header, self->target(transport_type::websocket, self->id_),
                self->opts_.extra_headers, [self, c](error_code ec) {
                    if (!self->probing(c)) return;
                    if (ec) return self->abandon_probe();
                    c->async_ws_write(false,
                                      boost::asio::buffer(detail::client_probe_ping.data(),
                                                          detail::client_probe_ping.size()),
                                      [self, c](error_code ec, std::size_t) {
                                          if (!self->probing(c)) return;
                                          if (ec) return self->abandon_probe();
                                          c->async_ws_read([self, c](error_code ec, std::size_t) {
                                              if (!self->probing(c)) return;
                                              if (ec) return self->abandon_probe();
                                              self->on_probe_answer(*c);
                                          });
                                      });
                });
        });
    }

    bool probing(conn_ptr const& c) const { return state_ == state::open && c == probe_; }

    void on_probe_answer(detail::client_conn& c) {
        auto const frame = boost::beast::buffers_to_string(c.buffer.data());
        c.buffer.consume(c.buffer.size());
        auto const p = decode_frame(frame, c.got_binary());
        if (!p || p->type != packet_type::pong || p->data != detail::client_probe_pong)
            return abandon_probe();  // the probe failed: stay on polling, silently
        // Pause polling: no new request; the switch waits for the GET and POST in flight.
        paused_ = true;
        check_pause();
    }

    void check_pause() {
        if (!paused_ || polling_ || posting_ || state_ != state::open) return;
        upgrade_timer_.cancel();
        paused_ = false;
        ws_ = std::move(probe_);
        transport_ = transport_type::websocket;
        stop_polling();
        // The upgrade packet is the first packet after the probe; the queue follows it.
        queue_.push_front(packet{packet_type::upgrade, {}, false});
        buffered_ += 1;
        do_ws_read();
        ws_flush();
        call(on_upgrade_, transport_type::websocket);
    }

    void abandon_probe() {
        upgrade_timer_.cancel();
        if (probe_) {
            probe_->stop();
            probe_.reset();
        }
        if (paused_) {
            paused_ = false;
            do_poll();
            flush();
        }
    }

    void stop_polling() {
        for (auto* slot : {&get_slot_, &post_slot_}) {
            if (slot->conn) slot->conn->stop();
            slot->conn.reset();
        }
    }

    // --- websocket ---------------------------------------------------------------------------

    void do_ws_read() {
        auto c = ws_;
        c->async_ws_read([self = shared_from_this(), c](error_code ec, std::size_t) {
            // After close(), reads stop mattering: async_ws_close ends the connection.
            if (c != self->ws_ || self->state_ != state::open) return;
            // A close frame is the server closing: no error behind it, as a close packet.
            if (ec == boost::beast::websocket::error::closed)
                return self->finish("transport close", {});
            if (ec) return self->finish(self->ws_reason(*c, ec), ec);
            auto const frame = boost::beast::buffers_to_string(c->buffer.data());
            c->buffer.consume(c->buffer.size());
            auto p = decode_frame(frame, c->got_binary());
            if (!p) return self->finish("parse error", p.error());
            self->handle_packet(std::move(*p));
            if (c == self->ws_ && self->state_ == state::open) self->do_ws_read();
        });
    }

    // socket.io-client: a WebSocket closed under the client is "transport close".
    static std::string_view ws_reason(detail::client_conn const& c, error_code ec) {
        return detail::client_is_close(ec) || c.is_truncation(ec) ? "transport close"
                                                                  : "transport error";
    }

    // One packet per frame, one write at a time; a binary message is a binary frame.
    void ws_flush() {
        if (ws_writing_ || queue_.empty() || !ws_) return;
        auto p = std::move(queue_.front());
        queue_.pop_front();
        buffered_ -= p.data.size() + 1;
        bool const is_close = p.type == packet_type::close;
        ws_frame_ = p.binary ? std::move(p.data) : encode_frame(p);
        ws_writing_ = true;
        auto c = ws_;
        c->async_ws_write(p.binary, boost::asio::buffer(ws_frame_),
                          [self = shared_from_this(), c, is_close](error_code ec, std::size_t) {
                              self->ws_writing_ = false;
                              if (c != self->ws_) return;
                              if (self->state_ == state::closing) {
                                  if (ec) return self->stop_all();
                                  if (is_close) return self->ws_close();
                                  return self->ws_flush();
                              }
                              if (self->state_ != state::open) return;
                              if (ec) return self->finish(self->ws_reason(*c, ec), ec);
                              self->ws_flush();
                          });
    }

    void ws_close() {
        auto c = ws_;
        c->async_ws_close([self = shared_from_this(), c](error_code) {
            if (c == self->ws_) self->stop_all();
        });
    }

    // --- closing -----------------------------------------------------------------------------

    void do_close() {
        switch (state_) {
            case state::idle:
                state_ = state::closed;
                notify_close("forced close", {});
                return;
            case state::opening:
                finish("forced close", {});
                return;
            case state::open:
                close_with("forced close", {});
                return;
            default:
                return;
        }
    }

    // Ends an open session from this side: queued packets, then the close packet (over
    // polling: in a POST; over WebSocket: a frame, then the close handshake). on_close runs at
    // once; the sending goes on in the background, bounded by connect_timeout.
    void close_with(std::string_view reason, error_code ec) {
        if (state_ != state::open) return finish(reason, ec);
        state_ = state::closing;
        open_ = false;
        connect_timer_.cancel();
        heartbeat_timer_.cancel();
        if (probe_) {
            probe_->stop();
            probe_.reset();
        }
        upgrade_timer_.cancel();
        paused_ = false;
        if (transport_ == transport_type::polling && get_slot_.conn && !polling_) {
            get_slot_.conn->stop();
            get_slot_.conn.reset();
        }
        enqueue(packet{packet_type::close, {}, false});
        close_timer_.expires_after(opts_.connect_timeout);
        close_timer_.async_wait([self = shared_from_this()](error_code ec) {
            if (!ec && self->state_ == state::closing) self->stop_all();
        });
        flush();
        notify_close(reason, ec);
    }

    // Ends the session at once (errors, the server's close, close() while opening).
    void finish(std::string_view reason, error_code ec) {
        if (state_ == state::closing || state_ == state::closed) return;
        stop_all();
        notify_close(reason, ec);
    }

    // Cancels everything: pending handlers complete with errors and find the state closed.
    void stop_all() {
        state_ = state::closed;
        open_ = false;
        resolver_.cancel();
        connect_timer_.cancel();
        heartbeat_timer_.cancel();
        upgrade_timer_.cancel();
        close_timer_.cancel();
        stop_polling();
        for (auto* c : {&ws_, &probe_}) {
            if (*c) (*c)->stop();
            c->reset();
        }
        queue_.clear();
        buffered_ = 0;
    }

    // The public client is gone: close without calling any handler.
    void detach() {
        release_handlers();
        do_close();
    }

    strand_type const strand_;
    std::string const url_text_;
    client_options opts_;
    detail::client_url url_;
    std::shared_ptr<detail::client_conn_factory> tls_;  // https/wss only

    boost::asio::ip::tcp::resolver resolver_;
    boost::asio::ip::tcp::resolver::results_type endpoints_;
    boost::asio::steady_timer connect_timer_;
    boost::asio::steady_timer heartbeat_timer_;
    boost::asio::steady_timer upgrade_timer_;
    boost::asio::steady_timer close_timer_;

    // Read from any thread.
    std::atomic<transport_type> transport_{transport_type::polling};
    std::atomic<bool> open_{false};
    std::atomic<std::size_t> buffered_{0};
    // Written once on the strand, before on_open.
    std::string id_;

    // Strand-owned state.
    state state_ = state::idle;
    handshake hs_;
    clock::time_point ping_deadline_{};
    std::deque<packet> queue_;
    http_slot get_slot_;
    http_slot post_slot_;
    bool polling_ = false;  // a GET is in flight
    bool posting_ = false;  // a POST is in flight
    bool paused_ = false;   // upgrading: no new polling request
    conn_ptr ws_;
    bool ws_writing_ = false;
    std::string ws_frame_;
    conn_ptr probe_;

    std::shared_ptr<open_handler const> on_open_;
    std::shared_ptr<message_handler const> on_message_;
    std::shared_ptr<close_handler const> on_close_;
    std::shared_ptr<upgrade_handler const> on_upgrade_;
};

SOCKSPEC_DECL std::shared_ptr<client> client::create(boost::asio::any_io_executor ex,
                                                     std::string url, client_options opts) {
    return std::shared_ptr<client>(new client(std::move(ex), std::move(url), std::move(opts)));
}

SOCKSPEC_DECL client::client(boost::asio::any_io_executor ex, std::string url, client_options opts)
    : impl_(std::make_shared<impl>(std::move(ex), std::move(url), std::move(opts))) {}

SOCKSPEC_DECL client::~client() {
    boost::asio::dispatch(impl_->strand_, [i = impl_] { i->detach(); });
}

SOCKSPEC_DECL void client::on_open(open_handler h) {
    boost::asio::dispatch(impl_->strand_, [i = impl_, h = std::move(h)]() mutable {
        i->set_handler(i->on_open_, std::move(h));
    });
}

SOCKSPEC_DECL void client::on_message(message_handler h) {
    boost::asio::dispatch(impl_->strand_, [i = impl_, h = std::move(h)]() mutable {
        i->set_handler(i->on_message_, std::move(h));
    });
}

SOCKSPEC_DECL void client::on_close(close_handler h) {
    boost::asio::dispatch(impl_->strand_, [i = impl_, h = std::move(h)]() mutable {
        i->set_handler(i->on_close_, std::move(h));
    });
}

SOCKSPEC_DECL void client::on_upgrade(upgrade_handler h) {
    boost::asio::dispatch(impl_->strand_, [i = impl_, h = std::move(h)]() mutable {
        i->set_handler(i->on_upgrade_, std::move(h));
    });
}

SOCKSPEC_DECL void client::open() {
    // Posted, never run inline: on_close for a failed open never runs inside open().
    boost::asio::post(impl_->strand_, [i = impl_] { i->do_open(); });
}

SOCKSPEC_DECL void client::send(std::string data, bool binary) {
    boost::asio::dispatch(impl_->strand_, [i = impl_, data = std::move(data), binary]() mutable {
        using state = client::impl::state;
        if (i->state_ != state::idle && i->state_ != state::opening && i->state_ != state::open)
            return;
        i->enqueue(packet{packet_type::message, std::move(data), binary});
        i->flush();
    });
}

SOCKSPEC_DECL void client::close() {
    boost::asio::dispatch(impl_->strand_, [i = impl_] { i->do_close(); });
}

SOCKSPEC_DECL boost::asio::strand<boost::asio::any_io_executor> const& client::get_executor()
    const noexcept {
    return impl_->strand_;
}

SOCKSPEC_DECL std::string const& client::id() const noexcept {
    return impl_->id_;
}

SOCKSPEC_DECL transport_type client::transport() const noexcept {
    return impl_->transport_.load();
}

SOCKSPEC_DECL bool client::is_open() const noexcept {
    return impl_->open_.load();
}

SOCKSPEC_DECL std::size_t client::buffered_amount() const noexcept {
    return impl_->buffered_.load();
}

}  // namespace sockspec::engineio
