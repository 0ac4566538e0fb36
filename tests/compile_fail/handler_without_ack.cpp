// Misuse: a handler of an event with an ack that does not take the typed ack.
#include <sockspec/gen/chat.hpp>
#include <sockspec/gen/emergencies.hpp>
#include <sockspec/gen/messaging.hpp>
#include <sockspec/typed/server.hpp>

#include <string>
#include <vector>

void misuse(sockspec::server::socket& s) {
    sockspec::typed::on<messaging::conversation_get_online_users>(s, [](std::string const&) {});
}
