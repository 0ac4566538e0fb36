// sockspec/jwt/src.hpp: the bodies of the JWT helper, for separate compilation.
//
// Kept out of <sockspec/src.hpp> because they need OpenSSL's libcrypto (Boost.Asio likewise
// keeps <boost/asio/ssl/impl/src.hpp> apart). With SOCKSPEC_SEPARATE_COMPILATION defined,
// include this header in exactly one source file and link OpenSSL::Crypto.
#pragma once

#ifndef SOCKSPEC_SEPARATE_COMPILATION
#error "Define SOCKSPEC_SEPARATE_COMPILATION to include <sockspec/jwt/src.hpp>"
#endif

#include <sockspec/jwt/impl/base64url.ipp>
#include <sockspec/jwt/impl/error.ipp>
#include <sockspec/jwt/impl/extract.ipp>
#include <sockspec/jwt/impl/verify.ipp>
