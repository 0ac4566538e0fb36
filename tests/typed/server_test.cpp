// The typed layer (sockspec/typed/server.hpp) over the untyped server, driven by the npm
// socket.io-client (node): typed handlers receive decoded payloads, typed emits arrive with the
// schema's JSON, bad payloads never reach a handler, handler exceptions are reported.
#include "support/server_fixture.hpp"
#include <sockspec/gen/chat.hpp>
#include <sockspec/gen/messaging.hpp>
#include <sockspec/typed/server.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace sio = sockspec::server;
namespace typed = sockspec::typed;
using namespace std::chrono_literals;

using node_result = sockspec::test::command_result;

class typed_server : public sockspec::test::server_fixture {
protected:
    void SetUp() override {
        typed::on_invalid_payload = [this](sio::socket&, std::string_view event,
                                           sockspec::codec::decode_error const& err) {
            record("invalid " + std::string(event) + " " + err.path);
        };
        typed::on_handler_error = [this](sio::socket&, std::string_view event,
                                         std::exception_ptr e) {
            try {
                std::rethrow_exception(e);
            } catch (std::exception const& x) {
                record("error " + std::string(event) + " " + x.what());
            }
        };
        sockspec::test::server_fixture::SetUp();
    }

    void TearDown() override {
        sockspec::test::server_fixture::TearDown();
        typed::on_invalid_payload = nullptr;
        typed::on_handler_error = nullptr;
    }

    void setup(sio::server& srv) override {
        srv.of("/").on_connection([this](sio::socket_ptr s) {
            typed::on<chat::join_conversation>(
                *s, [s](chat::join_conversation_payload const& p) { s->join(p.conversation_id); });
            typed::on<chat::send_message>(*s, [this, s](chat::send_message_payload const& m) {
                record("send_message " + m.conversation_id + " " + m.text.value_or("-"));
                chat::new_message_payload out;
                out.id = "aaaaaaaaaaaaaaaaaaaaaaaa";
                out.conversation_id = m.conversation_id;
                out.sender_id = "bbbbbbbbbbbbbbbbbbbbbbbb";
                out.sender_name = "alice";
                out.text = m.text;
                out.created_at = "2026-01-01T00:00:00Z";
                typed::emit<chat::new_message>(s->get_nsp().to(m.conversation_id), out);
            });
            typed::on<chat::leave_conversation>(*s, [](chat::leave_conversation_payload const&) {
                throw std::runtime_error("handler bug");
            });
            typed::on<messaging::conversation_get_online_users>(
                *s, [this](std::string const& conversation,
                           typed::ack<messaging::conversation_get_online_users> ack) {
                    record("online " + conversation);
                    ack(std::vector<std::string>{"u1", "u2"});
                });
        });
        // A namespace whose events are not chat's: on<E> refuses to register there.
        srv.of("/other").on_connection([this](sio::socket_ptr s) {
            if (!typed::on<chat::send_message>(*s, [](chat::send_message_payload const&) {}))
                record("refused /other");
        });
    }

    node_result run_node(std::string const& scenario) {
        return sockspec::test::run_node(SOCKSPEC_NODE, SOCKSPEC_TYPED_CLIENT, port, scenario);
    }
};

#define REQUIRE_NODE()                                                         \
    if (!sockspec::test::node_available(SOCKSPEC_NODE, SOCKSPEC_NODE_MODULES)) \
    GTEST_SKIP() << "node or node_modules/socket.io-client missing"

TEST_F(typed_server, valid_payload_reaches_handler_and_typed_emit_arrives) {
    REQUIRE_NODE();
    auto const r = run_node("valid");
    EXPECT_EQ(r.status, 0) << r.output;
    for (auto const* step : {"new_message ok", "online users ack ok", "DONE"})
        EXPECT_NE(r.output.find(step), std::string::npos) << step << "\n" << r.output;
    EXPECT_TRUE(saw("send_message 0123456789abcdef01234567 hi"));
    EXPECT_TRUE(saw("online 0123456789abcdef01234567"));
}

TEST_F(typed_server, invalid_payload_never_reaches_handler) {
    REQUIRE_NODE();
    auto const r = run_node("invalid");
    EXPECT_EQ(r.status, 0) << r.output;
    for (auto const* step : {"missing argument ok", "wrong type ok", "still up ok", "DONE"})
        EXPECT_NE(r.output.find(step), std::string::npos) << step << "\n" << r.output;
    EXPECT_NE(r.output.find(
                  R"(validation error {"error":"validation","path":"conversationId","message":")"),
              std::string::npos)
        << r.output;
    // Without an ack the hook reports it, naming the missing field.
    EXPECT_TRUE(wait_for("invalid send_message message.conversation_id"))
        << ::testing::PrintToString(events());
    EXPECT_FALSE(saw_prefix("send_message "));
    // Only the valid request reached the acked handler.
    auto const e = events();
    EXPECT_EQ(
        std::count_if(e.begin(), e.end(), [](auto const& x) { return x.starts_with("online "); }),
        1);
}

TEST_F(typed_server, handler_exception_is_reported_and_socket_stays_up) {
    REQUIRE_NODE();
    auto const r = run_node("throws");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("still up ok"), std::string::npos) << r.output;
    EXPECT_TRUE(wait_for("error leave_conversation handler bug"));
}

TEST_F(typed_server, handler_for_another_namespace_is_refused_at_run_time) {
    REQUIRE_NODE();
    auto const r = run_node("other");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_TRUE(wait_for("refused /other"));
    EXPECT_TRUE(saw_prefix(
        "error send_message typed::on<E>: event \"send_message\" belongs to namespace \"/\""))
        << ::testing::PrintToString(events());
}

}  // namespace
