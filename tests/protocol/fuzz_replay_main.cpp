// A deterministic driver for a libFuzzer entry point, run by ctest without libFuzzer: feeds every
// vector-file input, then `iterations` inputs mutated from them with a fixed seed. A failed
// check inside the entry point aborts, which fails the test.
//
// usage: <driver> <iterations> <vector file>...
#include "vectors.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size);

namespace {

void run(std::string const& input) {
    LLVMFuzzerTestOneInput(reinterpret_cast<std::uint8_t const*>(input.data()), input.size());
}

// Bytes that matter to the grammars: digits, separators, JSON punctuation, base64, RS.
constexpr std::string_view interesting = "0123456789-/,[]{}\":\\tfnub=+AQ \x1e\x01\xff";

std::string mutate(std::string s, std::vector<std::string> const& corpus, std::mt19937& rng) {
    auto pick = [&](std::size_t n) {
        return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
    };
    int const rounds = 1 + static_cast<int>(pick(4));
    for (int i = 0; i < rounds; ++i) {
        switch (pick(7)) {
            case 0:  // replace a byte with an interesting one
                if (!s.empty()) s[pick(s.size())] = interesting[pick(interesting.size())];
                break;
            case 1:  // insert an interesting byte
                s.insert(s.begin() + static_cast<std::ptrdiff_t>(pick(s.size() + 1)),
                         interesting[pick(interesting.size())]);
                break;
            case 2:  // erase a range
                if (!s.empty()) {
                    std::size_t const at = pick(s.size());
                    s.erase(at, 1 + pick(std::min<std::size_t>(8, s.size() - at)));
                }
                break;
            case 3:  // flip a bit
                if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1u << pick(8));
                break;
            case 4:  // duplicate a slice
                if (!s.empty()) {
                    std::size_t const at = pick(s.size());
                    std::size_t const n = 1 + pick(s.size() - at);
                    s.insert(at, s.substr(at, n));
                }
                break;
            case 5: {  // splice with another input
                std::string const& other = corpus[pick(corpus.size())];
                s = s.substr(0, pick(s.size() + 1)) + other.substr(pick(other.size() + 1));
                break;
            }
            default:  // random byte
                s.insert(s.begin() + static_cast<std::ptrdiff_t>(pick(s.size() + 1)),
                         static_cast<char>(pick(256)));
                break;
        }
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s <iterations> <vector file>...\n", argv[0]);
        return 2;
    }
    long const iterations = std::strtol(argv[1], nullptr, 10);
    std::vector<std::string> corpus{""};
    for (int i = 2; i < argc; ++i)
        for (auto const& c : sockspec::test::load_vectors(argv[i])) {
            corpus.push_back(c.kind == "binary" ? "\x01" + sockspec::test::from_hex(c.input)
                                                : c.input);
        }
    for (auto const& input : corpus) run(input);

    std::mt19937 rng(0x5EC5u);  // fixed seed: the same inputs on every run
    for (long i = 0; i < iterations; ++i) {
        std::string const& seed = corpus[i % static_cast<long>(corpus.size())];
        run(mutate(seed, corpus, rng));
    }
    std::printf("replayed %zu vectors and %ld mutations\n", corpus.size(), iterations);
    return 0;
}
