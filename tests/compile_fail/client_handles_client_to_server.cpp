// Misuse: a typed client handling a client-to-server event.
#include <sockspec/gen/chat.hpp>
#include <sockspec/typed/client.hpp>

void misuse(sockspec::typed::client_socket<chat::nsp_root> const& c) {
    c.on<chat::send_message>([](chat::send_message_payload const&) {});
}
