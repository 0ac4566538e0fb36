// sockspec/jwt/base64url.hpp: base64url without padding (RFC 7515 section 2, RFC 4648 section 5),
// on top of Beast's base64 with the alphabet translated. Asio-free.
#pragma once

#include <sockspec/detail/config.hpp>
#include <sockspec/jwt/error.hpp>

#include <boost/system/result.hpp>

#include <string>
#include <string_view>

namespace sockspec::jwt {

/// Encodes bytes as base64url without `=` padding.
SOCKSPEC_DECL std::string base64url_encode(std::string_view bytes);

/// Decodes unpadded base64url. Strict: any character outside `A-Z a-z 0-9 - _` (padding
/// included), an impossible length, or non-zero unused trailing bits give error::malformed, so
/// each byte string has exactly one accepted encoding. Never throws on bad input.
SOCKSPEC_DECL boost::system::result<std::string> base64url_decode(std::string_view text);

}  // namespace sockspec::jwt

#ifdef SOCKSPEC_HEADER_ONLY
#include <sockspec/jwt/impl/base64url.ipp>
#endif
