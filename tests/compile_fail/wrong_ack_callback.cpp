// Misuse: an emit_with_ack callback whose parameter is not the event's ack type.
#include <sockspec/gen/typed_test.hpp>
#include <sockspec/typed/server.hpp>

#include <chrono>
#include <string>

void misuse(sockspec::typed::socket<typed_test::nsp_root> const& s) {
    s.emit_with_ack<typed_test::question>(
        std::string("?"), std::chrono::seconds(1),
        [](boost::system::error_code, std::string const&) {});
}
