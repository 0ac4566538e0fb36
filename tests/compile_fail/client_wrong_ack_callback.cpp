// Misuse: a typed client's emit_with_ack callback with the wrong ack type.
#include <sockspec/gen/messaging.hpp>
#include <sockspec/typed/client.hpp>

#include <chrono>

void misuse(sockspec::typed::client_socket<messaging::nsp_root> const& c) {
    c.emit_with_ack<messaging::user_get_status>(
        {"u1"}, std::chrono::seconds(1), [](boost::system::error_code, int) {});
}
