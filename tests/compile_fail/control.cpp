// Must compile: every correct use the misuse files get wrong, so a failure there comes from
// the misuse and not from the harness.
#include <sockspec/gen/chat.hpp>
#include <sockspec/gen/emergencies.hpp>
#include <sockspec/gen/messaging.hpp>
#include <sockspec/typed/server.hpp>

#include <string>
#include <vector>

void control(sockspec::server::socket& s, sockspec::server::broadcast_operator const& b) {
    sockspec::typed::on<chat::send_message>(s, [](chat::send_message_payload const&) {});
    sockspec::typed::on<messaging::conversation_get_online_users>(
        s,
        [](std::string const&, sockspec::typed::ack<messaging::conversation_get_online_users> ack) {
            ack(std::vector<std::string>{"u1"});
        });
    sockspec::typed::emit<chat::new_message>(s, chat::new_message_payload{});
    sockspec::typed::emit<chat::new_message>(b, chat::new_message_payload{});
    sockspec::typed::socket_of<chat::nsp_root> const root(s);
    sockspec::typed::on<messaging::join_conversation>(root, [](auto const&) {});
    sockspec::typed::emit<chat::error>(root, chat::error_payload{"E", "m", {}});
}

// The typed namespace / socket / broadcast spellings.
#include <sockspec/gen/typed_test.hpp>

#include <chrono>
#include <optional>
#include <tuple>

void control_typed(sockspec::server::server& io) {
    namespace typed = sockspec::typed;
    auto root = typed::of<chat::nsp_root>(io);
    root.on<chat::send_message>(
        [root](typed::socket<chat::nsp_root>& s, chat::send_message_payload const& m) {
            root.to(m.conversation_id).emit<chat::new_message>(chat::new_message_payload{});
            s.emit<chat::error>(chat::error_payload{"E", "m", {}});
            s.to("room").emit<chat::new_message>(chat::new_message_payload{});
        });
    auto t = typed::of<typed_test::nsp_root>(io);
    t.on<typed_test::move>([](typed::socket<typed_test::nsp_root>& s, typed_test::point const& p,
                              std::optional<std::string> const&, std::optional<std::int32_t> const&,
                              typed::ack<typed_test::move> ack) {
        ack(p);
        s.emit<typed_test::moved>(p);              // the optional label left out
        s.emit<typed_test::moved>(p, "label");     // or given
        s.emit_with_ack<typed_test::question>(
            std::string("?"), std::chrono::seconds(1),
            [](boost::system::error_code, typed_test::verdict const&) {});
    });
    t.to("r").emit_with_ack<typed_test::question>(
        {"?"}, std::chrono::seconds(1),
        [](boost::system::error_code, std::vector<std::tuple<typed_test::verdict>>) {});
}

// The typed client.
#include <sockspec/typed/client.hpp>

void control_client(sockspec::typed::client_socket<messaging::nsp_root> const& c,
                    sockspec::typed::client_socket<typed_test::nsp_root> const& t) {
    c.on<messaging::message_new>([](messaging::message const&) {});
    c.emit<messaging::join_conversation>(std::string("c1"));
    c.emit_with_ack<messaging::user_get_status>(
        {"u1"}, std::chrono::seconds(5),
        [](boost::system::error_code, messaging::user_status const&) {});
    t.on<typed_test::question>(
        [](std::string const&, sockspec::typed::client_ack<typed_test::question> ack) {
            ack(typed_test::verdict{true, {}});
        });
    t.emit<typed_test::move>(typed_test::point{1, 2});  // trailing optionals left out
}
