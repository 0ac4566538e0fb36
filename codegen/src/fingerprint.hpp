// sockspec-gen: per-leg fingerprints (like MAVLink's CRC_EXTRA).
#pragma once

#include "model.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace sockspec::gen {

/// FNV-1a, 64 bit.
std::uint64_t fnv1a64(std::string_view text);

/// The canonical shape of a type: structure, field wire names, optional/nullable, enum values
/// and constraints; never names or descriptions. Self references print as `rec<n>`.
std::string canonical_shape(type const& t);

/// The canonical shape of a leg: `"wire"|c2s|args(...)|ack(...)` (or `|noack`).
std::string canonical_shape(std::string_view wire_name, leg const& l);

}  // namespace sockspec::gen
