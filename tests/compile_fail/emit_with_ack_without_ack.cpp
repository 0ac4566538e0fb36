// Misuse: emit_with_ack of an event whose server-to-client leg takes no acknowledgement.
#include <sockspec/gen/chat.hpp>
#include <sockspec/typed/server.hpp>

#include <chrono>

void misuse(sockspec::typed::socket<chat::nsp_root> const& s) {
    s.emit_with_ack<chat::new_message>(chat::new_message_payload{}, std::chrono::seconds(1),
                                       [](boost::system::error_code) {});
}
