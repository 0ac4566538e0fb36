// sockspec/server/jwt_auth.hpp: a namespace middleware that authenticates the CONNECT with a
// JWT (<sockspec/jwt/jwt.hpp>, HS256 by default; needs OpenSSL's libcrypto).
//
//   sockspec::server::jwt_auth_options opts;
//   opts.key = secret;
//   io.of("/").use(sockspec::server::jwt_auth(std::move(opts)));
//
// The token comes from `auth.token`, an `Authorization: Bearer` header of the handshake request,
// or the `token` query parameter (order configurable). A refusal is a CONNECT_ERROR whose message
// is AUTHENTICATION_REQUIRED (no token), TOKEN_EXPIRED or INVALID_TOKEN (anything else, `alg`
// none included); the verified claims are stored in `socket::data()[claims_key]`.
//
// Kept out of <sockspec/src.hpp> (the bodies are inline here) so that the server does not need
// libcrypto unless this helper is used.
#pragma once

#include <sockspec/jwt/error.hpp>
#include <sockspec/jwt/extract.hpp>
#include <sockspec/jwt/verify.hpp>
#include <sockspec/server/server.hpp>

#include <string>
#include <vector>

namespace sockspec::server {

/// Options of `jwt_auth`.
struct jwt_auth_options {
    /// The HMAC secret (raw bytes).
    std::string key;
    /// What the verifier accepts (algorithm pinned, leeway, issuer, audience, clock).
    jwt::verify_options verify;
    /// Where the token is looked for, in order.
    std::vector<jwt::token_source> sources{jwt::default_token_sources.begin(),
                                           jwt::default_token_sources.end()};
    /// The member of `socket::data()` that receives the claims object.
    std::string claims_key = "claims";
};

/// Makes the JWT middleware (see the file comment).
inline middleware jwt_auth(jwt_auth_options opts) {
    return [o = std::move(opts)](socket& s, boost::json::value const& auth, next_fn next) {
        auto const& req = s.request();
        auto const found =
            jwt::extract_token(auth, req.header("Authorization"), req.url.encoded_query(), o.sources);
        if (!found) return next(connect_error{std::string(jwt::connect_error_code(jwt::error::missing)), {}});
        auto claims = jwt::verify(found->token, o.key, o.verify);
        if (!claims)
            return next(connect_error{std::string(jwt::connect_error_code(claims.error())), {}});
        s.data()[o.claims_key] = std::move(claims->payload);
        next();
    };
}

}  // namespace sockspec::server
