// engineio::server::mount: several Engine.IO endpoints, each with its own options, sessions and
// handlers, on one listener (what the conformance fixture relies on). In process, so that the
// sessions of each endpoint can be counted.
#include "conformance_support.hpp"

#include <sockspec/engineio/server.hpp>

#include <boost/asio/executor_work_guard.hpp>

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace conformance {
namespace {

namespace eio = sockspec::engineio;

class mount : public ::testing::Test {
protected:
    /// Starts `host` (path /a/) with `mounted` (path /a/b/, body limit 100) mounted on it.
    void SetUp() override {
        eio::server_options h;
        h.path = "/a/";
        h.close_timeout = 200ms;
        host.emplace(ioc, h);
        eio::server_options m;
        m.path = "/a/b/";
        m.max_http_buffer_size = 100;
        m.close_timeout = 200ms;
        mounted.emplace(ioc, m);
        host->on_connection(echo("host:"));
        mounted->on_connection(echo("mounted:"));
        host->mount(*mounted);
        ASSERT_FALSE(host->listen({boost::asio::ip::make_address("127.0.0.1"), 0}));
        port = host->local_endpoint().port();
        for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { ioc.run(); });
    }

    void TearDown() override {
        host->close();
        work_.reset();
        auto const deadline = steady::now() + 5s;
        while (!ioc.stopped() && steady::now() < deadline) std::this_thread::sleep_for(5ms);
        EXPECT_TRUE(ioc.stopped()) << "the servers did not drain after close()";
        ioc.stop();
        for (auto& t : threads_) t.join();
    }

    // Echoes every message with a prefix naming the endpoint.
    static eio::connection_handler echo(std::string prefix) {
        return [prefix](eio::session_ptr s) {
            s->on_message([prefix, w = std::weak_ptr<eio::session>(s)](std::string data, bool) {
                if (auto s = w.lock()) s->send(prefix + data);
            });
        };
    }

    response request(http::request<http::string_body> req) {
        tcp::socket s(client_ioc_);
        s.connect({boost::asio::ip::make_address("127.0.0.1"), port});
        set_socket_timeouts(s);
        req.set(http::field::host, "127.0.0.1");
        req.prepare_payload();
        boost::beast::error_code ec;
        http::write(s, req, ec);
        response res;
        boost::beast::flat_buffer buf;
        if (!ec) http::read(s, buf, res, ec);
        if (ec) ADD_FAILURE() << req.target() << ": " << ec.message();
        return res;
    }

    std::string handshake(std::string const& path) {
        auto const res = request({http::verb::get, path + "?EIO=4&transport=polling", 11});
        EXPECT_EQ(res.result_int(), 200u) << res.body();
        if (!res.body().starts_with("0")) return "<none>";
        return std::string(parse_json(res.body().substr(1)).at("sid").as_string());
    }

    boost::asio::io_context ioc;
    std::optional<eio::server> host;
    std::optional<eio::server> mounted;
    unsigned short port = 0;
    boost::asio::io_context client_ioc_;

private:
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
        ioc.get_executor()};
    std::vector<std::thread> threads_;
};

TEST_F(mount, longest_matching_path_serves_the_request) {
    handshake("/a/b/");
    EXPECT_EQ(mounted->session_count(), 1u);
    EXPECT_EQ(host->session_count(), 0u);
    handshake("/a/");
    handshake("/a/c/");  // under /a/ only
    EXPECT_EQ(host->session_count(), 2u);
    EXPECT_EQ(mounted->session_count(), 1u);
}

TEST_F(mount, mounted_path_without_trailing_slash_is_served) {
    handshake("/a/b");
    EXPECT_EQ(mounted->session_count(), 1u);
}

TEST_F(mount, messages_reach_the_endpoint_of_the_session) {
    auto const sid = handshake("/a/b/");
    auto const target = "/a/b/?EIO=4&transport=polling&sid=" + sid;
    http::request<http::string_body> post{http::verb::post, target, 11};
    post.body() = "4hi";
    EXPECT_EQ(request(std::move(post)).body(), "ok");
    EXPECT_EQ(request({http::verb::get, target, 11}).body(), "4mounted:hi");
}

TEST_F(mount, sessions_are_per_endpoint) {
    auto const sid = handshake("/a/b/");
    auto const res = request({http::verb::get, "/a/?EIO=4&transport=polling&sid=" + sid, 11});
    EXPECT_EQ(res.result_int(), 400u);
}

TEST_F(mount, websocket_upgrade_is_routed) {
    tcp::socket s(client_ioc_);
    s.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    set_socket_timeouts(s);
    websocket::stream<tcp::socket> ws(std::move(s));
    ws.handshake("127.0.0.1", "/a/b/?EIO=4&transport=websocket");
    boost::beast::flat_buffer buf;
    ws.read(buf);
    EXPECT_EQ(mounted->session_count(), 1u);
    EXPECT_EQ(host->session_count(), 0u);
    ws.write(boost::asio::buffer(std::string_view("4hi")));
    buf.clear();
    ws.read(buf);
    EXPECT_EQ(boost::beast::buffers_to_string(buf.data()), "4mounted:hi");
}

TEST_F(mount, body_limit_is_the_endpoints) {
    auto const small = handshake("/a/b/");
    auto const large = handshake("/a/");
    http::request<http::string_body> to_mounted{http::verb::post,
                                                "/a/b/?EIO=4&transport=polling&sid=" + small, 11};
    to_mounted.body() = "4" + std::string(200, 'x');
    EXPECT_EQ(request(std::move(to_mounted)).result_int(), 413u);
    http::request<http::string_body> to_host{http::verb::post,
                                             "/a/?EIO=4&transport=polling&sid=" + large, 11};
    to_host.body() = "4" + std::string(200, 'x');
    EXPECT_EQ(request(std::move(to_host)).result_int(), 200u);
}

TEST_F(mount, other_paths_go_to_the_host_handler) {
    host->on_http_request([](eio::http_request, std::function<void(eio::http_response)> respond) {
        eio::http_response res{http::status::ok, 11};
        res.body() = "host handler";
        res.prepare_payload();
        respond(std::move(res));
    });
    EXPECT_EQ(request({http::verb::get, "/elsewhere", 11}).body(), "host handler");
}

TEST_F(mount, host_close_closes_mounted_sessions) {
    handshake("/a/b/");
    ASSERT_EQ(mounted->session_count(), 1u);
    host->close();
    auto const deadline = steady::now() + 3s;
    while (mounted->session_count() != 0 && steady::now() < deadline)
        std::this_thread::sleep_for(5ms);
    EXPECT_EQ(mounted->session_count(), 0u);
}

TEST_F(mount, closed_mount_refuses_handshakes_and_host_keeps_serving) {
    mounted->close();
    EXPECT_EQ(request({http::verb::get, "/a/b/?EIO=4&transport=polling", 11}).result_int(), 403u);
    handshake("/a/");
    EXPECT_EQ(host->session_count(), 1u);
}

}  // namespace
}  // namespace conformance
