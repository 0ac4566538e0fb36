// libFuzzer entry point for the Engine.IO decoders: WebSocket frames, polling payloads, the
// handshake JSON and HTTP error bodies. Whatever decodes must re-encode to the same packets.
//
// Build with clang -fsanitize=fuzzer (SOCKSPEC_BUILD_FUZZERS=ON); protocol tests also replay it
// deterministically (tests/protocol/fuzz_replay_main.cpp).
#include <sockspec/engineio/packet.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace eio = sockspec::engineio;

#define SOCKSPEC_FUZZ_CHECK(cond)  \
    do {                           \
        if (!(cond)) std::abort(); \
    } while (0)

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const in(reinterpret_cast<char const*>(data), size);

    for (bool binary : {false, true}) {
        if (auto const r = eio::decode_frame(in, binary)) {
            SOCKSPEC_FUZZ_CHECK(eio::encode_frame(*r) == in);
            auto const again = eio::decode_frame(eio::encode_frame(*r), r->binary);
            SOCKSPEC_FUZZ_CHECK(again && *again == *r);
        }
    }

    if (auto const r = eio::decode_payload(in)) {
        SOCKSPEC_FUZZ_CHECK(!r->empty());
        std::string const encoded = eio::encode_payload(*r);
        auto const again = eio::decode_payload(encoded);
        SOCKSPEC_FUZZ_CHECK(again && *again == *r);
        // Packing under a limit takes a non-empty prefix and never exceeds the limit with two+.
        std::string packed;
        std::size_t const limit = size / 2;
        std::size_t const taken = eio::encode_payload(packed, *r, limit);
        SOCKSPEC_FUZZ_CHECK(taken >= 1 && taken <= r->size());
        SOCKSPEC_FUZZ_CHECK(taken == 1 || limit == 0 || packed.size() <= limit);
    }

    if (auto const h = eio::parse_handshake(in)) {
        auto const again = eio::parse_handshake(eio::serialize_handshake(*h));
        SOCKSPEC_FUZZ_CHECK(again && *again == *h);
    }

    if (auto const e = eio::parse_http_error_body(in)) {
        auto const again = eio::parse_http_error_body(eio::http_error_body(*e));
        SOCKSPEC_FUZZ_CHECK(again && *again == *e);
    }
    return 0;
}
