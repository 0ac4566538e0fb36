// The JWT helper's bodies (sign for the clients' tokens, verify for jwt_auth), compiled once for
// ts_interop_tests: sockspec_compiled leaves them out because they need libcrypto.
#include <sockspec/jwt/src.hpp>
