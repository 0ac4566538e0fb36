// sockspec/detail/config.hpp: the header-only / separate-compilation switch.
//
// By default sockspec is header-only: every non-template function is `inline` and its body
// (impl/*.ipp) is included by the public header. Define SOCKSPEC_SEPARATE_COMPILATION in every
// translation unit and include <sockspec/src.hpp> in exactly one of them to compile those bodies
// once instead (Boost.Beast's BOOST_BEAST_SEPARATE_COMPILATION scheme).
#pragma once

#ifdef SOCKSPEC_SEPARATE_COMPILATION
/// Declares a non-template function whose body lives in an impl/*.ipp file.
#define SOCKSPEC_DECL
#else
/// Defined when the impl/*.ipp bodies are included by the public headers.
#define SOCKSPEC_HEADER_ONLY 1
/// Declares a non-template function whose body lives in an impl/*.ipp file.
#define SOCKSPEC_DECL inline
#endif
