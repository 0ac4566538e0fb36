// Misuse: a handler of an /emergencies event registered on the typed "/" namespace.
#include <sockspec/gen/chat.hpp>
#include <sockspec/gen/emergencies.hpp>
#include <sockspec/typed/server.hpp>

void misuse(sockspec::server::server& io) {
    auto root = sockspec::typed::of<chat::nsp_root>(io);
    root.on<emergencies::emergency_join>([](auto&, auto const&) {});
}
