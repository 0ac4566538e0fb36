// sockspec-gen: checks example JSON values against IR types.
#pragma once

#include "model.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sockspec::gen {

/// The accepted range of an integer width as doubles; with `as_string` false, 64-bit widths
/// are limited to JavaScript's safe range [-(2^53-1), 2^53-1].
std::pair<double, double> int_limits(int_width w, bool as_string);

/// The schema spelling of a format: `object-id`, `date-time`, ... (`""` for none).
char const* format_name(string_format f);

/// True when `s` is acceptable for `f` (see docs/schema-language.md, "Formats").
bool matches_format(string_format f, std::string_view s);

/// One mismatch between a JSON value and a type.
struct value_problem {
    std::string path;     // `examples[0].payload.location.latitude`
    std::string message;  // `expected number`
};

/// Checks `v` against `t` like a decoder would (required fields, kinds, enum values, formats,
/// constraints, atLeastOneOf; unknown fields allowed). Appends one problem per mismatch; `path`
/// names `v` and is extended with `.field` and `[index]`.
void check_value(boost::json::value const& v, type const& t, std::string const& path,
                 std::vector<value_problem>& problems);

}  // namespace sockspec::gen
