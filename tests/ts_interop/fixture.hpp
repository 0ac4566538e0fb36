// Shared by the TypeScript interop tests: a typed C++ server on 127.0.0.1:0 run by two threads,
// a recorder of what its handlers decoded, JWTs for the clients, and the compiled TypeScript
// client run by node (`node <client>.js <port> <transports> <args>...`).
#pragma once

#include <sockspec/jwt/verify.hpp>
#include <sockspec/server/server.hpp>
#include <sockspec/typed/event_traits.hpp>
#include "support/run_command.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/json/object.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace sockspec::test {

/// The HMAC secret of the servers' jwt_auth and of the clients' tokens.
inline constexpr char jwt_key[] = "ts-interop-secret";

/// A token the servers accept, carrying `claims`.
inline std::string token(boost::json::object const& claims) {
    auto const t = sockspec::jwt::sign(claims, jwt_key);
    return t ? *t : std::string();
}

/// What the handlers decoded, in order. Written on the server's strand, read by the test.
class recorder {
public:
    void add(std::string what) {
        std::lock_guard lock(mutex_);
        events_.push_back(std::move(what));
    }
    std::vector<std::string> all() const {
        std::lock_guard lock(mutex_);
        return events_;
    }
    bool saw(std::string const& what) const {
        auto const e = all();
        return std::find(e.begin(), e.end(), what) != e.end();
    }
    std::size_t count_prefix(std::string_view prefix) const {
        auto const e = all();
        return static_cast<std::size_t>(std::count_if(
            e.begin(), e.end(), [&](auto const& x) { return x.starts_with(prefix); }));
    }
    bool wait_for(std::string const& what, std::chrono::milliseconds limit) const {
        auto const deadline = std::chrono::steady_clock::now() + limit;
        while (!saw(what)) {
            if (std::chrono::steady_clock::now() > deadline) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return true;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> events_;
};

/// Calls `f` with a value of each event descriptor of a generated `sockspec::event_list`.
template <class... E, class F>
void for_each_event(sockspec::event_list<E...>, F&& f) {
    (f(E{}), ...);
}

/// The transports a client is told to use: the schema's default, websocket or polling only.
inline std::vector<std::string> const transport_modes{"default", "websocket", "polling"};

/// A server test parameterized by the client's transports. `attach(server&)` installs the
/// service under test before `listen`.
class ts_server_test : public ::testing::TestWithParam<std::string> {
protected:
    virtual void attach(server::server& srv) = 0;

    void SetUp() override {
        server::server_options opts;
        opts.engine.close_timeout = std::chrono::milliseconds(300);
        io = std::make_unique<server::server>(ioc, opts);
        attach(*io);
        ASSERT_FALSE(io->listen({boost::asio::ip::make_address("127.0.0.1"), 0}));
        port = io->local_endpoint().port();
        for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { ioc.run(); });
    }

    void TearDown() override {
        io->close();
        work_.reset();
        auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (!ioc.stopped() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        EXPECT_TRUE(ioc.stopped()) << "the server did not drain after close()";
        ioc.stop();
        for (auto& t : threads_) t.join();
    }

    /// Runs `node <client> <port> <GetParam()> <args...>`, bounded by `timeout 30`.
    command_result run_client(std::string const& client, std::vector<std::string> const& args) {
        std::string cmd = "NODE_PATH='" + std::string(SOCKSPEC_NODE_MODULES) + "' timeout 30 " +
                          SOCKSPEC_NODE + " " + client + " " + std::to_string(port) + " " +
                          GetParam();
        for (auto const& a : args) cmd += " '" + a + "'";
        return run_command(cmd + " 2>&1");
    }

    /// True when node and the compiled client `client` are there.
    static bool have_client(std::string const& client) {
        return !std::string_view(SOCKSPEC_NODE).empty() &&
               !std::string_view(SOCKSPEC_NODE).ends_with("NOTFOUND") &&
               std::filesystem::exists(client);
    }

    /// Expects one output line `<peer> transport <mode>` per peer when a transport was forced.
    void expect_transports(command_result const& r, std::vector<std::string> const& peers) {
        if (GetParam() == "default") return;
        for (auto const& peer : peers) {
            EXPECT_NE(r.output.find(peer + " transport " + GetParam() + "\n"), std::string::npos)
                << r.output;
        }
    }

    boost::asio::io_context ioc;
    recorder rec;
    std::unique_ptr<server::server> io;
    unsigned short port = 0;

private:
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
        ioc.get_executor()};
    std::vector<std::thread> threads_;
};

}  // namespace sockspec::test
