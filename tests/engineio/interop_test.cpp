// Interop: the npm engine.io-client (node) against the C++ server: polling only, WebSocket
// only and the default (polling, then the upgrade); text and binary echo; close from either
// side. The node script is bounded by its own timer and by `timeout`.
#include "support/run_command.hpp"
#include "test_support.hpp"

#include <sockspec/engineio/tls.hpp>

#include <boost/asio/ssl/context.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>

namespace {

using namespace sockspec_test;

using node_result = sockspec::test::command_result;

class interop : public engineio_fixture {
protected:
    void SetUp() override {
        if (std::string_view(SOCKSPEC_NODE).empty() ||
            std::string_view(SOCKSPEC_NODE).ends_with("NOTFOUND"))
            GTEST_SKIP() << "node not found";
        if (!std::filesystem::exists(std::filesystem::path(SOCKSPEC_NODE_MODULES) /
                                     "engine.io-client"))
            GTEST_SKIP() << "node_modules/engine.io-client missing (npm install)";
        std::function<void(eio::server&)> setup;
        if (use_tls()) {
            auto ctx =
                std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
            ctx->use_certificate_chain_file(std::string(SOCKSPEC_TLS_DIR) + "/cert.pem");
            ctx->use_private_key_file(std::string(SOCKSPEC_TLS_DIR) + "/key.pem",
                                      boost::asio::ssl::context::pem);
            setup = [ctx](eio::server& s) { eio::enable_tls(s, ctx); };
        }
        start(
            {},
            [](eio::session_ptr s) {
                s->on_message([w = std::weak_ptr<eio::session>(s)](std::string data, bool binary) {
                    auto s = w.lock();
                    if (!s) return;
                    if (!binary && data == "close")
                        s->close();
                    else if (binary)
                        s->send_binary(data);
                    else
                        s->send(data);
                });
            },
            setup);
    }

    virtual bool use_tls() const { return false; }

    node_result run_node(std::string const& mode, std::string const& closer) {
        std::string const cmd =
            "timeout 30 " + std::string(SOCKSPEC_NODE) + " " + SOCKSPEC_INTEROP_CLIENT + " " +
            std::to_string(port) + " " + mode + " " + closer +
            (use_tls() ? " " + std::string(SOCKSPEC_TLS_DIR) + "/cert.pem" : "") + " 2>&1";
        return sockspec::test::run_command(cmd);
    }

    void check(std::string const& mode, std::string const& closer, std::string const& transport) {
        auto const r = run_node(mode, closer);
        EXPECT_EQ(r.status, 0) << r.output;
        EXPECT_NE(r.output.find("transport " + transport), std::string::npos) << r.output;
        EXPECT_NE(r.output.find("text echo ok"), std::string::npos) << r.output;
        EXPECT_NE(r.output.find("binary echo ok"), std::string::npos) << r.output;
        // engine.io-client's reasons: "forced close" when it closes, "transport close" when the
        // server does.
        std::string const client_reason =
            closer == "server-close" ? "transport close" : "forced close";
        EXPECT_NE(r.output.find("close " + client_reason), std::string::npos) << r.output;
        EXPECT_EQ(wait_close_reason(),
                  closer == "server-close" ? "forced close" : "transport close");
        auto const s = last_session();
        ASSERT_TRUE(s);
        EXPECT_EQ(eio::to_string(s->transport()), transport);
        wait_until([&] { return server->session_count() == 0; });
    }
};

TEST_F(interop, polling_only) {
    check("polling", "client-close", "polling");
}
TEST_F(interop, websocket_only) {
    check("websocket", "client-close", "websocket");
}
TEST_F(interop, polling_then_upgrade) {
    check("default", "client-close", "websocket");
}
TEST_F(interop, polling_only_server_close) {
    check("polling", "server-close", "polling");
}
TEST_F(interop, websocket_only_server_close) {
    check("websocket", "server-close", "websocket");
}
TEST_F(interop, upgraded_server_close) {
    check("default", "server-close", "websocket");
}

// The same over https/wss (<sockspec/engineio/tls.hpp>).
class interop_tls : public interop {
protected:
    bool use_tls() const override { return true; }
};

TEST_F(interop_tls, polling_only) {
    check("polling", "client-close", "polling");
}
TEST_F(interop_tls, websocket_only) {
    check("websocket", "client-close", "websocket");
}
TEST_F(interop_tls, polling_then_upgrade) {
    check("default", "server-close", "websocket");
}

}  // namespace
