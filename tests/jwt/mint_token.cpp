// sockspec-mint-token: prints an HS256 development token.
//
//   sockspec-mint-token --secret S --claim userId=u1 --claim companyId=c1 --ttl 3600
//
// `--claim k=v` adds a string claim; `--json-claim k=<json>` adds any JSON value (numbers,
// booleans, arrays). `iat` and `exp` (now + ttl) are added unless --ttl 0.
#include <sockspec/jwt/verify.hpp>

#include <CLI/CLI.hpp>
#include <boost/json/parse.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    CLI::App app{"Prints an HS256 JWT for development and tests"};
    std::string secret;
    std::vector<std::string> claims;
    std::vector<std::string> json_claims;
    std::int64_t ttl = 3600;
    app.add_option("--secret", secret, "HMAC secret")->required();
    app.add_option("--claim", claims, "string claim, key=value (repeatable)");
    app.add_option("--json-claim", json_claims, "JSON claim, key=<json> (repeatable)");
    app.add_option("--ttl", ttl, "lifetime in seconds; 0 = no iat/exp")->check(CLI::NonNegativeNumber);
    CLI11_PARSE(app, argc, argv);

    boost::json::object payload;
    for (auto const& c : claims) {
        auto const eq = c.find('=');
        if (eq == std::string::npos || eq == 0) {
            std::cerr << "sockspec-mint-token: --claim expects key=value, got '" << c << "'\n";
            return 2;
        }
        payload[c.substr(0, eq)] = c.substr(eq + 1);
    }
    for (auto const& c : json_claims) {
        auto const eq = c.find('=');
        boost::system::error_code ec;
        auto value = eq == std::string::npos ? boost::json::value() : boost::json::parse(c.substr(eq + 1), ec);
        if (eq == std::string::npos || eq == 0 || ec) {
            std::cerr << "sockspec-mint-token: --json-claim expects key=<json>, got '" << c << "'\n";
            return 2;
        }
        payload[c.substr(0, eq)] = std::move(value);
    }
    if (ttl > 0) {
        auto const now =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        payload["iat"] = now;
        payload["exp"] = now + ttl;
    }
    auto const token = sockspec::jwt::sign(payload, secret);
    if (!token) {
        std::cerr << "sockspec-mint-token: " << token.error().message() << "\n";
        return 2;
    }
    std::cout << *token << "\n";
    return 0;
}
