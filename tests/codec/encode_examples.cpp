// encode_examples <schema.yaml>...: for the cross-language test. Prints one JSON line per
// example, in schema order:
//   {"api":"chat","event":"send_message","direction":"client-to-server","args":[...]}
// plus "ack":[...] when the example has one. args/ack are decoded from the example into the
// generated C++ types and re-encoded by the C++ fast path, so a JavaScript peer can check
// exactly what C++ writes. Exit 1 when an example does not decode or its API is not compiled
// in; 2 on usage errors.
#include "example_support.hpp"

#include <iostream>
#include <map>

namespace {

using namespace codec_examples;
namespace codec = sockspec::codec;

struct printed {
    std::string args;
    std::optional<std::string> ack;
};

// Encodes the examples of leg Leg; false (with a message on stderr) on a decode failure.
template <class Leg>
bool encode_leg(gen::leg const& l, std::string const& where, std::vector<printed>& out) {
    for (std::size_t i = 0; i < l.examples.size(); ++i) {
        auto const& ex = l.examples[i];
        codec::decode_error err;
        typename Leg::args args{};
        if (!codec::decode_args<Leg>(ex.args_json, args, err)) {
            std::cerr << where << " example " << i << ": " << err.what() << '\n';
            return false;
        }
        printed p{codec::encode_args(args), std::nullopt};
        if constexpr (sockspec::has_ack_v<Leg>) {
            if (ex.ack_json) {
                typename Leg::ack ack{};
                if (!codec::decode_ack<Leg>(*ex.ack_json, ack, err)) {
                    std::cerr << where << " example " << i << " ack: " << err.what() << '\n';
                    return false;
                }
                p.ack = codec::encode_args(ack);
            }
        }
        out.push_back(std::move(p));
    }
    return true;
}

int run(std::string const& file) {
    gen::diagnostics diags;
    auto const a = gen::load_schema(file, diags);
    if (!a) {
        diags.print(std::cerr);
        return 1;
    }
    // Encoded examples per (event, direction), then printed in schema order.
    std::map<std::pair<gen::event const*, gen::direction>, std::vector<printed>> encoded;
    bool ok = true;
    bool const compiled = with_api(a->name, [&]<class C2S, class S2C>() {
        for_each_leg<C2S, S2C>(*a, [&]<class Leg>(std::type_identity<Leg>, gen::leg const* l,
                                                  gen::direction d, std::string_view ev) {
            if (!l) return;
            for (auto const& n : a->namespaces)
                for (auto const& e : n.events)
                    if (e.wire_name == ev && e.find(d) == l)
                        ok = encode_leg<Leg>(*l, a->name + " " + e.wire_name, encoded[{&e, d}]) &&
                             ok;
        });
    });
    if (!compiled) {
        std::cerr << "encode_examples: API '" << a->name << "' is not compiled in\n";
        return 1;
    }
    for (auto const& n : a->namespaces)
        for (auto const& e : n.events)
            for (auto const& l : e.legs) {
                auto it = encoded.find({&e, l.dir});
                if (it == encoded.end()) {
                    if (!l.examples.empty()) {
                        std::cerr << a->name << " " << e.wire_name << ": no generated descriptor\n";
                        ok = false;
                    }
                    continue;
                }
                for (auto const& p : it->second) {
                    std::string line;
                    codec::writer w(line);
                    w.raw("{\"api\":");
                    w.string(a->name);
                    w.raw(",\"event\":");
                    w.string(e.wire_name);
                    w.raw(",\"direction\":");
                    w.string(direction_name(l.dir));
                    w.raw(",\"args\":");
                    w.raw(p.args);
                    if (p.ack) {
                        w.raw(",\"ack\":");
                        w.raw(*p.ack);
                    }
                    w.raw('}');
                    std::cout << w.str() << '\n';
                }
            }
    return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: encode_examples <schema.yaml>...\n";
        return 2;
    }
    int rc = 0;
    for (int i = 1; i < argc; ++i) rc = std::max(rc, run(argv[i]));
    return rc;
}
