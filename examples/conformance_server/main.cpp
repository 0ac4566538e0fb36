// conformance_server: the fixtures of the "Test suite" sections of the Engine.IO v4 and
// Socket.IO v5 protocol documents, served on one port:
//   /engine.io/  an Engine.IO server that echoes every message back (binary stays binary);
//   /socket.io/  a Socket.IO server with namespaces "/" and "/custom" that emits "auth" with
//                the CONNECT auth payload, answers "message" with "message-back" and acks
//                "message-with-ack" with the same arguments.
// Both: pingInterval 300 ms, pingTimeout 200 ms, maxPayload 1000000, CORS origin "*";
// Socket.IO: connectTimeout 1000 ms.
//
// usage: conformance_server [--host 127.0.0.1] [--port 3000]   (--port 0 picks a free port)
// Prints "listening on <port>" once bound, serves until SIGINT or SIGTERM, then closes
// gracefully and exits 0.
#include <sockspec/engineio/server.hpp>
#include <sockspec/server/server.hpp>

#include <CLI/CLI.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
namespace eio = sockspec::engineio;
namespace sio = sockspec::server;

// The options both fixtures share (engine.io `listen(3000, {...})`, socket.io `new Server`).
void configure(eio::server_options& o) {
    o.ping_interval = 300ms;
    o.ping_timeout = 200ms;
    o.max_http_buffer_size = 1000000;
    o.cors.enabled = true;
    o.cors.origins = {"*"};
    // A graceful close waits this long for a client to collect its close packet: by then the
    // heartbeat would have dropped it anyway.
    o.close_timeout = o.ping_interval + o.ping_timeout;
}

// socket.emit("auth", socket.handshake.auth): socket.io makes the auth `{}` when the CONNECT
// packet has none.
void emit_auth(sio::socket& s) {
    s.emit("auth", s.auth().is_null() ? std::string("{}") : boost::json::serialize(s.auth()));
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Engine.IO v4 and Socket.IO v5 protocol test-suite fixtures on one port"};
    std::string host = "127.0.0.1";
    std::uint16_t port = 3000;
    app.add_option("--host", host, "address to bind")->capture_default_str();
    app.add_option("--port", port, "port to bind (0 picks a free one)")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    boost::system::error_code ec;
    auto const address = boost::asio::ip::make_address(host, ec);
    if (ec) {
        std::cerr << "conformance_server: bad --host " << host << ": " << ec.message() << "\n";
        return 2;
    }

    boost::asio::io_context ioc;

    // Socket.IO fixture at /socket.io/: it owns the listener.
    sio::server_options so;
    configure(so.engine);
    so.connect_timeout = 1000ms;
    sio::server io(ioc, so);
    io.of("/").on_connection([](sio::socket_ptr s) {
        emit_auth(*s);
        std::weak_ptr<sio::socket> w = s;
        s->on("message", [w](std::string_view args, sio::ack_fn) {
            auto s = w.lock();
            if (!s) return;
            auto const bins = s->attachments();
            s->emit("message-back", args, std::vector<std::string>(bins.begin(), bins.end()));
        });
        // const ack = args.pop(); ack(...args);
        s->on("message-with-ack", [w](std::string_view args, sio::ack_fn ack) {
            auto s = w.lock();
            if (!s || !ack) return;
            auto const bins = s->attachments();
            ack(args, std::vector<std::string>(bins.begin(), bins.end()));
        });
    });
    io.of("/custom").on_connection([](sio::socket_ptr s) { emit_auth(*s); });

    // Engine.IO fixture at /engine.io/, mounted on the Socket.IO server's listener.
    eio::server_options eo;
    eo.path = "/engine.io/";
    configure(eo);
    eio::server engine(ioc, eo);
    engine.on_connection([](eio::session_ptr s) {
        s->on_message([w = std::weak_ptr<eio::session>(s)](std::string data, bool binary) {
            auto s = w.lock();
            if (!s) return;
            if (binary)
                s->send_binary(data);
            else
                s->send(data);
        });
    });
    io.engine().mount(engine);

    // Graceful close on SIGINT/SIGTERM (handled from here on, before the port is announced):
    // every session is closed and drained (bounded by close_timeout), then the loop runs out of
    // work and main returns.
    boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code e, int) {
        if (!e) io.close();  // closes the mounted Engine.IO server too
    });

    if (auto e = io.listen({address, port})) {
        std::cerr << "conformance_server: listen " << host << ":" << port << ": " << e.message()
                  << "\n";
        return 1;
    }
    std::cout << "listening on " << io.local_endpoint().port() << std::endl;

    ioc.run();
    return 0;
}
