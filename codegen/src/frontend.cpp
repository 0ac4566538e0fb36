// sockspec-gen frontend: YAML (yaml-cpp, with marks) -> IR, validated. Every problem becomes a
// diagnostic with a position; parsing continues with a placeholder so later problems show too.
#include "frontend.hpp"

#include "example_check.hpp"
#include "fingerprint.hpp"
#include "json_util.hpp"
#include "names.hpp"
#include "yaml_reader.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>
#include <boost/json/stream_parser.hpp>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace sockspec::gen {

namespace {

using namespace detail;

keys const type_keywords{"format",  "minLength", "maxLength", "pattern", "minimum",
                         "maximum", "encoding",  "values",    "fields",  "atLeastOneOf",
                         "items",   "minItems",  "maxItems"};

keys const reserved_events{"connect",       "connect_error", "disconnect",
                           "disconnecting", "newListener",   "removeListener"};

keys const leg_keys{"description", "args", "ack", "recipients", "triggers", "errors", "examples"};

std::optional<int_width> int_width_of(std::string_view s) {
    static std::map<std::string_view, int_width> const widths{
        {"int8", int_width::i8},    {"int16", int_width::i16}, {"int32", int_width::i32},
        {"int64", int_width::i64},  {"uint8", int_width::u8},  {"uint16", int_width::u16},
        {"uint32", int_width::u32}, {"uint64", int_width::u64}};
    auto it = widths.find(s);
    if (it == widths.end()) return std::nullopt;
    return it->second;
}

/// What a leg may carry, by where it stands.
enum class leg_kind { c2s, s2c, both };

/// A reference to a namespace error code, checked once the namespace is complete.
struct code_ref {
    std::string code;
    source_pos pos;
};

/// Reads one schema file into the IR.
class loader : yaml_reader {
public:
    using yaml_reader::yaml_reader;

    std::optional<api> run(YAML::Node const& root);

private:
    struct named_state {
        std::shared_ptr<type> node;
        YAML::Node decl;
        source_pos pos;
        int state = 0;  // 0 pending, 1 in progress, 2 done
    };
    std::map<std::string, named_state> named_;
    std::vector<std::string> named_order_;
    std::string current_named_;
    std::map<std::string, source_pos> type_names_;    // every type name -> where
    std::map<std::string, std::string> type_idents_;  // every type ident -> name
    std::vector<code_ref> code_refs_;

    // ---- types ----

    static std::shared_ptr<type> make(kind k, source_pos p) {
        auto t = std::make_shared<type>();
        t->k = k;
        t->pos = std::move(p);
        return t;
    }

    /// Names an inline object or enum and checks the name is free.
    void name_node(type& t, std::string const& name) {
        t.name = name;
        t.ident = to_ident(name);
        if (name == current_named_) return;  // the declaration itself
        register_name(name, t.ident, t.pos, true);
    }

    void register_name(std::string const& name, std::string const& ident, source_pos const& p,
                       bool synthesized) {
        if (auto it = type_names_.find(name); it != type_names_.end()) {
            err(p, fmt::format("{} '{}' collides with the type at line {}; name the type "
                               "under types:",
                               synthesized ? "synthesized type name" : "type name", name,
                               it->second.line));
            return;
        }
        type_names_[name] = p;
        if (auto it = type_idents_.find(ident); it != type_idents_.end()) {
            err(p, fmt::format("type '{}' maps to identifier '{}', already used by type '{}'", name,
                               ident, it->second));
            return;
        }
        type_idents_[ident] = name;
    }

    std::shared_ptr<type> builtin(std::string_view s, source_pos p) {
        if (s == "string") return make(kind::string, p);
        if (s == "boolean") return make(kind::boolean, p);
        if (s == "number") return make(kind::number, p);
        if (s == "json") return make(kind::json, p);
        if (auto w = int_width_of(s)) {
            auto t = make(kind::integer, p);
            t->width = *w;
            return t;
        }
        return nullptr;
    }

    /// String form: a builtin or named type with `[]` suffixes.
    type_ptr parse_type_string(std::string s, source_pos p) {
        int dims = 0;
        while (s.size() >= 2 && s.compare(s.size() - 2, 2, "[]") == 0)
            s.resize(s.size() - 2), ++dims;
        type_ptr base;
        if (auto b = builtin(s, p)) {
            base = b;
        } else if (auto it = named_.find(s); it != named_.end()) {
            // Non-owning (aliasing) pointer: api::types owns named types, so recursive types
            // (Tree -> Tree[]) form no shared_ptr cycle.
            base = type_ptr(type_ptr(), it->second.node.get());
        } else if (s == "object" || s == "enum" || s == "array" || s == "tuple" || s == "map") {
            err(p, fmt::format("'{}' needs the mapping form {{ type: {}, ... }}", s, s));
            base = make(kind::json, p);
        } else {
            err(p, fmt::format("unknown type '{}'", s));
            base = make(kind::json, p);
        }
        for (int i = 0; i < dims; ++i) {
            auto a = make(kind::array, p);
            a->items = base;
            base = a;
        }
        return base;
    }

    /// Any type expression given as a YAML node.
    type_ptr parse_type_node(YAML::Node const& n, source_pos where, std::string const& hint) {
        if (n.IsScalar()) return parse_type_string(n.Scalar(), pos(n));
        if (!n.IsMap())
            err(where, "expected a type");
        else if (auto m = as_map(n, where))
            return parse_type_map(*m, hint, {});
        return make(kind::json, where);
    }

    void check_min_max(mapping const& m, std::string_view lo, std::string_view hi,
                       std::optional<double> a, std::optional<double> b) {
        if (a && b && *a > *b)
            err(pos(m.get(lo)->key), fmt::format("{} ({}) is greater than {} ({})", lo,
                                                 js_number(*a), hi, js_number(*b)));
    }

    /// Mapping form. `extra` are the keys the caller (field, argument) reads itself.
    type_ptr parse_type_map(mapping const& m, std::string const& hint, keys const& extra) {
        keys base = keys{"type", "description"} + extra;
        if (auto c = m.get("const")) {
            check_keys(m, keys{"const", "description"} + extra, {});
            auto t = make(kind::literal, pos(m.node));
            t->description = text(m, "description");
            if (!c->value.IsScalar()) {
                err(pos(*c), "expected a scalar");
                return t;
            }
            auto v = yaml_scalar(c->value);  // quoted -> string, plain 7 -> integer
            if (v.is_string())
                t->lit_string = v.get_string();
            else if (v.is_bool())
                t->lit_kind = literal_kind::boolean, t->lit_boolean = v.get_bool();
            else if (v.is_int64())
                t->lit_kind = literal_kind::integer, t->lit_integer = v.get_int64();
            else
                err(pos(*c), "const must be a string, an integer or a boolean");
            return t;
        }
        auto tk = m.get("type");
        if (!tk) {
            check_keys(m, base, {"type"});
            return make(kind::json, pos(m.node));
        }
        if (tk->value.IsMap()) {  // `type: { type: ..., ... }`
            check_keys(m, base, {});
            return parse_type_node(tk->value, pos(*tk), hint);
        }
        if (!tk->value.IsScalar()) {
            err(pos(*tk), "expected a scalar");
            return make(kind::json, pos(*tk));
        }
        std::string name = tk->value.Scalar();
        source_pos tp = pos(*tk);
        std::string desc = text(m, "description");
        auto done = [&](std::shared_ptr<type> t) {
            t->description = desc;
            return t;
        };

        if (name == "string") {
            check_keys(m, base + keys{"format", "minLength", "maxLength", "pattern"}, {},
                       type_keywords, name);
            auto t = make(kind::string, tp);
            if (auto f = m.get("format")) {
                static std::map<std::string, string_format> const formats{
                    {"object-id", string_format::object_id},
                    {"date-time", string_format::date_time},
                    {"uuid", string_format::uuid},
                    {"uri", string_format::uri},
                    {"email", string_format::email},
                    {"color", string_format::color}};
                auto s = scalar(*f).value_or("");
                if (auto it = formats.find(s); it != formats.end())
                    t->format = it->second;
                else
                    err(pos(*f), fmt::format("unknown format '{}' (expected object-id, date-time, "
                                             "uuid, uri, email or color)",
                                             s));
            }
            if (auto e = m.get("minLength")) t->min_length = count(*e);
            if (auto e = m.get("maxLength")) t->max_length = count(*e);
            if (t->min_length && t->max_length && *t->min_length > *t->max_length)
                err(pos(m.get("minLength")->key),
                    fmt::format("minLength ({}) is greater than maxLength ({})", *t->min_length,
                                *t->max_length));
            if (auto e = m.get("pattern")) {
                auto s = scalar(*e);
                if (s) {
                    try {
                        std::regex re(*s, std::regex::ECMAScript);
                        t->pattern = *s;
                    } catch (std::regex_error const& x) {
                        err(pos(*e), fmt::format("invalid regex pattern '{}': {}", *s, x.what()));
                    }
                }
            }
            return done(t);
        }
        if (auto w = int_width_of(name)) {
            bool wide = *w == int_width::i64 || *w == int_width::u64;
            check_keys(m, base + keys{"minimum", "maximum"} + (wide ? keys{"encoding"} : keys{}),
                       {}, type_keywords, name);
            auto t = make(kind::integer, tp);
            t->width = *w;
            if (auto e = m.get("encoding")) {
                auto s = scalar(*e).value_or("");
                if (s == "string")
                    t->int64_as_string = true;
                else if (s != "number")
                    err(pos(*e),
                        fmt::format("unknown encoding '{}' (expected number or string)", s));
            }
            auto [lo, hi] = int_limits(*w, t->int64_as_string);
            for (auto k : {"minimum", "maximum"}) {
                auto e = m.get(k);
                if (!e) continue;
                auto v = number(*e);
                if (!v) continue;
                if (std::trunc(*v) != *v)
                    err(pos(*e), fmt::format("{} of {} must be an integer", k, name));
                else if (*v < lo || *v > hi)
                    err(pos(*e),
                        fmt::format("{} {} is outside the range of {} [{}, {}]", k,
                                    e->value.Scalar(), name, js_number(lo), js_number(hi)));
                else
                    (k[1] == 'i' ? t->minimum : t->maximum) = *v;
            }
            check_min_max(m, "minimum", "maximum", t->minimum, t->maximum);
            return done(t);
        }
        if (name == "number") {
            check_keys(m, base + keys{"minimum", "maximum"}, {}, type_keywords, name);
            auto t = make(kind::number, tp);
            if (auto e = m.get("minimum")) t->minimum = number(*e);
            if (auto e = m.get("maximum")) t->maximum = number(*e);
            check_min_max(m, "minimum", "maximum", t->minimum, t->maximum);
            return done(t);
        }
        if (name == "boolean" || name == "json") {
            check_keys(m, base, {}, type_keywords, name);
            return done(builtin(name, tp));
        }
        if (name == "enum") {
            check_keys(m, base + keys{"values"}, {"values"}, type_keywords, name);
            auto t = make(kind::enumeration, tp);
            name_node(*t, hint);
            if (auto e = m.get("values")) parse_enum_values(*e, *t);
            return done(t);
        }
        if (name == "object") {
            check_keys(m, base + keys{"fields", "atLeastOneOf"}, {"fields"}, type_keywords, name);
            auto t = make(kind::object, tp);
            name_node(*t, hint);
            if (auto e = m.get("fields")) t->fields = parse_fields(*e, hint);
            if (auto e = m.get("atLeastOneOf")) {
                for (auto& [n, p] : strings(*e)) {
                    auto f = std::find_if(t->fields.begin(), t->fields.end(),
                                          [&](field const& f) { return f.wire_name == n; });
                    if (f == t->fields.end())
                        err(p, fmt::format("atLeastOneOf names unknown field '{}'", n));
                    else if (!f->optional)
                        err(p, fmt::format("atLeastOneOf names required field '{}'; list only "
                                           "optional fields",
                                           n));
                    t->at_least_one_of.push_back(n);
                }
            }
            return done(t);
        }
        if (name == "array") {
            check_keys(m, base + keys{"items", "minItems", "maxItems"}, {"items"}, type_keywords,
                       name);
            auto t = make(kind::array, tp);
            auto e = m.get("items");
            t->items = e ? parse_type_node(e->value, pos(*e), hint + "Item") : make(kind::json, tp);
            if (auto x = m.get("minItems")) t->min_items = count(*x);
            if (auto x = m.get("maxItems")) t->max_items = count(*x);
            if (t->min_items && t->max_items && *t->min_items > *t->max_items)
                err(pos(m.get("minItems")->key),
                    fmt::format("minItems ({}) is greater than maxItems ({})", *t->min_items,
                                *t->max_items));
            return done(t);
        }
        if (name == "tuple") {
            check_keys(m, base + keys{"items"}, {"items"}, type_keywords, name);
            auto t = make(kind::tuple, tp);
            if (auto e = m.get("items")) {
                if (!e->value.IsSequence() || e->value.size() == 0)
                    err(pos(*e), "expected a non-empty sequence of types");
                else
                    for (std::size_t i = 0; i < e->value.size(); ++i)
                        t->elements.push_back(parse_type_node(e->value[i], pos(e->value[i]),
                                                              hint + std::to_string(i)));
            }
            return done(t);
        }
        if (name == "map") {
            check_keys(m, base + keys{"values"}, {"values"}, type_keywords, name);
            auto t = make(kind::map, tp);
            auto e = m.get("values");
            t->items =
                e ? parse_type_node(e->value, pos(*e), hint + "Value") : make(kind::json, tp);
            return done(t);
        }
        // A reference: a named type (possibly with [] suffixes), with a local description.
        check_keys(m, base, {}, type_keywords, name);
        return parse_type_string(name, tp);
    }

    void parse_enum_values(kv const& e, type& t) {
        if (!e.value.IsSequence()) return err(pos(e), "expected a sequence");
        if (e.value.size() == 0) return err(pos(e), "enum has no values");
        std::map<std::string, std::string> idents;
        for (auto const& item : e.value) {
            enum_value v;
            source_pos p = pos(item);
            if (item.IsScalar())
                v.wire = item.Scalar();
            else if (auto m = as_map(item, p)) {
                check_keys(*m, {"value", "description"}, {"value"});
                v.wire = text(*m, "value");
                v.description = text(*m, "description");
                if (auto x = m->get("value")) p = pos(*x);
            } else
                continue;
            v.ident = to_ident(v.wire);
            if (std::any_of(t.values.begin(), t.values.end(),
                            [&](enum_value const& o) { return o.wire == v.wire; })) {
                err(p, fmt::format("duplicate enum value '{}'", v.wire));
                continue;
            }
            if (auto it = idents.find(v.ident); it != idents.end())
                err(p, fmt::format("enum value '{}' maps to identifier '{}', already used by '{}'",
                                   v.wire, v.ident, it->second));
            idents[v.ident] = v.wire;
            t.values.push_back(std::move(v));
        }
    }

    std::vector<field> parse_fields(kv const& e, std::string const& hint) {
        std::vector<field> out;
        auto m = as_map(e, "field");
        if (!m) return out;
        std::map<std::string, std::string> idents;
        for (auto const& item : m->items) {
            field f;
            f.wire_name = item.name;
            f.ident = to_ident(item.name);
            f.pos = pos(item.key);
            std::string sub = hint + to_pascal(item.name);
            if (item.value.IsScalar())
                f.type = parse_type_string(item.value.Scalar(), pos(item));
            else if (auto fm = item.value.IsMap() ? as_map(item) : std::nullopt) {
                f.type = parse_type_map(*fm, sub, {"optional", "nullable"});
                f.optional = flag(*fm, "optional");
                f.nullable = flag(*fm, "nullable");
                f.description = text(*fm, "description");
            } else {
                err(pos(item), "expected a type");
                f.type = make(kind::json, pos(item));
            }
            if (auto it = idents.find(f.ident); it != idents.end())
                err(f.pos,
                    fmt::format("field '{}' maps to identifier '{}', already used by field '{}'",
                                f.wire_name, f.ident, it->second));
            else
                idents[f.ident] = f.wire_name;
            out.push_back(std::move(f));
        }
        return out;
    }

    std::vector<arg> parse_args(kv const& e, std::string const& hint) {
        static std::regex const re("[A-Za-z_][A-Za-z0-9_]*");
        std::vector<arg> out;
        if (!e.value.IsSequence()) {
            err(pos(e), "expected a sequence");
            return out;
        }
        std::map<std::string, std::string> idents;
        for (auto const& item : e.value) {
            auto m = as_map(item, pos(item));
            if (!m) continue;
            arg a;
            a.pos = pos(item);
            auto n = m->get("name");
            if (!n)
                err(a.pos, "missing required key 'name'");
            else if (auto s = scalar(*n)) {
                a.name = *s;
                identifier(a.name, pos(*n), "argument name", "[A-Za-z_][A-Za-z0-9_]*", re);
            }
            a.ident = to_ident(a.name);
            a.type = parse_type_map(*m, hint + to_pascal(a.name), {"name", "optional"});
            a.optional = flag(*m, "optional");
            a.description = text(*m, "description");
            if (!a.name.empty()) {
                if (auto it = idents.find(a.ident); it != idents.end())
                    err(a.pos, fmt::format("argument '{}' maps to identifier '{}', already used "
                                           "by argument '{}'",
                                           a.name, a.ident, it->second));
                else
                    idents[a.ident] = a.name;
            }
            out.push_back(std::move(a));
        }
        for (std::size_t i = 0; i + 1 < out.size(); ++i)
            if (out[i].optional && !out[i + 1].optional) {
                err(out[i].pos, fmt::format("optional argument '{}' comes before required argument "
                                            "'{}'; only trailing arguments may be optional",
                                            out[i].name, out[i + 1].name));
                break;
            }
        return out;
    }

    // ---- named types ----

    void declare_types(kv const& e) {
        static std::regex const re("[A-Z][A-Za-z0-9]*");
        auto m = as_map(e, "type");
        if (!m) return;
        for (auto const& item : m->items) {
            source_pos p = pos(item.key);
            if (!identifier(item.name, p, "type name", "PascalCase [A-Z][A-Za-z0-9]*", re))
                continue;
            named_state st;
            st.node = make(kind::json, p);
            st.decl = item.value;
            st.pos = p;
            named_[item.name] = st;
            named_order_.push_back(item.name);
            register_name(item.name, to_ident(item.name), p, false);
        }
    }

    void define_type(std::string const& name) {
        auto& st = named_[name];
        if (st.state == 2) return;
        if (st.state == 1) {
            err(st.pos, fmt::format("type '{}' contains itself; it may refer to itself only "
                                    "through an array or map",
                                    name));
            return;
        }
        st.state = 1;
        std::string saved = std::exchange(current_named_, name);
        type_ptr r;
        std::string desc;
        if (st.decl.IsScalar())
            r = parse_type_string(st.decl.Scalar(), pos(st.decl));
        else if (auto m = st.decl.IsMap() ? as_map(st.decl, st.pos) : std::nullopt) {
            r = parse_type_map(*m, name, {});
            desc = text(*m, "description");
        } else {
            err(st.pos, "expected a type");
            r = make(kind::json, st.pos);
        }
        // An alias of another named type copies its (complete) definition.
        for (auto const& [other, ost] : named_)
            if (ost.node == r && other != name) define_type(other);
        current_named_ = saved;
        if (r != st.node)
            *st.node = *r;
        else
            err(st.pos, fmt::format("type '{}' contains itself; it may refer to itself only "
                                    "through an array or map",
                                    name));
        st.node->name = name;
        st.node->ident = to_ident(name);
        st.node->declared = true;
        st.node->pos = st.pos;
        if (!desc.empty()) st.node->description = desc;
        st.state = 2;
    }

    /// Whether `from` holds `target` by value (through fields and tuple elements).
    static bool holds(type const& from, type const* target, std::set<type const*>& seen) {
        auto step = [&](type_ptr const& t) {
            if (t.get() == target) return true;
            return seen.insert(t.get()).second && holds(*t, target, seen);
        };
        for (auto const& f : from.fields)
            if (step(f.type)) return true;
        for (auto const& t : from.elements)
            if (step(t)) return true;
        return false;
    }

    // ---- namespaces ----

    std::vector<recipient> parse_recipients(kv const& e) {
        std::vector<recipient> out;
        if (!e.value.IsSequence()) {
            err(pos(e), "expected a sequence");
            return out;
        }
        auto kind_of = [&](std::string const& s,
                           source_pos const& p) -> std::optional<recipient::kind> {
            if (s == "sender") return recipient::kind::sender;
            if (s == "socket") return recipient::kind::socket;
            if (s == "namespace") return recipient::kind::nsp;
            if (s == "room") return recipient::kind::room;
            err(p, fmt::format(
                       "unknown recipient '{}' (expected sender, socket, namespace or room)", s));
            return std::nullopt;
        };
        for (auto const& item : e.value) {
            recipient r;
            r.pos = pos(item);
            if (item.IsScalar()) {
                auto k = kind_of(item.Scalar(), r.pos);
                if (!k) continue;
                if (*k == recipient::kind::room) {
                    err(r.pos, "recipient 'room' needs the form { to: room, room: <name> }");
                    continue;
                }
                r.k = *k;
            } else if (auto m = as_map(item, r.pos)) {
                check_keys(*m, {"to", "room", "exceptSender", "description"}, {"to"});
                auto to = m->get("to");
                auto to_s = to ? scalar(*to) : std::nullopt;
                auto k = to_s ? kind_of(*to_s, pos(*to)) : std::nullopt;
                if (!k) continue;
                r.k = *k;
                r.room = text(*m, "room");
                r.except_sender = flag(*m, "exceptSender");
                r.description = text(*m, "description");
                if (r.k == recipient::kind::room && !m->get("room"))
                    err(pos(m->node), "missing required key 'room'");
                if (r.k != recipient::kind::room && m->get("room"))
                    err(pos(m->get("room")->key), "'room' applies only to 'to: room'");
            } else
                continue;
            out.push_back(std::move(r));
        }
        return out;
    }

    std::vector<trigger> parse_triggers(kv const& e) {
        static std::regex const rest_re(R"((GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (/\S*))");
        std::vector<trigger> out;
        if (!e.value.IsSequence()) {
            err(pos(e), "expected a sequence");
            return out;
        }
        for (auto const& item : e.value) {
            auto m = as_map(item, pos(item));
            if (!m) continue;
            check_keys(*m, {"rest", "event", "on", "server", "description"}, {});
            trigger t;
            t.pos = pos(item);
            t.description = text(*m, "description");
            int n = 0;
            for (auto k : {"rest", "event", "on", "server"}) n += m->get(k) != nullptr;
            if (n != 1) {
                err(t.pos, n == 0 ? "trigger needs one of 'rest', 'event', 'on' or 'server'"
                                  : "trigger takes only one of 'rest', 'event', 'on' or 'server'");
                continue;
            }
            if (auto x = m->get("rest")) {
                t.k = trigger::kind::rest;
                std::string s = scalar(*x).value_or("");
                std::smatch sm;
                if (std::regex_match(s, sm, rest_re))
                    t.method = sm[1], t.path = sm[2];
                else
                    err(pos(*x), fmt::format("bad REST trigger '{}' (expected 'METHOD /path')", s));
            } else if (auto x = m->get("event")) {
                t.k = trigger::kind::event;
                t.event = scalar(*x).value_or("");
                t.pos = pos(*x);
            } else if (auto x = m->get("on")) {
                t.k = trigger::kind::lifecycle;
                t.lifecycle = scalar(*x).value_or("");
                if (t.lifecycle != "connect" && t.lifecycle != "disconnect")
                    err(pos(*x), fmt::format("unknown lifecycle trigger '{}' (expected connect or "
                                             "disconnect)",
                                             t.lifecycle));
            } else if (auto x = m->get("server")) {
                t.k = trigger::kind::server;
                t.text = scalar(*x).value_or("");
            }
            out.push_back(std::move(t));
        }
        return out;
    }

    void parse_code_refs(kv const& e, std::vector<std::string>& out) {
        for (auto& [code, p] : strings(e)) {
            out.push_back(code);
            code_refs_.push_back({code, p});
        }
    }

    /// An example value: a JSON string (kept verbatim) or plain YAML.
    struct example_json {
        boost::json::value value;
        std::string verbatim;
        std::map<std::string, source_pos> where;  // plain YAML only
    };
    std::optional<example_json> example_value(kv const& e, std::string const& path) {
        example_json x;
        if (e.value.IsScalar() && !plain(e.value)) {
            std::string const& json = e.value.Scalar();
            boost::json::stream_parser p;
            boost::system::error_code ec;
            std::size_t n = p.write(json.data(), json.size(), ec);
            if (!ec) p.finish(ec);
            if (ec) {
                err(json_offset_pos(e.value, n),
                    fmt::format("example JSON syntax error: {}", ec.message()));
                return std::nullopt;
            }
            x.value = p.release();
            x.verbatim = rtrim(json);
            return x;
        }
        x.value = yaml_to_json(e.value, path, x.where);
        x.verbatim = to_canonical_json(x.value);
        return x;
    }

    /// Checks one argument list example against `args`; returns the canonical JSON array.
    std::optional<std::pair<std::string, std::string>> example_args(
        mapping const& m, std::string_view single_key, std::string_view list_key,
        std::vector<arg> const& args, std::string const& prefix, bool& single) {
        auto one = m.get(single_key);
        auto all = m.get(list_key);
        if (one && all) {
            err(pos(all->key), fmt::format("'{}' and '{}' are exclusive", single_key, list_key));
            return std::nullopt;
        }
        kv const* e = one ? one : all;
        if (!e) return std::nullopt;
        std::string path = prefix + "." + e->name;
        auto v = example_value(*e, path);
        if (!v) return std::nullopt;
        std::size_t required = 0;
        for (auto const& a : args) required += !a.optional;
        std::vector<value_problem> problems;
        single = one != nullptr;
        std::string canonical;
        if (one) {
            if (args.empty() || required > 1)
                problems.push_back({path, fmt::format("the leg has {} arguments; use '{}'",
                                                      args.size(), list_key)});
            else
                check_value(v->value, *args[0].type, path, problems);
            canonical = "[" + to_canonical_json(v->value) + "]";
        } else {
            if (!v->value.is_array())
                problems.push_back({path, "expected a JSON array"});
            else {
                auto const& a = v->value.get_array();
                if (a.size() < required || a.size() > args.size())
                    problems.push_back(
                        {path, fmt::format("expected {} arguments, got {}",
                                           required == args.size()
                                               ? std::to_string(required)
                                               : fmt::format("{} to {}", required, args.size()),
                                           a.size())});
                else
                    for (std::size_t i = 0; i < a.size(); ++i)
                        check_value(a[i], *args[i].type, fmt::format("{}[{}]", path, i), problems);
            }
            canonical = to_canonical_json(v->value);
        }
        for (auto const& p : problems) {
            // The deepest YAML node on the path (plain YAML examples), else the example value.
            source_pos at = pos(*e);
            for (std::string q = p.path; !q.empty();) {
                if (auto it = v->where.find(q); it != v->where.end()) {
                    at = it->second;
                    break;
                }
                auto cut = q.find_last_of(".[");
                q = cut == std::string::npos ? std::string() : q.substr(0, cut);
            }
            err(at, p.path + ": " + p.message);
        }
        return std::pair{canonical, v->verbatim};
    }

    std::vector<example> parse_examples(kv const& e, leg const& l) {
        std::vector<example> out;
        if (!e.value.IsSequence()) {
            err(pos(e), "expected a sequence");
            return out;
        }
        for (std::size_t i = 0; i < e.value.size(); ++i) {
            YAML::Node item = e.value[i];
            auto m = as_map(item, pos(item));
            if (!m) continue;
            check_keys(*m, {"name", "description", "payload", "args", "ackPayload", "ackArgs"}, {});
            example x;
            x.pos = pos(item);
            x.name = text(*m, "name");
            x.description = text(*m, "description");
            std::string prefix = fmt::format("examples[{}]", i);
            if (!m->get("payload") && !m->get("args"))
                err(x.pos, "example needs 'payload' or 'args'");
            if (auto a = example_args(*m, "payload", "args", l.args, prefix, x.single_arg))
                std::tie(x.args_json, x.args_verbatim) = *a;
            if ((m->get("ackPayload") || m->get("ackArgs")) && !l.has_ack)
                err(pos((m->get("ackPayload") ? m->get("ackPayload") : m->get("ackArgs"))->key),
                    "example has an ack but the leg takes none");
            else if (auto a = example_args(*m, "ackPayload", "ackArgs", l.ack_args, prefix,
                                           x.single_ack)) {
                x.ack_json = a->first;
                x.ack_verbatim = a->second;
            }
            out.push_back(std::move(x));
        }
        return out;
    }

    leg parse_leg(mapping const& m, leg_kind lk, std::string const& hint) {
        leg l;
        l.pos = pos(m.node);
        l.description = text(m, "description");
        if (auto e = m.get("args")) l.args = parse_args(*e, hint);
        if (auto e = m.get("ack")) {
            l.has_ack = true;
            if (auto am = as_map(*e)) {
                check_keys(*am, {"description", "args"}, {});
                l.ack_description = text(*am, "description");
                if (auto a = am->get("args")) l.ack_args = parse_args(*a, hint + "Ack");
            }
        }
        for (auto k : {"recipients", "triggers"}) {
            auto e = m.get(k);
            if (!e) continue;
            if (lk == leg_kind::c2s) {
                err(pos(e->key), fmt::format("{} are only allowed on server-to-client legs", k));
                continue;
            }
            if (k[0] == 'r')
                l.recipients = parse_recipients(*e);
            else
                l.triggers = parse_triggers(*e);
        }
        if (auto e = m.get("errors")) parse_code_refs(*e, l.errors);
        if (auto e = m.get("examples")) l.examples = parse_examples(*e, l);
        return l;
    }

    std::optional<event> parse_event(kv const& item) {
        event ev;
        ev.wire_name = item.name;
        ev.ident = to_ident(item.name);
        ev.pos = pos(item.key);
        if (item.name.empty()) {
            err(ev.pos, "event name must not be empty");
            return std::nullopt;
        }
        if (contains(reserved_events, item.name)) {
            err(ev.pos,
                fmt::format("reserved Socket.IO event name '{}'; document it under lifecycle",
                            item.name));
            return std::nullopt;
        }
        auto m = as_map(item);
        if (!m) return std::nullopt;
        ev.description = text(*m, "description");
        std::string base = to_pascal(ev.ident);
        auto c2s = m->get("client-to-server");
        auto s2c = m->get("server-to-client");
        if (c2s || s2c) {
            ev.split = true;
            for (auto const& e : m->items)
                if (e.name == "direction" ||
                    (contains(leg_keys, e.name) && e.name != "description"))
                    err(pos(e.key),
                        fmt::format("'{}' cannot be combined with per-direction blocks", e.name));
            check_keys(*m, keys{"client-to-server", "server-to-client", "direction"} + leg_keys,
                       {});
            for (auto [block, dir] : {std::pair{c2s, direction::client_to_server},
                                      std::pair{s2c, direction::server_to_client}}) {
                if (!block) continue;
                auto bm = as_map(*block);
                if (!bm) continue;
                check_keys(*bm, leg_keys, {});
                bool to_server = dir == direction::client_to_server;
                leg l = parse_leg(*bm, to_server ? leg_kind::c2s : leg_kind::s2c,
                                  base + (to_server ? "C2s" : "S2c"));
                l.dir = dir;
                ev.legs.push_back(std::move(l));
            }
            return ev;
        }
        check_keys(*m, keys{"direction"} + leg_keys, {"direction"});
        auto d = m->get("direction");
        if (!d) return std::nullopt;
        std::string dir = scalar(*d).value_or("");
        leg_kind lk;
        if (dir == "client-to-server")
            lk = leg_kind::c2s;
        else if (dir == "server-to-client")
            lk = leg_kind::s2c;
        else if (dir == "both")
            lk = leg_kind::both;
        else {
            err(pos(*d), fmt::format("unknown direction '{}' (expected client-to-server, "
                                     "server-to-client or both)",
                                     dir));
            return std::nullopt;
        }
        leg l = parse_leg(*m, lk, base);
        if (lk != leg_kind::s2c) {
            leg c = l;
            c.dir = direction::client_to_server;
            c.recipients.clear();
            c.triggers.clear();
            ev.legs.push_back(std::move(c));
        }
        if (lk != leg_kind::c2s) {
            l.dir = direction::server_to_client;
            ev.legs.push_back(std::move(l));
        }
        return ev;
    }

    void parse_rooms(kv const& e, nsp& ns) {
        static std::regex const re("[A-Za-z_][A-Za-z0-9_]*");
        if (!e.value.IsSequence()) return err(pos(e), "expected a sequence");
        for (auto const& item : e.value) {
            auto m = as_map(item, pos(item));
            if (!m) continue;
            check_keys(*m, {"name", "pattern", "description", "join", "leave"},
                       {"name", "pattern"});
            room r;
            r.pos = pos(item);
            if (auto n = m->get("name")) {
                r.name = scalar(*n).value_or("");
                if (!identifier(r.name, pos(*n), "room name", "[A-Za-z_][A-Za-z0-9_]*", re))
                    continue;
                if (std::any_of(ns.rooms.begin(), ns.rooms.end(),
                                [&](room const& o) { return o.name == r.name; }))
                    err(pos(*n), fmt::format("duplicate room '{}'", r.name));
            }
            if (auto p = m->get("pattern")) {
                r.pattern = scalar(*p).value_or("");
                for (std::size_t at = 0; (at = r.pattern.find('{', at)) != std::string::npos;) {
                    auto close = r.pattern.find('}', at);
                    if (close == std::string::npos) {
                        err(pos(*p), "unterminated '{' in room pattern");
                        break;
                    }
                    r.params.push_back(r.pattern.substr(at + 1, close - at - 1));
                    at = close;
                }
            }
            r.description = text(*m, "description");
            if (auto x = m->get("join")) r.join = parse_triggers(*x);
            if (auto x = m->get("leave")) r.leave = parse_triggers(*x);
            ns.rooms.push_back(std::move(r));
        }
    }

    void parse_errors(kv const& e, nsp& ns) {
        if (!e.value.IsSequence()) return err(pos(e), "expected a sequence");
        for (auto const& item : e.value) {
            auto m = as_map(item, pos(item));
            if (!m) continue;
            check_keys(*m, {"code", "surface", "event", "description"}, {"code", "surface"});
            error_code c;
            c.pos = pos(item);
            c.code = text(*m, "code");
            if (auto x = m->get("code");
                x && std::any_of(ns.errors.begin(), ns.errors.end(),
                                 [&](error_code const& o) { return o.code == c.code; }))
                err(pos(*x), fmt::format("duplicate error code '{}'", c.code));
            if (auto s = m->get("surface")) {
                std::string v = scalar(*s).value_or("");
                if (v == "connect_error")
                    c.where = error_code::surface::connect_error;
                else if (v == "event")
                    c.where = error_code::surface::event;
                else if (v == "ack")
                    c.where = error_code::surface::ack;
                else
                    err(pos(*s), fmt::format("unknown error surface '{}' (expected connect_error, "
                                             "event or ack)",
                                             v));
                if (c.where == error_code::surface::event && !m->get("event"))
                    err(pos(m->node), "missing required key 'event'");
            }
            if (auto x = m->get("event")) {
                c.event = scalar(*x).value_or("");
                if (c.where != error_code::surface::event)
                    err(pos(x->key), "'event' applies only to 'surface: event'");
            }
            c.description = text(*m, "description");
            ns.errors.push_back(std::move(c));
        }
    }

    void parse_auth(kv const& e, nsp& ns) {
        auto m = as_map(e);
        if (!m) return;
        check_keys(
            *m, {"scheme", "required", "sources", "algorithms", "claims", "errors", "description"},
            {"scheme"});
        auth_spec a;
        a.pos = pos(m->node);
        if (auto s = m->get("scheme")) {
            a.scheme = scalar(*s).value_or("");
            if (a.scheme != "jwt" && a.scheme != "none")
                err(pos(*s),
                    fmt::format("unknown auth scheme '{}' (expected jwt or none)", a.scheme));
        }
        a.required = flag(*m, "required");
        if (auto s = m->get("sources"))
            for (auto& [v, p] : strings(*s)) {
                if (v != "auth.token" && v != "header.authorization" && v != "query.token")
                    err(p, fmt::format("unknown token source '{}' (expected auth.token, "
                                       "header.authorization or query.token)",
                                       v));
                a.sources.push_back(v);
            }
        if (auto s = m->get("algorithms"))
            for (auto& [v, p] : strings(*s)) {
                static std::set<std::string> const known{
                    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256",
                    "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA"};
                if (v == "none" || !known.count(v))
                    err(p, v == "none" ? std::string("JWT algorithm 'none' is never accepted")
                                       : fmt::format("unknown JWT algorithm '{}'", v));
                a.algorithms.push_back(v);
            }
        if (auto s = m->get("claims"))
            a.claims = parse_fields(*s, to_pascal(ns.ident.substr(4)) + "Claims");
        if (auto s = m->get("errors")) parse_code_refs(*s, a.errors);
        a.description = text(*m, "description");
        ns.auth = std::move(a);
    }

    /// Types, event descriptors, namespace tags and the generated event lists all live in
    /// the API's one C++ namespace: two of them with the same identifier would not compile.
    void check_cpp_scope(api const& a) {
        static const std::set<std::string> reserved{
            "client_to_server_events", "server_to_client_events", "tag_invoke", "to_wire",
            "from_wire", "encode", "decode"};
        std::map<std::string, std::string> used;  // identifier -> what uses it
        for (auto const& [ident, name] : type_idents_) used[ident] = fmt::format("type '{}'", name);
        for (auto const& ns : a.namespaces) {
            used.emplace(ns.ident, fmt::format("namespace '{}'", ns.path));
            used.emplace(ns.ident + "_client_to_server_events", "a generated event list");
            used.emplace(ns.ident + "_server_to_client_events", "a generated event list");
        }
        for (auto const& [ident, name] : type_idents_)
            if (reserved.count(ident))
                err(type_names_[name],
                    fmt::format("type '{}' maps to C++ identifier '{}', which sockspec-gen "
                                "reserves; rename the type",
                                name, ident));
        for (auto const& ns : a.namespaces)
            for (auto const& ev : ns.events) {
                if (reserved.count(ev.ident)) {
                    err(ev.pos, fmt::format("event '{}' maps to C++ identifier '{}', which "
                                            "sockspec-gen reserves",
                                            ev.wire_name, ev.ident));
                    continue;
                }
                auto [it, fresh] =
                    used.emplace(ev.ident, fmt::format("event '{}'", ev.wire_name));
                if (!fresh)
                    err(ev.pos,
                        fmt::format("event '{}' maps to C++ identifier '{}', already used by {}; {}",
                                    ev.wire_name, ev.ident, it->second,
                                    it->second.starts_with("type")
                                        ? fmt::format("rename the type (e.g. '{}Payload')",
                                                      to_pascal(ev.ident))
                                        : std::string("rename one of them")));
            }
    }

    void check_trigger_event(trigger const& t, nsp const& ns) {
        if (t.k != trigger::kind::event) return;
        for (auto const& ev : ns.events)
            if (ev.wire_name == t.event) {
                if (!ev.find(direction::client_to_server))
                    err(t.pos,
                        fmt::format("trigger event '{}' is not a client-to-server event", t.event));
                return;
            }
        err(t.pos,
            fmt::format("trigger event '{}' is not an event of namespace '{}'", t.event, ns.path));
    }

    /// Cross references inside a namespace: rooms, error codes, trigger events.
    void resolve(nsp const& ns) {
        for (auto const& r : code_refs_)
            if (std::none_of(ns.errors.begin(), ns.errors.end(),
                             [&](error_code const& c) { return c.code == r.code; }))
                err(r.pos, fmt::format("unknown error code '{}'", r.code));
        code_refs_.clear();
        for (auto const& c : ns.errors) {
            if (c.where != error_code::surface::event || c.event.empty()) continue;
            auto ev = std::find_if(ns.events.begin(), ns.events.end(),
                                   [&](event const& e) { return e.wire_name == c.event; });
            if (ev == ns.events.end())
                err(c.pos,
                    fmt::format("error '{}' is carried by unknown event '{}'", c.code, c.event));
            else if (!ev->find(direction::server_to_client))
                err(c.pos, fmt::format("error '{}' is carried by event '{}', which has no "
                                       "server-to-client leg",
                                       c.code, c.event));
        }
        for (auto const& r : ns.rooms) {
            for (auto const& t : r.join) check_trigger_event(t, ns);
            for (auto const& t : r.leave) check_trigger_event(t, ns);
        }
        for (auto const& ev : ns.events)
            for (auto const& l : ev.legs) {
                for (auto const& t : l.triggers) check_trigger_event(t, ns);
                for (auto const& r : l.recipients)
                    if (r.k == recipient::kind::room && !r.room.empty() &&
                        std::none_of(ns.rooms.begin(), ns.rooms.end(),
                                     [&](room const& x) { return x.name == r.room; }))
                        err(r.pos, fmt::format("unknown room '{}'", r.room));
            }
    }

    std::optional<nsp> parse_nsp(kv const& item) {
        nsp ns;
        ns.path = item.name;
        ns.pos = pos(item.key);
        if (ns.path.empty() || ns.path[0] != '/') {
            err(ns.pos, fmt::format("namespace path '{}' must start with '/'", ns.path));
            return std::nullopt;
        }
        ns.ident = nsp_ident(ns.path);
        auto m = as_map(item);
        if (!m) return std::nullopt;
        check_keys(*m, {"description", "auth", "rooms", "errors", "lifecycle", "events"}, {});
        ns.description = text(*m, "description");
        if (auto e = m->get("errors")) parse_errors(*e, ns);
        if (auto e = m->get("rooms")) parse_rooms(*e, ns);
        if (auto e = m->get("auth")) parse_auth(*e, ns);
        if (auto e = m->get("lifecycle"))
            if (auto lm = as_map(*e))
                for (auto const& x : lm->items) {
                    if (!contains(reserved_events, x.name)) {
                        err(pos(x.key), fmt::format("'{}' is not a reserved Socket.IO event name; "
                                                    "declare it under events",
                                                    x.name));
                        continue;
                    }
                    ns.lifecycle.push_back({x.name, rtrim(scalar(x).value_or("")), pos(x.key)});
                }
        if (auto e = m->get("events"))
            if (auto em = as_map(*e, "event")) {
                std::map<std::string, std::string> idents;
                for (auto const& x : em->items) {
                    auto ev = parse_event(x);
                    if (!ev) continue;
                    if (auto it = idents.find(ev->ident); it != idents.end())
                        err(ev->pos, fmt::format("event '{}' maps to identifier '{}', already used "
                                                 "by event '{}'",
                                                 ev->wire_name, ev->ident, it->second));
                    idents[ev->ident] = ev->wire_name;
                    ns.events.push_back(std::move(*ev));
                }
            }
        resolve(ns);
        return ns;
    }

    void parse_api(kv const& e, api& a) {
        static std::regex const re("[a-z][a-z0-9_]*");
        auto m = as_map(e);
        if (!m) return;
        check_keys(*m, {"name", "title", "version", "description", "source", "defaults"},
                   {"name", "version"});
        if (auto n = m->get("name")) {
            a.name = scalar(*n).value_or("");
            a.pos = pos(*n);
            identifier(a.name, a.pos, "api name", "[a-z][a-z0-9_]*", re);
        }
        a.title = text(*m, "title");
        a.version = text(*m, "version");
        a.description = text(*m, "description");
        a.source = text(*m, "source");
        auto d = m->get("defaults");
        if (!d) return;
        auto dm = as_map(*d);
        if (!dm) return;
        check_keys(*dm, {"path", "port", "tls", "transports"}, {});
        if (auto p = dm->get("path")) {
            a.path = scalar(*p).value_or("/");
            if (a.path.empty() || a.path[0] != '/') err(pos(*p), "path must start with '/'");
        }
        if (auto p = dm->get("port")) {
            auto v = count(*p);
            if (v && (*v < 1 || *v > 65535))
                err(pos(*p), "port must be in 1-65535");
            else if (v)
                a.port = static_cast<int>(*v);
        }
        if (auto t = dm->get("tls")) {
            auto v = scalar(*t);
            if (v == "true") a.tls = true;
            else if (v != "false") err(pos(*t), "tls must be true or false");
        }
        if (auto t = dm->get("transports")) {
            a.transports.clear();
            for (auto& [v, p] : strings(*t)) {
                if (v != "websocket" && v != "polling")
                    err(p,
                        fmt::format("unknown transport '{}' (expected websocket or polling)", v));
                else if (std::find(a.transports.begin(), a.transports.end(), v) !=
                         a.transports.end())
                    err(p, fmt::format("duplicate transport '{}'", v));
                else
                    a.transports.push_back(v);
            }
        }
    }
};

std::optional<api> loader::run(YAML::Node const& root) {
    api a;
    auto m = as_map(root, {file_, 1, 1});
    if (!m) return std::nullopt;
    check_keys(*m, {"sockspec", "api", "types", "namespaces"}, {"sockspec", "api", "namespaces"});
    if (auto v = m->get("sockspec");
        v && !(v->value.IsScalar() && plain(v->value) && v->value.Scalar() == "1"))
        err(pos(*v), fmt::format("unsupported sockspec version '{}' (expected 1)",
                                 v->value.IsScalar() ? v->value.Scalar() : std::string("?")));
    if (auto e = m->get("api")) parse_api(*e, a);
    if (auto e = m->get("types")) declare_types(*e);
    for (auto const& n : named_order_) define_type(n);
    for (auto const& n : named_order_) {
        auto const& st = named_[n];
        std::set<type const*> seen;
        if (st.state == 2 && holds(*st.node, st.node.get(), seen))
            err(st.pos,
                fmt::format("type '{}' contains itself; it may refer to itself only through "
                            "an array or map",
                            n));
        named_type nt{n, st.node->ident, st.node, st.node->description, st.pos};
        a.types.push_back(std::move(nt));
    }
    if (auto e = m->get("namespaces"))
        if (auto nm = as_map(*e, "namespace")) {
            if (nm->items.empty()) err(pos(*e), "at least one namespace is required");
            for (auto const& x : nm->items)
                if (auto ns = parse_nsp(x)) a.namespaces.push_back(std::move(*ns));
        }
    check_cpp_scope(a);
    for (auto& ns : a.namespaces)
        for (auto& ev : ns.events)
            for (auto& l : ev.legs) {
                l.canonical_shape = canonical_shape(ev.wire_name, l);
                l.fingerprint = fnv1a64(l.canonical_shape);
            }
    if (errors_ != 0) return std::nullopt;
    return a;
}

}  // namespace

std::optional<api> load_schema_text(std::string const& path, std::string const& text,
                                    diagnostics& diags) {
    diags.add_source(path, text);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (YAML::Exception const& e) {
        diags.error({path, e.mark.is_null() ? 1 : e.mark.line + 1,
                     e.mark.is_null() ? 1 : e.mark.column + 1},
                    "YAML syntax error: " + e.msg);
        return std::nullopt;
    }
    try {
        auto a = loader(path, text, diags).run(root);
        if (a) {
            std::filesystem::path p(path);
            a->source_file = p.is_absolute() ? p.filename().string() : path;
        }
        return a;
    } catch (std::exception const& e) {
        // yaml-cpp throws on malformed nodes we did not anticipate: still a diagnostic.
        diags.error({path, 1, 1}, std::string("cannot read schema: ") + e.what());
        return std::nullopt;
    }
}

std::optional<api> load_schema(std::string const& path, diagnostics& diags) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error({path, 0, 0}, "cannot open file");
        return std::nullopt;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return load_schema_text(path, ss.str(), diags);
}

void check_apis(std::vector<api> const& apis, diagnostics& diags) {
    std::map<std::string, api const*> seen;
    for (auto const& a : apis) {
        auto [it, fresh] = seen.emplace(a.name, &a);
        if (!fresh)
            diags.error(a.pos, fmt::format("duplicate api name '{}' (also used by {})", a.name,
                                           it->second->pos.file));
    }
}

}  // namespace sockspec::gen
