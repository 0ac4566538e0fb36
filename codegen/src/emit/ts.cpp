// TypeScript emitter: ts/<api>.ts per API. One self-contained module (no imports) with
// interfaces and string-literal unions for every payload type, socket.io v4 event maps per
// namespace, and dependency-free runtime guards that apply the rules of
// docs/schema-language.md. Output depends only on the IR, so it is byte-for-byte deterministic.
#include "emit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <string_view>

namespace sockspec::gen {
namespace {

/// `s` as a double-quoted JavaScript string literal (JSON escaping).
std::string js_string(std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) out += fmt::format("\\u{:04x}", c);
            else out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

bool is_js_ident(std::string_view s) {
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
    return std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '$';
    });
}

/// A property key: bare when it is an identifier, quoted otherwise ("_id" stays bare).
std::string prop_key(std::string_view wire) {
    return is_js_ident(wire) ? std::string(wire) : js_string(wire);
}

/// A parameter name: reserved words get a trailing '_' (same rule as C++ keywords).
std::string param_name(std::string_view n) {
    static const std::set<std::string_view> reserved = {
        "arguments", "await", "break", "case", "catch", "class", "const", "continue",
        "debugger", "default", "delete", "do", "else", "enum", "eval", "export", "extends",
        "false", "finally", "for", "function", "if", "implements", "import", "in",
        "instanceof", "interface", "let", "new", "null", "package", "private", "protected",
        "public", "return", "static", "super", "switch", "this", "throw", "true", "try",
        "typeof", "var", "void", "while", "with", "yield"};
    std::string out = is_js_ident(n) ? std::string(n) : "arg";
    return reserved.count(out) ? out + "_" : out;
}

/// "/emergencies" -> "Emergencies", "event:created" -> "EventCreated".
std::string pascal(std::string_view s) {
    std::string out;
    bool up = true;
    for (unsigned char c : s) {
        if (!std::isalnum(c)) { up = true; continue; }
        out += up ? static_cast<char>(std::toupper(c)) : static_cast<char>(c);
        up = false;
    }
    return out;
}

std::string camel(std::string_view s) {
    std::string out = pascal(s);
    if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
    return out;
}

/// A number literal that JavaScript reads back as the same double.
std::string js_number(double d) {
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    return fmt::format("{}", d);
}

/// A decimal integer string for the range checks of `encoding: string` integers.
std::string decimal(double d) { return fmt::format("{:.0f}", d); }

/// Escapes a description so it can sit inside a /** */ comment.
std::string doc_safe(std::string_view s) {
    std::string out(s);
    for (std::size_t p; (p = out.find("*/")) != std::string::npos;) out.replace(p, 2, "*\\/");
    return out;
}

/// Splits text into lines without the trailing newline.
std::vector<std::string> lines_of(std::string_view s) {
    std::vector<std::string> out;
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
    while (!s.empty()) {
        auto nl = s.find('\n');
        out.emplace_back(s.substr(0, nl));
        if (nl == std::string_view::npos) break;
        s.remove_prefix(nl + 1);
    }
    return out;
}

/// Human-readable constraints of a type node, for doc comments ("format: object-id").
std::string constraints(type const& t) {
    std::vector<std::string> c;
    static constexpr const char* formats[] = {"", "object-id", "date-time", "uuid", "uri",
                                              "email", "color"};
    if (t.format != string_format::none)
        c.push_back(fmt::format("format: {}", formats[static_cast<int>(t.format)]));
    if (t.min_length) c.push_back(fmt::format("minLength: {}", *t.min_length));
    if (t.max_length) c.push_back(fmt::format("maxLength: {}", *t.max_length));
    if (t.pattern) c.push_back(fmt::format("pattern: `{}`", *t.pattern));
    if (t.minimum) c.push_back(fmt::format("minimum: {}", js_number(*t.minimum)));
    if (t.maximum) c.push_back(fmt::format("maximum: {}", js_number(*t.maximum)));
    if (t.min_items) c.push_back(fmt::format("minItems: {}", *t.min_items));
    if (t.max_items) c.push_back(fmt::format("maxItems: {}", *t.max_items));
    if (t.k == kind::integer && t.int64_as_string) c.push_back("decimal string");
    if (!t.at_least_one_of.empty()) {
        std::string s = "at least one of:";
        for (auto const& f : t.at_least_one_of) s += " `" + f + "`";
        c.push_back(s);
    }
    std::string out;
    for (auto const& s : c) out += (out.empty() ? "" : "; ") + s;
    return out;
}

/// The runtime helpers a generated module may need, in output order. Only the used ones are
/// written, so `noUnusedLocals` stays happy.
struct helper {
    std::string_view name;
    std::string_view code;
};
constexpr helper helpers[] = {
    {"_isObject", R"(/** A JSON object: not null, not an array. */
function _isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
})"},
    {"_field", R"(/** Checks one own property: absent (undefined) is fine unless required. */
function _field(o: Record<string, unknown>, key: string, required: boolean, check: (x: unknown) => boolean): boolean {
  const x = Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
  return x === undefined ? !required : check(x);
})"},
    {"_present", R"(/** True when the own property is present (not undefined). */
function _present(o: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key) && o[key] !== undefined;
})"},
    {"_isArray", R"(/** An array whose every item passes `check`. */
function _isArray(v: unknown, check: (x: unknown) => boolean): v is unknown[] {
  return Array.isArray(v) && v.every((x) => check(x));
})"},
    {"_isMap", R"(/** An object used as a dictionary: every own value passes `check`. */
function _isMap(v: unknown, check: (x: unknown) => boolean): v is Record<string, unknown> {
  return _isObject(v) && Object.keys(v).every((k) => check(v[k]));
})"},
    {"_isTuple", R"(/** A fixed-length array, one check per position. */
function _isTuple(v: unknown, checks: ReadonlyArray<(x: unknown) => boolean>): v is unknown[] {
  return Array.isArray(v) && v.length === checks.length && checks.every((c, i) => c(v[i]));
})"},
    {"_args", R"(/** An argument list: `required` leading arguments, optional trailing ones. */
function _args(a: readonly unknown[], required: number, checks: ReadonlyArray<(x: unknown) => boolean>): boolean {
  return a.length >= required && a.length <= checks.length && a.every((x, i) => {
    const check = checks[i];
    return check !== undefined && check(x);
  });
})"},
    {"_isInt", R"(/** An integer number within [min, max]. */
function _isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === "number" && Math.floor(v) === v && v >= min && v <= max;
})"},
    {"_cmpDecimal", R"(/** Compares two canonical decimal integer strings numerically (-1, 0, 1). */
function _cmpDecimal(a: string, b: string): number {
  const na = a.charAt(0) === "-", nb = b.charAt(0) === "-";
  if (na !== nb) return na ? -1 : 1;
  const ma = na ? a.slice(1) : a, mb = nb ? b.slice(1) : b;
  const c = ma.length !== mb.length ? (ma.length < mb.length ? -1 : 1) : ma < mb ? -1 : ma > mb ? 1 : 0;
  return na ? -c : c;
})"},
    {"_isDecimal", R"(/** A 64-bit integer sent as a decimal string (`encoding: string`) within [min, max]. */
function _isDecimal(v: unknown, min: string, max: string): v is string {
  return typeof v === "string" && /^-?(0|[1-9][0-9]*)$/.test(v) && v !== "-0" &&
    _cmpDecimal(v, min) >= 0 && _cmpDecimal(v, max) <= 0;
})"},
    {"_isDateTime", R"(/** RFC 3339 date-time (2026-01-12T10:30:00.000Z, 2024-01-15T10:00:00+02:00), real calendar dates. */
function _isDateTime(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/.exec(s);
  if (m === null) return false;
  const y = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
})"},
};

/// Writes one API's module.
class ts_writer {
public:
    explicit ts_writer(api const& a) : api_(a) {}

    std::string run() {
        header();
        for (auto const& nt : api_.types) collect_named(nt);
        for (auto const& n : api_.namespaces) {
            if (n.auth)
                for (auto const& f : n.auth->claims) collect(f.type);
            for (auto const& e : n.events)
                for (auto const& l : e.legs) {
                    for (auto const& a : l.args) collect(a.type);
                    for (auto const& a : l.ack_args) collect(a.type);
                }
        }
        if (!decls_.empty()) out_ += "\n// Types\n";
        out_ += decls_;
        for (auto const& n : api_.namespaces) namespace_block(n);
        single_namespace_aliases();
        guards_by_namespace();
        runtime_helpers();
        return out_;
    }

private:
    api const& api_;
    std::set<std::string> seen_;                     // types already declared
    std::set<std::string_view> used_;                // helpers used
    std::string decls_;                              // type declarations and guards
    std::string out_;
    bool legguard_declared_ = false;                 // LegGuard is written before the first table

    static std::string const* alias_of(type const& t) { return declared_name(t); }

    bool is_named(type const& t) const {
        return t.k == kind::object || t.k == kind::enumeration || alias_of(t);
    }

    std::string const& name_of(type const& t) const {
        if (t.k == kind::object || t.k == kind::enumeration) return t.name;
        return *alias_of(t);
    }

    // ---- header and API constant
    void header() {
        out_ += fmt::format("// Generated by sockspec-gen {} from {}. DO NOT EDIT.\n",
                            generator_version, api_.source_file);
        out_ += fmt::format("//\n// {} {}: payload types, runtime guards and socket.io v4 event maps.\n",
                            api_.title.empty() ? api_.name : api_.title, api_.version);
        bool plain = api_.namespaces.size() == 1 ||
                     std::any_of(api_.namespaces.begin(), api_.namespaces.end(), [](auto const& n) { return n.path == "/"; });
        out_ += fmt::format("// Server: `new Server<{0}ClientToServerEvents, {0}ServerToClientEvents>()` (socket.io).\n"
                            "// Client: `const socket: Socket<{0}ServerToClientEvents, {0}ClientToServerEvents> = io(url)`\n"
                            "// (socket.io-client). Guards check untrusted values; unknown object fields are allowed.\n",
                            plain ? "" : "<Namespace>");
        if (!plain) out_ += "// Names per namespace: /emergencies -> EmergenciesClientToServerEvents (docs/typescript.md).\n";
        out_ += "\n";
        out_ += "/** The API's identity and connection defaults. */\nexport const api = {\n";
        out_ += fmt::format("  name: {},\n  version: {},\n", js_string(api_.name), js_string(api_.version));
        if (!api_.title.empty()) out_ += fmt::format("  title: {},\n", js_string(api_.title));
        out_ += fmt::format("  path: {},\n", js_string(api_.path));
        if (api_.port) out_ += fmt::format("  port: {},\n", *api_.port);
        out_ += fmt::format("  tls: {},\n", api_.tls ? "true" : "false");
        out_ += "  transports: [" + joined(api_.transports, [](auto const& s) { return js_string(s); }) + "],\n";
        out_ += "  namespaces: [" + joined(api_.namespaces, [](auto const& n) { return js_string(n.path); }) + "],\n";
        out_ += "} as const;\n";
    }

    template <class Range, class F>
    static std::string joined(Range const& r, F f, std::string_view sep = ", ") {
        std::string out;
        for (auto const& x : r) out += (out.empty() ? "" : std::string(sep)) + f(x);
        return out;
    }

    // ---- doc comments
    static void doc(std::string& out, std::string_view indent, std::vector<std::string> const& lines) {
        if (lines.empty()) return;
        if (lines.size() == 1) {
            out += fmt::format("{}/** {} */\n", indent, doc_safe(lines[0]));
            return;
        }
        out += fmt::format("{}/**\n", indent);
        for (auto const& l : lines)
            out += l.empty() ? fmt::format("{} *\n", indent) : fmt::format("{} * {}\n", indent, doc_safe(l));
        out += fmt::format("{} */\n", indent);
    }

    static std::vector<std::string> doc_lines(std::string_view description, type const* t = nullptr) {
        auto lines = lines_of(description);
        if (t) {
            auto c = constraints(*t);
            if (!c.empty()) lines.push_back(fmt::format("Constraints: {}.", c));
        }
        return lines;
    }

    // ---- type references
    std::string ts_type(type_ptr const& t) {
        if (is_named(*t)) return name_of(*t);
        return structural(*t);
    }

    std::string structural(type const& t) {
        switch (t.k) {
        case kind::string: return "string";
        case kind::boolean: return "boolean";
        case kind::integer: return t.int64_as_string ? "string" : "number";
        case kind::number: return "number";
        case kind::json: return "unknown";
        case kind::literal:
            switch (t.lit_kind) {
            case literal_kind::string: return js_string(t.lit_string);
            case literal_kind::integer: return std::to_string(t.lit_integer);
            case literal_kind::boolean: return t.lit_boolean ? "true" : "false";
            }
            return "never";
        case kind::array: {
            auto item = ts_type(t.items);
            return item.find_first_of(" |") != std::string::npos ? "(" + item + ")[]" : item + "[]";
        }
        case kind::tuple:
            return "[" + joined(t.elements, [&](auto const& e) { return ts_type(e); }) + "]";
        case kind::map: return "Record<string, " + ts_type(t.items) + ">";
        case kind::enumeration:
            return joined(t.values, [](auto const& v) { return js_string(v.wire); }, " | ");
        case kind::object: return t.name;
        }
        return "unknown";
    }

    // ---- guards: a predicate is a function value, an expression checks identifier `x`
    std::string predicate(type_ptr const& t) {
        if (is_named(*t)) return "is" + name_of(*t);
        return "(x) => " + structural_expr(*t, "x");
    }

    std::string expr(type const& t, std::string_view x) {
        if (is_named(t)) return fmt::format("is{}({})", name_of(t), x);
        return structural_expr(t, x);
    }

    std::string structural_expr(type const& t, std::string_view x) {
        std::string e;
        switch (t.k) {
        case kind::string: {
            e = fmt::format("typeof {} === \"string\"", x);
            // Lengths count UTF-16 code units, as JavaScript's `.length` (and the C++ codec) do.
            if (t.min_length) e += fmt::format(" && {}.length >= {}", x, *t.min_length);
            if (t.max_length) e += fmt::format(" && {}.length <= {}", x, *t.max_length);
            if (t.pattern) e += fmt::format(" && {}.test({})", regex_literal(*t.pattern), x);
            switch (t.format) {
            case string_format::none: break;
            case string_format::object_id: e += fmt::format(" && /^[0-9a-fA-F]{{24}}$/.test({})", x); break;
            case string_format::date_time: e += fmt::format(" && {}({})", use("_isDateTime"), x); break;
            case string_format::uuid:
                e += fmt::format(" && /^[0-9a-fA-F]{{8}}-[0-9a-fA-F]{{4}}-[0-9a-fA-F]{{4}}-[0-9a-fA-F]{{4}}-[0-9a-fA-F]{{12}}$/.test({})", x);
                break;
            // uri and email: no whitespace or control characters (U+0000-U+0020, U+007F).
            case string_format::uri: e += fmt::format(" && /^[A-Za-z][A-Za-z0-9+.-]*:[^\\x00-\\x20\\x7f]+$/.test({})", x); break;
            case string_format::email: e += fmt::format(" && /^[^\\x00-\\x20\\x7f@]+@[^\\x00-\\x20\\x7f@]+$/.test({})", x); break;
            case string_format::color: e += fmt::format(" && /^#([0-9a-fA-F]{{3}}|[0-9a-fA-F]{{6}})$/.test({})", x); break;
            }
            return e;
        }
        case kind::boolean: return fmt::format("typeof {} === \"boolean\"", x);
        case kind::number:
            e = fmt::format("typeof {0} === \"number\" && isFinite({0})", x);
            if (t.minimum) e += fmt::format(" && {} >= {}", x, js_number(*t.minimum));
            if (t.maximum) e += fmt::format(" && {} <= {}", x, js_number(*t.maximum));
            return e;
        case kind::integer: return integer_expr(t, x);
        case kind::literal: return fmt::format("{} === {}", x, structural(t));
        case kind::json: return fmt::format("{} !== undefined", x);
        case kind::array:
            e = fmt::format("{}({}, {})", use("_isArray"), x, predicate(t.items));
            if (t.min_items) e += fmt::format(" && {}.length >= {}", x, *t.min_items);
            if (t.max_items) e += fmt::format(" && {}.length <= {}", x, *t.max_items);
            return e;
        case kind::tuple:
            return fmt::format("{}({}, [{}])", use("_isTuple"), x,
                               joined(t.elements, [&](auto const& el) { return predicate(el); }));
        case kind::map: return fmt::format("{}({}, {})", use("_isMap"), x, predicate(t.items));
        case kind::enumeration:
        case kind::object: return fmt::format("is{}({})", t.name, x);
        }
        return "false";
    }

    std::string integer_expr(type const& t, std::string_view x) {
        // Type ranges; 64-bit numbers are limited to the IEEE-exact range (schema language,
        // "64-bit integers and JavaScript").
        struct range { double lo, hi; const char* slo; const char* shi; };
        static constexpr double safe = 9007199254740991.0;
        range r{};
        switch (t.width) {
        case int_width::i8: r = {-128, 127, "", ""}; break;
        case int_width::i16: r = {-32768, 32767, "", ""}; break;
        case int_width::i32: r = {-2147483648.0, 2147483647.0, "", ""}; break;
        case int_width::u8: r = {0, 255, "", ""}; break;
        case int_width::u16: r = {0, 65535, "", ""}; break;
        case int_width::u32: r = {0, 4294967295.0, "", ""}; break;
        case int_width::i64: r = {-safe, safe, "-9223372036854775808", "9223372036854775807"}; break;
        case int_width::u64: r = {0, safe, "0", "18446744073709551615"}; break;
        }
        if (t.int64_as_string) {
            std::string lo = t.minimum ? decimal(*t.minimum) : r.slo;
            std::string hi = t.maximum ? decimal(*t.maximum) : r.shi;
            use("_cmpDecimal");
            return fmt::format("{}({}, \"{}\", \"{}\")", use("_isDecimal"), x, lo, hi);
        }
        double lo = t.minimum ? std::max(*t.minimum, r.lo) : r.lo;
        double hi = t.maximum ? std::min(*t.maximum, r.hi) : r.hi;
        return fmt::format("{}({}, {}, {})", use("_isInt"), x, decimal(lo), decimal(hi));
    }

    /// A regex literal matching the whole value: /^(?:pattern)$/ with unescaped '/' escaped.
    static std::string regex_literal(std::string_view pattern) {
        std::string out = "/^(?:";
        bool in_class = false;
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.size()) {
                out += c;
                out += pattern[++i];
                continue;
            }
            if (c == '[') in_class = true;
            else if (c == ']') in_class = false;
            if (c == '/' && !in_class) out += '\\';
            if (c == '\n') { out += "\\n"; continue; }
            out += c;
        }
        return out + ")$/";
    }

    std::string_view use(std::string_view helper_name) {
        used_.insert(helper_name);
        if (helper_name == "_isMap") used_.insert("_isObject");
        return helper_name;
    }

    // ---- type declarations
    void collect_named(named_type const& nt) {
        if (!nt.type) return;
        auto const& t = *nt.type;
        bool nominal = t.k == kind::object || t.k == kind::enumeration;
        if (nominal && t.name == nt.name) return collect(nt.type);
        if (!seen_.insert(nt.name).second) return;
        // An alias: of a scalar or structure (ObjectId), or of another object or enum.
        decls_ += "\n";
        doc(decls_, "", doc_lines(nt.description.empty() ? t.description : nt.description,
                                  nominal ? nullptr : &t));
        decls_ += fmt::format("export type {} = {};\n", nt.name, nominal ? t.name : structural(t));
        guard(decls_, nt.name, nominal ? fmt::format("is{}(v)", t.name) : structural_expr(t, "v"));
        if (nominal) collect(nt.type);
        else for_children(t, [&](type_ptr const& c) { collect(c); });
    }

    template <class F>
    static void for_children(type const& t, F f) {
        if (t.items) f(t.items);
        for (auto const& e : t.elements) f(e);
        for (auto const& fl : t.fields) f(fl.type);
    }

    void collect(type_ptr const& t) {
        if (!t) return;
        if (t->k == kind::object || t->k == kind::enumeration) {
            if (!seen_.insert(t->name).second) return;
            // Pre-order: a type is declared before the inline types it introduces.
            if (t->k == kind::object) object_decl(*t);
            else enum_decl(*t);
        } else if (auto const* a = alias_of(*t)) {
            for (auto const& nt : api_.types)
                if (nt.name == *a) return collect_named(nt);
        }
        for_children(*t, [&](type_ptr const& c) { collect(c); });
    }

    void object_decl(type const& t) {
        decls_ += "\n";
        doc(decls_, "", doc_lines(t.description, &t));
        decls_ += fmt::format("export interface {} {{\n", t.name);
        for (auto const& f : t.fields) {
            auto lines = doc_lines(f.description.empty() ? f.type->description : f.description,
                                   is_named(*f.type) ? nullptr : f.type.get());
            doc(decls_, "  ", lines);
            decls_ += fmt::format("  {}{}: {}{};\n", prop_key(f.wire_name), f.optional ? "?" : "",
                                  ts_type(f.type), f.nullable ? " | null" : "");
        }
        decls_ += "}\n";
        std::string body = fields_check(t.fields);
        if (!t.at_least_one_of.empty())
            body += "\n    && (" + joined(t.at_least_one_of, [&](auto const& w) {
                        return fmt::format("{}(v, {})", use("_present"), js_string(w));
                    }, " || ") + ")";
        guard(decls_, t.name, body);
    }

    /// `_isObject(v) && _field(v, ...)...` for an object's fields.
    std::string fields_check(std::vector<field> const& fields) {
        std::string body = fmt::format("{}(v)", use("_isObject"));
        for (auto const& f : fields) {
            std::string p = predicate(f.type);
            if (f.nullable)
                p = fmt::format("(x) => x === null || {}", is_named(*f.type) ? p + "(x)" : expr(*f.type, "x"));
            body += fmt::format("\n    && {}(v, {}, {}, {})", use("_field"), js_string(f.wire_name),
                                f.optional ? "false" : "true", p);
        }
        return body;
    }

    void enum_decl(type const& t) {
        decls_ += "\n";
        auto lines = doc_lines(t.description);
        for (auto const& v : t.values)
            if (!v.description.empty()) lines.push_back(fmt::format("- `{}`: {}", v.wire, v.description));
        doc(decls_, "", lines);
        decls_ += fmt::format("export type {} = {};\n", t.name, structural(t));
        decls_ += fmt::format("/** Every value of {{@link {}}}, in schema order. */\n", t.name);
        decls_ += fmt::format("export const {}Values = [{}] as const;\n", t.name,
                              joined(t.values, [](auto const& v) { return js_string(v.wire); }));
        guard(decls_, t.name, fmt::format("typeof v === \"string\" && ({}Values as readonly string[]).indexOf(v) >= 0",
                                  t.name));
    }

    static void guard(std::string& out, std::string const& name, std::string const& body) {
        out += fmt::format("/** True when `v` is a valid {{@link {}}}. */\n", name);
        out += fmt::format("export function is{0}(v: unknown): v is {0} {{\n  return {1};\n}}\n",
                              name, body);
    }

    // ---- namespaces
    static std::string prefix(nsp const& n) { return n.path == "/" ? "" : pascal(n.path); }
    static std::string value_name(nsp const& n, std::string_view base) {
        if (n.path == "/") return std::string(base);
        return camel(n.path) + pascal(base);
    }

    std::string signature(std::vector<arg> const& args, leg const& l) {
        std::vector<std::string> ps;
        bool any_named_ack = false;
        for (auto const& a : args) {
            if (param_name(a.name) == "ack") any_named_ack = true;
            // A required ack callback cannot follow an optional parameter in TypeScript.
            if (a.optional && l.has_ack)
                ps.push_back(fmt::format("{}: {} | undefined", param_name(a.name), ts_type(a.type)));
            else
                ps.push_back(fmt::format("{}{}: {}", param_name(a.name), a.optional ? "?" : "",
                                         ts_type(a.type)));
        }
        if (l.has_ack) {
            std::vector<std::string> acks;
            for (auto const& a : l.ack_args)
                acks.push_back(fmt::format("{}{}: {}", param_name(a.name), a.optional ? "?" : "",
                                           ts_type(a.type)));
            ps.push_back(fmt::format("{}: ({}) => void", any_named_ack ? "ack_" : "ack",
                                     fmt::join(acks, ", ")));
        }
        return fmt::format("({}) => void", fmt::join(ps, ", "));
    }

    void events_interface(nsp const& n, direction d, std::string const& name) {
        out_ += fmt::format("\n/** Events {} in namespace `{}`. */\n",
                            d == direction::client_to_server ? "clients emit and the server handles"
                                                             : "the server emits and clients handle",
                            n.path);
        out_ += fmt::format("export interface {} {{\n", name);
        for (auto const& e : n.events) {
            auto const* l = e.find(d);
            if (!l) continue;
            auto lines = doc_lines(l->description.empty() ? e.description : l->description);
            for (auto const& a : l->args)
                if (!a.description.empty())
                    lines.push_back(fmt::format("@param {} {}", param_name(a.name), lines_of(a.description).front()));
            if (l->has_ack && !l->ack_description.empty())
                lines.push_back(fmt::format("@param ack {}", lines_of(l->ack_description).front()));
            doc(out_, "  ", lines);
            out_ += fmt::format("  {}: {};\n", js_string(e.wire_name), signature(l->args, *l));
        }
        out_ += "}\n";
    }

    void namespace_block(nsp const& n) {
        std::string p = prefix(n);
        out_ += fmt::format("\n// Namespace {}\n", n.path);
        events_interface(n, direction::client_to_server, p + "ClientToServerEvents");
        events_interface(n, direction::server_to_client, p + "ServerToClientEvents");
        if (n.auth && !n.auth->claims.empty()) {
            out_ += fmt::format("\n/** `socket.data` after authentication in `{}`: the verified token claims. */\n", n.path);
            out_ += fmt::format("export interface {}SocketData {{\n", p);
            for (auto const& f : n.auth->claims) {
                doc(out_, "  ", doc_lines(f.description, is_named(*f.type) ? nullptr : f.type.get()));
                out_ += fmt::format("  {}{}: {}{};\n", prop_key(f.wire_name), f.optional ? "?" : "",
                                    ts_type(f.type), f.nullable ? " | null" : "");
            }
            out_ += "}\n";
            guard(out_, p + "SocketData", fields_check(n.auth->claims));
        }

        std::string nsp_const = value_name(n, "nsp");
        out_ += fmt::format("\n/** Namespace `{}`: its path and the wire names of its events by direction. */\n", n.path);
        out_ += fmt::format("export const {} = {{\n  path: {},\n", nsp_const, js_string(n.path));
        for (auto d : {direction::client_to_server, direction::server_to_client}) {
            std::vector<std::string> names;
            for (auto const& e : n.events)
                if (e.find(d)) names.push_back(js_string(e.wire_name));
            out_ += fmt::format("  {}: [{}],\n", d == direction::client_to_server ? "clientToServer" : "serverToClient",
                                fmt::join(names, ", "));
        }
        out_ += "} as const;\n";

        if (!legguard_declared_) {
            legguard_declared_ = true;
            out_ += "\n/** Runtime checks of one event leg: its argument list and, if it takes one, its ack arguments. */\n"
                    "export interface LegGuard {\n"
                    "  readonly args: (a: readonly unknown[]) => boolean;\n"
                    "  readonly ack?: (a: readonly unknown[]) => boolean;\n"
                    "}\n";
        }
        std::string g = value_name(n, "guards");
        out_ += fmt::format("\n/** Runtime guards of every event leg in `{}`, by direction and wire name. */\n", n.path);
        out_ += fmt::format("export const {}: {{\n", g);
        out_ += fmt::format("  readonly clientToServer: {{ readonly [E in keyof {}ClientToServerEvents]: LegGuard }};\n", p);
        out_ += fmt::format("  readonly serverToClient: {{ readonly [E in keyof {}ServerToClientEvents]: LegGuard }};\n", p);
        out_ += "} = {\n";
        for (auto d : {direction::client_to_server, direction::server_to_client}) {
            out_ += fmt::format("  {}: {{\n", d == direction::client_to_server ? "clientToServer" : "serverToClient");
            for (auto const& e : n.events) {
                auto const* l = e.find(d);
                if (!l) continue;
                out_ += fmt::format("    {}: {{\n      args: (a) => {},\n", js_string(e.wire_name), args_check(l->args));
                if (l->has_ack) out_ += fmt::format("      ack: (a) => {},\n", args_check(l->ack_args));
                out_ += "    },\n";
            }
            out_ += "  },\n";
        }
        out_ += "};\n";
    }

    std::string args_check(std::vector<arg> const& args) {
        std::size_t required = 0;
        for (auto const& a : args)
            if (!a.optional) ++required;
        return fmt::format("{}(a, {}, [{}])", use("_args"), required,
                           joined(args, [&](auto const& a) { return predicate(a.type); }));
    }

    void single_namespace_aliases() {
        if (api_.namespaces.size() != 1 || api_.namespaces[0].path == "/") return;
        auto const& n = api_.namespaces[0];
        std::string p = prefix(n);
        out_ += fmt::format("\n// The only namespace, {}, also under the plain names.\n", n.path);
        for (std::string_view t : {"ClientToServerEvents", "ServerToClientEvents"})
            out_ += fmt::format("/** Same as {{@link {0}{1}}}. */\nexport type {1} = {0}{1};\n", p, t);
        if (n.auth && !n.auth->claims.empty()) {
            out_ += fmt::format("/** Same as {{@link {0}SocketData}}. */\nexport type SocketData = {0}SocketData;\n", p);
            out_ += fmt::format("/** Same as {{@link is{0}SocketData}}. */\nexport const isSocketData = is{0}SocketData;\n", p);
        }
        out_ += fmt::format("/** Same as {{@link {0}}}. */\nexport const nsp = {0};\n", value_name(n, "nsp"));
        out_ += fmt::format("/** Same as {{@link {0}}}. */\nexport const guards = {0};\n", value_name(n, "guards"));
    }

    void guards_by_namespace() {
        out_ += "\n/** The guards of every namespace, by namespace path. */\n"
                "export const guardsByNamespace = {\n";
        for (auto const& n : api_.namespaces)
            out_ += fmt::format("  {}: {},\n", js_string(n.path), value_name(n, "guards"));
        out_ += "} as const;\n";
    }

    void runtime_helpers() {
        if (used_.empty()) return;
        out_ += "\n// Runtime helpers\n";
        for (auto const& h : helpers)
            if (used_.count(h.name)) out_ += fmt::format("\n{}\n", h.code);
    }
};

}  // namespace

std::vector<output_file> emit_ts(std::vector<api> const& apis) {
    std::vector<output_file> out;
    for (auto const& a : apis) out.push_back({"ts/" + a.name + ".ts", ts_writer(a).run()});
    return out;
}

}  // namespace sockspec::gen
