// The client in header-only mode (no SOCKSPEC_SEPARATE_COMPILATION): it links, reports a refused
// connection as connect_error, closes, and leaves no work behind.
#include <sockspec/client/client.hpp>

#include <boost/asio/io_context.hpp>

#include <cstdio>
#include <string>

int main() {
    boost::asio::io_context ioc;
    sockspec::client::manager_options o;
    o.reconnection.enabled = false;
    o.engine.transports = {sockspec::engineio::transport_type::websocket};
    // Port 1 on loopback: nobody listens there.
    auto s = sockspec::client::connect(ioc.get_executor(), "http://127.0.0.1:1/admin", o);
    std::string message;
    s->on_connect_error([&](std::string_view m, boost::json::value const&) {
        message = std::string(m);
        s->io()->close();
    });
    ioc.run_for(std::chrono::seconds(10));
    if (message != "websocket error") {
        std::printf("connect_error: got '%s'\n", message.c_str());
        return 1;
    }
    if (!ioc.stopped()) {
        std::puts("the client did not drain after close()");
        return 1;
    }
    return 0;
}
