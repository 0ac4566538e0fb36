// sockspec/engineio/impl/session.ipp: non-template bodies of engineio/session.hpp.
#pragma once

#include <sockspec/engineio/detail/server_state.hpp>
#include <sockspec/engineio/session.hpp>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket/error.hpp>
#include <boost/url/url_view.hpp>

#include <array>
#include <exception>

namespace sockspec::engineio {

namespace detail {
// One character per packet type, so a text frame is written as {digit, shared payload}
// without copying the payload.
inline constexpr char packet_digits[] = "0123456";
inline constexpr std::string_view probe_pong = "3probe";
}  // namespace detail

SOCKSPEC_DECL std::string_view to_string(transport_type t) noexcept {
    return t == transport_type::websocket ? "websocket" : "polling";
}

SOCKSPEC_DECL std::optional<std::string> request_info::query(std::string_view key) const {
    auto const params = boost::urls::url_view(url).params();
    auto const it = params.find(key);
    if (it == params.end()) return std::nullopt;
    return std::string((*it).value);
}

SOCKSPEC_DECL std::string_view request_info::header(std::string_view name) const {
    auto const it = headers.find(name);
    if (it == headers.end()) return {};
    return it->value();
}

SOCKSPEC_DECL session::session(std::shared_ptr<detail::server_state> server, std::string id,
                               request_info request, transport_type transport)
    : server_(std::move(server)),
      opts_(server_->opts),
      strand_(boost::asio::make_strand(server_->executor)),
      id_(std::move(id)),
      request_(std::move(request)),
      transport_(transport),
      ping_timer_(strand_),
      pong_timer_(strand_),
      upgrade_timer_(strand_),
      close_timer_(strand_) {}

SOCKSPEC_DECL session::~session() = default;

SOCKSPEC_DECL void session::send(std::string_view text) {
    send(make_shared_buffer(std::string(text)), false);
}

SOCKSPEC_DECL void session::send_binary(std::string_view bytes) {
    send(make_shared_buffer(std::string(bytes)), true);
}

SOCKSPEC_DECL void session::send(shared_buffer data, bool binary) {
    if (!data) data = make_shared_buffer({});
    boost::asio::dispatch(strand_,
                          [self = shared_from_this(), data = std::move(data), binary]() mutable {
                              if (self->state_ != state::open && self->state_ != state::opening)
                                  return;
                              self->enqueue(packet_type::message, std::move(data), binary);
                          });
}

SOCKSPEC_DECL void session::on_message(message_handler h) {
    boost::asio::dispatch(strand_, [self = shared_from_this(), h = std::move(h)]() mutable {
        self->on_message_ = std::move(h);
    });
}

SOCKSPEC_DECL void session::on_close(close_handler h) {
    boost::asio::dispatch(strand_, [self = shared_from_this(), h = std::move(h)]() mutable {
        self->on_close_ = std::move(h);
    });
}

SOCKSPEC_DECL void session::close() {
    close("forced close", true);
}

SOCKSPEC_DECL void session::close(std::string reason, bool graceful) {
    boost::asio::dispatch(
        strand_, [self = shared_from_this(), reason = std::move(reason), graceful]() mutable {
            if (graceful)
                self->begin_close(std::move(reason));
            else
                self->finish_close(std::move(reason));
        });
}

// --- opening ---------------------------------------------------------------------------------

SOCKSPEC_DECL void session::open_session() {
    // EIO v4 handshake: the open packet is the first packet of the session.
    handshake h;
    h.sid = id_;
    if (transport_ == transport_type::polling && opts_.allow_upgrades && opts_.allow_websocket)
        h.upgrades.emplace_back("websocket");
    h.ping_interval = opts_.ping_interval;
    h.ping_timeout = opts_.ping_timeout;
    h.max_payload = opts_.max_http_buffer_size;
    enqueue(packet_type::open, make_shared_buffer(serialize_handshake(h)), false);
    state_ = state::open;
    if (server_->on_connection) {
        // User handler exceptions never escape into io_context::run().
        try {
            server_->on_connection(shared_from_this());
        } catch (...) {
            finish_close("server error");
            return;
        }
    }
    if (state_ == state::open) schedule_ping();
}

SOCKSPEC_DECL void session::start_polling(poll_responder respond, std::uint64_t request_id) {
    boost::asio::dispatch(
        strand_, [self = shared_from_this(), respond = std::move(respond), request_id]() mutable {
            self->pending_get_ = std::move(respond);
            self->pending_get_id_ = request_id;
            self->open_session();
            self->flush();
        });
}

SOCKSPEC_DECL void session::start_websocket(
    std::shared_ptr<detail::ws_transport> ws,
    boost::beast::http::request<boost::beast::http::string_body> req) {
    boost::asio::dispatch(
        strand_, [self = shared_from_this(), ws = std::move(ws), req = std::move(req)]() mutable {
            self->ws_ = ws;
            // The WebSocket handshake must complete within upgradeTimeout.
            self->upgrade_timer_.expires_after(self->opts_.upgrade_timeout);
            self->upgrade_timer_.async_wait([self](boost::beast::error_code ec) {
                if (!ec && self->state_ == state::opening) self->finish_close("transport error");
            });
            auto r = std::make_shared<boost::beast::http::request<boost::beast::http::string_body>>(
                std::move(req));
            ws->async_accept(*r, [self, r, ws](boost::beast::error_code ec) {
                self->upgrade_timer_.cancel();
                if (ec || self->state_ != state::opening) {
                    self->finish_close("transport error");
                    return;
                }
                self->open_session();
                if (self->state_ == state::closed) return;
                self->do_ws_read();
                self->flush();
            });
        });
}

SOCKSPEC_DECL void session::start_upgrade(
    std::shared_ptr<detail::ws_transport> ws,
    boost::beast::http::request<boost::beast::http::string_body> req) {
    boost::asio::dispatch(
        strand_, [self = shared_from_this(), ws = std::move(ws), req = std::move(req)]() mutable {
            if (self->state_ != state::open || self->ws_ ||
                self->transport_ != transport_type::polling) {
                // Already upgrading or upgraded, or closing: refuse this WebSocket.
                ws->stop();
                return;
            }
            self->ws_ = ws;
            // EIO v4 upgrade: the handshake, the probe and the upgrade packet must all complete
            // within upgradeTimeout.
            self->upgrade_timer_.expires_after(self->opts_.upgrade_timeout);
            self->upgrade_timer_.async_wait([self, ws](boost::beast::error_code ec) {
                if (ec) return;
                if (self->transport_ == transport_type::polling && self->ws_ == ws)
                    self->fail_upgrade();
            });
            auto r = std::make_shared<boost::beast::http::request<boost::beast::http::string_body>>(
                std::move(req));
            ws->async_accept(*r, [self, r, ws](boost::beast::error_code ec) {
                if (ws != self->ws_) return;
                if (ec || self->state_ != state::open) {
                    self->fail_upgrade();
                    return;
                }
                self->do_ws_read();
            });
        });
}

SOCKSPEC_DECL void session::fail_upgrade() {
    upgrade_timer_.cancel();
    upgrading_ = false;
    if (!ws_) return;
    ws_->stop();
    // Pending handlers hold the stream; it is released when they have run.
    ws_.reset();
    ws_writing_ = false;
}

// --- polling ---------------------------------------------------------------------------------

SOCKSPEC_DECL void session::handle_get(poll_responder respond, std::uint64_t request_id) {
    boost::asio::dispatch(
        strand_, [self = shared_from_this(), respond = std::move(respond), request_id]() mutable {
            if (self->state_ == state::closed) {
                respond(400, http_error_body(http_error::session_id_unknown), "application/json");
                return;
            }
            if (self->transport_ != transport_type::polling) {
                respond(400, http_error_body(http_error::bad_request), "application/json");
                return;
            }
            if (self->pending_get_) {
                // The reference server: "overlap from client" closes the session.
                respond(400, http_error_body(http_error::bad_request), "application/json");
                self->finish_close("transport error");
                return;
            }
            self->pending_get_ = std::move(respond);
            self->pending_get_id_ = request_id;
            if (self->heartbeat_expired()) {
                self->finish_close("ping timeout");
                return;
            }
            if (self->upgrading_ && self->queue_.empty()) {
                // EIO v4 upgrade: flush the GET with a noop so that polling can pause.
                self->respond_get("6");
                return;
            }
            self->flush();
        });
}

SOCKSPEC_DECL void session::abort_get(std::uint64_t request_id) {
    boost::asio::dispatch(strand_, [self = shared_from_this(), request_id] {
        if (!self->pending_get_ || self->pending_get_id_ != request_id) return;
        self->pending_get_ = nullptr;
        // The reference server: "poll connection closed prematurely".
        self->finish_close("transport error");
    });
}

SOCKSPEC_DECL void session::handle_post(std::string body, poll_responder respond) {
    boost::asio::dispatch(strand_, [self = shared_from_this(), body = std::move(body),
                                    respond = std::move(respond)]() mutable {
        if (self->state_ == state::closed) {
            respond(400, http_error_body(http_error::session_id_unknown), "application/json");
            return;
        }
        if (self->transport_ != transport_type::polling) {
            respond(400, http_error_body(http_error::bad_request), "application/json");
            return;
        }
        if (self->heartbeat_expired()) {
            respond(400, http_error_body(http_error::session_id_unknown), "application/json");
            self->finish_close("ping timeout");
            return;
        }
        auto packets = decode_payload(body);
        if (!packets) {
            respond(400, http_error_body(http_error::bad_request), "application/json");
            self->finish_close("parse error");
            return;
        }
        respond(200, "ok", "text/html");
        for (auto& p : *packets) {
            if (self->state_ == state::closed) break;
            self->on_packet(std::move(p));
        }
    });
}

SOCKSPEC_DECL void session::respond_get(std::string body) {
    auto respond = std::move(pending_get_);
    pending_get_ = nullptr;
    respond(200, std::move(body), "text/plain; charset=UTF-8");
}

SOCKSPEC_DECL void session::flush_polling() {
    if (!pending_get_ || queue_.empty()) return;
    std::string body;
    std::size_t size = 0;
    std::size_t taken = 0;
    for (auto const& p : queue_) {
        std::size_t const n = polling_packet_size(p.type, *p.data, p.binary) + (taken == 0 ? 0 : 1);
        // Batch up to maxPayload, but always at least one packet so that a GET makes progress.
        if (taken != 0 && opts_.max_http_buffer_size != 0 && size + n > opts_.max_http_buffer_size)
            break;
        if (taken != 0) body += record_separator;
        encode_polling_packet(body, p.type, *p.data, p.binary);
        size += n;
        ++taken;
    }
    bool sent_close = false;
    for (std::size_t i = 0; i < taken; ++i) {
        if (queue_.front().type == packet_type::close) sent_close = true;
        queue_bytes_ -= queue_.front().data->size() + 1;
        queue_.pop_front();
    }
    queued_bytes_ = queue_bytes_;
    respond_get(std::move(body));
    if (sent_close) {
        close_packet_sent_ = true;
        finish_close(close_reason_);
    }
}

// --- send path -------------------------------------------------------------------------------

SOCKSPEC_DECL void session::enqueue(packet_type type, shared_buffer data, bool binary) {
    if (state_ == state::closed) return;
    std::size_t const size = data->size() + 1;
    // Bounded send queue: a peer that stops reading must not make memory grow.
    if (queue_bytes_ + size > opts_.max_send_queue_bytes ||
        queue_.size() >= opts_.max_send_queue_packets) {
        finish_close("send queue full");
        return;
    }
    queue_bytes_ += size;
    queued_bytes_ = queue_bytes_;
    queue_.push_back(out_packet{type, std::move(data), binary});
    flush();
}

SOCKSPEC_DECL void session::flush() {
    if (state_ == state::closed) return;
    if (transport_ == transport_type::websocket)
        do_ws_write();
    else
        flush_polling();
}

SOCKSPEC_DECL void session::do_ws_write() {
    if (ws_writing_ || !ws_ || ws_closing_) return;
    if (queue_.empty()) {
        maybe_finish_graceful_close();
        return;
    }
    auto const& p = queue_.front();
    ws_writing_ = true;
    // A text frame is {type digit, shared payload}; a binary frame the payload alone: no copy.
    std::array<boost::asio::const_buffer, 2> const buffers =
        p.binary ? std::array<boost::asio::const_buffer, 2>{boost::asio::buffer(*p.data),
                                                            boost::asio::const_buffer()}
                 : std::array<boost::asio::const_buffer, 2>{
                       boost::asio::buffer(&detail::packet_digits[static_cast<int>(p.type)], 1),
                       boost::asio::buffer(*p.data)};
    ws_->async_write(
        p.binary, buffers,
        boost::beast::bind_front_handler(&session::on_ws_write, shared_from_this(), ws_, false));
}

SOCKSPEC_DECL void session::on_ws_write(ws_ptr ws, bool probe, boost::beast::error_code ec,
                                        std::size_t) {
    if (ws != ws_) return;
    ws_writing_ = false;
    if (state_ == state::closed) return;
    if (ec) {
        if (transport_ == transport_type::polling)
            fail_upgrade();
        else
            finish_close("transport error");
        return;
    }
    if (!probe && !queue_.empty()) {
        queue_bytes_ -= queue_.front().data->size() + 1;
        queued_bytes_ = queue_bytes_;
        queue_.pop_front();
    }
    flush();
}

// --- receive path ----------------------------------------------------------------------------

SOCKSPEC_DECL void session::do_ws_read() {
    ws_->async_read(
        boost::beast::bind_front_handler(&session::on_ws_read, shared_from_this(), ws_));
}

SOCKSPEC_DECL void session::on_ws_read(ws_ptr ws, boost::beast::error_code ec, std::size_t) {
    if (state_ == state::closed) return;
    if (ws != ws_) return;  // a dropped upgrade attempt's stream
    if (ec) {
        if (transport_ == transport_type::polling) {
            fail_upgrade();
            return;
        }
        if (ec == boost::beast::websocket::error::message_too_big)
            finish_close("payload too large");
        else if (ec == boost::beast::websocket::error::closed || ec == boost::asio::error::eof ||
                 ec == boost::asio::error::connection_reset)
            finish_close("transport close");
        else
            finish_close("transport error");
        return;
    }
    bool const binary = ws_->got_binary();
    std::string const frame = boost::beast::buffers_to_string(ws_->buffer.data());
    ws_->buffer.consume(ws_->buffer.size());
    auto p = decode_frame(frame, binary);
    if (!p) {
        if (transport_ == transport_type::polling)
            fail_upgrade();
        else
            finish_close("parse error");
        return;
    }
    if (transport_ == transport_type::polling) {
        // EIO v4 upgrade, on the probing WebSocket while polling continues.
        if (p->type == packet_type::ping && p->data == "probe" && !upgrading_ && !ws_writing_) {
            upgrading_ = true;
            ws_writing_ = true;
            ws_->async_write(false,
                             {boost::asio::buffer(detail::probe_pong), boost::asio::const_buffer()},
                             boost::beast::bind_front_handler(&session::on_ws_write,
                                                              shared_from_this(), ws_, true));
            if (pending_get_ && queue_.empty()) respond_get("6");
        } else if (p->type == packet_type::upgrade && upgrading_) {
            upgrade_timer_.cancel();
            upgrading_ = false;
            transport_ = transport_type::websocket;
            if (pending_get_) respond_get("6");
            flush();
        } else {
            fail_upgrade();
            return;
        }
        do_ws_read();
        return;
    }
    if (heartbeat_expired()) {
        // The pong deadline is also checked on every incoming packet, not only by the timer.
        finish_close("ping timeout");
        return;
    }
    on_packet(std::move(*p));
    if (state_ != state::closed && ws_) do_ws_read();
}

SOCKSPEC_DECL void session::on_packet(packet p) {
    switch (p.type) {
        case packet_type::message:
            deliver(std::move(p));
            break;
        case packet_type::pong:
            on_pong();
            break;
        case packet_type::ping:
            // EIO v4: only the server pings; answer anyway (EIO v3 habit of some clients).
            enqueue(packet_type::pong, make_shared_buffer(std::move(p.data)), false);
            break;
        case packet_type::close:
            finish_close("transport close");
            break;
        default:
            // open, upgrade and noop from a client are meaningless here and ignored.
            break;
    }
}

SOCKSPEC_DECL void session::deliver(packet p) {
    if (state_ != state::open && state_ != state::closing) return;
    if (!on_message_) return;
    try {
        on_message_(std::move(p.data), p.binary);
    } catch (...) {
        // User handler exceptions never escape into io_context::run(); the session ends.
        finish_close("server error");
    }
}

// --- heartbeat -------------------------------------------------------------------------------

SOCKSPEC_DECL void session::schedule_ping() {
    ping_timer_.expires_after(opts_.ping_interval);
    ping_timer_.async_wait(
        boost::beast::bind_front_handler(&session::on_ping_timer, shared_from_this()));
}

SOCKSPEC_DECL void session::on_ping_timer(boost::beast::error_code ec) {
    if (ec || state_ != state::open) return;
    // EIO v4 heartbeat: the server pings and expects the pong within pingTimeout.
    awaiting_pong_ = true;
    pong_deadline_ = std::chrono::steady_clock::now() + opts_.ping_timeout;
    pong_timer_.expires_at(pong_deadline_);
    pong_timer_.async_wait(
        boost::beast::bind_front_handler(&session::on_pong_timer, shared_from_this()));
    static shared_buffer const empty = make_shared_buffer({});
    enqueue(packet_type::ping, empty, false);
}

SOCKSPEC_DECL void session::on_pong_timer(boost::beast::error_code ec) {
    if (ec || state_ == state::closed) return;
    if (heartbeat_expired()) finish_close("ping timeout");
}

SOCKSPEC_DECL bool session::heartbeat_expired() const {
    return awaiting_pong_ && std::chrono::steady_clock::now() >= pong_deadline_;
}

SOCKSPEC_DECL void session::on_pong() {
    if (!awaiting_pong_) return;
    awaiting_pong_ = false;
    pong_timer_.cancel();
    if (state_ == state::open) schedule_ping();
}

// --- closing ---------------------------------------------------------------------------------

SOCKSPEC_DECL void session::begin_close(std::string reason) {
    if (state_ == state::closed || state_ == state::closing) return;
    if (state_ == state::opening) {
        finish_close(std::move(reason));
        return;
    }
    state_ = state::closing;
    open_ = false;
    close_reason_ = std::move(reason);
    ping_timer_.cancel();
    close_timer_.expires_after(opts_.close_timeout);
    close_timer_.async_wait([self = shared_from_this()](boost::beast::error_code ec) {
        if (!ec) self->finish_close(self->close_reason_);
    });
    if (transport_ == transport_type::polling) {
        // Queued packets first, then the close packet on a GET.
        if (ws_) fail_upgrade();
        static shared_buffer const empty = make_shared_buffer({});
        queue_bytes_ += 1;
        queue_.push_back(out_packet{packet_type::close, empty, false});
        flush_polling();
    } else {
        do_ws_write();
    }
}

SOCKSPEC_DECL void session::maybe_finish_graceful_close() {
    // WebSocket: once the queue is written, a close frame (the reference closes the socket).
    if (state_ != state::closing || !ws_ || ws_writing_ || ws_closing_ || !queue_.empty()) return;
    ws_closing_ = true;
    ws_->async_close([self = shared_from_this(), ws = ws_](boost::beast::error_code) {
        self->finish_close(self->close_reason_);
    });
}

SOCKSPEC_DECL void session::finish_close(std::string reason) {
    if (state_ == state::closed) return;
    bool const announced = state_ != state::opening;
    state_ = state::closed;
    open_ = false;
    ping_timer_.cancel();
    pong_timer_.cancel();
    upgrade_timer_.cancel();
    close_timer_.cancel();
    if (pending_get_) {
        // A pending GET learns of the close with a close packet (unless it was just sent).
        respond_get(close_packet_sent_ ? "6" : "1");
    }
    // Closing the socket ends any stuck write (a peer that stopped reading) at once.
    if (ws_) ws_->stop();
    queue_.clear();
    queue_bytes_ = 0;
    queued_bytes_ = 0;
    server_->remove(id_);
    auto handler = std::move(on_close_);
    on_close_ = nullptr;
    on_message_ = nullptr;
    if (announced && handler) {
        try {
            handler(reason);
        } catch (...) {
            // Swallowed: the session is gone and the exception must not reach run().
        }
    }
}

}  // namespace sockspec::engineio
