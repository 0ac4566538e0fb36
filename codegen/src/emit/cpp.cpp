#include "emit.hpp"

namespace sockspec::gen {

std::vector<output_file> emit_cpp(std::vector<api> const&) { return {}; }

}  // namespace sockspec::gen
