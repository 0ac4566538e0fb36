// Test support: a GoogleTest fixture running a Socket.IO server (sockspec/server) on 127.0.0.1
// with its own io_context on worker threads, started in SetUp and closed in TearDown, which also
// checks that the io_context drains (every timer and session ends after `close()`). Plus a
// thread-safe event log for handlers to record what happened, and the node peer helpers.
//
//   class my_test : public sockspec::test::server_fixture {
//   protected:
//       void configure(sockspec::server::server_options& o) override { o.connect_timeout = 300ms; }
//       void setup(sockspec::server::server& srv) override {
//           srv.of("/").on_connection([this](sockspec::server::socket_ptr s) {
//               record("connect " + s->id());
//           });
//       }
//   };
//   TEST_F(my_test, connects) {
//       // ... a client connects to 127.0.0.1:port ...
//       EXPECT_TRUE(wait_for_prefix("connect "));
//   }
//
// A fixture that needs more set-up overrides SetUp/TearDown and calls these first/last.
// Header-only; include as "support/server_fixture.hpp" (targets linking sockspec_compiled).
#pragma once

#include "support/run_command.hpp"

#include <sockspec/server/server.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <type_traits>
#include <vector>

namespace sockspec::test {

/// Waits (polling every 5 ms) until `pred()` holds or `timeout` passes; returns `pred()`'s last
/// value. For conditions that no event can signal to the test thread (a count on the server).
inline bool wait_until(std::function<bool()> const& pred,
                       std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > deadline) return pred();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

/// What handlers saw, in order, recorded from any thread and checked by the test thread.
/// Thread-safe.
class event_log {
public:
    /// Appends `what`.
    void record(std::string what) {
        std::lock_guard lock(mutex_);
        events_.push_back(std::move(what));
    }
    /// A copy of everything recorded so far.
    std::vector<std::string> events() const {
        std::lock_guard lock(mutex_);
        return events_;
    }
    /// True when `what` was recorded.
    bool saw(std::string const& what) const {
        auto const e = events();
        return std::find(e.begin(), e.end(), what) != e.end();
    }
    /// True when an entry starting with `prefix` was recorded.
    bool saw_prefix(std::string_view prefix) const {
        auto const e = events();
        return std::any_of(e.begin(), e.end(),
                           [&](auto const& x) { return x.starts_with(prefix); });
    }
    /// The number of entries starting with `prefix`.
    std::size_t count_prefix(std::string_view prefix) const {
        auto const e = events();
        return static_cast<std::size_t>(
            std::count_if(e.begin(), e.end(), [&](auto const& x) { return x.starts_with(prefix); }));
    }
    /// Waits (bounded) until `what` is recorded.
    bool wait_for(std::string const& what,
                  std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
        return wait_until([&] { return saw(what); }, timeout);
    }
    /// Waits (bounded) until an entry starting with `prefix` is recorded.
    bool wait_for_prefix(std::string_view prefix,
                         std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
        return wait_until([&] { return saw_prefix(prefix); }, timeout);
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> events_;
};

/// True when `node` is a usable path (CMake's find_program result) and `node_modules` holds
/// socket.io-client.
inline bool node_available(std::string_view node, std::filesystem::path const& node_modules) {
    return !node.empty() && !node.ends_with("NOTFOUND") &&
           std::filesystem::exists(node_modules / "socket.io-client");
}

/// Runs `node <script> <port> <args>` bounded by `timeout 30`, stderr into the output. (The
/// server's own descriptors are close-on-exec, so the child cannot keep its port open: the
/// restart test relies on it.)
inline command_result run_node(std::string_view node, std::string_view script, unsigned short port,
                               std::string const& args) {
    return run_command("timeout 30 " + std::string(node) + " " + std::string(script) + " " +
                       std::to_string(port) + " " + args + " 2>&1");
}

/// A Socket.IO server on 127.0.0.1, its io_context and worker threads, for a test.
///
/// SetUp: `configure` the options, make the server, `setup` it, listen on `listen_port()` (0: a
/// free port; the bound one is `port`), then run the io_context on `worker_threads()` threads.
/// TearDown: `close()` the server, let the io_context run out of work (bounded by
/// `drain_timeout()`; a failure if it does not), join the threads.
///
/// `Base` is the GoogleTest base: ::testing::Test, or ::testing::TestWithParam<T> for a
/// parameterized fixture (`basic_server_fixture<::testing::TestWithParam<std::string>>`).
template <class Base = ::testing::Test>
class basic_server_fixture : public Base, public event_log {
protected:
    void SetUp() override {
        start_server();
        if (Base::HasFatalFailure()) return;
        for (std::size_t i = 0; i < worker_threads(); ++i)
            threads_.emplace_back([this] { ioc.run(); });
    }

    void TearDown() override {
        if (io) io->close();
        work_.reset();
        bool const drained = wait_until([this] { return ioc.stopped(); }, drain_timeout());
        EXPECT_TRUE(drained || threads_.empty()) << "the server did not drain after close()";
        ioc.stop();
        for (auto& t : threads_) t.join();
        threads_.clear();
    }

    /// Adjusts the options of each server made (SetUp, restart_server). The fixture's defaults:
    /// the reference's, but a 300 ms close timeout so that TearDown is quick.
    virtual void configure(server::server_options&) {}
    /// Sets up each server made (namespaces, middleware, handlers) before it listens.
    virtual void setup(server::server&) {}
    /// The port of the first server; 0 picks a free one.
    virtual unsigned short listen_port() const { return 0; }
    /// The number of threads running `ioc`.
    virtual std::size_t worker_threads() const { return 2; }
    /// How long TearDown waits for the io_context to drain.
    virtual std::chrono::milliseconds drain_timeout() const { return std::chrono::seconds(5); }

    /// Closes the server (gracefully, as a process exit would not), destroys it, and makes and
    /// starts a new one, set up the same way, on the same port. Sessions of the old server may
    /// still be closing on the io_context meanwhile.
    void restart_server() {
        if (io) io->close();
        io.reset();
        // engineio::server::close() closes its acceptor on the acceptor's strand, a moment later:
        // until then the port is still listening and cannot be bound, SO_REUSEADDR or not.
        ASSERT_TRUE(wait_until([p = port] { return port_bindable(p); }))
            << "port " << port << " still in use after close()";
        start_server(port);
    }

    /// True when 127.0.0.1:`p` can be bound and listened on now (with SO_REUSEADDR, as the server
    /// does).
    static bool port_bindable(unsigned short p) {
        boost::asio::io_context ctx;
        boost::asio::ip::tcp::acceptor a(ctx);
        boost::system::error_code ec;
        a.open(boost::asio::ip::tcp::v4(), ec);
        if (!ec) a.set_option(boost::asio::socket_base::reuse_address(true), ec);
        if (!ec) a.bind({boost::asio::ip::make_address("127.0.0.1"), p}, ec);
        // Linux lets SO_REUSEADDR sockets bind next to a listening one; listen() is the test.
        if (!ec) a.listen(boost::asio::socket_base::max_listen_connections, ec);
        return !ec;
    }

    /// Runs `f` on the server's strand and waits (bounded) for its result.
    template <class F>
    auto on_strand(F f) -> decltype(f()) {
        std::promise<decltype(f())> p;
        auto fut = p.get_future();
        boost::asio::post(io->get_executor(), [&] {
            if constexpr (std::is_void_v<decltype(f())>) {
                f();
                p.set_value();
            } else {
                p.set_value(f());
            }
        });
        if (fut.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
            ADD_FAILURE() << "the server strand did not run the work";
            // The work still refers to `p` and `f`: wait for it rather than leave it dangling.
            fut.wait();
        }
        return fut.get();
    }

    /// The io_context the server and its sessions run on.
    boost::asio::io_context ioc;
    /// The server (null before SetUp).
    std::unique_ptr<server::server> io;
    /// The bound port.
    unsigned short port = 0;

private:
    void start_server(unsigned short p = 0) {
        server::server_options opts;
        opts.engine.close_timeout = std::chrono::milliseconds(300);
        configure(opts);
        io = std::make_unique<server::server>(ioc, std::move(opts));
        setup(*io);
        auto const want = p != 0 ? p : listen_port();
        auto const ec = io->listen({boost::asio::ip::make_address("127.0.0.1"), want});
        ASSERT_FALSE(ec) << "listen on port " << want << ": " << ec.message();
        port = io->local_endpoint().port();
    }

    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
        ioc.get_executor()};
    std::vector<std::thread> threads_;
};

/// The fixture of a plain (not parameterized) test.
using server_fixture = basic_server_fixture<>;

}  // namespace sockspec::test
