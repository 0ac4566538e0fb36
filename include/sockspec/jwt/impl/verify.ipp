// sockspec/jwt/impl/verify.ipp: JWS verification and signing (RFC 7515, RFC 7519) with OpenSSL
// HMAC.
#pragma once

#include <sockspec/jwt/base64url.hpp>
#include <sockspec/jwt/verify.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <climits>
#include <cmath>

namespace sockspec::jwt {

namespace detail {

// HMAC of `data` with `key`; false when OpenSSL refuses (the key is then the problem).
inline bool hmac(algorithm alg, std::string_view key, std::string_view data,
                 std::array<unsigned char, EVP_MAX_MD_SIZE>& out, unsigned& size) noexcept {
    if (key.empty() || key.size() > static_cast<std::size_t>(INT_MAX)) return false;
    EVP_MD const* md = alg == algorithm::hs512 ? EVP_sha512() : alg == algorithm::hs384 ? EVP_sha384() : EVP_sha256();
    return HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<unsigned char const*>(data.data()),
                data.size(), out.data(), &size) != nullptr;
}

// A base64url segment holding a JSON object.
inline boost::system::result<boost::json::object> decode_object(std::string_view segment) {
    auto text = base64url_decode(segment);
    if (!text) return text.error();
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(*text, ec);
    if (ec || !v.is_object()) return error::malformed;
    return std::move(v.get_object());
}

// A NumericDate claim (RFC 7519 section 2): absent, or a JSON number.
inline bool numeric_date(boost::json::object const& payload, std::string_view name, std::optional<double>& out) {
    auto const it = payload.find(name);
    if (it == payload.end()) return true;
    auto const& v = it->value();
    if (v.is_int64())
        out = static_cast<double>(v.get_int64());
    else if (v.is_uint64())
        out = static_cast<double>(v.get_uint64());
    else if (v.is_double() && std::isfinite(v.get_double()))
        out = v.get_double();
    else
        return false;
    return true;
}

inline bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

}  // namespace detail

SOCKSPEC_DECL std::string_view to_string(algorithm a) noexcept {
    switch (a) {
        case algorithm::hs256:
            return "HS256";
        case algorithm::hs384:
            return "HS384";
        case algorithm::hs512:
            return "HS512";
    }
    return "";
}

SOCKSPEC_DECL std::optional<std::string_view> claims::string_claim(std::string_view name) const noexcept {
    auto const it = payload.find(name);
    if (it == payload.end() || !it->value().is_string()) return std::nullopt;
    return std::string_view(it->value().get_string());
}

SOCKSPEC_DECL boost::system::result<claims> verify(std::string_view token, std::string_view key,
                                                   verify_options const& options) {
    if (token.empty()) return error::missing;
    if (token.size() > options.max_size) return error::too_large;
    if (key.empty() || key.size() > static_cast<std::size_t>(INT_MAX)) return error::invalid_key;

    // RFC 7515 section 7.1: BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature).
    auto const dot1 = token.find('.');
    if (dot1 == std::string_view::npos) return error::malformed;
    auto const dot2 = token.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos)
        return error::malformed;
    std::string_view const signing_input = token.substr(0, dot2);
    std::string_view const header_b64 = token.substr(0, dot1);
    std::string_view const payload_b64 = token.substr(dot1 + 1, dot2 - dot1 - 1);
    std::string_view const signature_b64 = token.substr(dot2 + 1);

    auto header = detail::decode_object(header_b64);
    if (!header) return header.error();

    // The algorithm is pinned by the verifier (RFC 8725 section 3.1): `none` and any other
    // algorithm are refused before the signature is computed.
    auto const alg = header->find("alg");
    if (alg == header->end() || !alg->value().is_string() ||
        std::string_view(alg->value().get_string()) != to_string(options.algorithm))
        return error::unsupported_algorithm;
    if (auto const typ = header->find("typ"); typ != header->end()) {
        if (!typ->value().is_string() || !detail::iequals(typ->value().get_string(), "JWT"))
            return error::bad_type;
    }
    // RFC 7515 section 4.1.11: extensions we do not understand must make the token invalid.
    if (header->contains("crit")) return error::unsupported_critical_header;

    auto const signature = base64url_decode(signature_b64);
    if (!signature) return error::malformed;
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned mac_size = 0;
    if (!detail::hmac(options.algorithm, key, signing_input, mac, mac_size)) return error::invalid_key;
    if (signature->size() != mac_size || CRYPTO_memcmp(signature->data(), mac.data(), mac_size) != 0)
        return error::bad_signature;

    auto payload = detail::decode_object(payload_b64);
    if (!payload) return payload.error();

    // Registered claims (RFC 7519 section 4.1). Times as jsonwebtoken reads them: whole
    // seconds now; expired when now >= exp + leeway; early when nbf > now + leeway.
    std::optional<double> exp, nbf, iat;
    if (!detail::numeric_date(*payload, "exp", exp) || !detail::numeric_date(*payload, "nbf", nbf) ||
        !detail::numeric_date(*payload, "iat", iat))
        return error::bad_claim;
    if (options.require_exp && !exp) return error::bad_claim;
    auto const now_tp = options.clock ? options.clock() : std::chrono::system_clock::now();
    double const now = static_cast<double>(
        std::chrono::floor<std::chrono::seconds>(now_tp.time_since_epoch()).count());
    double const leeway = static_cast<double>(options.leeway.count());
    if (exp && now >= *exp + leeway) return error::expired;
    if (nbf && *nbf > now + leeway) return error::not_yet_valid;

    auto const iss = payload->find("iss");
    if (iss != payload->end() && !iss->value().is_string()) return error::bad_claim;
    if (options.issuer && (iss == payload->end() || std::string_view(iss->value().get_string()) != *options.issuer))
        return error::bad_issuer;

    auto const aud = payload->find("aud");
    bool aud_match = false;
    if (aud != payload->end()) {
        auto const& v = aud->value();
        if (v.is_string())
            aud_match = options.audience && std::string_view(v.get_string()) == *options.audience;
        else if (v.is_array()) {
            for (auto const& e : v.get_array()) {
                if (!e.is_string()) return error::bad_claim;
                if (options.audience && std::string_view(e.get_string()) == *options.audience) aud_match = true;
            }
        } else
            return error::bad_claim;
    }
    if (options.audience && !aud_match) return error::bad_audience;

    return claims{std::move(*header), std::move(*payload)};
}

SOCKSPEC_DECL boost::system::result<std::string> sign(boost::json::object const& payload, std::string_view key,
                                                      algorithm alg) {
    boost::json::object header;
    header["alg"] = to_string(alg);
    header["typ"] = "JWT";
    std::string token = base64url_encode(boost::json::serialize(header));
    token += '.';
    token += base64url_encode(boost::json::serialize(payload));
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned mac_size = 0;
    if (!detail::hmac(alg, key, token, mac, mac_size)) return error::invalid_key;
    token += '.';
    token += base64url_encode(std::string_view(reinterpret_cast<char const*>(mac.data()), mac_size));
    return token;
}

}  // namespace sockspec::jwt
