// sockspec-gen: canonical JSON text and YAML -> JSON conversion for examples.
#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace sockspec::gen {

/// Compact JSON with numbers written the way JavaScript's JSON.stringify writes them
/// (`40.73061`, `1e+21`, `1e-7`), object members in their original order.
std::string to_canonical_json(boost::json::value const& v);

/// A double as JavaScript's Number.prototype.toString writes it (shortest round trip).
std::string js_number(double d);

}  // namespace sockspec::gen
