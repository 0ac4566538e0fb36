// Test support for the conformance tests: the conformance_server executable run as a child
// process on a free port, and blocking Beast clients (raw HTTP long-polling and WebSocket)
// whose reads and writes time out, so that every test is bounded.
#pragma once

#include <boost/asio/buffer.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <gtest/gtest.h>

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace conformance {

namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
namespace json = boost::json;
using tcp = boost::asio::ip::tcp;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

/// The conformance_server executable as a child process. It dies with the test process
/// (PR_SET_PDEATHSIG), so a crashed test never leaves it running.
class server_process {
public:
    server_process() = default;
    server_process(server_process const&) = delete;
    server_process& operator=(server_process const&) = delete;
    ~server_process() { kill_now(); }

    /// Starts the server on port 0 and reads its "listening on <port>" line; false (with a
    /// test failure) when it does not announce a port within 10 s.
    bool start() {
        int fds[2];
        if (::pipe(fds) != 0) return false;
        pid_ = ::fork();
        if (pid_ < 0) return false;
        if (pid_ == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            ::dup2(fds[1], STDOUT_FILENO);
            ::close(fds[0]);
            ::close(fds[1]);
            ::execl(SOCKSPEC_CONFORMANCE_SERVER, SOCKSPEC_CONFORMANCE_SERVER, "--port", "0",
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::close(fds[1]);
        out_ = fds[0];
        line_ = read_line(10s);
        if (!line_.starts_with("listening on ")) {
            ADD_FAILURE() << "conformance_server did not announce its port: '" << line_ << "'";
            return false;
        }
        port_ = static_cast<unsigned short>(std::stoi(line_.substr(13)));
        return port_ != 0;
    }

    /// The first line the server printed.
    std::string const& line() const { return line_; }
    /// The port it listens on.
    unsigned short port() const { return port_; }

    /// Sends `sig` and waits up to `limit` for the exit; the wait status, or nullopt (after a
    /// SIGKILL) when it did not exit in time.
    std::optional<int> stop(int sig, std::chrono::milliseconds limit) {
        if (pid_ <= 0) return std::nullopt;
        ::kill(pid_, sig);
        auto const deadline = steady::now() + limit;
        while (steady::now() < deadline) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                close_out();
                return status;
            }
            std::this_thread::sleep_for(10ms);
        }
        kill_now();
        return std::nullopt;
    }

private:
    std::string read_line(std::chrono::milliseconds limit) {
        std::string line;
        auto const deadline = steady::now() + limit;
        while (steady::now() < deadline) {
            pollfd p{out_, POLLIN, 0};
            auto const left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady::now());
            if (::poll(&p, 1, static_cast<int>(std::max<long long>(left.count(), 1))) <= 0) break;
            char c = 0;
            if (::read(out_, &c, 1) != 1) break;
            if (c == '\n') return line;
            line += c;
        }
        return line;
    }

    void close_out() {
        if (out_ >= 0) ::close(out_);
        out_ = -1;
    }

    void kill_now() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
        close_out();
    }

    pid_t pid_ = -1;
    int out_ = -1;
    unsigned short port_ = 0;
    std::string line_;
};

/// Bounds every blocking read and write of a client socket.
inline void set_socket_timeouts(tcp::socket& s, std::chrono::milliseconds t = 5000ms) {
    timeval tv{};
    tv.tv_sec = static_cast<long>(t.count() / 1000);
    tv.tv_usec = static_cast<long>((t.count() % 1000) * 1000);
    ::setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(s.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

using response = http::response<http::string_body>;
using ws_stream = websocket::stream<tcp::socket>;

/// One WebSocket message.
struct ws_message {
    std::string data;
    bool binary = false;
    boost::beast::error_code ec;  // set when the read failed (closed, timeout)
};

/// Base64 of `bytes` (the polling encoding of a binary packet is `b` + this).
inline std::string base64(std::string_view bytes) {
    namespace b64 = boost::beast::detail::base64;
    std::string out(b64::encoded_size(bytes.size()), '\0');
    out.resize(b64::encode(out.data(), bytes.data(), bytes.size()));
    return out;
}

/// The bytes of base64 `text`; nullopt when it is not base64.
inline std::optional<std::string> unbase64(std::string_view text) {
    namespace b64 = boost::beast::detail::base64;
    std::string out(b64::decoded_size(text.size()), '\0');
    auto const [written, read] = b64::decode(out.data(), text.data(), text.size());
    // Beast stops at the padding: everything before it must have been base64.
    auto const data = text.substr(0, text.find_last_not_of('=') + 1);
    if (read != data.size() || text.size() % 4 != 0) return std::nullopt;
    out.resize(written);
    return out;
}

/// Splits a polling payload at the record separator `\x1e` (EIO v4 batching).
inline std::vector<std::string> split_payload(std::string_view body) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        auto const end = body.find('\x1e', start);
        out.emplace_back(body.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

/// JSON of `text`, or null (with a test failure) when it does not parse.
inline json::value parse_json(std::string_view text) {
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    if (ec) {
        ADD_FAILURE() << "not JSON: '" << text << "'";
        return nullptr;
    }
    return v;
}

/// A test with its own conformance_server, driven by blocking clients.
class server_test : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(server.start()); }

    // Never leaves the server running: SIGTERM (graceful), then SIGKILL if it lingers.
    void TearDown() override { server.stop(SIGTERM, 3000ms); }

    tcp::socket connect(std::chrono::milliseconds t = 5000ms) {
        tcp::socket s(ioc_);
        s.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
        set_socket_timeouts(s, t);
        return s;
    }

    /// Sends `req` on a new connection and reads the response (a failed exchange is a test
    /// failure and an empty response).
    response request(http::request<http::string_body> req) {
        auto s = connect();
        req.set(http::field::host, "127.0.0.1");
        req.prepare_payload();
        boost::beast::error_code ec;
        http::write(s, req, ec);
        response res;
        boost::beast::flat_buffer buf;
        if (!ec) http::read(s, buf, res, ec);
        if (ec) ADD_FAILURE() << req.method_string() << " " << req.target() << ": " << ec.message();
        return res;
    }

    response get(std::string const& target) {
        return request(http::request<http::string_body>{http::verb::get, target, 11});
    }

    response post(std::string const& target, std::string body,
                  std::string const& content_type = "text/plain;charset=UTF-8") {
        http::request<http::string_body> req{http::verb::post, target, 11};
        req.set(http::field::content_type, content_type);
        req.body() = std::move(body);
        return request(std::move(req));
    }

    /// Opens a WebSocket to `target` (the handshake must succeed).
    ws_stream ws_connect(std::string const& target, std::chrono::milliseconds t = 5000ms) {
        ws_stream ws(connect(t));
        ws.handshake("127.0.0.1", target);
        return ws;
    }

    static ws_message ws_read(ws_stream& ws) {
        ws_message m;
        boost::beast::flat_buffer buf;
        ws.read(buf, m.ec);
        if (!m.ec) {
            m.data = boost::beast::buffers_to_string(buf.data());
            m.binary = ws.got_binary();
        }
        return m;
    }

    static void ws_write(ws_stream& ws, std::string_view data, bool binary = false) {
        ws.binary(binary);
        ws.write(boost::asio::buffer(data.data(), data.size()));
    }

    /// Reads the next message that is not an Engine.IO ping, answering pings with pongs.
    static ws_message ws_read_skip_pings(ws_stream& ws) {
        while (true) {
            auto m = ws_read(ws);
            if (m.ec || m.binary || m.data != "2") return m;
            ws_write(ws, "3");
        }
    }

    /// Whether the server ends the WebSocket within `limit` (answering pings meanwhile).
    static bool closed_by_server(ws_stream& ws, std::chrono::milliseconds limit = 3000ms) {
        auto const deadline = steady::now() + limit;
        while (steady::now() < deadline) {
            auto m = ws_read(ws);
            if (m.ec) {
                return m.ec == websocket::error::closed || m.ec == boost::asio::error::eof ||
                       m.ec == boost::asio::error::connection_reset;
            }
            if (!m.binary && m.data == "2") {
                boost::beast::error_code ec;
                ws.write(boost::asio::buffer(std::string_view("3")), ec);
            }
        }
        return false;
    }

    server_process server;

private:
    boost::asio::io_context ioc_;
};

}  // namespace conformance
