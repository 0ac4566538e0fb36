// sockspec/jwt/impl/verify.hpp: template bodies of verify.hpp.
#pragma once

#include <boost/json/value.hpp>

#include <utility>

namespace sockspec::jwt {

template <class T>
boost::system::result<T> verify_as(std::string_view token, std::string_view key, verify_options const& options) {
    auto c = verify(token, key, options);
    if (!c) return c.error();
    boost::json::value const payload(std::move(c->payload));
    auto r = boost::json::try_value_to<T>(payload);
    if (!r) return error::bad_claim;
    return std::move(*r);
}

template <class T>
boost::system::error_code verify_as(std::string_view token, std::string_view key, verify_options const& options,
                                    T& out) {
    auto r = verify_as<T>(token, key, options);
    if (!r) return r.error();
    out = std::move(*r);
    return {};
}

}  // namespace sockspec::jwt
