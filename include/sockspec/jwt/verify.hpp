// sockspec/jwt/verify.hpp: verify and sign compact JWS tokens with HMAC (HS256 by default).
// Asio-free; needs OpenSSL's libcrypto (link OpenSSL::Crypto).
//
// The algorithm is pinned by the verifier, never taken from the token: a token whose header
// names another algorithm (`none` included) is rejected before its signature is looked at.
// Inputs are untrusted: every failure is an error code (see error.hpp), nothing throws on bad
// input.
#pragma once

#include <sockspec/detail/config.hpp>
#include <sockspec/jwt/error.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value_to.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sockspec::jwt {

/// The HMAC algorithms of RFC 7518 section 3.2.
enum class algorithm {
    hs256,  ///< HMAC with SHA-256 ("HS256").
    hs384,  ///< HMAC with SHA-384 ("HS384").
    hs512,  ///< HMAC with SHA-512 ("HS512").
};

/// The JOSE name of an algorithm ("HS256", ...).
SOCKSPEC_DECL std::string_view to_string(algorithm a) noexcept;

/// What verify() accepts.
struct verify_options {
    /// The only algorithm accepted; the token's `alg` must name it.
    jwt::algorithm algorithm = jwt::algorithm::hs256;
    /// Clock skew tolerated on `exp` and `nbf`.
    std::chrono::seconds leeway{0};
    /// The current time; empty = std::chrono::system_clock::now. Tests inject a fixed clock.
    std::function<std::chrono::system_clock::time_point()> clock;
    /// When set, `iss` must be this string.
    std::optional<std::string> issuer;
    /// When set, `aud` (a string or an array of strings) must contain this string.
    std::optional<std::string> audience;
    /// When true, a token without `exp` is rejected with error::bad_claim.
    bool require_exp = false;
    /// Longer tokens are rejected with error::too_large before any decoding.
    std::size_t max_size = 8 * 1024;
};

/// A verified token: its JOSE header and its claims set.
struct claims {
    /// The JOSE header (`alg`, `typ`, ...).
    boost::json::object header;
    /// The claims set (`sub`, `exp`, application claims, ...).
    boost::json::object payload;

    /// The claim `name` when it is a string; nullopt when absent or of another type.
    SOCKSPEC_DECL std::optional<std::string_view> string_claim(std::string_view name) const noexcept;
};

/// Verifies a compact JWS `token` signed with `key` (the raw secret bytes): structure, pinned
/// algorithm, `typ`, signature (constant-time comparison), then `exp`/`nbf` against the clock
/// with leeway, and `iss`/`aud` when asked. The header and payload must be JSON objects.
SOCKSPEC_DECL boost::system::result<claims> verify(std::string_view token, std::string_view key,
                                                   verify_options const& options = {});

/// verify(), then converts the payload to T with `boost::json::try_value_to<T>` (generated
/// types provide the `try_value_to_tag` overload; a user type can too, found by ADL). A
/// payload that does not convert gives error::bad_claim.
template <class T>
boost::system::result<T> verify_as(std::string_view token, std::string_view key,
                                   verify_options const& options = {});

/// verify_as() into `out`; `out` is unchanged on failure.
template <class T>
boost::system::error_code verify_as(std::string_view token, std::string_view key,
                                    verify_options const& options, T& out);

/// Signs `payload` as a compact JWS with header `{"alg":...,"typ":"JWT"}`. For development
/// tokens and tests; fails only with error::invalid_key.
SOCKSPEC_DECL boost::system::result<std::string> sign(boost::json::object const& payload, std::string_view key,
                                                      jwt::algorithm alg = jwt::algorithm::hs256);

}  // namespace sockspec::jwt

#include <sockspec/jwt/impl/verify.hpp>
#ifdef SOCKSPEC_HEADER_ONLY
#include <sockspec/jwt/impl/verify.ipp>
#endif
