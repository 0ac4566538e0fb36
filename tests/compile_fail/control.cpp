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
