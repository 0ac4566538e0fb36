// Misuse: a handler whose argument type is not the event's (send_message takes a
// send_message_payload).
#include <sockspec/gen/chat.hpp>
#include <sockspec/gen/emergencies.hpp>
#include <sockspec/gen/messaging.hpp>
#include <sockspec/typed/server.hpp>

#include <string>
#include <vector>

void misuse(sockspec::server::socket& s) {
    sockspec::typed::on<chat::send_message>(s, [](chat::join_conversation_payload const&) {});
}
