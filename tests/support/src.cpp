// The one translation unit that compiles the sockspec runtime for the test executables
// (SOCKSPEC_SEPARATE_COMPILATION is a PUBLIC define of sockspec_compiled).
#include <sockspec/src.hpp>
