// The typed namespace, socket and broadcast API (sockspec/typed/server.hpp) on the test contract
// tests/typed/schema/typed_test.yaml, driven by the npm socket.io-client (nsp_client.js):
// per-namespace handlers and hooks, server-to-client acks (valid, invalid, timed out), trailing
// optional arguments both ways, an event in both directions, typed broadcasts with acks.
#include "support/server_fixture.hpp"
#include <sockspec/gen/typed_test.hpp>
#include <sockspec/typed/server.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace sio = sockspec::server;
namespace typed = sockspec::typed;
namespace tt = typed_test;
using namespace std::chrono_literals;

using root_socket = typed::socket<tt::nsp_root>;
using admin_socket = typed::socket<tt::nsp_admin>;

class typed_nsp : public sockspec::test::server_fixture {
protected:
    static std::string point(tt::point const& p) {
        return "(" + std::to_string(p.x) + "," + std::to_string(p.y) + ")";
    }

    void setup(sio::server& srv) override {
        auto root = typed::of<tt::nsp_root>(srv);
        root.get_hooks().on_invalid_payload = [this](sio::socket&, std::string_view event,
                                                     sockspec::codec::decode_error const& err) {
            record("root invalid " + std::string(event) + " " + err.path);
        };
        root.get_hooks().on_handler_error = [this](sio::socket&, std::string_view event,
                                                   std::exception_ptr e) {
            try {
                std::rethrow_exception(e);
            } catch (std::exception const& x) {
                record("root error " + std::string(event) + " " + x.what());
            }
        };
        root.on_connection([this](root_socket& s) {
            s.join("everyone");
            record("connected " + s.id());
        });
        // Trailing optional arguments arrive as empty optionals; the ack takes a point; the
        // others get `moved` without the label (a trailing optional left out of the emit).
        root.on<tt::move>([this](root_socket& s, tt::point const& by,
                                 std::optional<std::string> const& label,
                                 std::optional<std::int32_t> const& speed,
                                 typed::ack<tt::move> ack) {
            if (by.x < 0) throw std::runtime_error("negative move");
            record("move " + point(by) + " " + label.value_or("-") + " " +
                   (speed ? std::to_string(*speed) : std::string("-")));
            tt::point const at{by.x + 100, by.y + 100};
            ack(at);
            s.emit<tt::moved>(at);                          // label left out
            s.broadcast_().emit<tt::moved>(at, "someone");  // to the others, with a label
        });
        root.on<tt::chat>([](root_socket& s, std::string const& text) {
            s.emit<tt::chat>("echo: " + text);
        });
        // ask_me: "one" asks the sender with an ack; "room" asks the room "everyone" with a
        // broadcast ack.
        root.on<tt::ask_me>([this, root](root_socket& s, std::string const& what) {
            if (what == "room") {
                root.to("everyone").emit_with_ack<tt::question>(
                    {"all?"}, 2s,
                    [this](boost::system::error_code ec, std::vector<std::tuple<tt::verdict>> v) {
                        // Answers arrive in no defined order: sorted, "no" before "yes".
                        std::vector<std::string> words;
                        for (auto const& [verdict] : v) words.push_back(verdict.ok ? "yes" : "no");
                        std::sort(words.begin(), words.end());
                        std::string line = "room verdicts " + std::to_string(v.size());
                        for (auto const& w : words) line += " " + w;
                        record(line + (ec ? " " + ec.message() : std::string()));
                    });
                return;
            }
            s.emit_with_ack<tt::question>(
                what, 500ms, [this, s](boost::system::error_code ec, tt::verdict const& v) {
                    if (ec) {
                        record("verdict error " + ec.message());
                        return;
                    }
                    record(std::string("verdict ") + (v.ok ? "true" : "false") + " " +
                           v.reason.value_or("-"));
                    // The handle stays usable in the callback.
                    s.emit<tt::chat>("thanks");
                });
        });

        auto admin = typed::of<tt::nsp_admin>(srv);
        admin.get_hooks().on_invalid_payload = [this](sio::socket&, std::string_view event,
                                                      sockspec::codec::decode_error const& err) {
            record("admin invalid " + std::string(event) + " " + err.path);
        };
        admin.on_connection([](admin_socket& s) { s.emit<tt::notice>("welcome"); });
        admin.on<tt::kick>([this](admin_socket&, std::string const& user, typed::ack<tt::kick> ack) {
            record("kick " + user);
            ack(user != "root");
        });
    }

    sockspec::test::command_result run_node(std::string const& scenario) {
        return sockspec::test::run_node(SOCKSPEC_NODE, SOCKSPEC_TYPED_CLIENT, port, scenario);
    }
};

#define REQUIRE_NODE()                                                         \
    if (!sockspec::test::node_available(SOCKSPEC_NODE, SOCKSPEC_NODE_MODULES)) \
    GTEST_SKIP() << "node or node_modules/socket.io-client missing"

TEST_F(typed_nsp, namespace_handlers_trailing_optionals_and_both_ways_event) {
    REQUIRE_NODE();
    auto const r = run_node("move");
    EXPECT_EQ(r.status, 0) << r.output;
    for (auto const* step : {"full move ack ok", "moved without label ok", "short move ack ok",
                             "others moved ok", "chat echo ok", "DONE"})
        EXPECT_NE(r.output.find(step), std::string::npos) << step << "\n" << r.output;
    EXPECT_TRUE(saw("move (1,2) fast 7"));
    EXPECT_TRUE(saw("move (3,4) - -"));
    auto const e = events();
    EXPECT_EQ(std::count_if(e.begin(), e.end(),
                            [](auto const& x) { return x.starts_with("connected "); }),
              2);
}

TEST_F(typed_nsp, bad_payloads_and_exceptions_go_to_the_namespace_hooks) {
    REQUIRE_NODE();
    auto const r = run_node("invalid");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find(R"(move validation {"error":"validation","path":"by.y")"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find(R"(move validation {"error":"validation","path":"speed")"),
              std::string::npos)
        << r.output;
    EXPECT_TRUE(wait_for("root invalid chat text")) << ::testing::PrintToString(events());
    EXPECT_TRUE(wait_for("admin invalid kick user")) << ::testing::PrintToString(events());
    EXPECT_TRUE(wait_for("root error move negative move")) << ::testing::PrintToString(events());
    EXPECT_FALSE(saw("root invalid kick user"));  // each namespace has its own hooks
    EXPECT_NE(r.output.find("kick ack ok"), std::string::npos) << r.output;
    EXPECT_TRUE(saw("kick bob"));
}

TEST_F(typed_nsp, server_to_client_ack_valid_invalid_and_timeout) {
    REQUIRE_NODE();
    auto const r = run_node("ask");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_TRUE(wait_for("verdict true because")) << ::testing::PrintToString(events());
    EXPECT_NE(r.output.find("thanks ok"), std::string::npos) << r.output;
    // The client answers {"ok":"yes"}: the callback gets the codec's error, the hook the path.
    EXPECT_TRUE(wait_for("root invalid question verdict.ok")) << ::testing::PrintToString(events());
    auto const e = events();
    EXPECT_EQ(std::count_if(e.begin(), e.end(),
                            [](auto const& x) { return x.starts_with("verdict error "); }),
              2)
        << ::testing::PrintToString(events());  // the invalid answer and the timeout
    EXPECT_TRUE(saw("verdict error " +
                    make_error_code(sockspec::server::error::ack_timeout).message()))
        << ::testing::PrintToString(events());
}

TEST_F(typed_nsp, broadcast_with_typed_acks) {
    REQUIRE_NODE();
    auto const r = run_node("room");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_TRUE(wait_for("room verdicts 2 no yes")) << ::testing::PrintToString(events());
}

}  // namespace
