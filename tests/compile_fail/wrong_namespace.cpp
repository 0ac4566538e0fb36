// Misuse: an event of namespace /emergencies handled on a socket known to be of "/".
#include <sockspec/gen/chat.hpp>
#include <sockspec/gen/emergencies.hpp>
#include <sockspec/gen/messaging.hpp>
#include <sockspec/typed/server.hpp>

#include <string>
#include <vector>

void misuse(sockspec::server::socket& s) {
    sockspec::typed::socket_of<chat::nsp_root> const root(s);
    sockspec::typed::on<emergencies::emergency_join>(root, [](auto const&) {});
}
