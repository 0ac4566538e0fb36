// The typed client (sockspec/typed/client.hpp) against the typed server, both C++, in one
// process over loopback, on the test contract tests/typed/schema/typed_test.yaml: typed emits
// and acks both ways, trailing optional arguments, a server-to-client ack answered by a
// client_ack, bad payloads and bad acks from the server kept away from the handlers, two
// namespaces over one manager.
#include "support/server_fixture.hpp"
#include <sockspec/gen/typed_test.hpp>
#include <sockspec/typed/client.hpp>
#include <sockspec/typed/server.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

namespace {

namespace sio = sockspec::server;
namespace typed = sockspec::typed;
namespace tt = typed_test;
using namespace std::chrono_literals;
using root_client = typed::client_socket<tt::nsp_root>;
using admin_client = typed::client_socket<tt::nsp_admin>;

std::string point(tt::point const& p) {
    return "(" + std::to_string(p.x) + "," + std::to_string(p.y) + ")";
}

class typed_client : public sockspec::test::server_fixture {
protected:
    void setup(sio::server& srv) override {
        auto root = typed::of<tt::nsp_root>(srv);
        root.on<tt::move>([this](typed::socket<tt::nsp_root>& s, tt::point const& by,
                                 std::optional<std::string> const& label,
                                 std::optional<std::int32_t> const&, typed::ack<tt::move> ack) {
            record("server move " + point(by) + " " + label.value_or("-"));
            ack(tt::point{by.x + 100, by.y + 100});
            s.emit<tt::moved>(tt::point{by.x, by.y});  // the label left out
        });
        root.on<tt::ask_me>([this](typed::socket<tt::nsp_root>& s, std::string const& what) {
            if (what == "bad moved") {
                s->emit("moved", R"({"x":"one","y":2})");  // untyped: not the schema's shape
                return;
            }
            s.emit_with_ack<tt::question>(
                what, 2s, [this](boost::system::error_code ec, tt::verdict const& v) {
                    record(ec ? "server verdict error" : "server verdict " +
                                                             std::string(v.ok ? "yes " : "no ") +
                                                             v.reason.value_or("-"));
                });
        });
        root.on<tt::chat>([](typed::socket<tt::nsp_root>& s, std::string const& text) {
            s.emit<tt::chat>("echo " + text);
        });
        // An untyped handler that acks `kick` of /admin with a wrong type.
        srv.of("/admin").on_connection([](sio::socket_ptr s) {
            typed::emit<tt::notice>(*s, std::string("welcome"));
            s->on("kick", [](std::string_view args, sio::ack_fn ack) {
                if (!ack) return;
                ack(args == R"("bad")" ? R"("not a bool")" : "true");
            });
        });
    }

    // A typed client of namespace Nsp on this server, with its hooks recording.
    template <class Nsp>
    typed::client_socket<Nsp> make(std::shared_ptr<sockspec::client::manager> const& m) {
        auto c = typed::client_of<Nsp>(*m);
        c.get_hooks().on_invalid_payload = [this](std::string_view event,
                                                  sockspec::codec::decode_error const& e) {
            record("client invalid " + std::string(event) + " " + e.path);
        };
        return c;
    }

    std::shared_ptr<sockspec::client::manager> manager() {
        sockspec::client::manager_options o;
        o.reconnection.enabled = false;
        return sockspec::client::manager::create(ioc.get_executor(),
                                                 "http://127.0.0.1:" + std::to_string(port), o);
    }
};

TEST_F(typed_client, emits_acks_and_optional_arguments_both_ways) {
    auto m = manager();
    auto c = make<tt::nsp_root>(m);
    c.on<tt::moved>([this](tt::point const& p, std::optional<std::string> const& label) {
        record("client moved " + point(p) + " " + label.value_or("-"));
    });
    c.on<tt::chat>([this](std::string const& text) { record("client chat " + text); });
    c.on_connect([this](root_client& c) {
        c.emit_with_ack<tt::move>({tt::point{1, 2}, "go", std::nullopt}, 2s,
                                  [this](boost::system::error_code ec, tt::point const& at) {
                                      record(ec ? "client ack error " + ec.message()
                                                : "client ack " + point(at));
                                  });
        c.emit<tt::chat>(std::string("hi"));
    });
    c.connect();
    EXPECT_TRUE(wait_for("server move (1,2) go")) << ::testing::PrintToString(events());
    EXPECT_TRUE(wait_for("client ack (101,102)")) << ::testing::PrintToString(events());
    EXPECT_TRUE(wait_for("client moved (1,2) -")) << ::testing::PrintToString(events());
    EXPECT_TRUE(wait_for("client chat echo hi")) << ::testing::PrintToString(events());
    c.disconnect();
}

TEST_F(typed_client, server_question_is_answered_with_a_typed_client_ack) {
    auto m = manager();
    auto c = make<tt::nsp_root>(m);
    c.on<tt::question>([this](std::string const& text, typed::client_ack<tt::question> ack) {
        record("client question " + text);
        ack(tt::verdict{text == "ok?", std::string("because")});
    });
    c.on_connect([](root_client& c) {
        c.emit<tt::ask_me>(std::string("ok?"));
        c.emit<tt::ask_me>(std::string("no?"));
    });
    c.connect();
    EXPECT_TRUE(wait_for("server verdict yes because")) << ::testing::PrintToString(events());
    EXPECT_TRUE(wait_for("server verdict no because")) << ::testing::PrintToString(events());
    c.disconnect();
}

TEST_F(typed_client, bad_server_payloads_and_acks_never_reach_the_handlers) {
    auto m = manager();
    auto c = make<tt::nsp_root>(m);
    c.on<tt::moved>([this](tt::point const&, std::optional<std::string> const&) {
        record("client moved reached the handler");
    });
    auto admin = make<tt::nsp_admin>(m);
    admin.on<tt::notice>([this](std::string const& text) { record("client notice " + text); });
    c.on_connect([](root_client& c) { c.emit<tt::ask_me>(std::string("bad moved")); });
    admin.on_connect([this](admin_client& admin) {
        admin.emit_with_ack<tt::kick>({"bad"}, 2s, [this](boost::system::error_code ec, bool) {
            record(ec ? "kick bad: error" : "kick bad: no error");
        });
        admin.emit_with_ack<tt::kick>({"bob"}, 2s, [this](boost::system::error_code ec, bool done) {
            record(ec ? "kick bob: error" : std::string("kick bob: ") + (done ? "true" : "false"));
        });
    });
    c.connect();
    admin.connect();
    EXPECT_TRUE(wait_for("client invalid moved position.x")) << ::testing::PrintToString(events());
    EXPECT_TRUE(wait_for("client notice welcome")) << ::testing::PrintToString(events());
    EXPECT_TRUE(wait_for("kick bad: error")) << ::testing::PrintToString(events());
    EXPECT_TRUE(wait_for("client invalid kick done")) << ::testing::PrintToString(events());
    EXPECT_TRUE(wait_for("kick bob: true")) << ::testing::PrintToString(events());
    EXPECT_FALSE(saw("client moved reached the handler"));
    c.disconnect();
    admin.disconnect();
}

}  // namespace
