// Misuse: a typed namespace handling a server-to-client event.
#include <sockspec/gen/chat.hpp>
#include <sockspec/typed/server.hpp>

void misuse(sockspec::server::server& io) {
    auto root = sockspec::typed::of<chat::nsp_root>(io);
    root.on<chat::new_message>([](auto&, chat::new_message_payload const&) {});
}
