// The translation unit that compiles the JWT bodies when SOCKSPEC_SEPARATE_COMPILATION is defined.
#include <sockspec/jwt/src.hpp>
