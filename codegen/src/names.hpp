// sockspec-gen: mapping schema names (wire names, type names) to identifiers.
#pragma once

#include <string>
#include <string_view>

namespace sockspec::gen {

/// True for every C++20 keyword and alternative token (`delete`, `new`, `and`, ...).
bool is_cpp_keyword(std::string_view word);

/// Maps a wire name to a C++ identifier: camelCase -> snake_case, every other character ->
/// `_`, repeats collapsed, leading/trailing `_` trimmed (`_id` -> `id`), a leading digit gets
/// a `_` prefix, C++ keywords get a trailing `_`. `event:created` -> `event_created`.
std::string to_ident(std::string_view wire);

/// snake_case words without the keyword rule: `GeoPoint` -> `geo_point`, `eventTypeId` ->
/// `event_type_id`.
std::string to_snake(std::string_view name);

/// PascalCase of a name: `event_created` -> `EventCreated`, `eventTypeId` -> `EventTypeId`.
std::string to_pascal(std::string_view name);

/// The namespace tag identifier: `/` -> `nsp_root`, `/emergencies` -> `nsp_emergencies`.
std::string nsp_ident(std::string_view path);

/// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace sockspec::gen
