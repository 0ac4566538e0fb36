// Misuse: acknowledging with the wrong type (conversation:get-online-users acks a string[]).
#include <sockspec/gen/chat.hpp>
#include <sockspec/gen/emergencies.hpp>
#include <sockspec/gen/messaging.hpp>
#include <sockspec/typed/server.hpp>

#include <string>
#include <vector>

void misuse(sockspec::server::socket& s) {
    sockspec::typed::on<messaging::conversation_get_online_users>(
        s, [](std::string const&,
              sockspec::typed::ack<messaging::conversation_get_online_users> ack) { ack(42); });
}
