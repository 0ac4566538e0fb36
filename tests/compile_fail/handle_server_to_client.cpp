// Misuse: a server handling an event only servers send.
#include <sockspec/gen/chat.hpp>
#include <sockspec/gen/emergencies.hpp>
#include <sockspec/gen/messaging.hpp>
#include <sockspec/typed/server.hpp>

#include <string>
#include <vector>

void misuse(sockspec::server::socket& s) {
    sockspec::typed::on<chat::new_message>(s, [](chat::new_message_payload const&) {});
}
