// Misuse: leaving out a required argument (only trailing optional ones may be left out).
#include <sockspec/gen/typed_test.hpp>
#include <sockspec/typed/server.hpp>

#include <string>

void misuse(sockspec::typed::socket<typed_test::nsp_root> const& s) {
    s.emit<typed_test::moved>();
}
