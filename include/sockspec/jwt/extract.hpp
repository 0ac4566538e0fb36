// sockspec/jwt/extract.hpp: find the token a client presented in a Socket.IO handshake: the
// CONNECT packet's `auth.token`, an `Authorization: Bearer` header, or a `token` query
// parameter. Asio-free.
#pragma once

#include <sockspec/detail/config.hpp>

#include <boost/json/value.hpp>

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sockspec::jwt {

/// Where a token may come from.
enum class token_source {
    auth_token,            ///< `auth.token` of the CONNECT packet (socket.io-client `auth`).
    header_authorization,  ///< `Authorization: Bearer <token>` (scheme case-insensitive).
    query_token,           ///< the `token` parameter of the handshake query string.
};

/// The order used when none is given: auth object, then header, then query.
inline constexpr std::array<token_source, 3> default_token_sources{
    token_source::auth_token, token_source::header_authorization, token_source::query_token};

/// A token found by extract_token, and where.
struct found_token {
    /// The token text (percent-decoded when it came from the query).
    std::string token;
    /// Its source.
    token_source source;
};

/// Looks for a token in each source of `sources`, in order, and returns the first non-empty one.
///
/// `auth` is the CONNECT packet's auth payload (null when absent); a non-string `token` member
/// is ignored. `authorization` is the Authorization header value (empty when absent); other
/// schemes are ignored. `query` is the request's query string, with or without its leading
/// `?`; an unparsable query is ignored. Never throws on bad input.
SOCKSPEC_DECL std::optional<found_token> extract_token(
    boost::json::value const& auth, std::string_view authorization, std::string_view query,
    std::span<token_source const> sources = default_token_sources);

/// The token of an `Authorization` header value `Bearer <token>`; nullopt for other schemes or
/// an empty token.
SOCKSPEC_DECL std::optional<std::string_view> bearer_token(std::string_view authorization) noexcept;

}  // namespace sockspec::jwt

#ifdef SOCKSPEC_HEADER_ONLY
#include <sockspec/jwt/impl/extract.ipp>
#endif
