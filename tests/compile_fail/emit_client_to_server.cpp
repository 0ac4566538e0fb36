// Misuse: a server emitting an event only clients send.
#include <sockspec/gen/chat.hpp>
#include <sockspec/gen/emergencies.hpp>
#include <sockspec/gen/messaging.hpp>
#include <sockspec/typed/server.hpp>

#include <string>
#include <vector>

void misuse(sockspec::server::socket& s) {
    sockspec::typed::emit<chat::send_message>(s, chat::send_message_payload{});
}
