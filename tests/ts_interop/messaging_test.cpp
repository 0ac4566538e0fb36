// A typed C++ server for schema/messaging.yaml against a TypeScript client compiled by tsc with
// the generated event maps (messaging_client.ts, run by node): the same contract, checked at
// compile time on both sides, meets on the wire. Handlers and emits use only the typed layer
// (sockspec/typed/server.hpp); the untyped server only sets up namespaces, JWT auth and rooms.
// Each handler records the values it decoded; the test compares them with what the client sent.
#include <sockspec/gen/messaging.hpp>
#include <sockspec/server/jwt_auth.hpp>
#include <sockspec/typed/server.hpp>
#include "fixture.hpp"

#include <boost/asio/post.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <gtest/gtest.h>

#include <future>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace sio = sockspec::server;
namespace typed = sockspec::typed;
namespace json = boost::json;
using sockspec::test::event_log;
using namespace std::chrono_literals;

// The client's conversation id (messaging_client.ts `conversation`).
constexpr char conversation[] = "conv \"1\" \\ \xE2\x9C\x93 \xC3\xA9";

std::string joined(std::vector<std::string> const& v) {
    std::string out;
    for (auto const& x : v) out += (out.empty() ? "" : ",") + x;
    return out;
}

/// The in-memory messaging service: presence per user, rooms per conversation. Its state lives
/// on the server's strand (handlers run there; the backend is posted there).
class messaging_service {
public:
    explicit messaging_service(event_log& r) : rec_(r) {}

    void attach(sio::nsp& n) {
        n.use(sio::jwt_auth([] {
            sio::jwt_auth_options o;
            o.key = sockspec::test::jwt_key;
            return o;
        }()));
        n.on_connection([this](sio::socket_ptr s) { on_connection(s); });
    }

    /// The seed's backend utilities (emitNotificationToUser, emitNewMessage, emitMessageRead,
    /// emitMessageDeleted), called by application code outside any handler: the test posts
    /// this to the strand. messaging_client.ts expects exactly these values.
    static void publish(sio::nsp& n) {
        messaging::notification_payload note;
        note.id = "notification-1";
        note.type = "message";
        note.title = "New message";
        note.message = "bob: \"hi\" \xE2\x9C\x93\nline 2";
        note.link = "/messages/1";
        note.data = json::value(json::object{{"conversationId", conversation},
                                             {"unread", 2},
                                             {"flags", json::array{true, nullptr, 1.5}},
                                             {"nested", json::object{{"a", "b"}}}});
        note.is_read = false;
        note.created_at = "2026-01-15T10:30:00.000Z";
        typed::emit<messaging::notification_new>(n.to("user:alice"), note);

        messaging::message m;
        m.id = "message-1";
        m.conversation_id = conversation;
        m.sender_id = "bob";
        m.content = "h\xC3\xA9llo \"alice\" \xF0\x9F\x98\x80";
        m.sender.id = "bob";
        m.sender.name = "Bob";
        m.created_at = "2026-01-15T10:30:00.000Z";
        auto const room = n.to(room_of(conversation));
        typed::emit<messaging::message_new>(room, m);
        typed::emit<messaging::messages_read>(
            room, messaging::messages_read_payload{conversation, {"message-0", "message-1"}});
        typed::emit<messaging::message_deleted>(
            room, messaging::message_deleted_payload{conversation, "message-0"});
    }

private:
    static std::string room_of(std::string const& conversation_id) {
        return "conversation:" + conversation_id;
    }

    messaging::user_status status_of(std::string const& user) const {
        auto const it = devices_.find(user);
        bool const on = it != devices_.end() && it->second > 0;
        return {user,
                on ? messaging::presence_status::online : messaging::presence_status::offline};
    }

    void on_connection(sio::socket_ptr const& s) {
        // jwt_auth verified the token; the schema's claims name the user.
        auto const* claims = s->data().at("claims").if_object();
        auto const* id = claims ? claims->if_contains("userId") : nullptr;
        if (!id || !id->is_string() || id->as_string().empty()) return s->disconnect();
        std::string const user(id->as_string());
        users_[s->id()] = user;
        s->join("user:" + user);
        if (++devices_[user] == 1) {
            rec_.record("status " + user + " online");
            typed::emit<messaging::user_status_changed>(s->get_nsp(), status_of(user));
        }
        s->on_disconnect([this, s, user](std::string_view) {
            users_.erase(s->id());
            rec_.record("disconnect " + user);
            if (--devices_[user] == 0) {
                rec_.record("status " + user + " offline");
                typed::emit<messaging::user_status_changed>(s->get_nsp(), status_of(user));
            }
        });

        // The handlers capture the raw pointer: the socket owns them (see typed::on).
        sio::socket* self = s.get();
        typed::on<messaging::join_conversation>(*s, [this, self, user](std::string const& c) {
            rec_.record("join:conversation " + user + " " + c);
            self->join(room_of(c));
        });
        typed::on<messaging::leave_conversation>(*s, [this, self, user](std::string const& c) {
            rec_.record("leave:conversation " + user + " " + c);
            self->leave(room_of(c));
        });
        typed::on<messaging::typing_start>(*s, [this, self,
                                                user](messaging::typing_request const& r) {
            rec_.record("typing:start " + user + " " + r.conversation_id);
            typed::emit<messaging::typing_start>(self->to(room_of(r.conversation_id)),
                                                 messaging::typing_notice{r.conversation_id, user});
        });
        typed::on<messaging::typing_stop>(*s, [this, self,
                                               user](messaging::typing_request const& r) {
            rec_.record("typing:stop " + user + " " + r.conversation_id);
            typed::emit<messaging::typing_stop>(self->to(room_of(r.conversation_id)),
                                                messaging::typing_notice{r.conversation_id, user});
        });
        typed::on<messaging::conversation_get_online_users>(
            *s, [this, self, user](std::string const& c,
                                   typed::ack<messaging::conversation_get_online_users> ack) {
                rec_.record("conversation:get-online-users " + user + " " + c);
                std::set<std::string> online;
                for (auto const& sid : self->get_nsp().to(room_of(c)).socket_ids())
                    if (auto it = users_.find(sid); it != users_.end()) online.insert(it->second);
                ack(std::vector<std::string>(online.begin(), online.end()));
            });
        typed::on<messaging::notification_read>(*s, [this, self, user](std::string const& id) {
            rec_.record("notification:read " + user + " " + id);
            typed::emit<messaging::notification_read>(self->to("user:" + user), id);
        });
        typed::on<messaging::notifications_read_all>(*s, [this, self, user]() {
            rec_.record("notifications:read-all " + user);
            typed::emit<messaging::notifications_read_all>(self->to("user:" + user));
        });
        typed::on<messaging::user_get_status>(
            *s,
            [this, user](std::string const& target, typed::ack<messaging::user_get_status> ack) {
                rec_.record("user:get-status " + user + " " + target);
                ack(status_of(target));
            });
        typed::on<messaging::users_get_status>(
            *s, [this, user](std::vector<std::string> const& targets,
                             typed::ack<messaging::users_get_status> ack) {
                rec_.record("users:get-status " + user + " " + joined(targets));
                std::vector<messaging::user_status> out;
                for (auto const& t : targets) out.push_back(status_of(t));
                ack(out);
            });
    }

    event_log& rec_;
    std::map<std::string, int> devices_;        // user -> connected sockets
    std::map<std::string, std::string> users_;  // socket id -> user
};

class ts_messaging : public sockspec::test::ts_server_test {
protected:
    void attach(sio::server& srv) override { service.attach(srv.of("/")); }

    void SetUp() override {
        typed::on_invalid_payload = [this](sio::socket&, std::string_view event,
                                           sockspec::codec::decode_error const& err) {
            rec.record("invalid " + std::string(event) + " " + err.path);
        };
        ts_server_test::SetUp();
    }
    void TearDown() override {
        ts_server_test::TearDown();
        typed::on_invalid_payload = nullptr;
    }

    sockspec::test::command_result run() {
        return run_client(SOCKSPEC_TS_MESSAGING_CLIENT,
                          {sockspec::test::token({{"userId", "alice"}}),
                           sockspec::test::token({{"userId", "bob"}})});
    }

    messaging_service service{rec};
};

TEST_P(ts_messaging, every_event_round_trips_between_typed_client_and_typed_server) {
    // CMake only registers these tests with node and the compiled client: a missing one fails.
    ASSERT_TRUE(have_client(SOCKSPEC_TS_MESSAGING_CLIENT)) << SOCKSPEC_TS_MESSAGING_CLIENT;
    auto client = std::async(std::launch::async, [&] { return run(); });

    // The backend publishes once bob's request shows all three devices are in the room.
    std::string const c = conversation;
    bool ready = false;
    while (!(ready = rec.saw("conversation:get-online-users bob " + c)) &&
           client.wait_for(5ms) != std::future_status::ready) {
    }
    if (ready)
        boost::asio::post(io->get_executor(), [this] { messaging_service::publish(io->of("/")); });
    auto const r = client.get();
    std::cout << r.output;  // the client's steps, for `ctest -V`
    ASSERT_TRUE(ready) << r.output;
    ASSERT_EQ(r.status, 0) << r.output;

    // What the client saw (it deep-compares every value; these lines prove each step ran).
    for (auto const* step :
         {"a1 user:status-changed ok", "b user:status-changed ok", "a2 notification:new ok",
          "b message:new ok", "b messages:read ok", "b message:deleted ok", "b typing:start ok",
          "a2 typing:stop ok", "a2 notification:read ok", "a1 notifications:read-all ok",
          "a1 user:get-status ack ok", "b users:get-status ack ok",
          "b conversation:get-online-users ack ok", "no unexpected events ok", "DONE"})
        EXPECT_NE(r.output.find(step), std::string::npos) << step << "\n" << r.output;
    expect_transports(r, {"a1", "a2", "b"});

    // What the handlers decoded is what the client sent.
    for (auto const& step : std::vector<std::string>{
             "join:conversation alice " + c, "join:conversation bob " + c,
             "conversation:get-online-users alice " + c, "typing:start alice " + c,
             "typing:stop bob " + c, "typing:stop alice " + c,
             "notification:read alice notification-1", "notifications:read-all alice",
             "user:get-status alice bob", "user:get-status alice carol",
             "users:get-status bob alice,carol,bob", "leave:conversation bob " + c})
        EXPECT_TRUE(rec.saw(step)) << step << "\n" << ::testing::PrintToString(rec.events());
    EXPECT_EQ(rec.count_prefix("join:conversation alice "), 2u);
    EXPECT_EQ(rec.count_prefix("invalid "), 0u) << ::testing::PrintToString(rec.events());
    // Every client-to-server event of the schema reached its typed handler.
    sockspec::test::for_each_event(messaging::client_to_server_events{}, [&](auto e) {
        using E = decltype(e);
        EXPECT_GE(rec.count_prefix(std::string(E::name) + " "), 1u) << E::name;
    });

    // Presence: online on each user's first device, offline after the last one (a1 last).
    ASSERT_TRUE(rec.wait_for("status alice offline", 10s)) << ::testing::PrintToString(rec.events());
    std::vector<std::string> statuses;
    for (auto const& e : rec.events())
        if (e.starts_with("status ")) statuses.push_back(e);
    EXPECT_EQ(statuses, (std::vector<std::string>{"status alice online", "status bob online",
                                                  "status bob offline", "status alice offline"}));
}

INSTANTIATE_TEST_SUITE_P(transports, ts_messaging,
                         ::testing::ValuesIn(sockspec::test::transport_modes),
                         [](auto const& info) { return info.param; });

}  // namespace
