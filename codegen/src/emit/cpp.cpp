// sockspec-gen C++ emitter: one Asio-free header per API, cpp/sockspec/gen/<api>.hpp.
//
// Layout (docs/schema-language.md and STYLE.md "Generated C++ shape"): header comment, version
// static_assert, namespace <api> { enums with wire tables; scalar aliases and payload structs
// in dependency order (schema order otherwise); namespace tags; one descriptor per event },
// codecs (tag_invoke hooks for include/sockspec/codec/codec.hpp and Boost.JSON), event lists.
// Output is a pure function of the IR: byte-for-byte deterministic.
#include "emit.hpp"

#include <charconv>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sockspec::gen {
namespace {

// ---- text helpers ----

/// A C++ string literal (with quotes) holding exactly `s`.
std::string cpp_string(std::string_view s) {
    std::string r = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"':
                r += "\\\"";
                break;
            case '\\':
                r += "\\\\";
                break;
            case '\n':
                r += "\\n";
                break;
            case '\r':
                r += "\\r";
                break;
            case '\t':
                r += "\\t";
                break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\%03o", c);
                    r += buf;
                } else
                    r += static_cast<char>(c);
        }
    }
    return r + "\"";
}

/// The JSON text of a string (as JSON.stringify writes it), for object keys written raw.
std::string json_string(std::string_view s) {
    std::string r = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"':
                r += "\\\"";
                break;
            case '\\':
                r += "\\\\";
                break;
            case '\b':
                r += "\\b";
                break;
            case '\f':
                r += "\\f";
                break;
            case '\n':
                r += "\\n";
                break;
            case '\r':
                r += "\\r";
                break;
            case '\t':
                r += "\\t";
                break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    r += buf;
                } else
                    r += static_cast<char>(c);
        }
    }
    return r + "\"";
}

/// `/// line` for each line of a (Markdown) description, indented; prose lines are wrapped at
/// 100 columns (code fences, tables and indented blocks are kept as they are).
std::string doc(std::string_view text, std::string_view indent) {
    std::string r;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
    if (text.empty()) return r;
    std::size_t const width = indent.size() + 4 < 80 ? 100 - indent.size() - 4 : 20;
    bool fence = false;
    auto put = [&](std::string_view line) {
        r.append(indent).append(line.empty() ? "///" : "/// ").append(line).append("\n");
    };
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        auto line = text.substr(start, end - start);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
        start = end + 1;
        bool const keep =
            fence || line.starts_with("```") || line.starts_with("|") || line.starts_with("    ");
        if (line.starts_with("```")) fence = !fence;
        while (!keep && line.size() > width) {
            auto cut = line.rfind(' ', width);
            if (cut == std::string_view::npos || cut == 0) break;
            put(line.substr(0, cut));
            line.remove_prefix(cut + 1);
        }
        put(line);
    }
    return r;
}

/// A C++ literal for a bound: integers exactly, doubles in their shortest round-trip form.
std::string bound_literal(type const& t, double v) {
    char buf[64];
    if (t.k == kind::integer) {
        if (t.width == int_width::u64 || t.width == int_width::u8 || t.width == int_width::u16 ||
            t.width == int_width::u32)
            if (v >= 0)
                return "std::uint64_t{" + std::to_string(static_cast<std::uint64_t>(v)) + "}";
        return "std::int64_t{" + std::to_string(static_cast<std::int64_t>(v)) + "}";
    }
    auto* end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    std::string s(buf, end);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

char const* int_type(int_width w) {
    switch (w) {
        case int_width::i8:
            return "std::int8_t";
        case int_width::i16:
            return "std::int16_t";
        case int_width::i32:
            return "std::int32_t";
        case int_width::i64:
            return "std::int64_t";
        case int_width::u8:
            return "std::uint8_t";
        case int_width::u16:
            return "std::uint16_t";
        case int_width::u32:
            return "std::uint32_t";
        case int_width::u64:
            return "std::uint64_t";
    }
    return "std::int64_t";
}

char const* format_enumerator(string_format f) {
    switch (f) {
        case string_format::object_id:
            return "object_id";
        case string_format::date_time:
            return "date_time";
        case string_format::uuid:
            return "uuid";
        case string_format::uri:
            return "uri";
        case string_format::email:
            return "email";
        case string_format::color:
            return "color";
        case string_format::none:
            break;
    }
    return "object_id";
}

bool is_struct(type const& t) {
    return t.k == kind::object;
}
bool is_enum(type const& t) {
    return t.k == kind::enumeration;
}
/// A declared scalar/container type: emitted as `using <ident> = ...;`.
bool is_alias(type const& t) {
    return t.declared && !is_struct(t) && !is_enum(t) && !t.ident.empty();
}

// ---- the emitter for one API ----

class api_emitter {
public:
    explicit api_emitter(api const& a) : a_(a) {}

    std::string run() {
        collect();
        order();
        std::string o;
        header(o);
        o += "namespace " + a_.name + " {\n\n";
        enums(o);
        types(o);
        namespaces(o);
        descriptors(o);
        o += "}  // namespace " + a_.name + "\n\n";
        codecs(o);
        lists(o);
        return o;
    }

private:
    api const& a_;
    std::vector<type const*> enums_;  // discovery order
    std::vector<type const*> nodes_;  // structs and aliases, discovery order
    std::set<type const*> known_;
    std::vector<type const*> emit_order_;          // structs and aliases, dependencies first
    std::set<type const*> forward_;                // structs used before their definition
    std::map<std::string, std::size_t> patterns_;  // source -> index

    // ---- discovery ----

    void discover(type_ptr const& t) {
        if (!t || !known_.insert(t.get()).second) return;
        if (is_enum(*t)) enums_.push_back(t.get());
        if (is_struct(*t) || is_alias(*t)) nodes_.push_back(t.get());
        for (auto const& f : t->fields) discover(f.type);
        for (auto const& e : t->elements) discover(e);
        discover(t->items);
        if (t->pattern && !patterns_.count(*t->pattern))
            patterns_.emplace(*t->pattern, patterns_.size());
    }

    void collect() {
        for (auto const& nt : a_.types) discover(nt.type);
        for (auto const& n : a_.namespaces)
            for (auto const& e : n.events)
                for (auto const& l : e.legs) {
                    for (auto const& x : l.args) discover(x.type);
                    for (auto const& x : l.ack_args) discover(x.type);
                }
    }

    // ---- ordering: a struct needs by-value members (fields, tuple items) complete and aliases
    // declared; through arrays and maps a forward declaration is enough ----

    struct ref {
        type const* t;
        bool hard;
    };

    void refs(type const& t, bool strong, bool top, std::vector<ref>& out) const {
        if (!top && (is_struct(t) || is_alias(t))) {
            out.push_back({&t, strong || is_alias(t)});
            return;
        }
        if (is_struct(t) && top)
            for (auto const& f : t.fields) refs(*f.type, true, false, out);
        for (auto const& e : t.elements) refs(*e, strong, false, out);
        if (t.items && (t.k == kind::array || t.k == kind::map)) refs(*t.items, false, false, out);
    }

    void order() {
        std::set<type const*> done, active;
        auto visit = [&](auto& self, type const* t) -> void {
            if (done.count(t) || active.count(t)) return;
            active.insert(t);
            std::vector<ref> rs;
            refs(*t, true, true, rs);
            for (auto const& r : rs)
                if (r.hard) self(self, r.t);
            for (auto const& r : rs)
                if (!r.hard && !done.count(r.t) && r.t != t) forward_.insert(r.t);
            active.erase(t);
            done.insert(t);
            emit_order_.push_back(t);
        };
        for (auto const* t : nodes_) visit(visit, t);
    }

    // ---- C++ type names ----

    /// The C++ type of `t`. `clash` holds member names of the struct being written: a type
    /// whose name equals a member name is written qualified (`::chat::location location;`).
    std::string cpp(type const& t, std::set<std::string> const* clash = nullptr,
                    bool top = false) const {
        auto named = [&](std::string const& id) {
            return clash && clash->count(id) ? "::" + a_.name + "::" + id : id;
        };
        if (!top && (is_struct(t) || is_enum(t) || is_alias(t))) return named(t.ident);
        switch (t.k) {
            case kind::string:
                return "std::string";
            case kind::boolean:
                return "bool";
            case kind::number:
                return "double";
            case kind::json:
                return "boost::json::value";
            case kind::integer:
                if (t.int64_as_string)
                    return std::string("sockspec::int_string<") + int_type(t.width) + ">";
                return int_type(t.width);
            case kind::literal:
                switch (t.lit_kind) {
                    case literal_kind::string:
                        return "sockspec::literal<" + cpp_string(t.lit_string) + ">";
                    case literal_kind::integer:
                        return "sockspec::int_literal<" + std::to_string(t.lit_integer) + ">";
                    case literal_kind::boolean:
                        return t.lit_boolean ? "sockspec::bool_literal<true>"
                                             : "sockspec::bool_literal<false>";
                }
                break;
            case kind::array:
                return "std::vector<" + cpp(*t.items, clash) + ">";
            case kind::map:
                return "std::map<std::string, " + cpp(*t.items, clash) + ">";
            case kind::tuple: {
                std::string r = "std::tuple<";
                for (std::size_t i = 0; i < t.elements.size(); ++i)
                    r += (i ? ", " : "") + cpp(*t.elements[i], clash);
                return r + ">";
            }
            case kind::object:
            case kind::enumeration:
                return named(t.ident);
        }
        return "boost::json::value";
    }

    std::string field_type(field const& f, std::set<std::string> const* clash) const {
        std::string t = cpp(*f.type, clash);
        if (f.nullable) t = "sockspec::nullable<" + t + ">";
        if (f.optional) t = "std::optional<" + t + ">";
        return t;
    }

    std::string arg_type(arg const& x) const {
        std::string t = cpp(*x.type);
        return x.optional ? "std::optional<" + t + ">" : t;
    }

    /// Member identifiers of a struct (a member named like its struct gets a trailing `_`).
    static std::string member(type const& s, field const& f) {
        return f.ident == s.ident ? f.ident + "_" : f.ident;
    }

    // ---- constraint checks: a boolean expression (empty when there is nothing to check) ----

    std::string checks(type const& t, std::string const& e, int depth) const {
        std::vector<std::string> c;
        auto const p = [&](char const* fn, std::string const& arg) {
            c.push_back(std::string("sockspec::codec::") + fn + "(" + e + ", " + arg + ", err)");
        };
        switch (t.k) {
            case kind::string:
                if (t.format != string_format::none)
                    p("check_format",
                      std::string("sockspec::codec::format::") + format_enumerator(t.format));
                if (t.min_length) p("check_min_length", std::to_string(*t.min_length));
                if (t.max_length) p("check_max_length", std::to_string(*t.max_length));
                if (t.pattern)
                    p("check_pattern", "detail_::pattern_" +
                                           std::to_string(patterns_.at(*t.pattern)) + "(), " +
                                           cpp_string(*t.pattern));
                break;
            case kind::integer:
            case kind::number:
                if (t.minimum) p("check_minimum", bound_literal(t, *t.minimum));
                if (t.maximum) p("check_maximum", bound_literal(t, *t.maximum));
                break;
            case kind::array:
            case kind::map: {
                if (t.k == kind::array && t.min_items)
                    p("check_min_items", std::to_string(*t.min_items));
                if (t.k == kind::array && t.max_items)
                    p("check_max_items", std::to_string(*t.max_items));
                std::string const x = "x" + std::to_string(depth);
                std::string const inner = checks(*t.items, x, depth + 1);
                if (!inner.empty())
                    c.push_back(std::string("sockspec::codec::") +
                                (t.k == kind::array ? "check_each" : "check_values") + "(" + e +
                                ", err, [&](auto const& " + x + ") { return " + inner + "; })");
                break;
            }
            case kind::tuple:
                for (std::size_t i = 0; i < t.elements.size(); ++i) {
                    std::string const inner = checks(
                        *t.elements[i], "std::get<" + std::to_string(i) + ">(" + e + ")", depth);
                    if (!inner.empty())
                        c.push_back("(" + inner + " || err.in_index(" + std::to_string(i) + "))");
                }
                break;
            default:
                break;
        }
        std::string r;
        for (auto const& s : c) r += (r.empty() ? "" : " && ") + s;
        return c.size() > 1 ? "(" + r + ")" : r;
    }

    /// Checks of a value that may be wrapped in optional / nullable.
    std::string wrapped_checks(type const& t, std::string const& e, bool optional,
                               bool nullable) const {
        std::string inner = optional && nullable   ? "(**" + e + ")"
                            : optional || nullable ? "(*" + e + ")"
                                                   : e;
        std::string c = checks(t, inner, 0);
        if (c.empty()) return c;
        if (nullable) c = "!" + (optional ? "(*" + e + ")" : e) + ".has_value() || " + c;
        if (optional) c = "!" + e + ".has_value() || " + (nullable ? "(" + c + ")" : c);
        return c;
    }

    // ---- sections ----

    void header(std::string& o) const {
        std::string const v = generator_version;
        auto const dot1 = v.find('.'), dot2 = v.find('.', dot1 + 1);
        o += "// Generated by sockspec-gen " + v + " from " + a_.source_file + ". DO NOT EDIT.\n";
        o += doc(a_.title.empty() ? a_.name : a_.title, "");
        o += "#pragma once\n\n";
        o += "#include <sockspec/codec/codec.hpp>\n#include <sockspec/literal.hpp>\n#include "
             "<sockspec/nullable.hpp>\n"
             "#include <sockspec/typed/event_traits.hpp>\n\n";
        o += "#include <boost/json/value.hpp>\n\n";
        o += "#include <array>\n#include <cstddef>\n#include <cstdint>\n#include <map>\n#include "
             "<optional>\n#include <span>\n"
             "#include <string>\n#include <string_view>\n#include <tuple>\n#include <vector>\n\n";
        o += "static_assert(SOCKSPEC_VERSION_MAJOR == " + v.substr(0, dot1) +
             " && SOCKSPEC_VERSION_MINOR == " + v.substr(dot1 + 1, dot2 - dot1 - 1) +
             ",\n              \"" + a_.name + ".hpp was generated by sockspec-gen " + v +
             "; regenerate it for this sockspec version\");\n\n";
    }

    void enums(std::string& o) const {
        for (auto const* t : enums_) {
            auto const& id = t->ident;
            o += doc(t->description, "");
            o += "enum class " + id + " : std::uint16_t {\n";
            for (auto const& v : t->values)
                o += doc(v.description, "    ") + "    " + v.ident + ",\n";
            o += "};\n\n";
            o += "/// The wire string of each `" + id + "` enumerator, in declaration order.\n";
            o += "inline constexpr std::array<std::string_view, " +
                 std::to_string(t->values.size()) + "> " + id + "_wire_values{";
            for (std::size_t i = 0; i < t->values.size(); ++i)
                o += (i ? ", " : "") + cpp_string(t->values[i].wire);
            o += "};\n\n";
            o += "/// The wire strings of `" + id + "` (found by ADL; used by the codecs).\n";
            o += "constexpr std::span<std::string_view const> wire_values(" + id +
                 ") noexcept { return " + id + "_wire_values; }\n\n";
            o += "/// The wire string of `v`.\n";
            o += "constexpr std::string_view to_wire(" + id + " v) noexcept { return " + id +
                 "_wire_values[static_cast<std::size_t>(v)]; }\n\n";
            o += "/// Parses a wire string; false (and `out` unchanged) when it is not one of the "
                 "values.\n";
            o += "constexpr bool from_wire(std::string_view s, " + id + "& out) noexcept {\n";
            o += "    for (std::size_t i = 0; i < " + id + "_wire_values.size(); ++i)\n";
            o += "        if (" + id + "_wire_values[i] == s) return out = static_cast<" + id +
                 ">(i), true;\n";
            o += "    return false;\n}\n\n";
        }
    }

    void types(std::string& o) const {
        if (!patterns_.empty()) {
            std::vector<std::string const*> by_index(patterns_.size());
            for (auto const& [src, i] : patterns_) by_index[i] = &src;
            o += "namespace detail_ {\n";
            for (std::size_t i = 0; i < by_index.size(); ++i)
                o += "/// `pattern: " + *by_index[i] +
                     "`, compiled once.\ninline sockspec::codec::pattern const& pattern_" +
                     std::to_string(i) + "() {\n    static sockspec::codec::pattern const p{" +
                     cpp_string(*by_index[i]) + "};\n    return p;\n}\n";
            o += "}  // namespace detail_\n\n";
        }
        for (auto const* t : emit_order_)
            if (forward_.count(t)) o += "struct " + t->ident + ";\n";
        if (!forward_.empty()) o += "\n";
        for (auto const* t : emit_order_) {
            o += doc(t->description.empty() ? t->name : t->description, "");
            if (is_alias(*t)) {
                o += "using " + t->ident + " = " + cpp(*t, nullptr, true) + ";\n\n";
                continue;
            }
            std::set<std::string> clash;
            for (auto const& f : t->fields) clash.insert(member(*t, f));
            o += "struct " + t->ident + " {\n";
            for (auto const& f : t->fields) {
                std::string d = f.description;
                if (f.wire_name != member(*t, f))
                    d += (d.empty() ? "" : "\n") + std::string("Wire name: `") + f.wire_name + "`.";
                o += doc(d, "    ");
                o += "    " + field_type(f, &clash) + " " + member(*t, f) + "{};\n";
            }
            if (!t->fields.empty()) o += "\n";
            o += "    /// Member-wise equality.\n    bool operator==(" + t->ident +
                 " const&) const = default;\n};\n\n";
        }
    }

    void namespaces(std::string& o) const {
        for (auto const& n : a_.namespaces) {
            o += doc(n.description.empty() ? "The `" + n.path + "` namespace." : n.description, "");
            o += "struct " + n.ident +
                 " {\n    /// The namespace path.\n    static constexpr std::string_view path = " +
                 cpp_string(n.path) + ";\n};\n\n";
        }
    }

    static std::string fingerprint(std::uint64_t f) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "0x%016llxULL", static_cast<unsigned long long>(f));
        return buf;
    }

    /// `check_args` / `check_ack` body, or empty when nothing needs checking.
    std::string args_checks(std::vector<arg> const& args) const {
        std::string r;
        for (std::size_t i = 0; i < args.size(); ++i) {
            std::string const e = "std::get<" + std::to_string(i) + ">(a)";
            std::string c = wrapped_checks(*args[i].type, e, args[i].optional, false);
            if (c.empty()) continue;
            r += std::string(r.empty() ? "" : "\n            && ") + "(" + c + " || err.in_field(" +
                 cpp_string(args[i].name) + "))";
        }
        return r;
    }

    void leg_struct(std::string& o, leg const& l) const {
        char const* name =
            l.dir == direction::client_to_server ? "client_to_server" : "server_to_client";
        std::string d = l.description;
        if (d.empty())
            d = std::string(l.dir == direction::client_to_server ? "Client to server"
                                                                 : "Server to client") +
                ".";
        o += doc(d, "    ");
        o += "    struct " + std::string(name) + " {\n";
        auto tuple = [&](std::vector<arg> const& args) {
            std::string r = "std::tuple<";
            for (std::size_t i = 0; i < args.size(); ++i) r += (i ? ", " : "") + arg_type(args[i]);
            return r + ">";
        };
        o += "        /// Argument types, in order.\n        using args = " + tuple(l.args) + ";\n";
        if (l.has_ack) {
            o += doc(l.ack_description.empty() ? "Acknowledgement argument types, in order."
                                               : l.ack_description,
                     "        ");
            o += "        using ack = " + tuple(l.ack_args) + ";\n";
        } else
            o += "        /// No acknowledgement.\n        using ack = sockspec::no_ack;\n";
        o += "        /// Shape fingerprint of this leg (wire name, direction, types).\n";
        o += "        static constexpr std::uint64_t fingerprint = " + fingerprint(l.fingerprint) +
             ";\n";
        auto names = [&](std::vector<arg> const& args) {
            std::string r = "std::array<std::string_view, " + std::to_string(args.size()) + ">{";
            for (std::size_t i = 0; i < args.size(); ++i)
                r += (i ? ", " : "") + cpp_string(args[i].name);
            return r + "}";
        };
        o += "        /// Argument names (decode error paths).\n        static constexpr auto "
             "arg_names = " +
             names(l.args) + ";\n";
        if (l.has_ack)
            o += "        /// Ack argument names (decode error paths).\n        static constexpr "
                 "auto ack_names = " +
                 names(l.ack_args) + ";\n";
        if (auto c = args_checks(l.args); !c.empty())
            o += "        /// Constraints on the arguments themselves (formats, ranges).\n"
                 "        static bool check_args(args const& a, sockspec::codec::decode_error& "
                 "err) {\n            return " +
                 c + ";\n        }\n";
        if (auto c = args_checks(l.ack_args); l.has_ack && !c.empty())
            o += "        /// Constraints on the ack arguments themselves.\n"
                 "        static bool check_ack(ack const& a, sockspec::codec::decode_error& err) "
                 "{\n            return " +
                 c + ";\n        }\n";
        o += "    };\n";
    }

    void descriptors(std::string& o) const {
        for (auto const& n : a_.namespaces)
            for (auto const& e : n.events) {
                auto const* c2s = e.find(direction::client_to_server);
                auto const* s2c = e.find(direction::server_to_client);
                o += doc(e.description.empty() ? "`" + e.wire_name + "`." : e.description, "");
                o += "struct " + e.ident + " {\n";
                o += "    /// Wire name.\n    static constexpr std::string_view name = " +
                     cpp_string(e.wire_name) + ";\n";
                o += "    /// Namespace.\n    using nsp = " + n.ident + ";\n";
                o += "    /// Which ways it travels.\n    static constexpr sockspec::direction "
                     "direction = sockspec::direction::" +
                     std::string(c2s && s2c ? "both"
                                 : c2s      ? "client_to_server"
                                            : "server_to_client") +
                     ";\n";
                if (c2s)
                    leg_struct(o, *c2s);
                else
                    o += "    /// Not sent by clients.\n    using client_to_server = "
                         "sockspec::no_leg;\n";
                if (s2c)
                    leg_struct(o, *s2c);
                else
                    o += "    /// Not sent by servers.\n    using server_to_client = "
                         "sockspec::no_leg;\n";
                o += "};\n\n";
            }
    }

    void codecs(std::string& o) const {
        std::vector<type const*> structs;
        for (auto const* t : emit_order_)
            if (is_struct(*t)) structs.push_back(t);
        if (structs.empty() && enums_.empty()) return;
        o += "// Codecs: hooks for sockspec/codec/codec.hpp (fast path and DOM path) and "
             "Boost.JSON.\n";
        o += "namespace " + a_.name + " {\n\n";
        for (auto const* t : enums_) {
            auto const& id = t->ident;
            o += "/// Boost.JSON: value_from.\ninline void tag_invoke(boost::json::value_from_tag, "
                 "boost::json::value& jv, " +
                 id + " v) {\n    sockspec::codec::to_value(jv, v);\n}\n";
            o += "/// Boost.JSON: try_value_to (never throws).\ninline boost::system::result<" +
                 id + "> tag_invoke(boost::json::try_value_to_tag<" + id +
                 ">, boost::json::value const& jv) {\n"
                 "    return sockspec::codec::try_value_to<" +
                 id + ">(jv);\n}\n\n";
        }
        // Declarations first: struct codecs call each other in any order (recursive types).
        for (auto const* t : structs) {
            auto const& id = t->ident;
            o += "void tag_invoke(sockspec::codec::encode_tag, sockspec::codec::writer& w, " + id +
                 " const& v);\n";
            o +=
                "template <class Value>\nbool tag_invoke(sockspec::codec::decode_tag, Value& jv, " +
                id + "& out, sockspec::codec::decode_error& err);\n";
            o += "void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, " + id +
                 " const& v);\n";
        }
        o += "\n";
        for (auto const* t : structs) {
            encode_fn(o, *t);
            decode_fn(o, *t);
            value_from_fn(o, *t);
            o += "/// Boost.JSON: try_value_to (never throws; sockspec::codec::decode names the "
                 "path).\n";
            o += "inline boost::system::result<" + t->ident +
                 "> tag_invoke(boost::json::try_value_to_tag<" + t->ident +
                 ">, boost::json::value const& jv) {\n    return sockspec::codec::try_value_to<" +
                 t->ident + ">(jv);\n}\n\n";
        }
        o += "}  // namespace " + a_.name + "\n\n";
    }

    void encode_fn(std::string& o, type const& t) const {
        o += "/// Fast path: writes `" + t.ident + "` as JSON.\n";
        o += "inline void tag_invoke(sockspec::codec::encode_tag, sockspec::codec::writer& w, " +
             t.ident + " const& v) {\n";
        if (t.fields.empty()) {
            o += "    (void)v;\n    w.raw(\"{}\");\n}\n";
            return;
        }
        bool const dynamic = t.fields.front().optional;  // first member decides where '{' goes
        if (dynamic) o += "    auto const mark = w.open_object();\n";
        bool first = true;
        for (auto const& f : t.fields) {
            std::string const key =
                (first && !dynamic ? "{" : ",") + json_string(f.wire_name) + ":";
            first = false;
            std::string const m = "v." + member(t, f);
            if (f.optional)
                o += "    if (" + m + ") {\n        w.raw(" + cpp_string(key) +
                     ");\n        sockspec::codec::encode(w, *" + m + ");\n    }\n";
            else
                o += "    w.raw(" + cpp_string(key) + ");\n    sockspec::codec::encode(w, " + m +
                     ");\n";
        }
        o += dynamic ? "    w.close_object(mark);\n}\n" : "    w.raw('}');\n}\n";
    }

    void decode_fn(std::string& o, type const& t) const {
        o += "/// Decodes `" + t.ident +
             "` from a simdjson::ondemand::value or a boost::json::value, then\n"
             "/// checks required fields and constraints.\n";
        o += "template <class Value>\nbool tag_invoke(sockspec::codec::decode_tag, Value& jv, " +
             t.ident + "& out, sockspec::codec::decode_error& err) {\n";
        if (t.fields.empty()) {
            o += "    (void)out;\n    return sockspec::codec::read_fields(jv, {}, err, "
                 "[](std::size_t, auto&) { return true; });\n}\n";
            return;
        }
        if (t.fields.size() > 64)  // `seen` is one 64-bit mask
            o += "    static_assert(false, \"sockspec-gen: more than 64 fields in " + t.ident +
                 "\");\n";
        o += "    static constexpr std::string_view names[] = {";
        for (std::size_t i = 0; i < t.fields.size(); ++i)
            o += (i ? ", " : "") + cpp_string(t.fields[i].wire_name);
        o += "};\n";
        o += "    static constexpr sockspec::codec::field_table<" +
             std::to_string(t.fields.size()) + "> fields{names};\n";
        o += "    std::uint64_t seen = 0;\n";
        o += "    bool const ok = sockspec::codec::read_fields(jv, fields, err, [&](std::size_t i, "
             "auto& fv) {\n";
        o += "        seen |= std::uint64_t{1} << i;\n        switch (i) {\n";
        for (std::size_t i = 0; i < t.fields.size(); ++i)
            o += "        case " + std::to_string(i) + ": return sockspec::codec::decode(fv, out." +
                 member(t, t.fields[i]) + ", err);\n";
        o += "        }\n        return true;\n    });\n    if (!ok) return false;\n";
        std::uint64_t required = 0;
        for (std::size_t i = 0; i < t.fields.size(); ++i) {
            if (!t.fields[i].optional)
                required |= std::uint64_t{1} << i;
            else
                o += "    if (!(seen & std::uint64_t{" + std::to_string(std::uint64_t{1} << i) +
                     "})) out." + member(t, t.fields[i]) + ".reset();\n";
        }
        char mask[32];
        std::snprintf(mask, sizeof mask, "0x%llx", static_cast<unsigned long long>(required));
        std::vector<std::string> c;
        if (required)
            c.push_back(std::string("sockspec::codec::check_required(seen, ") + mask +
                        ", names, err)");
        for (auto const& f : t.fields) {
            std::string const e = "out." + member(t, f);
            std::string w = wrapped_checks(*f.type, e, f.optional, f.nullable);
            if (!w.empty())
                c.push_back("(" + w + " || err.in_field(" + cpp_string(f.wire_name) + "))");
        }
        if (!t.at_least_one_of.empty()) {
            std::string any, list;
            for (auto const& wire : t.at_least_one_of)
                for (auto const& f : t.fields)
                    if (f.wire_name == wire) {
                        any += (any.empty() ? "" : " || ") + std::string("out.") + member(t, f) +
                               ".has_value()";
                        list += (list.empty() ? "" : ", ") + wire;
                    }
            c.push_back("(" + any + " || err.fail(sockspec::codec::error::at_least_one_of, " +
                        cpp_string("expected at least one of " + list) + "))");
        }
        o += "    return ";
        if (c.empty()) o += "true";
        for (std::size_t i = 0; i < c.size(); ++i) o += (i ? "\n        && " : "") + c[i];
        o += ";\n}\n";
    }

    void value_from_fn(std::string& o, type const& t) const {
        o += "/// DOM path (and Boost.JSON value_from): stores `" + t.ident + "` into `jv`.\n";
        o += "inline void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, " +
             t.ident + " const& v) {\n";
        o += "    auto& o = jv.emplace_object();\n";
        if (t.fields.empty())
            o += "    (void)o;\n    (void)v;\n";
        else
            o += "    o.reserve(" + std::to_string(t.fields.size()) + ");\n";
        for (auto const& f : t.fields) {
            std::string const m = "v." + member(t, f);
            if (f.optional)
                o += "    if (" + m + ") sockspec::codec::to_value(o[" + cpp_string(f.wire_name) +
                     "], *" + m + ");\n";
            else
                o += "    sockspec::codec::to_value(o[" + cpp_string(f.wire_name) + "], " + m +
                     ");\n";
        }
        o += "}\n";
    }

    void lists(std::string& o) const {
        o += "namespace " + a_.name + " {\n\n";
        auto list = [&](std::string const& name, std::string const& what, nsp const* only,
                        direction d) {
            std::vector<std::string> ids;
            for (auto const& n : a_.namespaces)
                if (!only || &n == only)
                    for (auto const& e : n.events)
                        if (e.find(d)) ids.push_back(e.ident);
            o += "/// " + what + "\nusing " + name + " = sockspec::event_list<";
            for (std::size_t i = 0; i < ids.size(); ++i) o += (i ? ", " : "") + ids[i];
            o += ">;\n";
        };
        if (a_.namespaces.size() > 1)
            for (auto const& n : a_.namespaces) {
                list(n.ident + "_client_to_server_events",
                     "Events clients send in `" + n.path + "`.", &n, direction::client_to_server);
                list(n.ident + "_server_to_client_events",
                     "Events servers send in `" + n.path + "`.", &n, direction::server_to_client);
            }
        list("client_to_server_events", "Every event clients send (servers handle).", nullptr,
             direction::client_to_server);
        list("server_to_client_events", "Every event servers send (clients handle).", nullptr,
             direction::server_to_client);
        o += "\n}  // namespace " + a_.name + "\n";
    }
};

}  // namespace

std::vector<output_file> emit_cpp(std::vector<api> const& apis) {
    std::vector<output_file> out;
    for (auto const& a : apis)
        out.push_back({"cpp/sockspec/gen/" + a.name + ".hpp", api_emitter(a).run()});
    return out;
}

}  // namespace sockspec::gen
