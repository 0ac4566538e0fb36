#include "fingerprint.hpp"

#include "example_check.hpp"
#include "json_util.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/string_view.hpp>

#include <vector>

namespace sockspec::gen {

namespace {

std::string quote(std::string_view s) {
    return boost::json::serialize(boost::json::string_view(s));
}

char const* width_name(int_width w) {
    switch (w) {
        case int_width::i8:
            return "int8";
        case int_width::i16:
            return "int16";
        case int_width::i32:
            return "int32";
        case int_width::i64:
            return "int64";
        case int_width::u8:
            return "uint8";
        case int_width::u16:
            return "uint16";
        case int_width::u32:
            return "uint32";
        case int_width::u64:
            return "uint64";
    }
    return "?";
}

struct shaper {
    std::vector<type const*> stack;

    static void prop(std::string& props, std::string_view key, std::string const& value) {
        props += (props.empty() ? "{" : ",") + std::string(key) + ":" + value;
    }
    static std::string close(std::string props) { return props.empty() ? "" : props + "}"; }

    std::string operator()(type const& t) {
        for (std::size_t i = 0; i < stack.size(); ++i)
            if (stack[i] == &t) return "rec<" + std::to_string(stack.size() - i) + ">";
        stack.push_back(&t);
        std::string s = body(t);
        stack.pop_back();
        return s;
    }

    std::string body(type const& t) {
        std::string props;
        switch (t.k) {
            case kind::json:
                return "json";
            case kind::boolean:
                return "boolean";
            case kind::string:
                if (t.format != string_format::none) prop(props, "format", format_name(t.format));
                if (t.min_length) prop(props, "minLength", std::to_string(*t.min_length));
                if (t.max_length) prop(props, "maxLength", std::to_string(*t.max_length));
                if (t.pattern) prop(props, "pattern", quote(*t.pattern));
                return "string" + close(props);
            case kind::integer:
            case kind::number:
                if (t.k == kind::integer && t.int64_as_string) prop(props, "encoding", "string");
                if (t.minimum) prop(props, "minimum", js_number(*t.minimum));
                if (t.maximum) prop(props, "maximum", js_number(*t.maximum));
                return (t.k == kind::number ? "number" : width_name(t.width)) + close(props);
            case kind::enumeration: {
                std::string s = "enum(";
                for (std::size_t i = 0; i < t.values.size(); ++i)
                    s += (i ? "," : "") + quote(t.values[i].wire);
                return s + ")";
            }
            case kind::literal:
                switch (t.lit_kind) {
                    case literal_kind::string:
                        return "const(" + quote(t.lit_string) + ")";
                    case literal_kind::integer:
                        return "const(" + std::to_string(t.lit_integer) + ")";
                    case literal_kind::boolean:
                        return t.lit_boolean ? "const(true)" : "const(false)";
                }
                return "const";
            case kind::object: {
                std::string s = "{";
                for (std::size_t i = 0; i < t.fields.size(); ++i) {
                    auto const& f = t.fields[i];
                    s += (i ? "," : "") + quote(f.wire_name) + (f.optional ? "?:" : ":") +
                         (*this)(*f.type) + (f.nullable ? "|null" : "");
                }
                s += "}";
                if (!t.at_least_one_of.empty()) {
                    s += "atLeastOneOf(";
                    for (std::size_t i = 0; i < t.at_least_one_of.size(); ++i)
                        s += (i ? "," : "") + quote(t.at_least_one_of[i]);
                    s += ")";
                }
                return s;
            }
            case kind::array:
                if (t.min_items) prop(props, "minItems", std::to_string(*t.min_items));
                if (t.max_items) prop(props, "maxItems", std::to_string(*t.max_items));
                return "array<" + (*this)(*t.items) + ">" + close(props);
            case kind::tuple: {
                std::string s = "tuple<";
                for (std::size_t i = 0; i < t.elements.size(); ++i)
                    s += (i ? "," : "") + (*this)(*t.elements[i]);
                return s + ">";
            }
            case kind::map:
                return "map<" + (*this)(*t.items) + ">";
        }
        return "?";
    }

    std::string args(std::vector<arg> const& as) {
        std::string s = "(";
        for (std::size_t i = 0; i < as.size(); ++i)
            s += (i ? "," : "") + (*this)(*as[i].type) + (as[i].optional ? "?" : "");
        return s + ")";
    }
};

}  // namespace

std::uint64_t fnv1a64(std::string_view text) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::string canonical_shape(type const& t) {
    return shaper{}(t);
}

std::string canonical_shape(std::string_view wire_name, leg const& l) {
    shaper s;
    std::string out = quote(wire_name);
    out += l.dir == direction::client_to_server ? "|c2s" : "|s2c";
    out += "|args" + s.args(l.args);
    out += l.has_ack ? "|ack" + s.args(l.ack_args) : std::string("|noack");
    return out;
}

}  // namespace sockspec::gen
