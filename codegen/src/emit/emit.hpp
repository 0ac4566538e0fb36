// sockspec-gen emitters: one per output language. Each reads only the IR (model.hpp) and
// returns files relative to the output folder; emitters never depend on each other.
#pragma once

#include "../model.hpp"

#include <string>
#include <vector>

namespace sockspec::gen {

/// One output file: `path` is relative to the --out folder, `content` is byte-exact.
struct output_file {
    std::string path;
    std::string content;
};

/// The version written into every generated header comment and checked by generated C++.
inline constexpr const char* generator_version = "0.1.0";

/// C++: cpp/sockspec/gen/<api>.hpp for each API.
std::vector<output_file> emit_cpp(std::vector<api> const& apis);

/// TypeScript: ts/<api>.ts for each API.
std::vector<output_file> emit_ts(std::vector<api> const& apis);

/// Markdown: docs/index.md and docs/<api>.md for each API.
std::vector<output_file> emit_md(std::vector<api> const& apis);

}  // namespace sockspec::gen
