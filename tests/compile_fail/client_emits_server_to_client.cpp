// Misuse: a typed client emitting a server-to-client event.
#include <sockspec/gen/chat.hpp>
#include <sockspec/typed/client.hpp>

void misuse(sockspec::typed::client_socket<chat::nsp_root> const& c) {
    c.emit<chat::new_message>(chat::new_message_payload{});
}
