// Misuse: a typed socket emitting a client-to-server event.
#include <sockspec/gen/chat.hpp>
#include <sockspec/typed/server.hpp>

void misuse(sockspec::typed::socket<chat::nsp_root> const& s) {
    s.emit<chat::send_message>(chat::send_message_payload{});
}
