// An Engine.IO echo server for the interop tests: echoes every message (text or binary) back
// to its session; the message "close" makes the server close the session instead.
//
// usage: engineio_echo_server [ping_interval_ms ping_timeout_ms]
// Prints "listening <port>" on stdout once bound to 127.0.0.1:<ephemeral>, then serves until
// stdin reaches end of file (the test driver exits) or it receives SIGTERM/SIGINT.
#include <sockspec/engineio/server.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/signal_set.hpp>

#include <unistd.h>

#include <array>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    namespace eio = sockspec::engineio;
    boost::asio::io_context ioc;
    eio::server_options opts;
    if (argc >= 3) {
        opts.ping_interval = std::chrono::milliseconds(std::atoi(argv[1]));
        opts.ping_timeout = std::chrono::milliseconds(std::atoi(argv[2]));
    }
    eio::server srv(ioc, opts);
    srv.on_connection([](eio::session_ptr s) {
        std::cout << "connection " << eio::to_string(s->transport()) << std::endl;
        s->on_message([w = std::weak_ptr<eio::session>(s)](std::string data, bool binary) {
            auto s = w.lock();
            if (!s) return;
            if (!binary && data == "close") {
                s->close();
                return;
            }
            if (binary)
                s->send_binary(data);
            else
                s->send(data);
        });
        s->on_close([](std::string_view reason) { std::cout << "close " << reason << std::endl; });
    });
    if (auto ec = srv.listen({boost::asio::ip::make_address("127.0.0.1"), 0})) {
        std::cerr << "listen: " << ec.message() << "\n";
        return 1;
    }
    std::cout << "listening " << srv.local_endpoint().port() << std::endl;

    boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
    boost::asio::posix::stream_descriptor in(ioc, ::dup(0));
    std::array<char, 256> buf{};
    auto stop = [&] {
        signals.cancel();
        in.close();
        srv.close();
    };
    signals.async_wait([&](boost::system::error_code, int) { stop(); });
    std::function<void()> read_stdin = [&] {
        in.async_read_some(boost::asio::buffer(buf),
                           [&](boost::system::error_code ec, std::size_t) {
                               if (ec) {
                                   if (ec != boost::asio::error::operation_aborted) stop();
                                   return;
                               }
                               read_stdin();
                           });
    };
    read_stdin();
    ioc.run();
    return 0;
}
