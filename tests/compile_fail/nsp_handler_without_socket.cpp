// Misuse: a namespace handler that forgets the socket parameter.
#include <sockspec/gen/chat.hpp>
#include <sockspec/typed/server.hpp>

void misuse(sockspec::server::server& io) {
    auto root = sockspec::typed::of<chat::nsp_root>(io);
    root.on<chat::send_message>([](chat::send_message_payload const&) {});
}
