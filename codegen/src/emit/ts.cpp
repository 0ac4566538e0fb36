#include "emit.hpp"

namespace sockspec::gen {

std::vector<output_file> emit_ts(std::vector<api> const&) { return {}; }

}  // namespace sockspec::gen
