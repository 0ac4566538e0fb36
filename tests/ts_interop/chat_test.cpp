// A typed C++ server for schema/chat.yaml against a TypeScript client compiled by tsc with the
// generated event maps (chat_client.ts, run by node). Handlers and emits use only the typed
// layer; the untyped server only sets up the namespace, JWT auth and rooms. Failures reach the
// client as the schema's `error` event, including a payload tsc accepts but the schema does not
// (send_message without text, url or fileName), which never reaches a handler.
#include <sockspec/gen/chat.hpp>
#include <sockspec/server/jwt_auth.hpp>
#include <sockspec/typed/server.hpp>
#include "fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace sio = sockspec::server;
namespace typed = sockspec::typed;
using sockspec::test::event_log;
using namespace std::chrono_literals;

// The users and the conversation of chat_client.ts.
constexpr char eric[] = "507f1f77bcf86cd799439022";
constexpr char ana[] = "507f1f77bcf86cd799439033";
constexpr char zoe[] = "507f1f77bcf86cd799439044";
constexpr char conversation[] = "507f1f77bcf86cd799439011";

chat::error_payload error_of(std::string code, std::string message,
                             std::optional<std::string> details = std::nullopt) {
    return {std::move(code), std::move(message), std::move(details)};
}

/// The in-memory chat service: one conversation (eric and ana take part), a message store that
/// numbers messages 1, 2, ... and a clock that starts at 2025-12-22T10:30:00Z and ticks one second
/// per message (chat_client.ts computes the same). State lives on the server's strand.
class chat_service {
public:
    explicit chat_service(event_log& r) : rec_(r) {}

    void attach(sio::nsp& n) {
        n.use(sio::jwt_auth([] {
            sio::jwt_auth_options o;
            o.key = sockspec::test::jwt_key;
            return o;
        }()));
        n.on_connection([this](sio::socket_ptr s) { on_connection(s); });
    }

    /// The typed layer's hook for payloads that fail the schema (process-wide): reported to the
    /// sender as the schema's error event.
    void on_invalid_payload(sio::socket& s, std::string_view event,
                            sockspec::codec::decode_error const& err) {
        rec_.record("invalid " + std::string(event) + " " + err.path);
        if (event == chat::send_message::name)
            typed::emit<chat::error>(
                s, error_of("SEND_MESSAGE_FAILED", "Failed to send message", "invalid payload"));
    }

private:
    static std::string room_of(std::string const& conversation_id) {
        return "conversation:" + conversation_id;
    }

    bool participant(std::string const& conversation_id, std::string const& user) const {
        auto const it = participants_.find(conversation_id);
        return it != participants_.end() && it->second.contains(user);
    }

    chat::new_message_payload store(chat::send_message_payload const& m, std::string const& user,
                                    std::string const& name) {
        int const n = ++messages_;
        char id[64];
        std::snprintf(id, sizeof id, "%024x", static_cast<unsigned>(n));
        char at[64];
        std::snprintf(at, sizeof at, "2025-12-22T10:%02d:%02d.000Z", 30 + (n - 1) / 60,
                      (n - 1) % 60);
        return {id, m.conversation_id, user, name, m.text, m.url, m.file_name, at};
    }

    void on_connection(sio::socket_ptr const& s) {
        // jwt_auth verified the token; the schema's claims are userId and username.
        auto const* claims = s->data().at("claims").if_object();
        auto const* id = claims ? claims->if_contains("userId") : nullptr;
        auto const* username = claims ? claims->if_contains("username") : nullptr;
        if (!id || !id->is_string() || !username || !username->is_string()) return s->disconnect();
        std::string const user(id->as_string());
        std::string const name(username->as_string());

        // The handlers capture the raw pointer: the socket owns them (see typed::on).
        sio::socket* self = s.get();
        typed::on<chat::join_conversation>(
            *s, [this, self, user, name](chat::join_conversation_payload const& p) {
                rec_.record("join_conversation " + name + " " + p.conversation_id);
                if (!participants_.contains(p.conversation_id))
                    return typed::emit<chat::error>(
                        *self, error_of("JOIN_FAILED", "Failed to join conversation",
                                        "Conversation not found"));
                if (!participant(p.conversation_id, user))
                    return typed::emit<chat::error>(
                        *self, error_of("PERMISSION_DENIED", "You do not have permission"));
                self->join(room_of(p.conversation_id));
            });
        typed::on<chat::leave_conversation>(*s, [this, self,
                                                 name](chat::leave_conversation_payload const& p) {
            rec_.record("leave_conversation " + name + " " + p.conversation_id);
            auto const rooms = self->rooms();
            if (std::find(rooms.begin(), rooms.end(), room_of(p.conversation_id)) == rooms.end())
                return typed::emit<chat::error>(
                    *self, error_of("LEAVE_FAILED", "Failed to leave conversation",
                                    "Not in the conversation"));
            self->leave(room_of(p.conversation_id));
        });
        typed::on<chat::send_message>(*s, [this, self, user,
                                           name](chat::send_message_payload const& m) {
            rec_.record("send_message " + name + " " + m.conversation_id + " " + m.text.value_or("-") +
                     " " + m.url.value_or("-") + " " + m.file_name.value_or("-"));
            if (!participant(m.conversation_id, user))
                return typed::emit<chat::error>(
                    *self, error_of("PERMISSION_DENIED", "You do not have permission"));
            // To the whole room, the sender's sockets included (as confirmation).
            typed::emit<chat::new_message>(self->get_nsp().to(room_of(m.conversation_id)),
                                           store(m, user, name));
        });
    }

    event_log& rec_;
    std::map<std::string, std::set<std::string>> participants_{{conversation, {eric, ana}}};
    int messages_ = 0;
};

class ts_chat : public sockspec::test::ts_server_test {
protected:
    void attach(sio::server& srv) override { service.attach(srv.of("/")); }

    void SetUp() override {
        typed::on_invalid_payload = [this](sio::socket& s, std::string_view event,
                                           sockspec::codec::decode_error const& err) {
            service.on_invalid_payload(s, event, err);
        };
        ts_server_test::SetUp();
    }
    void TearDown() override {
        ts_server_test::TearDown();
        typed::on_invalid_payload = nullptr;
    }

    sockspec::test::command_result run() {
        using sockspec::test::token;
        return run_client(SOCKSPEC_TS_CHAT_CLIENT, {token({{"userId", eric}, {"username", "eric"}}),
                                                    token({{"userId", ana}, {"username", "ana"}}),
                                                    token({{"userId", zoe}, {"username", "zoe"}})});
    }

    chat_service service{rec};
};

TEST_P(ts_chat, every_event_round_trips_between_typed_client_and_typed_server) {
    // CMake only registers these tests with node and the compiled client: a missing one fails.
    ASSERT_TRUE(have_client(SOCKSPEC_TS_CHAT_CLIENT)) << SOCKSPEC_TS_CHAT_CLIENT;
    auto const r = run();
    std::cout << r.output;  // the client's steps, for `ctest -V`
    ASSERT_EQ(r.status, 0) << r.output;
    for (auto const* step : {"ana new_message ok", "eric new_message ok", "zoe error ok",
                             "eric error ok", "no unexpected events ok", "DONE"})
        EXPECT_NE(r.output.find(step), std::string::npos) << step << "\n" << r.output;
    expect_transports(r, {"eric", "ana", "zoe"});

    // What the handlers decoded is what the client sent (absent optionals stay absent).
    std::string const c = conversation;
    for (auto const& step : std::vector<std::string>{
             "join_conversation ana " + c, "join_conversation eric " + c,
             "join_conversation zoe " + c, "join_conversation eric ffffffffffffffffffffffff",
             "send_message ana " + c + " Hello, \"everyone\" \xE2\x9C\x93 \xF0\x9F\x98\x80 - -",
             "send_message eric " + c +
                 " - https://cdn.example.com/files/document.pdf document.pdf",
             "send_message zoe " + c + " let me in - -",
             "send_message eric " + c + " eric left the room - -", "leave_conversation eric " + c})
        EXPECT_TRUE(rec.saw(step)) << step << "\n" << ::testing::PrintToString(rec.events());
    EXPECT_EQ(rec.count_prefix("leave_conversation eric "), 2u);
    // The payload without text, url or fileName stopped at the decoder.
    EXPECT_EQ(rec.count_prefix("invalid send_message"), 1u) << ::testing::PrintToString(rec.events());
    EXPECT_EQ(rec.count_prefix("send_message eric "), 2u) << ::testing::PrintToString(rec.events());
    sockspec::test::for_each_event(chat::client_to_server_events{}, [&](auto e) {
        using E = decltype(e);
        EXPECT_GE(rec.count_prefix(std::string(E::name) + " "), 1u) << E::name;
    });
}

INSTANTIATE_TEST_SUITE_P(transports, ts_chat, ::testing::ValuesIn(sockspec::test::transport_modes),
                         [](auto const& info) { return info.param; });

}  // namespace
