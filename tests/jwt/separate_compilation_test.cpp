// The JWT helper built with SOCKSPEC_SEPARATE_COMPILATION: sign, verify and extract link.
#include <sockspec/jwt/jwt.hpp>

#include <boost/json/value.hpp>

#include <cstdio>

int main() {
    namespace jwt = sockspec::jwt;
    auto const token = jwt::sign({{"userId", "u1"}}, "secret");
    if (!token) return 1;
    auto const found = jwt::extract_token(nullptr, "Bearer " + *token, "");
    if (!found) return 2;
    auto const c = jwt::verify(found->token, "secret");
    if (!c || c->string_claim("userId") != "u1") return 3;
    if (jwt::verify(found->token, "other").error() != jwt::error::bad_signature) return 4;
    if (jwt::connect_error_code(jwt::error::missing) != "AUTHENTICATION_REQUIRED") return 5;
    std::puts("ok");
    return 0;
}
