#include "yaml_reader.hpp"

#include "names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace sockspec::gen::detail {

keys operator+(keys a, keys const& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

bool contains(keys const& ks, std::string_view k) {
    return std::find(ks.begin(), ks.end(), k) != ks.end();
}

std::string rtrim(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    return s;
}

boost::json::value yaml_scalar(YAML::Node const& n) {
    std::string const& s = n.Scalar();
    if (!plain(n)) return boost::json::string(s);
    if (s == "null" || s == "~" || s.empty()) return nullptr;
    if (s == "true") return true;
    if (s == "false") return false;
    std::int64_t i;
    if (auto r = std::from_chars(s.data(), s.data() + s.size(), i);
        r.ec == std::errc{} && r.ptr == s.data() + s.size())
        return i;
    std::uint64_t u;
    if (auto r = std::from_chars(s.data(), s.data() + s.size(), u);
        r.ec == std::errc{} && r.ptr == s.data() + s.size())
        return u;
    double d;
    if (auto r = std::from_chars(s.data(), s.data() + s.size(), d);
        r.ec == std::errc{} && r.ptr == s.data() + s.size() && std::isfinite(d))
        return d;
    return boost::json::string(s);
}

source_pos yaml_reader::pos(YAML::Node const& n) const {
    if (!n.IsDefined()) return {file_, 0, 0};
    auto m = n.Mark();
    if (m.is_null()) return {file_, 1, 1};
    return {file_, m.line + 1, m.column + 1};
}

void yaml_reader::err(source_pos p, std::string msg) {
    ++errors_;
    d_.error(std::move(p), std::move(msg));
}

std::optional<mapping> yaml_reader::as_map(YAML::Node const& n, source_pos where,
                                           std::string_view noun) {
    if (!n.IsMap()) {
        err(where, "expected a mapping");
        return std::nullopt;
    }
    mapping m{n, {}};
    std::set<std::string> seen;
    for (auto it = n.begin(); it != n.end(); ++it) {
        if (!it->first.IsScalar()) {
            err(pos(it->first), "expected a scalar");
            continue;
        }
        std::string name = it->first.Scalar();
        if (!seen.insert(name).second) {
            err(pos(it->first), fmt::format("duplicate {} '{}'", noun, name));
            continue;
        }
        m.items.push_back({it->first, it->second, name});
    }
    return m;
}

void yaml_reader::check_keys(mapping const& m, keys const& allowed, keys const& required,
                             keys const& foreign, std::string_view label) {
    std::set<std::string_view> suggested;
    for (auto const& e : m.items) {
        if (contains(allowed, e.name)) continue;
        if (contains(foreign, e.name)) {
            err(pos(e.key), fmt::format("'{}' does not apply to type {}", e.name, label));
            continue;
        }
        std::string_view best;
        std::size_t best_d = 3;
        for (auto a : allowed) {
            std::size_t d = edit_distance(e.name, a);
            if (d < best_d && d < a.size()) best_d = d, best = a;
        }
        suggested.insert(best);
        err(pos(e.key), best.empty()
                            ? fmt::format("unknown key '{}'", e.name)
                            : fmt::format("unknown key '{}' (did you mean '{}'?)", e.name, best));
    }
    for (auto r : required)
        // A misspelt key already said "did you mean"; do not also call it missing.
        if (!m.get(r) && !suggested.count(r))
            err(pos(m.node), fmt::format("missing required key '{}'", r));
}

std::optional<std::string> yaml_reader::scalar(kv const& e) {
    if (!e.value.IsScalar()) {
        err(pos(e), "expected a scalar");
        return std::nullopt;
    }
    return e.value.Scalar();
}
std::string yaml_reader::text(mapping const& m, std::string_view k) {
    auto e = m.get(k);
    if (!e) return {};
    return rtrim(scalar(*e).value_or(""));  // block scalars end with a line break
}
std::optional<bool> yaml_reader::boolean(kv const& e) {
    if (e.value.IsScalar() && plain(e.value)) {
        if (e.value.Scalar() == "true") return true;
        if (e.value.Scalar() == "false") return false;
    }
    err(pos(e), "expected true or false");
    return std::nullopt;
}
bool yaml_reader::flag(mapping const& m, std::string_view k) {
    auto e = m.get(k);
    return e && boolean(*e).value_or(false);
}
std::optional<std::uint64_t> yaml_reader::count(kv const& e) {
    std::uint64_t v;
    std::string const& s = e.value.Scalar();
    if (e.value.IsScalar() && plain(e.value)) {
        auto r = std::from_chars(s.data(), s.data() + s.size(), v);
        if (r.ec == std::errc{} && r.ptr == s.data() + s.size()) return v;
    }
    err(pos(e), fmt::format("'{}' must be a non-negative integer", e.name));
    return std::nullopt;
}
std::optional<double> yaml_reader::number(kv const& e) {
    double v;
    std::string const& s = e.value.Scalar();
    if (e.value.IsScalar() && plain(e.value)) {
        auto r = std::from_chars(s.data(), s.data() + s.size(), v);
        if (r.ec == std::errc{} && r.ptr == s.data() + s.size() && std::isfinite(v)) return v;
    }
    err(pos(e), fmt::format("'{}' must be a number", e.name));
    return std::nullopt;
}
std::vector<std::pair<std::string, source_pos>> yaml_reader::strings(kv const& e) {
    std::vector<std::pair<std::string, source_pos>> out;
    if (!e.value.IsSequence()) {
        err(pos(e), "expected a sequence");
        return out;
    }
    for (auto const& item : e.value) {
        if (!item.IsScalar())
            err(pos(item), "expected a scalar");
        else
            out.emplace_back(item.Scalar(), pos(item));
    }
    return out;
}
bool yaml_reader::identifier(std::string const& s, source_pos p, std::string_view what,
                             std::string_view re_text, std::regex const& re) {
    if (std::regex_match(s, re)) return true;
    err(p, fmt::format("bad identifier '{}' for {}: expected {}", s, what, re_text));
    return false;
}

boost::json::value yaml_reader::yaml_to_json(YAML::Node const& n, std::string const& path,
                                             std::map<std::string, source_pos>& where) {
    where[path] = pos(n);
    switch (n.Type()) {
        case YAML::NodeType::Map: {
            boost::json::object o;
            for (auto it = n.begin(); it != n.end(); ++it)
                o[it->first.Scalar()] =
                    yaml_to_json(it->second, path + "." + it->first.Scalar(), where);
            return o;
        }
        case YAML::NodeType::Sequence: {
            boost::json::array a;
            for (std::size_t i = 0; i < n.size(); ++i)
                a.push_back(yaml_to_json(n[i], fmt::format("{}[{}]", path, i), where));
            return a;
        }
        case YAML::NodeType::Scalar:
            return yaml_scalar(n);
        default:
            return nullptr;
    }
}

source_pos yaml_reader::json_offset_pos(YAML::Node const& n, std::size_t offset) const {
    source_pos p = pos(n);
    std::string const& json = n.Scalar();
    auto m = n.Mark();
    if (m.is_null() || static_cast<std::size_t>(m.pos) >= text_.size()) return p;
    std::size_t at = static_cast<std::size_t>(m.pos);
    if (text_[at] == '|') {
        std::size_t line_start = text_.find('\n', at);
        std::size_t indent = 0, k = line_start;
        while (k != std::string::npos && k + 1 < text_.size()) {  // first non-blank line
            std::size_t b = k + 1, e = b;
            while (e < text_.size() && text_[e] == ' ') ++e;
            if (e < text_.size() && text_[e] != '\n') {
                indent = e - b;
                break;
            }
            k = text_.find('\n', b);
        }
        int line = p.line + 1, col = static_cast<int>(indent) + 1;
        for (std::size_t i = 0; i < offset && i < json.size(); ++i) {
            if (json[i] == '\n')
                ++line, col = static_cast<int>(indent) + 1;
            else
                ++col;
        }
        return {file_, line, col};
    }
    if ((text_[at] == '"' || text_[at] == '\'') && json.find('\n') == std::string::npos &&
        text_.compare(at + 1, offset, json, 0, offset) == 0)
        return {file_, p.line, p.col + 1 + static_cast<int>(offset)};
    return p;
}

}  // namespace sockspec::gen::detail
