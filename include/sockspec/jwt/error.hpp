// sockspec/jwt/error.hpp: error codes of the JWT helper (category "sockspec.jwt") and their
// mapping to the `connect_error` codes the seed APIs send.
#pragma once

#include <sockspec/detail/config.hpp>

#include <boost/system/error_code.hpp>

#include <string_view>
#include <type_traits>

namespace sockspec::jwt {

/// Why a token was not accepted. verify() reports these and never throws.
enum class error {
    /// No token was presented (empty).
    missing = 1,
    /// The token is longer than verify_options::max_size.
    too_large,
    /// Not a compact JWS: not three segments, bad base64url, or a header or payload that is not
    /// a JSON object.
    malformed,
    /// The header's `alg` is absent, `none`, or not the algorithm pinned by verify_options.
    unsupported_algorithm,
    /// The header's `typ` is present and is not `JWT`.
    bad_type,
    /// The header has a `crit` member (no JWS extensions are understood).
    unsupported_critical_header,
    /// The signature does not match (wrong key or altered token).
    bad_signature,
    /// `exp` is in the past (beyond the leeway).
    expired,
    /// `nbf` is in the future (beyond the leeway).
    not_yet_valid,
    /// A registered claim has the wrong JSON type, a required claim is absent, or the payload
    /// does not convert to the requested type (verify_as).
    bad_claim,
    /// `iss` does not match verify_options::issuer.
    bad_issuer,
    /// `aud` does not contain verify_options::audience.
    bad_audience,
    /// The key is empty or too large for HMAC.
    invalid_key,
};

/// Returns the category of `error` (name "sockspec.jwt").
SOCKSPEC_DECL boost::system::error_category const& jwt_category() noexcept;

/// Makes an error_code of the "sockspec.jwt" category; found by ADL.
SOCKSPEC_DECL boost::system::error_code make_error_code(error e) noexcept;

/// The `connect_error` code of the seed APIs for a rejected token: `AUTHENTICATION_REQUIRED`
/// when none was presented, `TOKEN_EXPIRED` when it expired, `INVALID_TOKEN` otherwise.
SOCKSPEC_DECL std::string_view connect_error_code(error e) noexcept;

/// connect_error_code for an error_code: the mapping above for the "sockspec.jwt" category,
/// `INVALID_TOKEN` for any other failure, and an empty string for success.
SOCKSPEC_DECL std::string_view connect_error_code(boost::system::error_code const& ec) noexcept;

}  // namespace sockspec::jwt

namespace boost::system {
/// Lets `error` convert implicitly to boost::system::error_code.
template <>
struct is_error_code_enum<sockspec::jwt::error> : std::true_type {};
}  // namespace boost::system

#ifdef SOCKSPEC_HEADER_ONLY
#include <sockspec/jwt/impl/error.ipp>
#endif
