// Identifier mapping, PascalCase synthesis, canonical JSON numbers, FNV-1a.
#include "names.hpp"
#include "fingerprint.hpp"
#include "json_util.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace sockspec::gen {
namespace {

TEST(names, ident_maps_wire_names) {
    EXPECT_EQ(to_ident("_id"), "id");
    EXPECT_EQ(to_ident("eventTypeId"), "event_type_id");
    EXPECT_EQ(to_ident("conversation_id"), "conversation_id");
    EXPECT_EQ(to_ident("event:created"), "event_created");
    EXPECT_EQ(to_ident("conversation:get-online-users"), "conversation_get_online_users");
    EXPECT_EQ(to_ident("a  -- b"), "a_b");
    EXPECT_EQ(to_ident("__x__"), "x");
    EXPECT_EQ(to_ident("HTTPServer"), "http_server");
    EXPECT_EQ(to_ident("1h"), "_1h");
    EXPECT_EQ(to_ident(":::"), "_");
}

TEST(names, ident_escapes_keywords) {
    for (auto kw : {"delete", "new", "default", "class", "namespace", "register", "union", "and",
                    "co_await", "requires", "int", "template"}) {
        EXPECT_TRUE(is_cpp_keyword(kw)) << kw;
        EXPECT_EQ(to_ident(kw), std::string(kw) + "_");
    }
    EXPECT_EQ(to_ident("Delete"), "delete_");
    EXPECT_FALSE(is_cpp_keyword("message"));
    EXPECT_EQ(to_ident("message"), "message");
}

TEST(names, pascal_and_snake) {
    EXPECT_EQ(to_pascal("event_created"), "EventCreated");
    EXPECT_EQ(to_pascal("eventTypeId"), "EventTypeId");
    EXPECT_EQ(to_pascal("typing:start"), "TypingStart");
    EXPECT_EQ(to_pascal("_id"), "Id");
    EXPECT_EQ(to_snake("GeoPoint"), "geo_point");
}

TEST(names, namespace_idents) {
    EXPECT_EQ(nsp_ident("/"), "nsp_root");
    EXPECT_EQ(nsp_ident("/emergencies"), "nsp_emergencies");
    EXPECT_EQ(nsp_ident("/admin/v2"), "nsp_admin_v2");
}

TEST(names, edit_distance_counts_edits) {
    EXPECT_EQ(edit_distance("fields", "fields"), 0u);
    EXPECT_EQ(edit_distance("feilds", "fields"), 2u);
    EXPECT_EQ(edit_distance("field", "fields"), 1u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(json_util, numbers_like_javascript) {
    EXPECT_EQ(js_number(40.73061), "40.73061");
    EXPECT_EQ(js_number(1e21), "1e+21");
    EXPECT_EQ(js_number(1e20), "100000000000000000000");
    EXPECT_EQ(js_number(1e-7), "1e-7");
    EXPECT_EQ(js_number(0.000001), "0.000001");
    EXPECT_EQ(js_number(-1.5), "-1.5");
    EXPECT_EQ(js_number(0.1 + 0.2), "0.30000000000000004");
    EXPECT_EQ(js_number(-0.0), "0");
    EXPECT_EQ(js_number(123), "123");
    EXPECT_EQ(js_number(1.5e300), "1.5e+300");
}

TEST(json_util, canonical_json_is_compact_and_ordered) {
    boost::json::value v =
        boost::json::parse(R"({ "b": [1, 2.5, "x\n"], "a": null, "c": {"t": true} })");
    EXPECT_EQ(to_canonical_json(v), R"({"b":[1,2.5,"x\n"],"a":null,"c":{"t":true}})");
}

TEST(fingerprint, fnv1a64_reference_vectors) {
    EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ull);
    EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cull);
    EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ull);
}

}  // namespace
}  // namespace sockspec::gen
