// jwt_check_token SECRET TOKEN: verifies TOKEN and prints its payload (used by the mint_token test).
#include <sockspec/jwt/verify.hpp>

#include <boost/json/serialize.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 3) return 2;
    auto const c = sockspec::jwt::verify(argv[2], argv[1]);
    if (!c) {
        std::cout << c.error().message() << "\n";
        return 1;
    }
    std::cout << boost::json::serialize(c->payload) << "\n";
    return 0;
}
