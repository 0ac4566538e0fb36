// Every example of every schema, through the generated C++ types: decoded by both paths (fast:
// simdjson On-Demand, DOM: Boost.JSON), re-encoded by both (fast writer, value_from + writer),
// compared with the original; then mutated along the IR (required field removed, wrong JSON
// kind, bad enum value, wrong literal) and rejected by both decoders with a path naming the
// field.
#include "example_support.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <sstream>

namespace {

using namespace codec_examples;
namespace codec = sockspec::codec;

// ---- mutations ----

// One step from the root of an example to a value: an object key or an array index.
struct step {
    std::string key;
    std::size_t index = 0;
    bool is_index = false;
};
step key_step(std::string k) {
    return {std::move(k), 0, false};
}
step index_step(std::size_t i) {
    return {{}, i, true};
}

struct mutation {
    boost::json::value doc;
    std::string path;  // expected decode_error::path
    codec::error code;
    std::string what;
};

boost::json::value* at(boost::json::value& root, std::vector<step> const& steps) {
    boost::json::value* v = &root;
    for (auto const& s : steps) {
        if (s.is_index)
            v = &v->as_array().at(s.index);
        else
            v = &v->as_object().at(s.key);
    }
    return v;
}

std::string join(std::string const& path, std::string const& key) {
    return path.empty() ? key : path + "." + key;
}

// A value of a JSON kind that `t` never accepts (null when every kind is acceptable).
boost::json::value wrong_kind(gen::type const& t) {
    switch (t.k) {
        case gen::kind::string:
        case gen::kind::enumeration:
            return 12345;
        case gen::kind::integer:
            return t.int64_as_string ? boost::json::value(7) : boost::json::value("7");
        case gen::kind::number:
            return "1.5";
        case gen::kind::boolean:
            return "true";
        case gen::kind::object:
        case gen::kind::map:
            return boost::json::array{1};
        case gen::kind::array:
        case gen::kind::tuple:
            return boost::json::object{{"0", 1}};
        case gen::kind::literal:
            return t.lit_kind == gen::literal_kind::string ? boost::json::value(false)
                                                           : boost::json::value("x");
        case gen::kind::json:
            break;
    }
    return nullptr;
}

struct mutator {
    boost::json::value const& root;
    std::vector<mutation>& out;

    void add(std::vector<step> const& steps, boost::json::value v, std::string path,
             codec::error code, std::string what) {
        mutation m{root, std::move(path), code, std::move(what)};
        *at(m.doc, steps) = std::move(v);
        out.push_back(std::move(m));
    }

    void walk(gen::type const& t, boost::json::value const& v, std::vector<step>& steps,
              std::string const& path) {
        if (auto w = wrong_kind(t); !w.is_null())
            add(steps, w, path, codec::error::wrong_type, "wrong kind at " + path);
        if (t.k == gen::kind::enumeration)
            add(steps, "no such value", path, codec::error::bad_enum, "bad enum at " + path);
        if (t.k == gen::kind::literal && t.lit_kind == gen::literal_kind::string)
            add(steps, boost::json::value(t.lit_string + "!"), path, codec::error::bad_literal,
                "bad literal at " + path);
        if (t.k == gen::kind::object && v.is_object()) {
            for (auto const& f : t.fields) {
                auto const* fv = v.as_object().if_contains(f.wire_name);
                if (!fv) continue;
                std::string const p = join(path, f.wire_name);
                if (!f.optional) {
                    mutation m{root, p, codec::error::missing_field, "removed " + p};
                    at(m.doc, steps)->as_object().erase(f.wire_name);
                    out.push_back(std::move(m));
                }
                if (fv->is_null() && f.nullable) continue;
                steps.push_back(key_step(f.wire_name));
                walk(*f.type, *fv, steps, p);
                steps.pop_back();
            }
        }
        if ((t.k == gen::kind::array || t.k == gen::kind::tuple) && v.is_array())
            for (std::size_t i = 0; i < v.as_array().size(); ++i) {
                auto const& item = t.k == gen::kind::array ? *t.items : *t.elements.at(i);
                steps.push_back(index_step(i));
                walk(item, v.as_array()[i], steps, path + "[" + std::to_string(i) + "]");
                steps.pop_back();
            }
        if (t.k == gen::kind::map && v.is_object())
            for (auto const& kv : v.as_object()) {
                steps.push_back(key_step(std::string(kv.key())));
                walk(*t.items, kv.value(), steps, join(path, kv.key()));
                steps.pop_back();
            }
    }
};

std::vector<mutation> mutations(std::vector<gen::arg> const& args, boost::json::value const& root) {
    std::vector<mutation> out;
    mutator m{root, out};
    auto const& items = root.as_array();
    std::vector<step> steps;
    for (std::size_t i = 0; i < items.size() && i < args.size(); ++i) {
        steps.push_back(index_step(i));
        m.walk(*args[i].type, items[i], steps, args[i].name);
        steps.pop_back();
    }
    // The last argument removed when it is required.
    if (!items.empty() && items.size() <= args.size() && !args[items.size() - 1].optional) {
        mutation x{root, args[items.size() - 1].name, codec::error::missing_field,
                   "removed last argument"};
        x.doc.as_array().pop_back();
        out.push_back(std::move(x));
    }
    return out;
}

// ---- one argument list (event args or ack args) ----

struct args_case {
    std::string json;  // the example's canonical JSON array
    std::vector<gen::arg> const* ir;
};

std::size_t g_mutations = 0;  // mutations checked, so a test that checks nothing fails

template <class Tuple, class DecodeFast, class DecodeDom>
void check_round_trip(args_case const& c, DecodeFast&& fast, DecodeDom&& dom) {
    SCOPED_TRACE(c.json);
    boost::json::value const original = boost::json::parse(c.json);
    codec::decode_error err;

    Tuple a{}, b{};
    ASSERT_TRUE(fast(c.json, a, err)) << "fast decode: " << err.what();
    ASSERT_TRUE(dom(original, b, err)) << "DOM decode: " << err.what();
    EXPECT_TRUE(a == b) << "the two decoders disagree";

    std::string const fast_text = codec::encode_args(a);
    std::string const dom_text = codec::encode(codec::args_to_value(b));
    EXPECT_EQ(fast_text, dom_text) << "the two encoders disagree";
    EXPECT_EQ(boost::json::parse(fast_text), original)
        << "round trip changed the value: " << fast_text;

    for (auto const& m : mutations(*c.ir, original)) {
        SCOPED_TRACE(m.what);
        ++g_mutations;
        std::string const text = boost::json::serialize(m.doc);
        Tuple x{}, y{};
        codec::decode_error e1, e2;
        EXPECT_FALSE(fast(text, x, e1)) << text;
        EXPECT_FALSE(dom(m.doc, y, e2)) << text;
        EXPECT_EQ(e1.path, m.path) << e1.what();
        EXPECT_EQ(e2.path, m.path) << e2.what();
        EXPECT_EQ(e1.code, codec::make_error_code(m.code)) << e1.what();
        EXPECT_EQ(e2.code, codec::make_error_code(m.code)) << e2.what();
    }
}

template <class Leg>
std::size_t check_leg(gen::leg const& l) {
    std::size_t n = 0;
    for (auto const& ex : l.examples) {
        SCOPED_TRACE("example " + std::to_string(n) +
                     (ex.name.empty() ? "" : " (" + ex.name + ")"));
        check_round_trip<typename Leg::args>(
            {ex.args_json, &l.args},
            [](std::string const& t, auto& out, codec::decode_error& e) {
                return codec::decode_args<Leg>(t, out, e);
            },
            [](boost::json::value const& v, auto& out, codec::decode_error& e) {
                return codec::decode_args<Leg>(v, out, e);
            });
        if constexpr (sockspec::has_ack_v<Leg>) {
            if (ex.ack_json) {
                SCOPED_TRACE("ack");
                check_round_trip<typename Leg::ack>(
                    {*ex.ack_json, &l.ack_args},
                    [](std::string const& t, auto& out, codec::decode_error& e) {
                        return codec::decode_ack<Leg>(t, out, e);
                    },
                    [](boost::json::value const& v, auto& out, codec::decode_error& e) {
                        return codec::decode_ack<Leg>(v, out, e);
                    });
            }
        } else {
            EXPECT_FALSE(ex.ack_json.has_value()) << "example has an ack but the leg takes none";
        }
        ++n;
    }
    return n;
}

void check_api(std::string const& name) {
    gen::diagnostics diags;
    auto const a =
        gen::load_schema(std::string(SOCKSPEC_CODEC_SCHEMA_DIR) + "/" + name + ".yaml", diags);
    std::ostringstream os;
    diags.print(os);
    ASSERT_TRUE(a) << os.str();

    std::size_t in_schema = 0, tested = 0, legs = 0;
    for (auto const& n : a->namespaces)
        for (auto const& e : n.events)
            for (auto const& l : e.legs) in_schema += l.examples.size(), ++legs;

    std::size_t seen_legs = 0;
    g_mutations = 0;
    bool const compiled = with_api(name, [&]<class C2S, class S2C>() {
        for_each_leg<C2S, S2C>(*a, [&]<class Leg>(std::type_identity<Leg>, gen::leg const* l,
                                                  gen::direction d, std::string_view ev) {
            SCOPED_TRACE(std::string(ev) + " " + direction_name(d));
            ASSERT_NE(l, nullptr) << "descriptor without a schema leg";
            ++seen_legs;
            tested += check_leg<Leg>(*l);
        });
    });
    ASSERT_TRUE(compiled) << name << " is not compiled into this test";
    EXPECT_EQ(seen_legs, legs) << "every leg of the schema has a descriptor in the generated lists";
    EXPECT_EQ(tested, in_schema) << "every example was tested";
    EXPECT_GT(tested, 0u);
    EXPECT_GT(g_mutations, tested) << "mutations checked";
    ::testing::Test::RecordProperty("examples", static_cast<int>(tested));
    ::testing::Test::RecordProperty("mutations", static_cast<int>(g_mutations));
}

}  // namespace

#define SOCKSPEC_CODEC_API_TEST(api) \
    TEST(schema_examples, api) {     \
        check_api(#api);             \
    }
SOCKSPEC_CODEC_APIS(SOCKSPEC_CODEC_API_TEST)
#undef SOCKSPEC_CODEC_API_TEST
