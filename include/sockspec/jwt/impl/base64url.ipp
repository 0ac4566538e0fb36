// sockspec/jwt/impl/base64url.ipp: base64url via Beast's base64 (boost/beast/core/detail/base64.hpp).
#pragma once

#include <sockspec/jwt/base64url.hpp>

#include <boost/beast/core/detail/base64.hpp>

namespace sockspec::jwt {

SOCKSPEC_DECL std::string base64url_encode(std::string_view bytes) {
    namespace b64 = boost::beast::detail::base64;
    std::string out(b64::encoded_size(bytes.size()), '\0');
    out.resize(b64::encode(out.data(), bytes.data(), bytes.size()));
    // RFC 7515 section 2: the URL-safe alphabet, trailing '=' removed.
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (char& c : out) {
        if (c == '+')
            c = '-';
        else if (c == '/')
            c = '_';
    }
    return out;
}

SOCKSPEC_DECL boost::system::result<std::string> base64url_decode(std::string_view text) {
    namespace b64 = boost::beast::detail::base64;
    // One leftover character carries only 6 bits: no byte string encodes to that length.
    if (text.size() % 4 == 1) return error::malformed;
    std::string in(text);
    for (char& c : in) {
        if (c == '-')
            c = '+';
        else if (c == '_')
            c = '/';
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return error::malformed;  // '+', '/', '=' and anything else are not base64url
    }
    // The last character's unused low bits must be zero (RFC 4648 section 3.5: canonical).
    if (!in.empty()) {
        int const last = b64::get_inverse()[static_cast<unsigned char>(in.back())];
        if ((in.size() % 4 == 2 && (last & 0x0f) != 0) || (in.size() % 4 == 3 && (last & 0x03) != 0))
            return error::malformed;
    }
    std::string out(in.size() / 4 * 3 + 3, '\0');
    auto const [written, read] = b64::decode(out.data(), in.data(), in.size());
    if (read != in.size()) return error::malformed;
    out.resize(written);
    return out;
}

}  // namespace sockspec::jwt
