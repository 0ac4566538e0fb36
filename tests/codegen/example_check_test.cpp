// check_value: the example validator over boost::json::value.
#include "example_check.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace sockspec::gen {
namespace {

std::shared_ptr<type> make(kind k) {
    auto t = std::make_shared<type>();
    t->k = k;
    return t;
}

std::vector<std::string> check(type const& t, std::string_view json) {
    std::vector<value_problem> problems;
    check_value(boost::json::parse(json), t, "v", problems);
    std::vector<std::string> out;
    for (auto const& p : problems) out.push_back(p.path + ": " + p.message);
    return out;
}

using list = std::vector<std::string>;

TEST(example_check, formats) {
    EXPECT_TRUE(matches_format(string_format::object_id, "507f1f77bcf86cd799439011"));
    EXPECT_FALSE(matches_format(string_format::object_id, "507f1f77bcf86cd79943901"));
    EXPECT_TRUE(matches_format(string_format::date_time, "2026-01-12T10:30:00.000Z"));
    EXPECT_TRUE(matches_format(string_format::date_time, "2024-01-15T10:00:00+02:00"));
    EXPECT_FALSE(matches_format(string_format::date_time, "2024-01-15"));
    EXPECT_TRUE(matches_format(string_format::uuid, "123e4567-e89b-12d3-a456-426614174000"));
    EXPECT_FALSE(matches_format(string_format::uuid, "123e4567e89b12d3a456426614174000"));
    EXPECT_TRUE(matches_format(string_format::uri, "https://example.com/x"));
    EXPECT_FALSE(matches_format(string_format::uri, "/relative"));
    EXPECT_TRUE(matches_format(string_format::email, "a@b.c"));
    EXPECT_FALSE(matches_format(string_format::email, "a.b.c"));
    EXPECT_TRUE(matches_format(string_format::color, "#fff"));
    EXPECT_TRUE(matches_format(string_format::color, "#A0B1C2"));
    EXPECT_FALSE(matches_format(string_format::color, "#ffff"));
}

TEST(example_check, objects_report_paths) {
    auto num = make(kind::number);
    auto loc = make(kind::object);
    loc->fields = {{"latitude", "latitude", num, false, false, {}, {}},
                   {"note", "note", make(kind::string), true, true, {}, {}}};
    auto root = make(kind::object);
    root->fields = {{"location", "location", loc, false, false, {}, {}}};
    EXPECT_EQ(check(*root, R"({"location": {"latitude": 1, "extra": 0}})"), list{});
    EXPECT_EQ(check(*root, R"({"location": {"latitude": "1"}})"),
              list{"v.location.latitude: expected number"});
    EXPECT_EQ(check(*root, R"({"location": {}})"),
              list{"v.location.latitude: required field missing"});
    EXPECT_EQ(check(*root, R"({"location": {"latitude": 1, "note": null}})"), list{});
    EXPECT_EQ(check(*root, R"([])"), list{"v: expected object"});
}

TEST(example_check, at_least_one_of) {
    auto t = make(kind::object);
    t->fields = {{"a", "a", make(kind::string), true, false, {}, {}},
                 {"b", "b", make(kind::string), true, false, {}, {}}};
    t->at_least_one_of = {"a", "b"};
    EXPECT_EQ(check(*t, R"({"b": "x"})"), list{});
    EXPECT_EQ(check(*t, R"({})"), list{"v: expected at least one of a, b"});
}

TEST(example_check, integers_by_width_and_encoding) {
    auto u8 = make(kind::integer);
    u8->width = int_width::u8;
    EXPECT_EQ(check(*u8, "255"), list{});
    EXPECT_EQ(check(*u8, "256"), list{"v: integer out of range"});
    EXPECT_EQ(check(*u8, "1.5"), list{"v: expected integer"});
    EXPECT_EQ(check(*u8, "2.0"), list{});
    auto i64 = make(kind::integer);
    i64->width = int_width::i64;
    EXPECT_EQ(check(*i64, "9007199254740991"), list{});
    EXPECT_EQ(check(*i64, "9007199254740993"), list{"v: integer out of range"});
    i64->int64_as_string = true;
    EXPECT_EQ(check(*i64, R"("-9223372036854775808")"), list{});
    EXPECT_EQ(check(*i64, R"("9223372036854775808")"), list{"v: integer out of range"});
    EXPECT_EQ(check(*i64, "5"), list{"v: expected integer as a decimal string"});
    auto r = make(kind::integer);
    r->minimum = 1;
    r->maximum = 3;
    EXPECT_EQ(check(*r, "4"), list{"v: 4 is outside [1, 3]"});
}

TEST(example_check, strings_enums_literals_collections) {
    auto s = make(kind::string);
    s->min_length = 2;
    s->max_length = 3;
    s->pattern = "[a-z]+";
    EXPECT_EQ(check(*s, R"("ab")"), list{});
    EXPECT_EQ(check(*s, R"("a")"), list{"v: shorter than minLength 2"});
    EXPECT_EQ(check(*s, R"("AB")"), list{"v: does not match pattern '[a-z]+'"});
    auto plain = make(kind::string);
    plain->max_length = 2;
    EXPECT_EQ(check(*plain, R"("éé")"), list{});  // code points, not bytes
    EXPECT_EQ(check(*plain, R"("abc")"), list{"v: longer than maxLength 2"});
    auto e = make(kind::enumeration);
    e->values = {{"on_way", "on_way", {}}, {"arrived", "arrived", {}}};
    EXPECT_EQ(check(*e, R"("arrived")"), list{});
    EXPECT_EQ(check(*e, R"("lost")"), list{"v: expected one of 'on_way', 'arrived'"});
    auto c = make(kind::literal);
    c->lit_string = "Point";
    EXPECT_EQ(check(*c, R"("Point")"), list{});
    EXPECT_EQ(check(*c, R"("point")"), list{"v: expected \"Point\""});
    auto arr = make(kind::array);
    arr->items = make(kind::boolean);
    arr->max_items = 1;
    EXPECT_EQ(check(*arr, "[true, 1]"),
              (list{"v: more than maxItems 1", "v[1]: expected boolean"}));
    auto tup = make(kind::tuple);
    tup->elements = {make(kind::number), make(kind::number)};
    EXPECT_EQ(check(*tup, "[1, 2]"), list{});
    EXPECT_EQ(check(*tup, "[1]"), list{"v: expected 2 elements, got 1"});
    auto map = make(kind::map);
    map->items = make(kind::number);
    EXPECT_EQ(check(*map, R"({"x": 1, "y": "z"})"), list{"v.y: expected number"});
    EXPECT_EQ(check(*make(kind::json), R"({"anything": [null]})"), list{});
}

}  // namespace
}  // namespace sockspec::gen
