// HTTPS and WSS (<sockspec/engineio/tls.hpp>): the same server API over TLS, checked with Beast
// TLS clients that verify the test certificate (tests/engineio/tls/).
#include "test_support.hpp"

#include <sockspec/engineio/tls.hpp>

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>

#include <future>

namespace {

using namespace sockspec_test;
namespace ssl = boost::asio::ssl;
using tls_socket = boost::beast::ssl_stream<tcp::socket>;

std::string const tls_dir = SOCKSPEC_TLS_DIR;

class tls : public engineio_fixture {
protected:
    void start_tls(eio::connection_handler on_connection = echo_handler()) {
        auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
        ctx->use_certificate_chain_file(tls_dir + "/cert.pem");
        ctx->use_private_key_file(tls_dir + "/key.pem", ssl::context::pem);
        start({}, std::move(on_connection), [ctx](eio::server& s) { eio::enable_tls(s, ctx); });
        client_ctx_.load_verify_file(tls_dir + "/cert.pem");
        client_ctx_.set_verify_mode(ssl::verify_peer);
    }

    std::unique_ptr<tls_socket> tls_connect() {
        auto s = std::make_unique<tls_socket>(connect(), client_ctx_);
        s->set_verify_callback(ssl::host_name_verification("127.0.0.1"));
        s->handshake(ssl::stream_base::client);
        return s;
    }

    http::response<http::string_body> tls_request(http::verb method, std::string const& target,
                                                  std::string body = {}) {
        auto s = tls_connect();
        http::request<http::string_body> req{method, target, 11};
        req.set(http::field::host, "127.0.0.1");
        req.body() = std::move(body);
        req.prepare_payload();
        http::write(*s, req);
        http::response<http::string_body> res;
        boost::beast::flat_buffer buf;
        http::read(*s, buf, res);
        return res;
    }

    std::string tls_handshake() {
        auto const res = tls_request(http::verb::get, "/engine.io/?EIO=4&transport=polling");
        EXPECT_EQ(res.result_int(), 200u);
        auto h = eio::parse_handshake(std::string_view(res.body()).substr(1));
        EXPECT_TRUE(h);
        return h ? h->sid : std::string();
    }

    std::unique_ptr<websocket::stream<tls_socket>> wss_connect(std::string const& target) {
        auto ws = std::make_unique<websocket::stream<tls_socket>>(connect(), client_ctx_);
        ws->next_layer().set_verify_callback(ssl::host_name_verification("127.0.0.1"));
        ws->next_layer().handshake(ssl::stream_base::client);
        ws->handshake("127.0.0.1", target);
        return ws;
    }

    std::string wss_read(websocket::stream<tls_socket>& ws) {
        boost::beast::flat_buffer buf;
        boost::beast::error_code ec;
        ws.read(buf, ec);
        if (ec) ADD_FAILURE() << "wss read: " << ec.message();
        return boost::beast::buffers_to_string(buf.data());
    }

    ssl::context client_ctx_{ssl::context::tls_client};
};

TEST_F(tls, https_polling_round_trip) {
    start_tls();
    auto const sid = tls_handshake();
    EXPECT_EQ(tls_request(http::verb::post, poll_target(sid), "4secure").body(), "ok");
    EXPECT_EQ(tls_request(http::verb::get, poll_target(sid)).body(), "4secure");
}

TEST_F(tls, wss_session_echoes) {
    start_tls();
    auto ws = wss_connect("/engine.io/?EIO=4&transport=websocket");
    EXPECT_EQ(wss_read(*ws).substr(0, 1), "0");
    ws->write(boost::asio::buffer(std::string("4over tls")));
    EXPECT_EQ(wss_read(*ws), "4over tls");
}

TEST_F(tls, upgrade_from_https_polling_to_wss) {
    start_tls();
    auto const sid = tls_handshake();
    auto ws = wss_connect("/engine.io/?EIO=4&transport=websocket&sid=" + sid);
    ws->write(boost::asio::buffer(std::string("2probe")));
    EXPECT_EQ(wss_read(*ws), "3probe");
    ws->write(boost::asio::buffer(std::string("5")));
    wait_until([&] { return last_session()->transport() == eio::transport_type::websocket; });
    ws->write(boost::asio::buffer(std::string("4upgraded")));
    EXPECT_EQ(wss_read(*ws), "4upgraded");
}

TEST_F(tls, plain_http_is_refused) {
    start_tls();
    auto s = connect();
    http::request<http::string_body> req{http::verb::get, "/engine.io/?EIO=4&transport=polling",
                                         11};
    req.set(http::field::host, "127.0.0.1");
    http::write(s, req);
    http::response<http::string_body> res;
    boost::beast::flat_buffer buf;
    boost::beast::error_code ec;
    http::read(s, buf, res, ec);
    EXPECT_TRUE(ec);  // the TLS handshake fails; no HTTP answer
}

}  // namespace
