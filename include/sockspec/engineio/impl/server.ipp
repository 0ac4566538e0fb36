// sockspec/engineio/impl/server.ipp: non-template bodies of engineio/server.hpp: the accept
// loop and the server's member functions (connections: detail/http_connection.hpp).
#pragma once

#include <sockspec/engineio/detail/http_connection.hpp>
#include <sockspec/engineio/detail/server_state.hpp>
#include <sockspec/engineio/server.hpp>
#include <sockspec/engineio/session.hpp>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <memory>
#include <mutex>
#include <vector>

#if !defined(_WIN32)
#include <fcntl.h>
#endif

namespace sockspec::engineio {

namespace detail {

// Descriptors of the server must not leak into child processes (a popen'd helper would keep
// the port listening after close()). Asio opens and accepts without close-on-exec.
template <class Socket>
void set_cloexec(Socket& s) {
#if !defined(_WIN32)
    int const fd = s.native_handle();
    if (int const flags = ::fcntl(fd, F_GETFD); flags >= 0) ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
#else
    (void)s;
#endif
}

inline void do_accept(std::shared_ptr<server_state> st) {
    st->acceptor.async_accept(
        boost::asio::make_strand(st->executor),
        [st](boost::beast::error_code ec, boost::asio::ip::tcp::socket s) {
            if (st->closing || !st->acceptor.is_open()) return;
            if (ec) {
                // Out of descriptors and the like: retry a little later rather than spin.
                auto timer = std::make_shared<boost::asio::steady_timer>(
                    st->acceptor_strand, std::chrono::milliseconds(100));
                timer->async_wait([st, timer](boost::beast::error_code) { do_accept(st); });
                return;
            }
            set_cloexec(s);
            if (st->make_connection)
                st->make_connection(st, std::move(s));
            else
                launch_connection(st, boost::beast::tcp_stream(std::move(s)));
            do_accept(st);
        });
}

// Graceful shutdown of a server's state and of the servers mounted on it.
inline void close_state(std::shared_ptr<server_state> const& st) {
    if (st->closing.exchange(true)) return;
    boost::asio::dispatch(st->acceptor_strand, [st] {
        boost::system::error_code ec;
        st->acceptor.close(ec);
    });
    std::vector<session_ptr> sessions;
    std::vector<std::shared_ptr<connection_base>> connections;
    std::vector<std::shared_ptr<server_state>> mounts;
    {
        std::lock_guard lock(st->mutex);
        for (auto const& [id, s] : st->sessions) sessions.push_back(s);
        for (auto const& [id, c] : st->connections)
            if (auto p = c.lock()) connections.push_back(std::move(p));
        mounts = st->mounts;
    }
    for (auto const& s : sessions) s->close("server shutting down", true);
    for (auto const& c : connections) c->shutdown();
    for (auto const& m : mounts) close_state(m);
}

}  // namespace detail

SOCKSPEC_DECL server::server(boost::asio::any_io_executor ex, server_options opts)
    : state_(std::make_shared<detail::server_state>(std::move(ex), std::move(opts))) {}

SOCKSPEC_DECL server::~server() {
    close();
}

SOCKSPEC_DECL server_options const& server::options() const noexcept {
    return state_->opts;
}

SOCKSPEC_DECL void server::on_connection(connection_handler h) {
    state_->on_connection = std::move(h);
}

SOCKSPEC_DECL void server::on_http_request(http_handler h) {
    state_->on_http = std::move(h);
}

SOCKSPEC_DECL void server::allow_request(std::function<bool(request_info const&)> f) {
    state_->allow_request = std::move(f);
}

SOCKSPEC_DECL void server::mount(server& other) {
    if (other.state_ == state_) return;
    std::lock_guard lock(state_->mutex);
    state_->mounts.push_back(other.state_);
}

SOCKSPEC_DECL boost::system::error_code server::listen(
    boost::asio::ip::tcp::endpoint const& endpoint) {
    boost::system::error_code ec;
    auto& a = state_->acceptor;
    a.open(endpoint.protocol(), ec);
    if (ec) return ec;
    detail::set_cloexec(a);
    a.set_option(boost::asio::socket_base::reuse_address(true), ec);
    if (ec) return ec;
    a.bind(endpoint, ec);
    if (ec) return ec;
    a.listen(boost::asio::socket_base::max_listen_connections, ec);
    if (ec) return ec;
    boost::asio::dispatch(state_->acceptor_strand, [st = state_] { detail::do_accept(st); });
    return {};
}

SOCKSPEC_DECL boost::asio::ip::tcp::endpoint server::local_endpoint() const {
    boost::system::error_code ec;
    return state_->acceptor.local_endpoint(ec);
}

SOCKSPEC_DECL void server::close() {
    detail::close_state(state_);
}

SOCKSPEC_DECL std::size_t server::session_count() const {
    std::lock_guard lock(state_->mutex);
    return state_->sessions.size();
}

SOCKSPEC_DECL std::vector<session_ptr> server::sessions() const {
    std::vector<session_ptr> out;
    std::lock_guard lock(state_->mutex);
    for (auto const& [id, s] : state_->sessions) out.push_back(s);
    return out;
}

}  // namespace sockspec::engineio
