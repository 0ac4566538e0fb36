// sockspec/jwt/impl/error.ipp: the "sockspec.jwt" error category and the connect_error mapping.
#pragma once

#include <sockspec/jwt/error.hpp>

#include <string>

namespace sockspec::jwt {

namespace detail {

class error_category_impl final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "sockspec.jwt"; }

    std::string message(int ev) const override { return message(ev, nullptr, 0); }

    char const* message(int ev, char*, std::size_t) const noexcept override {
        switch (static_cast<error>(ev)) {
            case error::missing:
                return "no token presented";
            case error::too_large:
                return "token too large";
            case error::malformed:
                return "malformed token";
            case error::unsupported_algorithm:
                return "token algorithm not accepted";
            case error::bad_type:
                return "token type is not JWT";
            case error::unsupported_critical_header:
                return "token has unsupported critical header parameters";
            case error::bad_signature:
                return "invalid token signature";
            case error::expired:
                return "token expired";
            case error::not_yet_valid:
                return "token not yet valid";
            case error::bad_claim:
                return "invalid token claim";
            case error::bad_issuer:
                return "token issuer not accepted";
            case error::bad_audience:
                return "token audience not accepted";
            case error::invalid_key:
                return "invalid token key";
        }
        return "sockspec.jwt error";
    }
};

}  // namespace detail

SOCKSPEC_DECL boost::system::error_category const& jwt_category() noexcept {
    static detail::error_category_impl const category;
    return category;
}

SOCKSPEC_DECL boost::system::error_code make_error_code(error e) noexcept {
    return {static_cast<int>(e), jwt_category()};
}

SOCKSPEC_DECL std::string_view connect_error_code(error e) noexcept {
    switch (e) {
        case error::missing:
            return "AUTHENTICATION_REQUIRED";
        case error::expired:
            return "TOKEN_EXPIRED";
        default:
            return "INVALID_TOKEN";
    }
}

SOCKSPEC_DECL std::string_view connect_error_code(boost::system::error_code const& ec) noexcept {
    if (!ec) return {};
    if (ec.category() == jwt_category()) return connect_error_code(static_cast<error>(ec.value()));
    return "INVALID_TOKEN";
}

}  // namespace sockspec::jwt
