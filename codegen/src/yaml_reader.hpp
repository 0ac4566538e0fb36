// sockspec-gen: reading YAML with positions. Every shape problem (wrong node kind, unknown or
// missing key, duplicate key, bad scalar) becomes a diagnostic; the schema semantics live in
// frontend.cpp.
#pragma once

#include "frontend.hpp"

#include <yaml-cpp/yaml.h>
#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace sockspec::gen::detail {

/// A set of mapping keys.
using keys = std::vector<std::string_view>;

/// `a` followed by `b`.
keys operator+(keys a, keys const& b);

/// True when `k` is in `ks`.
bool contains(keys const& ks, std::string_view k);

/// True for a plain (unquoted, non-block) scalar: only these can be numbers, booleans, null.
inline bool plain(YAML::Node const& n) {
    return n.Tag() == "?";
}

/// `s` without trailing white space (block scalars end with a line break).
std::string rtrim(std::string s);

/// A YAML scalar as JSON: quoted -> string; plain -> null, boolean, integer, number or string.
boost::json::value yaml_scalar(YAML::Node const& n);

/// One `key: value` entry of a YAML mapping.
struct kv {
    YAML::Node key, value;
    std::string name;
};

/// A YAML mapping as ordered entries (the first occurrence of each key).
struct mapping {
    YAML::Node node;
    std::vector<kv> items;

    /// The entry for `k`, or nullptr.
    kv const* get(std::string_view k) const {
        for (auto const& e : items)
            if (e.name == k) return &e;
        return nullptr;
    }
};

/// Reads nodes of one file, recording problems in `diagnostics` with 1-based positions.
class yaml_reader {
public:
    /// `text` is the file's content (kept by reference: it must outlive the reader).
    yaml_reader(std::string file, std::string const& text, diagnostics& d)
        : file_(std::move(file)), text_(text), d_(d) {}

protected:
    std::string file_;
    std::string const& text_;
    diagnostics& d_;
    std::size_t errors_ = 0;

    /// Position of a node (null marks -> line 1).
    source_pos pos(YAML::Node const& n) const;
    /// Position of an entry's value, or of its key when the value is empty.
    source_pos pos(kv const& e) const { return e.value.IsNull() ? pos(e.key) : pos(e.value); }
    /// Records an error.
    void err(source_pos p, std::string msg);

    /// The node as a mapping; duplicate keys are reported as "duplicate <noun> 'k'".
    std::optional<mapping> as_map(YAML::Node const& n, source_pos where,
                                  std::string_view noun = "key");
    /// The entry's value as a mapping.
    std::optional<mapping> as_map(kv const& e, std::string_view noun = "key") {
        return as_map(e.value, pos(e), noun);
    }
    /// Reports unknown keys (with "did you mean") and missing required keys. A key in
    /// `foreign` is reported as "'k' does not apply to type <label>" instead.
    void check_keys(mapping const& m, keys const& allowed, keys const& required,
                    keys const& foreign = {}, std::string_view label = {});

    /// The entry's scalar value.
    std::optional<std::string> scalar(kv const& e);
    /// The scalar under `k` (right-trimmed), or "" when absent.
    std::string text(mapping const& m, std::string_view k);
    /// `true` / `false`.
    std::optional<bool> boolean(kv const& e);
    /// The boolean under `k`; false when absent.
    bool flag(mapping const& m, std::string_view k);
    /// A non-negative integer.
    std::optional<std::uint64_t> count(kv const& e);
    /// A finite number.
    std::optional<double> number(kv const& e);
    /// A sequence of scalars, each with its position.
    std::vector<std::pair<std::string, source_pos>> strings(kv const& e);
    /// Checks `s` against `re`: "bad identifier 's' for <what>: expected <re_text>".
    bool identifier(std::string const& s, source_pos p, std::string_view what,
                    std::string_view re_text, std::regex const& re);

    /// Plain YAML -> JSON; records where each path (`examples[0].payload.location`) stands.
    boost::json::value yaml_to_json(YAML::Node const& n, std::string const& path,
                                    std::map<std::string, source_pos>& where);
    /// Where byte `offset` of a JSON text held in scalar `n` stands in the file: exact for
    /// literal block scalars (`|`) and single-line quoted scalars, else the scalar's start.
    source_pos json_offset_pos(YAML::Node const& n, std::size_t offset) const;
};

}  // namespace sockspec::gen::detail
