// The JWT helper: RFC vectors, interop with node's crypto in both directions, rejections, and
// token extraction from the handshake.
#include <sockspec/jwt/jwt.hpp>

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_to.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace {

namespace jwt = sockspec::jwt;
using jwt::error;
using namespace std::chrono_literals;

std::chrono::system_clock::time_point at(std::int64_t seconds) {
    return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

jwt::verify_options at_time(std::int64_t seconds) {
    jwt::verify_options o;
    o.clock = [seconds] { return at(seconds); };
    return o;
}

// A token with any header, built here with OpenSSL directly (not with jwt::sign).
std::string make_token(std::string_view header, std::string_view payload, std::string_view key,
                       EVP_MD const* md = EVP_sha256()) {
    std::string input = jwt::base64url_encode(header) + "." + jwt::base64url_encode(payload);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned size = 0;
    HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<unsigned char const*>(input.data()),
         input.size(), mac, &size);
    return input + "." + jwt::base64url_encode(std::string_view(reinterpret_cast<char*>(mac), size));
}

constexpr std::string_view hs256_header = R"({"alg":"HS256","typ":"JWT"})";
constexpr std::string_view key = "a-development-secret-of-32-bytes";

error code_of(boost::system::result<jwt::claims> const& r) {
    EXPECT_FALSE(r.has_value());
    if (r.has_value()) return error{};
    EXPECT_EQ(r.error().category(), jwt::jwt_category());
    return static_cast<error>(r.error().value());
}

// ---------------------------------------------------------------------------------------------
// base64url

TEST(jwt_base64url, rfc4648_vectors) {
    std::pair<std::string_view, std::string_view> const vectors[] = {
        {"", ""},          {"f", "Zg"},         {"fo", "Zm8"},         {"foo", "Zm9v"},
        {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
    };
    for (auto [bytes, text] : vectors) {
        EXPECT_EQ(jwt::base64url_encode(bytes), text);
        auto const d = jwt::base64url_decode(text);
        ASSERT_TRUE(d) << text;
        EXPECT_EQ(*d, bytes);
    }
}

TEST(jwt_base64url, url_safe_alphabet) {
    // RFC 7515 appendix C: the octets 3, 236, 255, 224, 193 encode as "A-z_4ME".
    std::string const bytes{'\x03', '\xec', '\xff', '\xe0', '\xc1'};
    EXPECT_EQ(jwt::base64url_encode(bytes), "A-z_4ME");
    EXPECT_EQ(jwt::base64url_decode("A-z_4ME").value(), bytes);
    EXPECT_EQ(jwt::base64url_encode(std::string("\xfb\xff", 2)), "-_8");
}

TEST(jwt_base64url, rejects_non_base64url) {
    for (std::string_view bad : {"Zg==", "Zg=", "Zm9v+", "Zm9v/", "Z", "Zm9vY", "Zm 9v", "Zm9v\n", "Zh", "Zm9"})
        EXPECT_FALSE(jwt::base64url_decode(bad)) << bad;
}

TEST(jwt_base64url, round_trips_every_length) {
    std::mt19937 rng(7);
    for (std::size_t n = 0; n < 70; ++n) {
        std::string bytes(n, '\0');
        for (char& c : bytes) c = static_cast<char>(rng());
        auto const text = jwt::base64url_encode(bytes);
        EXPECT_EQ(text.size(), (n * 4 + 2) / 3);
        EXPECT_EQ(text.find_first_of("+/="), std::string::npos);
        EXPECT_EQ(jwt::base64url_decode(text).value(), bytes);
    }
}

// ---------------------------------------------------------------------------------------------
// RFC 7515 appendix A.1 (also RFC 7519 section 3.1): HS256 with a JWK symmetric key.

constexpr std::string_view rfc7515_token =
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
    ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr std::string_view rfc7515_jwk_k =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

TEST(jwt_verify, rfc7515_a1_example) {
    auto const k = jwt::base64url_decode(rfc7515_jwk_k);
    ASSERT_TRUE(k);
    EXPECT_EQ(k->size(), 64u);
    auto const c = jwt::verify(rfc7515_token, *k, at_time(1300819370));
    ASSERT_TRUE(c) << c.error().message();
    EXPECT_EQ(c->string_claim("iss"), "joe");
    EXPECT_EQ(c->payload.at("exp").as_int64(), 1300819380);
    EXPECT_EQ(c->payload.at("http://example.com/is_root"), true);
    EXPECT_EQ(c->header.at("typ"), "JWT");
}

TEST(jwt_verify, rfc7515_a1_example_has_expired_since) {
    auto const k = jwt::base64url_decode(rfc7515_jwk_k).value();
    EXPECT_EQ(code_of(jwt::verify(rfc7515_token, k)), error::expired);  // the real clock
    EXPECT_EQ(code_of(jwt::verify(rfc7515_token, k, at_time(1300819380))), error::expired);
}

TEST(jwt_verify, rfc7515_a1_example_with_another_key) {
    auto k = jwt::base64url_decode(rfc7515_jwk_k).value();
    k[10] ^= 1;
    EXPECT_EQ(code_of(jwt::verify(rfc7515_token, k, at_time(1300819370))), error::bad_signature);
}

// ---------------------------------------------------------------------------------------------
// Interop with node's crypto (the library jsonwebtoken is built on).

#ifdef SOCKSPEC_NODE
std::string hex(std::string_view bytes) {
    static char const digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

// Runs `node -e script args...` (arguments are hex or base64url: shell-safe) and returns stdout.
std::string run_node(std::string_view script, std::vector<std::string> const& args) {
    std::string cmd = std::string(SOCKSPEC_NODE) + " -e '" + std::string(script) + "'";
    for (auto const& a : args) cmd += " " + a;
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    EXPECT_EQ(pclose(p), 0) << cmd;
    return out;
}

// Interesting payloads: every length modulo 3 and bytes that encode to '-' and '_'.
std::vector<std::string> interop_payloads() {
    std::vector<std::string> out;
    for (int i = 0; i < 6; ++i)
        out.push_back(R"({"userId":"u)" + std::string(i, 'x') + R"(","companyId":"507f1f77bcf86cd799439011","exp":4102444800})");
    out.push_back(R"({"name":"caf\u00e9 ~~~ ??? >>> \u00ff\u00fe","n":-1.5,"list":[1,2,3],"ok":true})");
    out.push_back("{\"bin\":\"\xc3\xbf\xc3\xbe\xef\xbf\xbf\"}");  // raw UTF-8
    return out;
}

std::vector<std::string> interop_keys() {
    std::vector<std::string> keys{"k", std::string(key), std::string(64, 'z'), std::string(100, '\x7f')};
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
    keys.push_back(bytes);  // longer than the SHA-256 block: HMAC hashes it first
    return keys;
}

TEST(jwt_interop, node_signed_tokens_verify) {
    constexpr std::string_view script =
        "const c=require(\"crypto\");const [k,h,p]=process.argv.slice(1).map(x=>Buffer.from(x,\"hex\"));"
        "const e=b=>b.toString(\"base64url\");const i=e(h)+\".\"+e(p);"
        "process.stdout.write(i+\".\"+c.createHmac(\"sha256\",k).update(i).digest(\"base64url\"));";
    for (auto const& k : interop_keys())
        for (auto const& payload : interop_payloads()) {
            std::string const token = run_node(script, {hex(k), hex(hs256_header), hex(payload)});
            auto const c = jwt::verify(token, k, at_time(1700000000));
            ASSERT_TRUE(c) << token << ": " << c.error().message();
            EXPECT_EQ(boost::json::value(c->payload), boost::json::parse(payload)) << token;
            // and the same bytes from our encoder
            EXPECT_EQ(token, make_token(hs256_header, payload, k));
        }
}

TEST(jwt_interop, cpp_signed_tokens_verify_in_node) {
    // Node checks the HMAC (timing-safe) and that each segment is canonical base64url, then
    // prints the decoded header and payload as hex.
    constexpr std::string_view script =
        "const c=require(\"crypto\");const k=Buffer.from(process.argv[1],\"hex\");const t=process.argv[2];"
        "const s=t.split(\".\");const m=c.createHmac(\"sha256\",k).update(s[0]+\".\"+s[1]).digest();"
        "const g=Buffer.from(s[2],\"base64url\");"
        "const canon=s.every(x=>Buffer.from(x,\"base64url\").toString(\"base64url\")===x);"
        "const ok=s.length===3&&canon&&g.length===m.length&&c.timingSafeEqual(g,m);"
        "process.stdout.write(ok?Buffer.from(s[0],\"base64url\").toString(\"hex\")+\" \"+"
        "Buffer.from(s[1],\"base64url\").toString(\"hex\"):\"BAD\");";
    for (auto const& k : interop_keys())
        for (auto const& payload : interop_payloads()) {
            auto const obj = boost::json::parse(payload).as_object();
            auto const token = jwt::sign(obj, k);
            ASSERT_TRUE(token);
            std::string const out = run_node(script, {hex(k), *token});
            EXPECT_EQ(out, hex(hs256_header) + " " + hex(boost::json::serialize(obj))) << *token;
        }
    // And node rejects a token signed with another key (the check above can fail).
    auto const token = jwt::sign(boost::json::parse(interop_payloads()[0]).as_object(), "other").value();
    EXPECT_EQ(run_node(script, {hex(key), token}), "BAD");
}
#endif

// ---------------------------------------------------------------------------------------------
// sign / verify round trip and options

TEST(jwt_sign, round_trip) {
    boost::json::object claims{{"userId", "u1"}, {"companyId", "c1"}, {"exp", 2000}, {"iat", 1000}};
    auto const token = jwt::sign(claims, key);
    ASSERT_TRUE(token);
    auto const c = jwt::verify(*token, key, at_time(1500));
    ASSERT_TRUE(c) << c.error().message();
    EXPECT_EQ(c->payload, claims);
    EXPECT_EQ(c->header, (boost::json::object{{"alg", "HS256"}, {"typ", "JWT"}}));
    EXPECT_EQ(c->string_claim("userId"), "u1");
    EXPECT_EQ(c->string_claim("exp"), std::nullopt);
    EXPECT_EQ(c->string_claim("absent"), std::nullopt);
}

TEST(jwt_sign, empty_key_is_refused) {
    EXPECT_EQ(jwt::sign({}, "").error(), error::invalid_key);
    EXPECT_EQ(code_of(jwt::verify(make_token(hs256_header, "{}", "k"), "")), error::invalid_key);
}

TEST(jwt_verify, hs512_when_pinned) {
    auto const token = jwt::sign({{"a", 1}}, key, jwt::algorithm::hs512).value();
    jwt::verify_options o;
    o.algorithm = jwt::algorithm::hs512;
    EXPECT_TRUE(jwt::verify(token, key, o));
    EXPECT_EQ(token, make_token(R"({"alg":"HS512","typ":"JWT"})", R"({"a":1})", key, EVP_sha512()));
}

TEST(jwt_verify, rejects_hs512_when_hs256_pinned) {
    auto const token = make_token(R"({"alg":"HS512","typ":"JWT"})", "{}", key, EVP_sha512());
    EXPECT_EQ(code_of(jwt::verify(token, key)), error::unsupported_algorithm);
    auto const hs384 = jwt::sign({}, key, jwt::algorithm::hs384).value();
    EXPECT_EQ(code_of(jwt::verify(hs384, key)), error::unsupported_algorithm);
}

TEST(jwt_verify, rejects_alg_none) {
    std::string const unsigned_token =
        jwt::base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." + jwt::base64url_encode(R"({"sub":"x"})") + ".";
    EXPECT_EQ(code_of(jwt::verify(unsigned_token, key)), error::unsupported_algorithm);
    // Even with a valid HS256 MAC attached.
    EXPECT_EQ(code_of(jwt::verify(make_token(R"({"alg":"none"})", "{}", key), key)), error::unsupported_algorithm);
}

TEST(jwt_verify, rejects_missing_or_odd_alg) {
    EXPECT_EQ(code_of(jwt::verify(make_token(R"({"typ":"JWT"})", "{}", key), key)), error::unsupported_algorithm);
    EXPECT_EQ(code_of(jwt::verify(make_token(R"({"alg":256})", "{}", key), key)), error::unsupported_algorithm);
    EXPECT_EQ(code_of(jwt::verify(make_token(R"({"alg":"hs256"})", "{}", key), key)), error::unsupported_algorithm);
}

TEST(jwt_verify, typ_must_be_jwt_when_present) {
    EXPECT_TRUE(jwt::verify(make_token(R"({"alg":"HS256"})", "{}", key), key));
    EXPECT_TRUE(jwt::verify(make_token(R"({"alg":"HS256","typ":"jwt"})", "{}", key), key));
    EXPECT_EQ(code_of(jwt::verify(make_token(R"({"alg":"HS256","typ":"JOSE+JSON"})", "{}", key), key)),
              error::bad_type);
    EXPECT_EQ(code_of(jwt::verify(make_token(R"({"alg":"HS256","typ":1})", "{}", key), key)), error::bad_type);
}

TEST(jwt_verify, rejects_crit) {
    EXPECT_EQ(code_of(jwt::verify(make_token(R"({"alg":"HS256","crit":["exp"]})", "{}", key), key)),
              error::unsupported_critical_header);
}

TEST(jwt_verify, rejects_tampered_payload) {
    auto const token = jwt::sign({{"userId", "u1"}}, key).value();
    auto const dot1 = token.find('.'), dot2 = token.rfind('.');
    std::string const forged = token.substr(0, dot1 + 1) + jwt::base64url_encode(R"({"userId":"admin"})") +
                               token.substr(dot2);
    EXPECT_EQ(code_of(jwt::verify(forged, key)), error::bad_signature);
}

TEST(jwt_verify, rejects_tampered_signature) {
    auto token = jwt::sign({{"userId", "u1"}}, key).value();
    auto const sig = token.rfind('.') + 1;
    token[sig] = token[sig] == 'A' ? 'B' : 'A';
    EXPECT_EQ(code_of(jwt::verify(token, key)), error::bad_signature);
    auto truncated = jwt::sign({{"userId", "u1"}}, key).value();
    truncated.resize(truncated.size() - 4);
    EXPECT_EQ(code_of(jwt::verify(truncated, key)), error::bad_signature);
}

TEST(jwt_verify, rejects_wrong_key) {
    auto const token = jwt::sign({{"userId", "u1"}}, key).value();
    EXPECT_EQ(code_of(jwt::verify(token, "another-secret")), error::bad_signature);
}

TEST(jwt_verify, expiry_against_injected_clock) {
    auto const token = jwt::sign({{"exp", 1000}}, key).value();
    EXPECT_TRUE(jwt::verify(token, key, at_time(999)));
    EXPECT_EQ(code_of(jwt::verify(token, key, at_time(1000))), error::expired);
    auto o = at_time(1004);
    o.leeway = 5s;
    EXPECT_TRUE(jwt::verify(token, key, o));
    o = at_time(1005);
    o.leeway = 5s;
    EXPECT_EQ(code_of(jwt::verify(token, key, o)), error::expired);
}

TEST(jwt_verify, fractional_exp) {
    auto const token = jwt::sign({{"exp", 1000.5}}, key).value();
    EXPECT_TRUE(jwt::verify(token, key, at_time(1000)));
    EXPECT_EQ(code_of(jwt::verify(token, key, at_time(1001))), error::expired);
}

TEST(jwt_verify, not_before_against_injected_clock) {
    auto const token = jwt::sign({{"nbf", 1000}}, key).value();
    EXPECT_EQ(code_of(jwt::verify(token, key, at_time(999))), error::not_yet_valid);
    EXPECT_TRUE(jwt::verify(token, key, at_time(1000)));
    auto o = at_time(990);
    o.leeway = 10s;
    EXPECT_TRUE(jwt::verify(token, key, o));
}

TEST(jwt_verify, require_exp) {
    auto o = at_time(0);
    o.require_exp = true;
    EXPECT_EQ(code_of(jwt::verify(jwt::sign({{"sub", "x"}}, key).value(), key, o)), error::bad_claim);
    EXPECT_TRUE(jwt::verify(jwt::sign({{"exp", 10}}, key).value(), key, o));
}

TEST(jwt_verify, rejects_registered_claims_of_wrong_type) {
    EXPECT_EQ(code_of(jwt::verify(jwt::sign({{"exp", "tomorrow"}}, key).value(), key)), error::bad_claim);
    EXPECT_EQ(code_of(jwt::verify(jwt::sign({{"nbf", true}}, key).value(), key)), error::bad_claim);
    EXPECT_EQ(code_of(jwt::verify(jwt::sign({{"iss", 5}}, key).value(), key)), error::bad_claim);
    EXPECT_EQ(code_of(jwt::verify(jwt::sign({{"aud", {1, 2}}}, key).value(), key)), error::bad_claim);
}

TEST(jwt_verify, issuer_and_audience) {
    auto const token = jwt::sign({{"iss", "auth.example"}, {"aud", {"api", "ws"}}}, key).value();
    jwt::verify_options o;
    o.issuer = "auth.example";
    o.audience = "ws";
    EXPECT_TRUE(jwt::verify(token, key, o));
    o.audience = "admin";
    EXPECT_EQ(code_of(jwt::verify(token, key, o)), error::bad_audience);
    o.audience = "api";
    o.issuer = "evil.example";
    EXPECT_EQ(code_of(jwt::verify(token, key, o)), error::bad_issuer);
    auto const plain = jwt::sign({{"aud", "ws"}}, key).value();
    jwt::verify_options p;
    p.audience = "ws";
    EXPECT_TRUE(jwt::verify(plain, key, p));
    p.issuer = "auth.example";
    EXPECT_EQ(code_of(jwt::verify(plain, key, p)), error::bad_issuer);  // absent iss
}

TEST(jwt_verify, rejects_malformed) {
    auto const token = jwt::sign({{"a", 1}}, key).value();
    auto const dot2 = token.rfind('.');
    EXPECT_EQ(code_of(jwt::verify(token.substr(0, dot2), key)), error::malformed);        // 2 segments
    EXPECT_EQ(code_of(jwt::verify(token + ".e30", key)), error::malformed);               // 4 segments
    EXPECT_EQ(code_of(jwt::verify("no dots at all", key)), error::malformed);
    EXPECT_EQ(code_of(jwt::verify("..", key)), error::malformed);
    EXPECT_EQ(code_of(jwt::verify("e30=." + token.substr(token.find('.') + 1), key)), error::malformed);
    EXPECT_EQ(code_of(jwt::verify("eyJ*." + token.substr(token.find('.') + 1), key)), error::malformed);
    EXPECT_EQ(code_of(jwt::verify(token.substr(0, dot2) + ".!!!", key)), error::malformed);  // bad signature b64
}

TEST(jwt_verify, rejects_non_object_json) {
    EXPECT_EQ(code_of(jwt::verify(make_token(R"(["alg","HS256"])", "{}", key), key)), error::malformed);
    EXPECT_EQ(code_of(jwt::verify(make_token(hs256_header, "42", key), key)), error::malformed);
    EXPECT_EQ(code_of(jwt::verify(make_token(hs256_header, R"("str")", key), key)), error::malformed);
    EXPECT_EQ(code_of(jwt::verify(make_token(hs256_header, "{not json", key), key)), error::malformed);
    EXPECT_EQ(code_of(jwt::verify(make_token(hs256_header, R"({"a":1} trailing)", key), key)), error::malformed);
    EXPECT_EQ(code_of(jwt::verify(make_token("{", "{}", key), key)), error::malformed);
}

TEST(jwt_verify, rejects_missing_and_oversize) {
    EXPECT_EQ(code_of(jwt::verify("", key)), error::missing);
    std::string const big = jwt::sign({{"pad", std::string(9000, 'x')}}, key).value();
    EXPECT_EQ(code_of(jwt::verify(big, key)), error::too_large);
    jwt::verify_options o;
    o.max_size = 16 * 1024;
    EXPECT_TRUE(jwt::verify(big, key, o));
}

TEST(jwt_error, connect_error_codes) {
    EXPECT_EQ(jwt::connect_error_code(error::missing), "AUTHENTICATION_REQUIRED");
    EXPECT_EQ(jwt::connect_error_code(error::expired), "TOKEN_EXPIRED");
    for (error e : {error::malformed, error::bad_signature, error::unsupported_algorithm, error::not_yet_valid,
                    error::bad_claim, error::too_large, error::bad_audience})
        EXPECT_EQ(jwt::connect_error_code(e), "INVALID_TOKEN");
    EXPECT_EQ(jwt::connect_error_code(boost::system::error_code(error::expired)), "TOKEN_EXPIRED");
    EXPECT_EQ(jwt::connect_error_code(boost::system::error_code()), "");
    EXPECT_EQ(jwt::connect_error_code(make_error_code(boost::system::errc::invalid_argument)), "INVALID_TOKEN");
    EXPECT_EQ(jwt::jwt_category().name(), std::string_view("sockspec.jwt"));
    EXPECT_EQ(boost::system::error_code(error::expired).message(), "token expired");
}

TEST(jwt_verify, mutated_tokens_never_verify) {
    // Fixed-seed mutations of a valid token (flip, insert, delete, truncate): verify never throws,
    // and nothing but the original verifies (base64url is canonical, so no two encodings).
    std::string const token = jwt::sign({{"userId", "u1"}, {"companyId", "c1"}, {"exp", 2000}}, key).value();
    std::string_view const alphabet = "ABCXYZabcxyz0129-_.=+/ \"{}";
    std::mt19937 rng(12345);
    auto const o = at_time(1000);
    ASSERT_TRUE(jwt::verify(token, key, o));
    for (int i = 0; i < 20000; ++i) {
        std::string m = token;
        for (int k = 1 + static_cast<int>(rng() % 3); k > 0 && !m.empty(); --k) {
            std::size_t const pos = rng() % m.size();
            switch (rng() % 4) {
                case 0: m[pos] = alphabet[rng() % alphabet.size()]; break;
                case 1: m.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
                case 2: m.erase(pos, 1); break;
                default: m.resize(pos); break;
            }
        }
        if (m == token) continue;
        auto const r = jwt::verify(m, key, o);
        ASSERT_FALSE(r) << m;
        EXPECT_NE(jwt::connect_error_code(r.error()), "TOKEN_EXPIRED") << m;
    }
}

// ---------------------------------------------------------------------------------------------
// verify_as: typed claims through a try_value_to_tag overload.

struct user_claims {
    std::string user_id;
    std::string company_id;
};

boost::system::result<user_claims> tag_invoke(boost::json::try_value_to_tag<user_claims>,
                                              boost::json::value const& jv) {
    auto const* o = jv.if_object();
    if (!o) return make_error_code(boost::system::errc::invalid_argument);
    auto const* u = o->if_contains("userId");
    auto const* c = o->if_contains("companyId");
    if (!u || !u->is_string() || !c || !c->is_string()) return make_error_code(boost::system::errc::invalid_argument);
    return user_claims{std::string(u->get_string()), std::string(c->get_string())};
}

TEST(jwt_verify_as, decodes_into_a_user_type) {
    auto const token = jwt::sign({{"userId", "u7"}, {"companyId", "c9"}}, key).value();
    user_claims out;
    EXPECT_FALSE(jwt::verify_as(token, key, {}, out));
    EXPECT_EQ(out.user_id, "u7");
    EXPECT_EQ(out.company_id, "c9");
    auto const r = jwt::verify_as<user_claims>(token, key);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->company_id, "c9");
}

TEST(jwt_verify_as, payload_of_wrong_shape_is_bad_claim) {
    auto const token = jwt::sign({{"userId", 7}}, key).value();
    user_claims out{"unchanged", ""};
    EXPECT_EQ(jwt::verify_as(token, key, {}, out), error::bad_claim);
    EXPECT_EQ(out.user_id, "unchanged");
}

TEST(jwt_verify_as, verification_errors_pass_through) {
    auto const token = jwt::sign({{"userId", "u"}, {"companyId", "c"}, {"exp", 5}}, key).value();
    user_claims out;
    EXPECT_EQ(jwt::verify_as(token, key, at_time(6), out), error::expired);
    EXPECT_EQ(jwt::verify_as(token, "wrong", at_time(1), out), error::bad_signature);
}

TEST(jwt_verify_as, json_object) {
    auto const token = jwt::sign({{"x", 1}}, key).value();
    auto const r = jwt::verify_as<boost::json::object>(token, key);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->at("x"), 1);
}

// ---------------------------------------------------------------------------------------------
// extract_token

using jwt::token_source;

TEST(jwt_extract, from_auth_object) {
    auto const t = jwt::extract_token(boost::json::parse(R"({"token":"abc.def.ghi"})"), "", "");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->token, "abc.def.ghi");
    EXPECT_EQ(t->source, token_source::auth_token);
}

TEST(jwt_extract, from_bearer_header) {
    for (std::string_view h : {"Bearer abc.def.ghi", "bearer abc.def.ghi", "BEARER   abc.def.ghi  ", " Bearer\tabc.def.ghi"}) {
        auto const t = jwt::extract_token(nullptr, h, "");
        ASSERT_TRUE(t) << h;
        EXPECT_EQ(t->token, "abc.def.ghi") << h;
        EXPECT_EQ(t->source, token_source::header_authorization);
    }
    for (std::string_view h : {"Basic dXNlcjpwdw==", "Bearer", "Bearer   ", "Bearerabc.def.ghi", "abc.def.ghi", ""})
        EXPECT_FALSE(jwt::extract_token(nullptr, h, "")) << h;
}

TEST(jwt_extract, from_query) {
    auto const t = jwt::extract_token(nullptr, "", "EIO=4&transport=polling&token=abc.def%2Dghi&t=x");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->token, "abc.def-ghi");
    EXPECT_EQ(t->source, token_source::query_token);
    EXPECT_EQ(jwt::extract_token(nullptr, "", "?token=q1&token=q2")->token, "q1");
    EXPECT_FALSE(jwt::extract_token(nullptr, "", "EIO=4&tokens=x&token="));
    EXPECT_FALSE(jwt::extract_token(nullptr, "", "token"));
    EXPECT_FALSE(jwt::extract_token(nullptr, "", "token=%zz"));  // invalid escape: ignored
}

TEST(jwt_extract, ignores_unusable_auth) {
    for (std::string_view a : {R"({"token":42})", R"({"token":""})", R"({"tok":"x"})", R"(["token"])", "null"})
        EXPECT_FALSE(jwt::extract_token(boost::json::parse(a), "", "")) << a;
}

TEST(jwt_extract, default_precedence_auth_header_query) {
    auto const auth = boost::json::parse(R"({"token":"A"})");
    EXPECT_EQ(jwt::extract_token(auth, "Bearer H", "token=Q")->token, "A");
    EXPECT_EQ(jwt::extract_token(nullptr, "Bearer H", "token=Q")->token, "H");
    EXPECT_EQ(jwt::extract_token(nullptr, "Basic x", "token=Q")->token, "Q");
    EXPECT_FALSE(jwt::extract_token(nullptr, "", ""));
}

TEST(jwt_extract, custom_sources) {
    auto const auth = boost::json::parse(R"({"token":"A"})");
    std::array const query_first{token_source::query_token, token_source::auth_token};
    EXPECT_EQ(jwt::extract_token(auth, "Bearer H", "token=Q", query_first)->token, "Q");
    EXPECT_EQ(jwt::extract_token(auth, "Bearer H", "", query_first)->token, "A");
    std::array const header_only{token_source::header_authorization};
    EXPECT_FALSE(jwt::extract_token(auth, "", "token=Q", header_only));
}

TEST(jwt_extract, arbitrary_input_never_throws) {
    std::mt19937 rng(99);
    static constexpr char chars[] = "token=%&?+ Bearer\t.a1Z\x00\xff";
    std::string_view const alphabet(chars, sizeof chars - 1);  // the NUL included
    for (int i = 0; i < 5000; ++i) {
        std::string h, q;
        for (int n = static_cast<int>(rng() % 24); n > 0; --n) h += alphabet[rng() % alphabet.size()];
        for (int n = static_cast<int>(rng() % 24); n > 0; --n) q += alphabet[rng() % alphabet.size()];
        auto const t = jwt::extract_token(nullptr, h, q);
        if (t) {
            EXPECT_FALSE(t->token.empty());
        }
    }
}

TEST(jwt_extract, then_verify) {
    auto const token = jwt::sign({{"userId", "u"}}, key).value();
    auto const found = jwt::extract_token(nullptr, "Bearer " + token, "");
    ASSERT_TRUE(found);
    EXPECT_TRUE(jwt::verify(found->token, key));
    auto const none = jwt::extract_token(nullptr, "", "");
    EXPECT_EQ(jwt::connect_error_code(jwt::verify(none ? none->token : "", key).error()), "AUTHENTICATION_REQUIRED");
}

}  // namespace
