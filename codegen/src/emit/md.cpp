// Markdown emitter: docs/index.md and docs/<api>.md. The reference a client or server author
// reads: connection, auth, rooms, error codes, lifecycle, an events summary, every event leg
// with its arguments, ack, recipients, triggers, errors and verbatim examples, and every type.
// Anchors are explicit (<a id>) and derived from names only, so they are stable.
#include "emit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>

namespace sockspec::gen {
namespace {

/// Lowercase, runs of other characters become '-': "event:created" -> "event-created".
std::string slug(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "x" : out;
}

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    while (!s.empty() && (s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
    return std::string(s);
}

/// Markdown text made safe for one table cell: '|' escaped, line breaks become spaces
/// (paragraph breaks become <br>).
std::string cell(std::string_view s) {
    std::string t = trim(s), out;
    for (std::size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (c == '|') out += "\\|";
        else if (c == '\n') {
            bool para = i + 1 < t.size() && t[i + 1] == '\n';
            while (i + 1 < t.size() && t[i + 1] == '\n') ++i;
            out += para ? "<br>" : " ";
        } else out += c;
    }
    return out.empty() ? "" : out;
}

/// Inline code that survives backticks in the text.
std::string code(std::string_view s) {
    if (s.find('`') == std::string_view::npos) return fmt::format("`{}`", s);
    return fmt::format("`` {} ``", s);
}

std::string js_string(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string num(double d) { return fmt::format("{}", d); }

const char* format_name(string_format f) {
    static constexpr const char* names[] = {"", "object-id", "date-time", "uuid", "uri", "email", "color"};
    return names[static_cast<int>(f)];
}

const char* width_name(int_width w) {
    static constexpr const char* names[] = {"int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"};
    return names[static_cast<int>(w)];
}

const char* arrow(direction d) {
    return d == direction::client_to_server ? "client → server" : "server → client";
}

template <class Range, class F>
std::string joined(Range const& r, F f, std::string_view sep = ", ") {
    std::string out;
    for (auto const& x : r) out += (out.empty() ? "" : std::string(sep)) + f(x);
    return out;
}

/// Writes one API's page.
class md_writer {
public:
    explicit md_writer(api const& a) : api_(a) {
        plan_anchors();
    }

    std::string run() {
        header();
        connection();
        for (auto const& n : api_.namespaces) namespace_section(n);
        types_section();
        return out_;
    }

private:
    api const& api_;
    std::set<std::string> taken_;                    // anchors in use
    std::map<std::string, std::string> anchors_;     // "kind\x1fnsp\x1fname" -> anchor
    std::vector<std::pair<std::string, type_ptr>> types_;   // every documented type, in order
    std::map<std::string, std::vector<std::string>> used_by_;   // type name -> event links
    std::string out_;

    // ---- names and anchors
    static std::string const* alias_of(type const& t) { return declared_name(t); }
    bool is_named(type const& t) const {
        return t.k == kind::object || t.k == kind::enumeration || alias_of(t);
    }
    std::string const& name_of(type const& t) const {
        if (t.k == kind::object || t.k == kind::enumeration) return t.name;
        return *alias_of(t);
    }

    static std::string key(std::string_view k, std::string_view n, std::string_view name) {
        return fmt::format("{}\x1f{}\x1f{}", k, n, name);
    }

    /// Reserves a unique anchor; a collision gets "-2", "-3", ... in document order.
    std::string reserve(std::string base) {
        std::string a = base;
        for (int i = 2; !taken_.insert(a).second; ++i) a = fmt::format("{}-{}", base, i);
        return a;
    }

    std::string anchor(std::string_view k, std::string_view n, std::string_view name) const {
        auto it = anchors_.find(key(k, n, name));
        return it == anchors_.end() ? std::string() : it->second;
    }

    static std::string nsp_slug(nsp const& n) { return n.path == "/" ? "root" : slug(n.path); }

    void plan_anchors() {
        for (std::string_view fixed : {"contents", "connection", "types"}) taken_.insert(std::string(fixed));
        for (auto const& n : api_.namespaces) {
            auto s = nsp_slug(n);
            for (std::string_view part : {"nsp", "connect", "auth", "rooms", "errors", "lifecycle", "events"})
                anchors_[key(part, n.path, "")] = reserve(fmt::format("{}-{}", part, s));
            for (auto const& r : n.rooms) anchors_[key("room", n.path, r.name)] = reserve(fmt::format("room-{}-{}", s, slug(r.name)));
            for (auto const& e : n.errors) anchors_[key("error", n.path, e.code)] = reserve(fmt::format("error-{}-{}", s, slug(e.code)));
            for (auto const& e : n.events) anchors_[key("event", n.path, e.wire_name)] = reserve(fmt::format("event-{}-{}", s, slug(e.wire_name)));
        }
        for (auto const& nt : api_.types) collect_named(nt);
        for (auto const& n : api_.namespaces) {
            if (n.auth)
                for (auto const& f : n.auth->claims) collect(f.type);
            for (auto const& e : n.events)
                for (auto const& l : e.legs) {
                    for (auto const* list : {&l.args, &l.ack_args})
                        for (auto const& a : *list) {
                            collect(a.type);
                            note_use(a.type, event_link(n, e.wire_name));
                        }
                }
        }
        for (auto const& [name, t] : types_) anchors_[key("type", "", name)] = reserve("type-" + slug(name));
        // Types that use other types (after the events, so event links come first).
        for (auto const& [name, t] : types_) {
            std::string link = fmt::format("[{}](#{})", name, anchor("type", "", name));
            for (auto const& f : t->fields) note_use(f.type, link);
            if (t->k != kind::object && t->k != kind::enumeration) note_use_children(*t, link);
        }
    }

    void collect_named(named_type const& nt) {
        if (!nt.type) return;
        if ((nt.type->k == kind::object || nt.type->k == kind::enumeration) && nt.type->name == nt.name)
            return collect(nt.type);
        if (anchors_.count(key("seen", "", nt.name))) return;
        anchors_[key("seen", "", nt.name)] = "";
        types_.emplace_back(nt.name, nt.type);
        collect_children(*nt.type);
    }

    void collect(type_ptr const& t) {
        if (!t) return;
        if (t->k == kind::object || t->k == kind::enumeration) {
            if (anchors_.count(key("seen", "", t->name))) return;
            anchors_[key("seen", "", t->name)] = "";
            types_.emplace_back(t->name, t);
        } else if (auto const* a = alias_of(*t)) {
            for (auto const& nt : api_.types)
                if (nt.name == *a) return collect_named(nt);
        }
        collect_children(*t);
    }

    void note_use_children(type const& t, std::string const& link) {
        if (t.items) note_use(t.items, link);
        for (auto const& e : t.elements) note_use(e, link);
    }

    void collect_children(type const& t) {
        if (t.items) collect(t.items);
        for (auto const& e : t.elements) collect(e);
        for (auto const& f : t.fields) collect(f.type);
    }

    /// Records `link` as a user of the named types reachable from `t` without entering
    /// another named object or enum.
    void note_use(type_ptr const& t, std::string const& link) {
        if (!t) return;
        if (is_named(*t)) {
            auto& v = used_by_[name_of(*t)];
            if (std::find(v.begin(), v.end(), link) == v.end()) v.push_back(link);
            if (t->k == kind::object || t->k == kind::enumeration) return;
        }
        if (t->items) note_use(t->items, link);
        for (auto const& el : t->elements) note_use(el, link);
    }

    std::string event_link(nsp const& n, std::string_view wire) const {
        auto a = anchor("event", n.path, wire);
        return a.empty() ? code(wire) : fmt::format("[{}](#{})", code(wire), a);
    }
    std::string error_link(nsp const& n, std::string_view c) const {
        auto a = anchor("error", n.path, c);
        return a.empty() ? code(c) : fmt::format("[{}](#{})", code(c), a);
    }
    std::string room_link(nsp const& n, std::string_view r) const {
        auto a = anchor("room", n.path, r);
        return a.empty() ? code(r) : fmt::format("[{}](#{})", code(r), a);
    }

    void heading(int level, std::string_view anchor_id, std::string_view text) {
        if (!anchor_id.empty()) out_ += fmt::format("<a id=\"{}\"></a>\n\n", anchor_id);
        out_ += fmt::format("{} {}\n\n", std::string(level, '#'), text);
    }

    void paragraph(std::string_view text) {
        auto t = trim(text);
        if (!t.empty()) out_ += t + "\n\n";
    }

    // ---- type labels and constraints
    std::string type_label(type_ptr const& t) const {
        if (is_named(*t)) {
            auto a = anchor("type", "", name_of(*t));
            return a.empty() ? name_of(*t) : fmt::format("[{}](#{})", name_of(*t), a);
        }
        return structural_label(t);
    }

    /// The label of a type's structure, ignoring any name it has.
    std::string structural_label(type_ptr const& t) const {
        switch (t->k) {
        case kind::string: return "string";
        case kind::boolean: return "boolean";
        case kind::number: return "number";
        case kind::integer: return t->int64_as_string ? fmt::format("{} (decimal string)", width_name(t->width)) : width_name(t->width);
        case kind::json: return "json (any value)";
        case kind::literal:
            switch (t->lit_kind) {
            case literal_kind::string: return "literal " + code(js_string(t->lit_string));
            case literal_kind::integer: return "literal " + code(std::to_string(t->lit_integer));
            case literal_kind::boolean: return std::string("literal `") + (t->lit_boolean ? "true" : "false") + "`";
            }
            return "literal";
        case kind::array: return type_label(t->items) + "[]";
        case kind::tuple: return "tuple<" + joined(t->elements, [&](auto const& e) { return type_label(e); }) + ">";
        case kind::map: return "map<string, " + type_label(t->items) + ">";
        case kind::enumeration:
        case kind::object: return t->name;
        }
        return "json";
    }

    /// Constraints of an unnamed type node, including those of unnamed items.
    std::string constraints(type const& t) const {
        std::vector<std::string> c;
        if (t.format != string_format::none) c.push_back(fmt::format("format `{}`", format_name(t.format)));
        if (t.min_length && t.max_length) c.push_back(fmt::format("{}–{} characters", *t.min_length, *t.max_length));
        else if (t.min_length) c.push_back(fmt::format("at least {} characters", *t.min_length));
        else if (t.max_length) c.push_back(fmt::format("at most {} characters", *t.max_length));
        if (t.pattern) c.push_back("matches " + code(*t.pattern));
        if (t.minimum) c.push_back(fmt::format("≥ {}", num(*t.minimum)));
        if (t.maximum) c.push_back(fmt::format("≤ {}", num(*t.maximum)));
        if (t.k == kind::integer && (t.width == int_width::i64 || t.width == int_width::u64) && !t.int64_as_string)
            c.push_back("within ±(2^53−1)");
        if (t.min_items && t.max_items) c.push_back(fmt::format("{}–{} items", *t.min_items, *t.max_items));
        else if (t.min_items) c.push_back(fmt::format("at least {} items", *t.min_items));
        else if (t.max_items) c.push_back(fmt::format("at most {} items", *t.max_items));
        if (t.k == kind::array && t.items && !is_named(*t.items)) {
            auto ic = constraints(*t.items);
            if (!ic.empty()) c.push_back("items: " + ic);
        }
        if (t.k == kind::map && t.items && !is_named(*t.items)) {
            auto ic = constraints(*t.items);
            if (!ic.empty()) c.push_back("values: " + ic);
        }
        if (t.k == kind::tuple)
            for (std::size_t i = 0; i < t.elements.size(); ++i)
                if (!is_named(*t.elements[i])) {
                    auto ic = constraints(*t.elements[i]);
                    if (!ic.empty()) c.push_back(fmt::format("[{}]: {}", i, ic));
                }
        return joined(c, [](auto const& s) { return s; }, "; ");
    }

    std::string constraints_cell(type_ptr const& t) const {
        return is_named(*t) ? "" : cell(constraints(*t));
    }

    /// A field's or argument's own description, else its type's (named types: the declaration's).
    std::string description_of(std::string_view own, type_ptr const& t) const {
        return cell(trim(own).empty() ? t->description : own);
    }

    // ---- sections
    void header() {
        out_ += fmt::format("<!-- Generated by sockspec-gen {} from {}. DO NOT EDIT. -->\n\n",
                            generator_version, api_.source_file);
        out_ += fmt::format("# {}\n\n", api_.title.empty() ? api_.name : api_.title);
        out_ += "| API | Version | Schema |\n|---|---|---|\n";
        out_ += fmt::format("| `{}` | `{}` | `{}` |\n\n", api_.name, api_.version, api_.source_file);
        paragraph(api_.description);
        if (!api_.source.empty()) out_ += fmt::format("*Source:* {}\n\n", cell(api_.source));
        heading(2, "contents", "Contents");
        out_ += "- [Connection](#connection)\n";
        for (auto const& n : api_.namespaces) {
            out_ += fmt::format("- [Namespace `{}`](#{})\n", n.path, anchor("nsp", n.path, ""));
            if (!n.events.empty())
                out_ += fmt::format("  - [Events](#{}): {}\n", anchor("events", n.path, ""),
                                    joined(n.events, [&](auto const& e) { return event_link(n, e.wire_name); }));
        }
        out_ += "- [Types](#types)\n\n";
    }

    void connection() {
        heading(2, "connection", "Connection");
        out_ += "| | |\n|---|---|\n";
        std::string port = api_.port ? fmt::format(":{}", *api_.port) : "";
        out_ += fmt::format("| Engine.IO path | `{}` |\n", api_.path);
        out_ += fmt::format("| Port | {} |\n", api_.port ? std::to_string(*api_.port) : "(deployment)");
        out_ += fmt::format("| TLS | {} |\n", api_.tls ? "yes (`https://`, `wss://`)" : "no (`http://`, `ws://`)");
        out_ += fmt::format("| Transports | {} (in order of preference) |\n",
                            joined(api_.transports, [](auto const& t) { return code(t); }));
        out_ += fmt::format("| Namespaces | {} |\n",
                            joined(api_.namespaces, [&](auto const& n) {
                                return fmt::format("[`{}`](#{})", n.path, anchor("nsp", n.path, ""));
                            }));
        bool ws = std::find(api_.transports.begin(), api_.transports.end(), "websocket") != api_.transports.end();
        bool polling = std::find(api_.transports.begin(), api_.transports.end(), "polling") != api_.transports.end();
        if (ws) out_ += fmt::format("| WebSocket URL | `{}://<host>{}{}?EIO=4&transport=websocket` |\n", api_.tls ? "wss" : "ws", port, api_.path);
        if (polling) out_ += fmt::format("| Polling URL | `{}://<host>{}{}?EIO=4&transport=polling` |\n", api_.tls ? "https" : "http", port, api_.path);
        out_ += "| Protocol | Socket.IO v5 over Engine.IO v4 (socket.io / socket.io-client 4.x) |\n\n";
        out_ += "The namespace is not part of the URL path: the client names it in its CONNECT packet "
                "(`io(\"http://host:port/namespace\")`).\n\n";
    }

    static std::string sources_options(auth_spec const& a, std::string_view indent) {
        std::string out;
        bool first = true;
        for (auto const& s : a.sources) {
            std::string opt;
            if (s == "auth.token") opt = "auth: { token: \"<JWT>\" },";
            else if (s == "header.authorization") opt = "extraHeaders: { Authorization: \"Bearer <JWT>\" },";
            else if (s == "query.token") opt = "query: { token: \"<JWT>\" },";
            else continue;
            out += fmt::format("{}{}{}{}\n", indent, first ? "" : "// or: ", opt,
                               first ? fmt::format(" // {}", s) : "");
            first = false;
        }
        return out;
    }

    void namespace_section(nsp const& n) {
        heading(2, anchor("nsp", n.path, ""), fmt::format("Namespace `{}`", n.path));
        paragraph(n.description);

        heading(3, anchor("connect", n.path, ""), fmt::format("Connecting to `{}`", n.path));
        std::string prefix = n.path == "/" ? "" : [&] {
            std::string p;
            bool up = true;
            for (unsigned char c : n.path) {
                if (!std::isalnum(c)) { up = true; continue; }
                p += up ? static_cast<char>(std::toupper(c)) : static_cast<char>(c);
                up = false;
            }
            return p;
        }();
        out_ += "```ts\nimport { io, type Socket } from \"socket.io-client\";\n";
        out_ += fmt::format("import type {{ {0}ServerToClientEvents, {0}ClientToServerEvents }} from \"./{1}\"; // generated/ts/{1}.ts\n\n",
                            prefix, api_.name);
        out_ += fmt::format("const socket: Socket<{0}ServerToClientEvents, {0}ClientToServerEvents> = io(\"{3}://localhost{1}{2}\", {{\n",
                            prefix, api_.port ? fmt::format(":{}", *api_.port) : "", n.path == "/" ? "" : n.path, api_.tls ? "https" : "http");
        out_ += fmt::format("  path: \"{}\",\n", api_.path);
        out_ += fmt::format("  transports: [{}],\n", joined(api_.transports, [](auto const& t) { return js_string(t); }));
        if (n.auth) out_ += sources_options(*n.auth, "  ");
        out_ += "});\n";
        if (n.auth && !n.auth->errors.empty())
            out_ += fmt::format("socket.on(\"connect_error\", (err) => console.error(err.message)); // {}\n",
                                joined(n.auth->errors, [](auto const& s) { return s; }));
        out_ += "```\n\n";

        if (n.auth) auth_section(n, *n.auth);
        if (!n.rooms.empty()) rooms_section(n);
        if (!n.errors.empty()) errors_section(n);
        if (!n.lifecycle.empty()) {
            heading(3, anchor("lifecycle", n.path, ""), "Lifecycle");
            out_ += "| event | what happens |\n|---|---|\n";
            for (auto const& l : n.lifecycle) out_ += fmt::format("| `{}` | {} |\n", l.name, cell(l.description));
            out_ += "\n";
        }
        events_section(n);
    }

    void auth_section(nsp const& n, auth_spec const& a) {
        heading(3, anchor("auth", n.path, ""), "Authentication");
        out_ += "| | |\n|---|---|\n";
        out_ += fmt::format("| Scheme | {}{} |\n", a.scheme == "jwt" ? "JWT" : a.scheme,
                            a.algorithms.empty() ? "" : " (" + joined(a.algorithms, [](auto const& s) { return code(s); }) + ")");
        out_ += fmt::format("| Required | {} |\n",
                            a.required ? "yes: a connection without valid credentials gets `connect_error`" : "no");
        if (!a.sources.empty()) {
            std::vector<std::string> s;
            for (std::size_t i = 0; i < a.sources.size(); ++i) {
                auto const& src = a.sources[i];
                std::string how = src == "auth.token" ? "handshake auth payload, `io(url, { auth: { token } })`"
                                : src == "header.authorization" ? "`Authorization: Bearer <token>` header, `extraHeaders`"
                                : src == "query.token" ? "query parameter, `io(url, { query: { token } })`"
                                : "";
                s.push_back(fmt::format("{}. `{}`{}", i + 1, src, how.empty() ? "" : ": " + how));
            }
            out_ += fmt::format("| Token sources (in lookup order) | {} |\n", joined(s, [](auto const& x) { return x; }, "<br>"));
        }
        if (!a.errors.empty())
            out_ += fmt::format("| Errors | {} |\n", joined(a.errors, [&](auto const& c) { return error_link(n, c); }));
        out_ += "\n";
        paragraph(a.description);
        if (!a.claims.empty()) {
            out_ += "Token claims (available to handlers as `socket.data`):\n\n";
            fields_table(a.claims, "claim");
        }
    }

    void rooms_section(nsp const& n) {
        heading(3, anchor("rooms", n.path, ""), "Rooms");
        out_ += "| room | name pattern | joined | left | description |\n|---|---|---|---|---|\n";
        for (auto const& r : n.rooms)
            out_ += fmt::format("| <a id=\"{}\"></a>`{}` | {} | {} | {} | {} |\n", anchor("room", n.path, r.name), r.name,
                                code(r.pattern), triggers_inline(n, r.join), triggers_inline(n, r.leave),
                                cell(r.description));
        out_ += "\n";
    }

    std::string trigger_text(nsp const& n, trigger const& t) const {
        std::string s;
        switch (t.k) {
        case trigger::kind::rest: s = fmt::format("REST `{} {}`", t.method, t.path); break;
        case trigger::kind::event: s = "event " + event_link(n, t.event); break;
        case trigger::kind::lifecycle: s = fmt::format("on `{}`", t.lifecycle); break;
        case trigger::kind::server: s = cell(t.text); break;
        }
        if (!trim(t.description).empty()) s += ": " + cell(t.description);
        return s;
    }

    std::string triggers_inline(nsp const& n, std::vector<trigger> const& ts) const {
        if (ts.empty()) return "—";
        return joined(ts, [&](auto const& t) { return trigger_text(n, t); }, "<br>");
    }

    static const char* surface_name(error_code::surface s) {
        switch (s) {
        case error_code::surface::connect_error: return "`connect_error`";
        case error_code::surface::event: return "event";
        case error_code::surface::ack: return "ack";
        }
        return "";
    }

    void errors_section(nsp const& n) {
        heading(3, anchor("errors", n.path, ""), "Error codes");
        out_ += "| code | surface | carried by | meaning |\n|---|---|---|---|\n";
        for (auto const& e : n.errors) {
            std::string by = e.where == error_code::surface::connect_error ? "`connect_error` `err.message`"
                           : e.where == error_code::surface::event ? event_link(n, e.event)
                           : "the ack callback";
            out_ += fmt::format("| <a id=\"{}\"></a>{} | {} | {} | {} |\n", anchor("error", n.path, e.code),
                                code(e.code), surface_name(e.where), by, cell(e.description));
        }
        out_ += "\n";
    }

    std::string args_inline(std::vector<arg> const& args) const {
        if (args.empty()) return "—";
        return joined(args, [&](auto const& a) {
            return fmt::format("`{}{}`: {}", a.name, a.optional ? "?" : "", type_label(a.type));
        });
    }

    std::string recipients_inline(nsp const& n, std::vector<recipient> const& rs) const {
        return joined(rs, [&](auto const& r) { return recipient_text(n, r); }, "<br>");
    }

    std::string recipient_text(nsp const& n, recipient const& r) const {
        std::string s;
        switch (r.k) {
        case recipient::kind::sender: s = "the sender (reply to the socket whose event caused it)"; break;
        case recipient::kind::socket: s = "one socket the server selects"; break;
        case recipient::kind::nsp: s = fmt::format("every socket in namespace `{}`", n.path); break;
        case recipient::kind::room:
            s = fmt::format("every socket in room {}{}", room_link(n, r.room), r.except_sender ? " except the sender" : "");
            break;
        }
        if (!trim(r.description).empty()) s += ": " + cell(r.description);
        return s;
    }

    void events_section(nsp const& n) {
        heading(3, anchor("events", n.path, ""), fmt::format("Events of `{}`", n.path));
        if (n.events.empty()) {
            out_ += "No events.\n\n";
            return;
        }
        out_ += "| event | direction | arguments | ack | recipients |\n|---|---|---|---|---|\n";
        for (auto const& e : n.events)
            for (auto const& l : e.legs)
                out_ += fmt::format("| {} | {} | {} | {} | {} |\n", event_link(n, e.wire_name), arrow(l.dir),
                                    args_inline(l.args), l.has_ack ? args_inline(l.ack_args) : "—",
                                    l.dir == direction::server_to_client ? recipients_inline(n, l.recipients) : "server");
        out_ += "\n";
        for (auto const& e : n.events) event_section(n, e);
    }

    void event_section(nsp const& n, event const& e) {
        heading(4, anchor("event", n.path, e.wire_name), code(e.wire_name));
        paragraph(e.description);
        std::string dirs = joined(e.legs, [](auto const& l) { return std::string(arrow(l.dir)); }, " and ");
        out_ += fmt::format("**Direction:** {}\n\n", dirs);
        for (auto const& l : e.legs) {
            if (e.legs.size() > 1) out_ += fmt::format("##### {}: {}\n\n", code(e.wire_name), arrow(l.dir));
            leg_section(n, e, l);
        }
    }

    void args_table(std::vector<arg> const& args) {
        out_ += "| # | name | type | presence | constraints | description |\n|---|---|---|---|---|---|\n";
        for (std::size_t i = 0; i < args.size(); ++i) {
            auto const& a = args[i];
            out_ += fmt::format("| {} | `{}` | {} | {} | {} | {} |\n", i + 1, a.name, type_label(a.type),
                                a.optional ? "optional" : "required", constraints_cell(a.type),
                                description_of(a.description, a.type));
        }
        out_ += "\n";
    }

    void leg_section(nsp const& n, event const& e, leg const& l) {
        if (e.legs.size() > 1) paragraph(l.description);
        else if (!trim(l.description).empty() && trim(l.description) != trim(e.description)) paragraph(l.description);
        bool c2s = l.dir == direction::client_to_server;
        out_ += c2s ? "Clients emit it; the server handles it.\n\n" : "The server emits it; clients handle it.\n\n";
        if (l.args.empty()) out_ += "**Arguments:** none.\n\n";
        else {
            out_ += "**Arguments:**\n\n";
            args_table(l.args);
        }
        if (l.has_ack) {
            out_ += fmt::format("**Acknowledgement:** the {} passes a callback as the last argument; the {} calls it with:\n\n",
                                c2s ? "client" : "server", c2s ? "server" : "client");
            paragraph(l.ack_description);
            if (l.ack_args.empty()) out_ += "No arguments.\n\n";
            else args_table(l.ack_args);
        }
        if (!l.recipients.empty()) {
            out_ += "**Recipients:**\n\n";
            for (auto const& r : l.recipients) out_ += "- " + recipient_text(n, r) + "\n";
            out_ += "\n";
        }
        if (!l.triggers.empty()) {
            out_ += "**Triggered by:**\n\n";
            for (auto const& t : l.triggers) out_ += "- " + trigger_text(n, t) + "\n";
            out_ += "\n";
        }
        if (!l.errors.empty()) {
            out_ += "**Errors:**\n\n";
            for (auto const& c : l.errors) {
                std::string what;
                for (auto const& ec : n.errors)
                    if (ec.code == c) what = cell(ec.description);
                out_ += fmt::format("- {}{}\n", error_link(n, c), what.empty() ? "" : ": " + what);
            }
            out_ += "\n";
        }
        if (!l.examples.empty()) {
            out_ += "**Examples:**\n\n";
            for (auto const& x : l.examples) example_block(x);
        }
        ts_snippet(n, e, l);
    }

    void example_block(example const& x) {
        if (!x.name.empty() || !x.description.empty()) {
            out_ += x.name.empty() ? "" : fmt::format("*{}*", x.name);
            out_ += x.description.empty() ? "" : (x.name.empty() ? "" : ": ") + cell(x.description);
            out_ += "\n\n";
        }
        out_ += fmt::format("{}:\n\n```json\n{}\n```\n\n", x.single_arg ? "Payload" : "Arguments",
                            trim(x.args_verbatim.empty() ? x.args_json : x.args_verbatim));
        if (x.ack_json || x.ack_verbatim)
            out_ += fmt::format("{}:\n\n```json\n{}\n```\n\n", x.single_ack ? "Ack payload" : "Ack arguments",
                                trim(x.ack_verbatim ? *x.ack_verbatim : *x.ack_json));
    }

    /// The inner elements of a canonical JSON array ("[1,2]" -> "1,2").
    static std::string elements(std::string const& array_json) {
        auto t = trim(array_json);
        if (t.size() < 2 || t.front() != '[') return "";
        return t.substr(1, t.size() - 2);
    }

    static std::string params(std::vector<arg> const& args) {
        return joined(args, [](auto const& a) { return a.name; });
    }

    void ts_snippet(nsp const& n, event const& e, leg const& l) {
        example const* x = l.examples.empty() ? nullptr : &l.examples.front();
        std::string args = x ? elements(x->args_json) : params(l.args);
        std::string ack_args = x && x->ack_json ? elements(*x->ack_json) : params(l.ack_args);
        std::string w = js_string(e.wire_name);
        std::string emit_args = args.empty() ? "" : ", " + args;
        std::string handler_params = params(l.args);
        std::string io = n.path == "/" ? "io" : fmt::format("io.of({})", js_string(n.path));
        out_ += "**TypeScript:**\n\n```ts\n";
        if (l.dir == direction::client_to_server) {
            out_ += "// client (socket.io-client)\n";
            if (l.has_ack)
                out_ += fmt::format("socket.emit({}{}, ({}) => {{ /* ... */ }});\n", w, emit_args, params(l.ack_args));
            else
                out_ += fmt::format("socket.emit({}{});\n", w, emit_args);
            out_ += fmt::format("// server (socket.io), in {}.on(\"connection\", (socket) => ...)\n", io);
            std::string ps = handler_params + (l.has_ack ? (handler_params.empty() ? "ack" : ", ack") : "");
            out_ += fmt::format("socket.on({}, ({}) => {{ /* ... */{} }});\n", w, ps,
                                l.has_ack ? fmt::format(" ack({});", ack_args) : "");
        } else {
            out_ += "// server (socket.io)\n";
            std::string target = io;
            if (!l.recipients.empty()) {
                auto const& r = l.recipients.front();
                switch (r.k) {
                case recipient::kind::sender: target = "socket"; break;
                case recipient::kind::socket: target = fmt::format("{}.to(socketId)", io); break;
                case recipient::kind::nsp: target = io; break;
                case recipient::kind::room: {
                    std::string pattern;
                    for (auto const& rm : n.rooms)
                        if (rm.name == r.room) pattern = rm.pattern;
                    std::string tmpl;
                    for (char c : pattern) tmpl += c == '{' ? "${" : std::string(1, c);
                    target = fmt::format("{}.to(`{}`)", r.except_sender ? "socket" : io, tmpl);
                    break;
                }
                }
            }
            if (l.has_ack)
                out_ += fmt::format("{}.emit({}{}, ({}) => {{ /* ... */ }});\n", target, w, emit_args, params(l.ack_args));
            else
                out_ += fmt::format("{}.emit({}{});\n", target, w, emit_args);
            out_ += "// client (socket.io-client)\n";
            std::string ps = handler_params + (l.has_ack ? (handler_params.empty() ? "ack" : ", ack") : "");
            out_ += fmt::format("socket.on({}, ({}) => {{ /* ... */{} }});\n", w, ps,
                                l.has_ack ? fmt::format(" ack({});", ack_args) : "");
        }
        out_ += "```\n\n";
    }

    void fields_table(std::vector<field> const& fields, std::string_view what) {
        out_ += fmt::format("| {} | type | presence | constraints | description |\n|---|---|---|---|---|\n", what);
        for (auto const& f : fields) {
            std::string presence = f.optional ? "optional" : "required";
            if (f.nullable) presence += ", nullable";
            out_ += fmt::format("| {} | {} | {} | {} | {} |\n", code(f.wire_name), type_label(f.type), presence,
                                constraints_cell(f.type), description_of(f.description, f.type));
        }
        out_ += "\n";
    }

    void types_section() {
        heading(2, "types", "Types");
        if (types_.empty()) {
            out_ += "No named types.\n\n";
            return;
        }
        out_ += "Named types (declared under `types:`) and the types generated for inline objects and enums, "
                "under their TypeScript names.\n\n";
        for (auto const& [name, t] : types_) {
            heading(3, anchor("type", "", name), code(name));
            bool alias = !((t->k == kind::object || t->k == kind::enumeration) && t->name == name);
            std::string description = t->description;
            for (auto const& nt : api_.types)
                if (nt.name == name && !nt.description.empty()) description = nt.description;
            paragraph(description);
            if (alias) {
                auto c = constraints(*t);
                bool nominal = t->k == kind::object || t->k == kind::enumeration;
                out_ += fmt::format("Alias of {}{}.\n\n", nominal ? type_label(t) : structural_label(t),
                                    c.empty() || nominal ? "" : ": " + c);
            } else if (t->k == kind::object) {
                if (t->fields.empty()) out_ += "An object without fixed fields.\n\n";
                else fields_table(t->fields, "field");
                if (!t->at_least_one_of.empty())
                    out_ += fmt::format("At least one of {} must be present.\n\n",
                                        joined(t->at_least_one_of, [](auto const& s) { return code(s); }));
            } else {
                out_ += "| value | description |\n|---|---|\n";
                for (auto const& v : t->values) out_ += fmt::format("| {} | {} |\n", code(v.wire), cell(v.description));
                out_ += "\n";
            }
            if (auto it = used_by_.find(name); it != used_by_.end())
                out_ += fmt::format("Used by: {}\n\n", joined(it->second, [](auto const& s) { return s; }));
        }
    }
};

std::string index_page(std::vector<api> const& apis) {
    std::string out = fmt::format("<!-- Generated by sockspec-gen {} from {}. DO NOT EDIT. -->\n\n",
                                  generator_version,
                                  joined(apis, [](auto const& a) { return a.source_file; }));
    out += "# Socket.IO APIs\n\n"
           "The event contracts of this repository, generated from `schema/`. Each page documents the "
           "connection, authentication, rooms, error codes, every event and every payload type.\n\n"
           "| API | title | version | namespaces | events | schema |\n|---|---|---|---|---|---|\n";
    for (auto const& a : apis) {
        std::size_t events = 0;
        for (auto const& n : a.namespaces) events += n.events.size();
        out += fmt::format("| [`{0}`]({0}.md) | {1} | `{2}` | {3} | {4} | `{5}` |\n", a.name, cell(a.title),
                           a.version, joined(a.namespaces, [](auto const& n) { return code(n.path); }), events,
                           a.source_file);
    }
    return out;
}

}  // namespace

std::vector<output_file> emit_md(std::vector<api> const& apis) {
    std::vector<output_file> out;
    out.push_back({"docs/index.md", index_page(apis)});
    for (auto const& a : apis) out.push_back({"docs/" + a.name + ".md", md_writer(a).run()});
    return out;
}

}  // namespace sockspec::gen
