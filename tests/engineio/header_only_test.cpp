// The Engine.IO server in header-only mode (no SOCKSPEC_SEPARATE_COMPILATION): it links, and a
// server can listen and close.
#include <sockspec/engineio/server.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>

#include <cstdio>

int main() {
    boost::asio::io_context ioc;
    sockspec::engineio::server srv(ioc);
    srv.on_connection([](sockspec::engineio::session_ptr s) { s->send("hi"); });
    if (auto ec = srv.listen({boost::asio::ip::make_address("127.0.0.1"), 0})) {
        std::fprintf(stderr, "listen: %s\n", ec.message().c_str());
        return 1;
    }
    if (srv.local_endpoint().port() == 0) return 1;
    srv.close();
    ioc.run();  // returns: close() left nothing pending
    return srv.session_count() == 0 ? 0 : 1;
}
