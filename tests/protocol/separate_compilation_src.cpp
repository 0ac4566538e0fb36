// The one translation unit that compiles the sockspec bodies when
// SOCKSPEC_SEPARATE_COMPILATION is defined.
#include <sockspec/src.hpp>
