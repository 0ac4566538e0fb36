// sockspec/jwt/impl/extract.ipp: token extraction from the handshake.
#pragma once

#include <sockspec/jwt/extract.hpp>

#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse_query.hpp>

namespace sockspec::jwt {

namespace detail {

inline bool is_ows(char c) noexcept { return c == ' ' || c == '\t'; }

inline std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
    return s;
}

inline std::optional<std::string> query_token(std::string_view query) {
    if (!query.empty() && query.front() == '?') query.remove_prefix(1);
    auto const params = boost::urls::parse_query(query);
    if (!params) return std::nullopt;
    // Node's querystring (what socket.io reads the handshake query with) treats '+' as space.
    boost::urls::encoding_opts opts;
    opts.space_as_plus = true;
    for (auto const& p : *params) {
        if (!p.has_value || p.key.decode(opts) != "token") continue;
        std::string value = p.value.decode(opts);
        if (!value.empty()) return value;
    }
    return std::nullopt;
}

}  // namespace detail

SOCKSPEC_DECL std::optional<std::string_view> bearer_token(std::string_view authorization) noexcept {
    // RFC 7235 section 2.1: credentials = auth-scheme 1*SP token68; the scheme is
    // case-insensitive (RFC 6750 section 2.1 "Bearer").
    std::string_view const value = detail::trim(authorization);
    constexpr std::string_view scheme = "bearer";
    if (value.size() <= scheme.size() || !detail::is_ows(value[scheme.size()])) return std::nullopt;
    for (std::size_t i = 0; i < scheme.size(); ++i) {
        char c = value[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != scheme[i]) return std::nullopt;
    }
    std::string_view const token = detail::trim(value.substr(scheme.size()));
    if (token.empty()) return std::nullopt;
    return token;
}

SOCKSPEC_DECL std::optional<found_token> extract_token(boost::json::value const& auth, std::string_view authorization,
                                                       std::string_view query, std::span<token_source const> sources) {
    for (token_source const source : sources) {
        switch (source) {
            case token_source::auth_token:
                if (auto const* obj = auth.if_object()) {
                    if (auto const* t = obj->if_contains("token"); t && t->is_string() && !t->get_string().empty())
                        return found_token{std::string(t->get_string()), source};
                }
                break;
            case token_source::header_authorization:
                if (auto const t = bearer_token(authorization)) return found_token{std::string(*t), source};
                break;
            case token_source::query_token:
                if (auto t = detail::query_token(query)) return found_token{std::move(*t), source};
                break;
        }
    }
    return std::nullopt;
}

}  // namespace sockspec::jwt
