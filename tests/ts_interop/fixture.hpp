// Shared by the TypeScript interop tests: a typed C++ server on 127.0.0.1:0 run by two threads
// (support/server_fixture.hpp) with the log of what its handlers decoded, JWTs for the clients, and the compiled TypeScript
// client run by node (`node <client>.js <port> <transports> <args>...`).
#pragma once

#include <sockspec/jwt/verify.hpp>
#include <sockspec/server/server.hpp>
#include <sockspec/typed/event_traits.hpp>
#include "support/server_fixture.hpp"

#include <boost/json/object.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sockspec::test {

/// The HMAC secret of the servers' jwt_auth and of the clients' tokens.
inline constexpr char jwt_key[] = "ts-interop-secret";

/// A token the servers accept, carrying `claims`.
inline std::string token(boost::json::object const& claims) {
    auto const t = sockspec::jwt::sign(claims, jwt_key);
    return t ? *t : std::string();
}

/// Calls `f` with a value of each event descriptor of a generated `sockspec::event_list`.
template <class... E, class F>
void for_each_event(sockspec::event_list<E...>, F&& f) {
    (f(E{}), ...);
}

/// The transports a client is told to use: the schema's default, websocket or polling only.
inline std::vector<std::string> const transport_modes{"default", "websocket", "polling"};

/// A server test parameterized by the client's transports. `attach(server&)` installs the
/// service under test before `listen`.
class ts_server_test : public basic_server_fixture<::testing::TestWithParam<std::string>> {
protected:
    /// Installs the service under test.
    virtual void attach(server::server& srv) = 0;
    void setup(server::server& srv) override { attach(srv); }

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

    /// What the handlers decoded (the fixture's event log).
    event_log& rec = *this;
};

}  // namespace sockspec::test
