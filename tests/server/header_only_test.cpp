// The server in header-only mode (no SOCKSPEC_SEPARATE_COMPILATION): it links, listens on an
// ephemeral loopback port and closes with no work left.
#include <sockspec/server/server.hpp>

#include <boost/asio/ip/address.hpp>

#include <cstdio>

int main() {
    boost::asio::io_context ioc;
    sockspec::server::server io(ioc);
    io.of("/").on_connection([](sockspec::server::socket_ptr s) { s->emit("hello"); });
    if (io.listen({boost::asio::ip::make_address("127.0.0.1"), 0})) return 1;
    if (io.local_endpoint().port() == 0) return 1;
    io.close();
    ioc.run_for(std::chrono::seconds(5));
    if (!ioc.stopped()) {
        std::puts("the server did not drain after close()");
        return 1;
    }
    return 0;
}
