#include "example_check.hpp"

#include "json_util.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <regex>

namespace sockspec::gen {

namespace {

bool all_hex(std::string_view s) {
    for (char c : s)
        if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

char const* kind_name(type const& t) {
    switch (t.k) {
        case kind::string:
            return "string";
        case kind::boolean:
            return "boolean";
        case kind::integer:
            return "integer";
        case kind::number:
            return "number";
        case kind::enumeration:
            return "one of the enum values";
        case kind::literal:
            return "the constant";
        case kind::object:
            return "object";
        case kind::array:
            return "array";
        case kind::tuple:
            return "array";
        case kind::map:
            return "object";
        case kind::json:
            return "JSON value";
    }
    return "?";
}

/// True when all of `s` is a decimal T in range.
template <class T>
bool parses(std::string const& s) {
    T v;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    return r.ec == std::errc{} && r.ptr == s.data() + s.size();
}

/// `minimum`/`maximum` of integers and numbers; `text` is the value as written.
void check_range(double d, std::string const& text, type const& t, std::string const& path,
                 std::vector<value_problem>& out) {
    if ((t.minimum && d < *t.minimum) || (t.maximum && d > *t.maximum))
        out.push_back({path, text + " is outside [" + (t.minimum ? js_number(*t.minimum) : "") +
                                 ", " + (t.maximum ? js_number(*t.maximum) : "") + "]"});
}

void check_integer(boost::json::value const& v, type const& t, std::string const& path,
                   std::vector<value_problem>& out) {
    bool is64 = t.width == int_width::i64 || t.width == int_width::u64;
    if (is64 && t.int64_as_string) {
        // `encoding: string`: a decimal string within the full 64-bit range.
        if (!v.is_string()) return out.push_back({path, "expected integer as a decimal string"});
        std::string s(v.get_string());
        static std::regex const dec("-?(0|[1-9][0-9]*)");
        if (!std::regex_match(s, dec))
            return out.push_back({path, "expected integer as a decimal string"});
        if (t.width == int_width::u64 ? !parses<std::uint64_t>(s) : !parses<std::int64_t>(s))
            return out.push_back({path, "integer out of range"});
        double d = std::strtod(s.c_str(), nullptr);
        return check_range(d, s, t, path, out);
    }
    double d;
    if (v.is_int64())
        d = static_cast<double>(v.get_int64());
    else if (v.is_uint64())
        d = static_cast<double>(v.get_uint64());
    else if (v.is_double() && std::trunc(v.get_double()) == v.get_double())
        d = v.get_double();
    else
        return out.push_back({path, "expected integer"});
    auto [lo, hi] = int_limits(t.width, false);
    if (d < lo || d > hi) return out.push_back({path, "integer out of range"});
    check_range(d, js_number(d), t, path, out);
}

}  // namespace

std::pair<double, double> int_limits(int_width w, bool as_string) {
    constexpr double safe = 9007199254740991.0;
    switch (w) {
        case int_width::i8:
            return {-128, 127};
        case int_width::i16:
            return {-32768, 32767};
        case int_width::i32:
            return {-2147483648.0, 2147483647.0};
        case int_width::u8:
            return {0, 255};
        case int_width::u16:
            return {0, 65535};
        case int_width::u32:
            return {0, 4294967295.0};
        case int_width::i64:
            return as_string ? std::pair{-9223372036854775808.0, 9223372036854775807.0}
                             : std::pair{-safe, safe};
        case int_width::u64:
            return {0, as_string ? 18446744073709551615.0 : safe};
    }
    return {0, 0};
}

char const* format_name(string_format f) {
    switch (f) {
        case string_format::none:
            return "";
        case string_format::object_id:
            return "object-id";
        case string_format::date_time:
            return "date-time";
        case string_format::uuid:
            return "uuid";
        case string_format::uri:
            return "uri";
        case string_format::email:
            return "email";
        case string_format::color:
            return "color";
    }
    return "";
}

bool matches_format(string_format f, std::string_view s) {
    static std::regex const date_time(
        R"(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))");
    static std::regex const uuid(
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static std::regex const uri(R"([A-Za-z][A-Za-z0-9+.\-]*:[^\s]+)");
    static std::regex const email(R"([^\s@]+@[^\s@]+)");
    static std::regex const color("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    std::string str(s);
    switch (f) {
        case string_format::none:
            return true;
        case string_format::object_id:
            return s.size() == 24 && all_hex(s);
        case string_format::date_time:
            return std::regex_match(str, date_time);
        case string_format::uuid:
            return std::regex_match(str, uuid);
        case string_format::uri:
            return std::regex_match(str, uri);
        case string_format::email:
            return std::regex_match(str, email);
        case string_format::color:
            return std::regex_match(str, color);
    }
    return false;
}

void check_value(boost::json::value const& v, type const& t, std::string const& path,
                 std::vector<value_problem>& out) {
    auto expected = [&] { out.push_back({path, std::string("expected ") + kind_name(t)}); };
    switch (t.k) {
        case kind::json:
            return;
        case kind::boolean:
            if (!v.is_bool()) expected();
            return;
        case kind::number:
            if (!v.is_number()) return expected();
            return check_range(v.to_number<double>(), js_number(v.to_number<double>()), t, path,
                               out);
        case kind::integer:
            return check_integer(v, t, path, out);
        case kind::string: {
            if (!v.is_string()) return expected();
            std::string_view s = v.get_string();
            std::size_t n = utf8_length(s);
            if (t.min_length && n < *t.min_length)
                out.push_back({path, "shorter than minLength " + std::to_string(*t.min_length)});
            if (t.max_length && n > *t.max_length)
                out.push_back({path, "longer than maxLength " + std::to_string(*t.max_length)});
            if (!matches_format(t.format, s))
                out.push_back({path, std::string("expected ") + format_name(t.format)});
            if (t.pattern) {
                try {
                    if (!std::regex_match(std::string(s), std::regex(*t.pattern)))
                        out.push_back({path, "does not match pattern '" + *t.pattern + "'"});
                } catch (std::regex_error const&) {
                    // The pattern itself is reported by the frontend.
                }
            }
            return;
        }
        case kind::enumeration: {
            if (v.is_string())
                for (auto const& e : t.values)
                    if (e.wire == v.get_string()) return;
            std::string list;
            for (auto const& e : t.values) list += (list.empty() ? "'" : ", '") + e.wire + "'";
            out.push_back({path, "expected one of " + list});
            return;
        }
        case kind::literal: {
            bool ok = false;
            std::string want;
            switch (t.lit_kind) {
                case literal_kind::string:
                    ok = v.is_string() && v.get_string() == t.lit_string;
                    want = "\"" + t.lit_string + "\"";
                    break;
                case literal_kind::integer:
                    ok = (v.is_int64() && v.get_int64() == t.lit_integer) ||
                         (v.is_uint64() && t.lit_integer >= 0 &&
                          v.get_uint64() == static_cast<std::uint64_t>(t.lit_integer));
                    want = std::to_string(t.lit_integer);
                    break;
                case literal_kind::boolean:
                    ok = v.is_bool() && v.get_bool() == t.lit_boolean;
                    want = t.lit_boolean ? "true" : "false";
                    break;
            }
            if (!ok) out.push_back({path, "expected " + want});
            return;
        }
        case kind::object: {
            if (!v.is_object()) return expected();
            auto const& o = v.get_object();
            bool any_listed = t.at_least_one_of.empty();
            for (auto const& f : t.fields) {
                auto it = o.find(f.wire_name);
                std::string sub = path + "." + f.wire_name;
                if (it == o.end()) {
                    if (!f.optional) out.push_back({sub, "required field missing"});
                    continue;
                }
                for (auto const& a : t.at_least_one_of)
                    if (a == f.wire_name) any_listed = true;
                if (it->value().is_null() && f.nullable) continue;
                check_value(it->value(), *f.type, sub, out);
            }
            if (!any_listed) {
                std::string list;
                for (auto const& a : t.at_least_one_of) list += (list.empty() ? "" : ", ") + a;
                out.push_back({path, "expected at least one of " + list});
            }
            return;
        }
        case kind::array: {
            if (!v.is_array()) return expected();
            auto const& a = v.get_array();
            if (t.min_items && a.size() < *t.min_items)
                out.push_back({path, "fewer than minItems " + std::to_string(*t.min_items)});
            if (t.max_items && a.size() > *t.max_items)
                out.push_back({path, "more than maxItems " + std::to_string(*t.max_items)});
            for (std::size_t i = 0; i < a.size(); ++i)
                check_value(a[i], *t.items, path + "[" + std::to_string(i) + "]", out);
            return;
        }
        case kind::tuple: {
            if (!v.is_array()) return expected();
            auto const& a = v.get_array();
            if (a.size() != t.elements.size())
                return out.push_back({path, "expected " + std::to_string(t.elements.size()) +
                                                " elements, got " + std::to_string(a.size())});
            for (std::size_t i = 0; i < a.size(); ++i)
                check_value(a[i], *t.elements[i], path + "[" + std::to_string(i) + "]", out);
            return;
        }
        case kind::map: {
            if (!v.is_object()) return expected();
            for (auto const& m : v.get_object())
                check_value(m.value(), *t.items, path + "." + std::string(m.key()), out);
            return;
        }
    }
}

}  // namespace sockspec::gen
