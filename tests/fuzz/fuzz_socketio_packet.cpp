// libFuzzer entry point for the Socket.IO decoders: packet text, the attachment reassembler, and
// the EVENT / CONNECT_ERROR payload helpers. Whatever decodes must re-encode to the same packet.
//
// Build with clang -fsanitize=fuzzer (SOCKSPEC_BUILD_FUZZERS=ON); protocol tests also replay it
// deterministically (tests/protocol/fuzz_replay_main.cpp).
#include <sockspec/socketio/packet.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace sio = sockspec::socketio;

#define SOCKSPEC_FUZZ_CHECK(cond)  \
    do {                           \
        if (!(cond)) std::abort(); \
    } while (0)

namespace {

bool same(sio::packet_view const& a, sio::packet_view const& b) {
    return a.type == b.type && a.nsp == b.nsp && a.id == b.id && a.data == b.data &&
           a.attachments == b.attachments;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const in(reinterpret_cast<char const*>(data), size);

    if (auto const r = sio::decode(in)) {
        SOCKSPEC_FUZZ_CHECK(r->nsp.size() >= 1 && r->nsp[0] == '/');
        std::string const encoded = sio::encode(*r);
        auto const again = sio::decode(encoded);
        SOCKSPEC_FUZZ_CHECK(again && same(*again, *r));

        if (r->type == sio::packet_type::event || r->type == sio::packet_type::binary_event) {
            auto const ev = sio::parse_event(r->data);
            SOCKSPEC_FUZZ_CHECK(ev.has_value());
            // A string-named event rebuilt from its parts is the same event.
            if (r->data.find('"') < r->data.find_first_of("-0123456789")) {
                sio::packet_view v = *r;
                std::string const rebuilt = sio::make_event_data(ev->name, ev->args);
                v.data = rebuilt;
                std::string const reencoded = sio::encode(v);
                auto const re = sio::decode(reencoded);
                SOCKSPEC_FUZZ_CHECK(re.has_value());
                auto const ev2 = sio::parse_event(re->data);
                SOCKSPEC_FUZZ_CHECK(ev2 && ev2->name == ev->name && ev2->args == ev->args);
            }
        }
        if (r->type == sio::packet_type::connect_error)
            SOCKSPEC_FUZZ_CHECK(sio::parse_connect_error(r->data).has_value());
    }

    // The reassembler: the input split at '\x1e' into messages; a leading '\x01' marks binary.
    sio::decoder decoder;
    std::string_view rest = in;
    while (!rest.empty()) {
        auto const end = rest.find('\x1e');
        std::string_view const message = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        bool const binary = !message.empty() && message[0] == '\x01';
        auto const ec =
            binary ? decoder.put_binary(std::string(message.substr(1))) : decoder.put_text(message);
        if (ec) {
            SOCKSPEC_FUZZ_CHECK(!decoder.ready() && !decoder.awaiting_attachments());
            continue;
        }
        if (decoder.ready()) {
            sio::packet const p = decoder.release();
            auto const again = sio::decode(sio::encode(p));
            SOCKSPEC_FUZZ_CHECK(again && again->attachments == p.attachments.size());
        }
    }

    (void)sio::parse_event(in);
    (void)sio::parse_connect_error(in);
    return 0;
}
