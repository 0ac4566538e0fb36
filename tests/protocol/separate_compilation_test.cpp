// Uses the codecs with SOCKSPEC_SEPARATE_COMPILATION: the bodies come from
// separate_compilation_src.cpp, so this links only if every ipp is reachable from src.hpp and
// nothing is defined twice.
#include <sockspec/engineio/packet.hpp>
#include <sockspec/socketio/packet.hpp>

#ifdef SOCKSPEC_HEADER_ONLY
#error "SOCKSPEC_SEPARATE_COMPILATION is not in effect"
#endif

#include <cstdio>

int main() {
    namespace eio = sockspec::engineio;
    namespace sio = sockspec::socketio;
    auto const body = eio::decode_payload(
        "42[\"hello\"]\x1e"
        "bAQIDBA==");
    if (!body || body->size() != 2) return 1;
    sio::decoder d;
    if (d.put_text((*body)[0].data) || !d.ready()) return 1;
    if (sio::encode(d.release()) != "2[\"hello\"]") return 1;
    boost::system::error_code const ec = sio::error::invalid_json;
    if (std::string(ec.category().name()) != "sockspec.socketio") return 1;
    if (eio::http_error_body(eio::http_error::forbidden) != R"({"code":4,"message":"Forbidden"})")
        return 1;
    std::puts("separate compilation ok");
    return 0;
}
