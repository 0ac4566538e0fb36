// Test support for the Engine.IO server tests: a server on an ephemeral loopback port run by
// two threads, and blocking Beast clients whose sockets time out (every test is bounded).
#pragma once

#include <sockspec/engineio/server.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/time.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sockspec_test {

namespace eio = sockspec::engineio;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = boost::asio::ip::tcp;

inline constexpr std::chrono::seconds timeout{5};

/// Echoes every message back, text as text and binary as binary.
inline eio::connection_handler echo_handler() {
    return [](eio::session_ptr s) {
        s->on_message([w = std::weak_ptr<eio::session>(s)](std::string data, bool binary) {
            auto s = w.lock();
            if (!s) return;
            if (binary)
                s->send_binary(data);
            else
                s->send(data);
        });
    };
}

/// Bounds every blocking read and write of a client socket.
inline void set_socket_timeouts(tcp::socket& s) {
    timeval tv{};
    tv.tv_sec = 5;
    ::setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(s.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

class engineio_fixture : public ::testing::Test {
protected:
    void start(eio::server_options opts = {}, eio::connection_handler on_connection = {},
               std::function<void(eio::server&)> setup = {}) {
        // A client of these tests rarely answers a close; do not wait 5 s for it.
        if (opts.close_timeout == eio::server_options{}.close_timeout)
            opts.close_timeout = std::chrono::milliseconds(300);
        server = std::make_unique<eio::server>(ioc.get_executor(), std::move(opts));
        server->on_connection([this, on_connection = std::move(on_connection)](eio::session_ptr s) {
            {
                std::lock_guard lock(mutex_);
                sessions_.push_back(s);
                cv_.notify_all();
            }
            s->on_close([this](std::string_view reason) {
                std::lock_guard lock(mutex_);
                reasons_.emplace_back(reason);
                cv_.notify_all();
            });
            if (on_connection) on_connection(s);
        });
        if (setup) setup(*server);
        ASSERT_FALSE(server->listen({boost::asio::ip::make_address("127.0.0.1"), 0}));
        port = server->local_endpoint().port();
        for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { ioc.run(); });
    }

    void TearDown() override {
        if (!drained_ && server) {
            EXPECT_TRUE(stop_and_drain()) << "the server did not drain after close()";
        }
        ioc.stop();
        for (auto& t : threads_) t.join();
    }

    /// Closes the server and waits (bounded) until the io_context has no work left.
    bool stop_and_drain() {
        drained_ = true;
        server->close();
        work_.reset();
        auto const deadline = std::chrono::steady_clock::now() + timeout;
        while (!ioc.stopped() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        if (!ioc.stopped()) {
            for (auto const& s : server->sessions())
                std::cerr << "not drained: session " << s->id() << " "
                          << eio::to_string(s->transport()) << " open=" << s->is_open() << "\n";
        }
        return ioc.stopped();
    }

    tcp::socket connect(int receive_buffer = 0) {
        tcp::socket s(client_ioc_);
        s.open(tcp::v4());
        if (receive_buffer > 0)
            s.set_option(boost::asio::socket_base::receive_buffer_size(receive_buffer));
        set_socket_timeouts(s);
        s.connect({boost::asio::ip::make_address("127.0.0.1"), port});
        return s;
    }

    http::response<http::string_body> request(http::request<http::string_body> req) {
        auto s = connect();
        req.set(http::field::host, "127.0.0.1");
        req.prepare_payload();
        boost::beast::error_code ec;
        http::write(s, req, ec);
        http::response<http::string_body> res;
        boost::beast::flat_buffer buf;
        if (!ec) http::read(s, buf, res, ec);
        if (ec) ADD_FAILURE() << "HTTP " << req.target() << ": " << ec.message();
        return res;
    }

    http::response<http::string_body> get(std::string const& target,
                                          bool websocket_upgrade = false) {
        http::request<http::string_body> req{http::verb::get, target, 11};
        if (websocket_upgrade) {
            req.set(http::field::connection, "Upgrade");
            req.set(http::field::upgrade, "websocket");
            req.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
            req.set(http::field::sec_websocket_version, "13");
        }
        return request(std::move(req));
    }

    http::response<http::string_body> post(std::string const& target, std::string body) {
        http::request<http::string_body> req{http::verb::post, target, 11};
        req.set(http::field::content_type, "text/plain;charset=UTF-8");
        req.body() = std::move(body);
        return request(std::move(req));
    }

    eio::handshake handshake() {
        auto const res = get("/engine.io/?EIO=4&transport=polling");
        EXPECT_EQ(res.result_int(), 200u);
        if (res.body().empty()) return {};
        auto h = eio::parse_handshake(std::string_view(res.body()).substr(1));
        EXPECT_TRUE(h);
        return h ? *h : eio::handshake{};
    }

    static std::string poll_target(std::string const& sid) {
        return "/engine.io/?EIO=4&transport=polling&sid=" + sid;
    }

    websocket::stream<tcp::socket> ws_connect(std::string const& target, int receive_buffer = 0) {
        websocket::stream<tcp::socket> ws(connect(receive_buffer));
        ws.handshake("127.0.0.1", target);
        return ws;
    }

    std::string ws_read(websocket::stream<tcp::socket>& ws, bool* binary = nullptr) {
        ws_buffer.clear();
        boost::beast::error_code ec;
        ws.read(ws_buffer, ec);
        if (ec) {
            ADD_FAILURE() << "websocket read: " << ec.message();
            return {};
        }
        if (binary) *binary = ws.got_binary();
        return boost::beast::buffers_to_string(ws_buffer.data());
    }

    /// Gives the server time to park a request (no public hook tells that a GET is pending).
    static bool server_has_pending_get() {
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        return true;
    }

    template <class Pred>
    static void wait_until(Pred pred) {
        auto const deadline = std::chrono::steady_clock::now() + timeout;
        while (!pred()) {
            if (std::chrono::steady_clock::now() > deadline) {
                ADD_FAILURE() << "condition not met in time";
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }

    std::string wait_close_reason() {
        std::unique_lock lock(mutex_);
        if (!cv_.wait_for(lock, timeout, [&] { return !reasons_.empty(); })) return "<not closed>";
        return reasons_.front();
    }

    std::vector<std::string> close_reasons() {
        std::lock_guard lock(mutex_);
        return reasons_;
    }

    /// The newest session; waits (bounded) for the connection handler, which may run after the
    /// client has seen the open packet.
    eio::session_ptr last_session() {
        std::unique_lock lock(mutex_);
        cv_.wait_for(lock, timeout, [&] { return !sessions_.empty(); });
        return sessions_.empty() ? nullptr : sessions_.back();
    }

    boost::asio::io_context ioc;
    std::unique_ptr<eio::server> server;
    unsigned short port = 0;
    boost::beast::flat_buffer ws_buffer;

private:
    boost::asio::io_context client_ioc_;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
        ioc.get_executor()};
    std::vector<std::thread> threads_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<eio::session_ptr> sessions_;
    std::vector<std::string> reasons_;
    bool drained_ = false;
};

}  // namespace sockspec_test
