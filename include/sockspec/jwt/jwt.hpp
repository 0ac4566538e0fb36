// sockspec/jwt/jwt.hpp: the whole JWT helper: verify/sign (verify.hpp), token extraction from
// the handshake (extract.hpp), base64url (base64url.hpp) and errors (error.hpp). Asio-free; needs
// OpenSSL's libcrypto (link OpenSSL::Crypto).
//
// Separate compilation: the bodies are not in <sockspec/src.hpp>, so that programs which do not
// use JWT need not link libcrypto (Asio keeps its SSL bodies apart for the same reason).
// Include <sockspec/jwt/src.hpp> in the one source file that includes <sockspec/src.hpp>.
#pragma once

#include <sockspec/jwt/base64url.hpp>
#include <sockspec/jwt/error.hpp>
#include <sockspec/jwt/extract.hpp>
#include <sockspec/jwt/verify.hpp>
