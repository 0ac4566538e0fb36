// The C++ Socket.IO client (sockspec/client) against real servers: the npm socket.io server run
// by node (server.js) and sockspec::server in-process, set up alike (see server.js). Every test
// runs against both peers. The client runs on the test thread's io_context; every wait is
// bounded and waits for an event, not for a fixed time (except to prove that nothing happens).
#include "support/server_fixture.hpp"

#include <sockspec/client/client.hpp>
#include <sockspec/server/server.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <gtest/gtest.h>

#include <signal.h>
#include <stdlib.h>
#include <sys/types.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace sc = sockspec::client;
namespace sio = sockspec::server;
namespace json = boost::json;
using namespace std::chrono_literals;
using sockspec::engineio::transport_type;

// The npm socket.io server of server.js in a child process.
class node_server {
public:
    node_server() = default;
    node_server(node_server const&) = delete;
    node_server& operator=(node_server const&) = delete;
    ~node_server() { stop(); }

    // Starts `node server.js 0 <down_ms> <extra>`; false when it did not print its port.
    // Started before any client socket exists (SetUp), and the fixture server's descriptors
    // are close-on-exec: the child holds no connection of the test open.
    bool start(int down_ms, std::string const& extra = {}) {
        std::string const cmd = "echo $$; NODE_PATH=" SOCKSPEC_NODE_MODULES
                                " exec timeout 55 " SOCKSPEC_NODE " " SOCKSPEC_INTEROP_SERVER
                                " 0 " +
                                std::to_string(down_ms) + " " + extra + " 2>&1";
        out_ = ::popen(cmd.c_str(), "r");
        if (out_ == nullptr) return false;
        char line[256];
        if (std::fgets(line, sizeof line, out_) == nullptr) return false;
        pid_ = std::atoi(line);
        while (std::fgets(line, sizeof line, out_) != nullptr) {
            std::string const l(line);
            if (l.rfind("PORT ", 0) == 0) {
                port = static_cast<unsigned short>(std::atoi(l.c_str() + 5));
                return port != 0;
            }
        }
        return false;
    }

    void stop() {
        if (pid_ > 0) ::kill(pid_, SIGKILL);
        pid_ = 0;
        if (out_ != nullptr) ::pclose(out_);
        out_ = nullptr;
    }

    unsigned short port = 0;

private:
    FILE* out_ = nullptr;
    pid_t pid_ = 0;
};

// Runs the server of every test: node (param "node") or sockspec::server (param "sockspec", the
// fixture's server, set up as server.js).
using peer_fixture = sockspec::test::basic_server_fixture<::testing::TestWithParam<std::string>>;

class client_interop : public peer_fixture {
protected:
    static constexpr int node_down_ms = 1500;

    void SetUp() override {
        peer_fixture::SetUp();
        if (HasFatalFailure()) return;
        if (node()) {
            if (!sockspec::test::node_available(SOCKSPEC_NODE, SOCKSPEC_NODE_MODULES))
                GTEST_SKIP() << "node or node_modules/socket.io missing";
            ASSERT_TRUE(node_.start(node_down_ms)) << "server.js did not start";
        }
    }

    void TearDown() override {
        // The client first: nothing of it may outlive the test.
        for (auto& m : managers_) m->close();
        managers_.clear();
        cioc.restart();
        cioc.run_for(200ms);
        node_.stop();
        peer_fixture::TearDown();
    }

    bool node() const { return GetParam() == "node"; }
    unsigned short peer_port() const { return node() ? node_.port : port; }
    std::string url(std::string const& path = "") const {
        return "http://127.0.0.1:" + std::to_string(peer_port()) + path;
    }

    // Client options: short reconnection delays so that a restart is quick.
    static sc::manager_options options(std::vector<transport_type> transports = {
                                           transport_type::polling, transport_type::websocket}) {
        sc::manager_options o;
        o.engine.transports = std::move(transports);
        o.reconnection.delay = 100ms;
        o.reconnection.delay_max = 300ms;
        o.timeout = 5000ms;
        return o;
    }

    std::shared_ptr<sc::socket> connect(std::string const& path, sc::manager_options o = options(),
                                        sc::socket_options so = {}) {
        auto s = sc::connect(cioc.get_executor(), url(path), std::move(o), std::move(so));
        managers_.push_back(s->io());
        return s;
    }

    // Runs the client's handlers until `pred` holds (bounded).
    bool run_until(std::function<bool()> const& pred, std::chrono::milliseconds timeout = 10s) {
        auto const end = std::chrono::steady_clock::now() + timeout;
        while (!pred()) {
            if (std::chrono::steady_clock::now() > end) return false;
            cioc.restart();
            cioc.run_for(5ms);
        }
        return true;
    }

    // Connects `s` (bounded); fails the test on connect_error.
    void expect_connected(std::shared_ptr<sc::socket> const& s) {
        std::string error;
        bool connected = false;
        s->on_connect([&] { connected = true; });
        s->on_connect_error(
            [&](std::string_view m, json::value const&) { error = std::string(m); });
        // It may have connected already (while the test waited for another socket).
        ASSERT_TRUE(run_until([&] { return connected || s->connected() || !error.empty(); }))
            << "no connect";
        ASSERT_TRUE(connected || s->connected()) << "connect_error " << error;
        s->on_connect(nullptr);
        s->on_connect_error(nullptr);
        cioc.restart();
        cioc.poll();
    }

    // The sockspec::server peer, set up as server.js.
    void setup(sio::server& srv) override {
        srv.of("/admin").use([](sio::socket&, json::value const& auth, sio::next_fn next) {
            auto const* token = auth.is_object() ? auth.as_object().if_contains("token") : nullptr;
            if (token != nullptr && token->is_string() && token->as_string() == "good")
                return next();
            json::object data{{"reason", "denied"},
                              {"token", token ? *token : json::value(nullptr)}};
            next(sio::connect_error{"bad token", json::serialize(data)});
        });
        for (auto const* name : {"/", "/admin"}) {
            std::string const n = name;
            srv.of(n).on_connection([this, n](sio::socket_ptr s) {
                s->on_disconnect([this, n](std::string_view r) {
                    record("disconnect " + n + " " + std::string(r));
                });
                s->on("echo", [s](std::string_view args, sio::ack_fn ack) {
                    std::vector<std::string> atts(s->attachments().begin(), s->attachments().end());
                    if (ack)
                        ack(args);  // the server's ack_fn carries no attachments (see report)
                    else
                        s->emit("echo", args, std::move(atts));
                });
                s->on("whoami", [s, n](std::string_view, sio::ack_fn ack) {
                    if (ack)
                        ack(json::serialize(json::value(s->id())) + "," +
                            json::serialize(json::value(n)) + "," +
                            // socket.io's handshake.auth is {} when the client sent none
                            (s->auth().is_null() ? std::string("{}") : json::serialize(s->auth())));
                });
                auto ask = [s](std::string event, std::chrono::milliseconds ms) {
                    return [s, event, ms](std::string_view, sio::ack_fn) {
                        s->emit_with_ack(event, R"("q")", ms,
                                         [s](boost::system::error_code ec, std::string_view args) {
                                             if (ec)
                                                 s->emit(
                                                     "ack_error",
                                                     json::serialize(json::value(ec.message())));
                                             else
                                                 s->emit("answer", args);
                                         });
                    };
                };
                s->on("ask", ask("question", 2000ms));
                s->on("ask_silent", ask("silent", 300ms));
                s->on("kick", [s](std::string_view, sio::ack_fn) { s->disconnect(); });
                s->on("restart", [this](std::string_view, sio::ack_fn) { record("restart"); });
            });
        }
    }

    boost::asio::io_context cioc;  // the client's
    node_server node_;
    std::vector<std::shared_ptr<sc::manager>> managers_;
};

INSTANTIATE_TEST_SUITE_P(peer, client_interop, ::testing::Values("node", "sockspec"),
                         [](auto const& info) { return info.param; });

// Connects with `transports`, then an event round trip and an ack round trip.
void round_trips(client_interop* t, std::shared_ptr<sc::socket> const& s,
                 std::function<bool(std::function<bool()> const&)> const& run_until) {
    std::string echoed;
    s->on("echo", [&](std::string_view args, sc::ack_fn) { echoed = std::string(args); });
    s->emit("echo", R"(1,{"a":"b"},[true,null])");
    ASSERT_TRUE(run_until([&] { return !echoed.empty(); }));
    EXPECT_EQ(echoed, R"(1,{"a":"b"},[true,null])");
    std::string acked;
    s->emit_with_ack("echo", R"("x",2)", 5s, [&](boost::system::error_code ec, std::string_view a) {
        acked = ec ? "error " + ec.message() : std::string(a);
    });
    ASSERT_TRUE(run_until([&] { return !acked.empty(); }));
    EXPECT_EQ(acked, R"("x",2)");
    (void)t;
}

TEST_P(client_interop, polling_only) {
    auto o = options({transport_type::polling});
    o.engine.upgrade = false;
    auto s = connect("/", o);
    expect_connected(s);
    EXPECT_FALSE(s->id().empty());
    round_trips(this, s, [this](auto const& p) { return run_until(p); });
    EXPECT_EQ(s->io()->transport(), transport_type::polling);
}

TEST_P(client_interop, websocket_only) {
    auto s = connect("/", options({transport_type::websocket}));
    expect_connected(s);
    EXPECT_EQ(s->io()->transport(), transport_type::websocket);
    round_trips(this, s, [this](auto const& p) { return run_until(p); });
}

TEST_P(client_interop, polling_upgrades_to_websocket) {
    auto s = connect("/");
    expect_connected(s);
    round_trips(this, s, [this](auto const& p) { return run_until(p); });
    auto m = s->io();
    ASSERT_TRUE(run_until([&] { return m->transport() == transport_type::websocket; }));
    round_trips(this, s, [this](auto const& p) { return run_until(p); });
}

TEST_P(client_interop, two_namespaces_over_one_connection) {
    sc::socket_options so;
    so.auth = [] { return json::value{{"token", "good"}}; };
    auto m = sc::manager::create(cioc.get_executor(), url(), options());
    managers_.push_back(m);
    auto main = m->socket("/");
    auto admin = m->socket("/admin", so);
    expect_connected(main);
    expect_connected(admin);
    EXPECT_NE(main->id(), admin->id());
    std::string who_main, who_admin;
    main->emit_with_ack("whoami", "", 5s, [&](boost::system::error_code, std::string_view a) {
        who_main = std::string(a);
    });
    admin->emit_with_ack("whoami", "", 5s, [&](boost::system::error_code, std::string_view a) {
        who_admin = std::string(a);
    });
    ASSERT_TRUE(run_until([&] { return !who_main.empty() && !who_admin.empty(); }));
    EXPECT_EQ(who_main, json::serialize(json::value(main->id())) + R"(,"/",{})");
    EXPECT_EQ(who_admin,
              json::serialize(json::value(admin->id())) + R"(,"/admin",{"token":"good"})");
}

TEST_P(client_interop, auth_rejected_carries_message_and_data) {
    sc::socket_options so;
    so.auth = [] { return json::value{{"token", "bad"}}; };
    auto s = connect("/admin", options(), so);
    std::string message;
    json::value data;
    int errors = 0, attempts = 0;
    s->on_connect_error([&](std::string_view m, json::value const& d) {
        ++errors;
        message = std::string(m);
        data = d;
    });
    s->io()->on_reconnect_attempt([&](std::size_t) { ++attempts; });
    ASSERT_TRUE(run_until([&] { return errors > 0; }));
    EXPECT_EQ(message, "bad token");
    EXPECT_EQ(json::serialize(data), R"({"reason":"denied","token":"bad"})");
    EXPECT_FALSE(s->connected());
    EXPECT_FALSE(s->active());
    // Not retried: more than the largest reconnection delay passes without an attempt.
    cioc.restart();
    cioc.run_for(600ms);
    EXPECT_EQ(errors, 1);
    EXPECT_EQ(attempts, 0);
}

TEST_P(client_interop, auth_accepted_with_a_fresh_token_per_attempt) {
    sc::socket_options so;
    int asked = 0;
    so.auth = [&] {
        ++asked;
        return json::value{{"token", "good"}};
    };
    auto s = connect("/admin", options(), so);
    expect_connected(s);
    EXPECT_EQ(asked, 1);
}

TEST_P(client_interop, server_acks_client_event) {
    auto s = connect("/");
    expect_connected(s);
    std::string got;
    s->emit_with_ack("echo", R"("x",{"n":[1,2]})", 5s,
                     [&](boost::system::error_code ec, std::string_view a) {
                         got = ec ? "error" : std::string(a);
                     });
    ASSERT_TRUE(run_until([&] { return !got.empty(); }));
    EXPECT_EQ(got, R"("x",{"n":[1,2]})");
}

TEST_P(client_interop, client_ack_times_out) {
    auto s = connect("/");
    expect_connected(s);
    boost::system::error_code err;
    int calls = 0;
    // "nobody" has no handler on the server: it never acknowledges.
    s->emit_with_ack("nobody", "1", 200ms, [&](boost::system::error_code ec, std::string_view) {
        ++calls;
        err = ec;
    });
    ASSERT_TRUE(run_until([&] { return calls > 0; }));
    EXPECT_EQ(err, sc::error::ack_timeout);
    EXPECT_EQ(calls, 1);
}

TEST_P(client_interop, client_acks_server_event) {
    auto s = connect("/");
    expect_connected(s);
    std::string question, answer;
    s->on("question", [&](std::string_view args, sc::ack_fn ack) {
        question = std::string(args);
        ack(R"("q!",42)");
    });
    s->on("answer", [&](std::string_view args, sc::ack_fn) { answer = std::string(args); });
    s->emit("ask");
    ASSERT_TRUE(run_until([&] { return !answer.empty(); }));
    EXPECT_EQ(question, R"("q")");
    EXPECT_EQ(answer, R"("q!",42)");
}

TEST_P(client_interop, server_ack_times_out_when_client_is_silent) {
    auto s = connect("/");
    expect_connected(s);
    bool asked = false;
    std::string error;
    s->on("silent", [&](std::string_view, sc::ack_fn ack) { asked = static_cast<bool>(ack); });
    s->on("ack_error", [&](std::string_view args, sc::ack_fn) { error = std::string(args); });
    s->emit("ask_silent");
    ASSERT_TRUE(run_until([&] { return !error.empty(); }));
    EXPECT_TRUE(asked);
}

TEST_P(client_interop, binary_event_round_trip) {
    auto s = connect("/");
    expect_connected(s);
    std::string const bytes("\x00\x01\xfe\xff binary", 11);
    std::string args;
    std::vector<std::string> atts;
    s->on("echo", [&](std::string_view a, sc::ack_fn) {
        args = std::string(a);
        atts = s->attachments();
    });
    s->emit("echo", R"("label",{"_placeholder":true,"num":0})", {bytes});
    ASSERT_TRUE(run_until([&] { return !args.empty(); }));
    EXPECT_EQ(args, R"("label",{"_placeholder":true,"num":0})");
    ASSERT_EQ(atts.size(), 1u);
    EXPECT_EQ(atts[0], bytes);
}

TEST_P(client_interop, binary_ack_round_trip) {
    if (!node()) GTEST_SKIP() << "sockspec::server's ack_fn sends no attachments";
    auto s = connect("/");
    expect_connected(s);
    std::string const bytes("\x10\x00\x20", 3);
    std::string args;
    std::vector<std::string> atts;
    s->emit_with_ack("echo", R"({"_placeholder":true,"num":0})", {bytes}, 5s,
                     [&](boost::system::error_code ec, std::string_view a) {
                         args = ec ? "error" : std::string(a);
                         atts = s->attachments();
                     });
    ASSERT_TRUE(run_until([&] { return !args.empty(); }));
    EXPECT_EQ(args, R"({"_placeholder":true,"num":0})");
    ASSERT_EQ(atts.size(), 1u);
    EXPECT_EQ(atts[0], bytes);
}

TEST_P(client_interop, server_restart_reconnects_and_sends_buffered_emits) {
    auto s = connect("/");
    auto m = s->io();
    expect_connected(s);
    std::string const first_id = s->id();
    std::vector<std::string> reasons;
    std::vector<std::string> echoes;
    int attempts = 0, reconnect_errors = 0, reconnects = 0, connects = 0;
    s->on_disconnect([&](std::string_view r) { reasons.emplace_back(r); });
    s->on_connect([&] { ++connects; });
    s->on("echo", [&](std::string_view a, sc::ack_fn) { echoes.emplace_back(a); });
    m->on_reconnect_attempt([&](std::size_t) { ++attempts; });
    m->on_reconnect_error([&](boost::system::error_code) { ++reconnect_errors; });
    m->on_reconnect([&](std::size_t) { ++reconnects; });
    s->emit("restart");
    ASSERT_TRUE(run_until([&] {
        if (!node() && !saw("restart")) return false;
        if (!node() && reasons.empty()) io->close();
        return !reasons.empty();
    }));
    EXPECT_TRUE(reasons[0] == "transport close" || reasons[0] == "transport error") << reasons[0];
    // Emitted while the server is down: buffered, sent on reconnection.
    s->emit("echo", R"("buffered",1)");
    s->emit("echo", R"("buffered",2)");
    ASSERT_TRUE(run_until([&] { return reconnect_errors > 0; })) << "attempts " << attempts;
    if (!node()) restart_server();
    ASSERT_TRUE(run_until([&] { return reconnects > 0 && connects > 0; }, 20s));
    EXPECT_NE(s->id(), first_id);
    ASSERT_TRUE(run_until([&] { return echoes.size() == 2; }));
    EXPECT_EQ(echoes, (std::vector<std::string>{R"("buffered",1)", R"("buffered",2)"}));
    EXPECT_GE(attempts, 2);
}

TEST_P(client_interop, server_side_disconnect_is_not_reconnected) {
    auto s = connect("/");
    auto m = s->io();
    expect_connected(s);
    std::vector<std::string> reasons;
    int attempts = 0;
    s->on_disconnect([&](std::string_view r) { reasons.emplace_back(r); });
    m->on_reconnect_attempt([&](std::size_t) { ++attempts; });
    s->emit("kick");
    ASSERT_TRUE(run_until([&] { return !reasons.empty(); }));
    EXPECT_EQ(reasons, std::vector<std::string>{"io server disconnect"});
    EXPECT_FALSE(s->active());
    cioc.restart();
    cioc.run_for(600ms);  // twice the largest reconnection delay: no attempt may start
    EXPECT_EQ(attempts, 0);
    EXPECT_FALSE(s->connected());
}

TEST_P(client_interop, client_disconnect_then_close_drains) {
    auto s = connect("/");
    expect_connected(s);
    std::vector<std::string> reasons;
    s->on_disconnect([&](std::string_view r) { reasons.emplace_back(r); });
    s->disconnect();
    ASSERT_TRUE(run_until([&] { return !reasons.empty(); }));
    EXPECT_EQ(reasons, std::vector<std::string>{"io client disconnect"});
    // The DISCONNECT went out before the connection closed.
    if (!node()) {
        EXPECT_TRUE(wait_for("disconnect / client namespace disconnect"));
    }
    // Nothing of the client is left: its io_context runs out of work.
    s.reset();
    managers_.clear();
    ASSERT_TRUE(run_until([&] {
        cioc.restart();
        return cioc.poll() == 0 && cioc.stopped();
    }));
}

TEST_P(client_interop, emits_from_another_thread_keep_their_order) {
    auto s = connect("/");
    expect_connected(s);
    std::vector<std::string> echoes;
    s->on("echo", [&](std::string_view a, sc::ack_fn) { echoes.emplace_back(a); });
    // The client's io_context runs on two threads; the test thread emits meanwhile.
    auto work = boost::asio::make_work_guard(cioc);
    cioc.restart();
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i) threads.emplace_back([this] { cioc.run(); });
    for (int i = 0; i < 50; ++i) s->emit("echo", std::to_string(i));
    std::size_t got = 0;
    bool const all = sockspec::test::wait_until([&] {
        std::promise<std::size_t> p;
        auto f = p.get_future();
        boost::asio::post(s->io()->get_executor(), [&] { p.set_value(echoes.size()); });
        got = f.get();
        return got == 50;
    });
    work.reset();
    cioc.stop();
    for (auto& t : threads) t.join();
    ASSERT_TRUE(all) << got;
    for (int i = 0; i < 50; ++i) EXPECT_EQ(echoes[static_cast<std::size_t>(i)], std::to_string(i));
}

TEST_P(client_interop, dropping_the_client_while_connecting_drains) {
    int calls = 0;
    {
        auto s = sc::connect(cioc.get_executor(), url("/"), options());
        s->on_connect([&] { ++calls; });
        s->on_connect_error([&](std::string_view, json::value const&) { ++calls; });
        cioc.restart();
        cioc.poll();  // the connection attempt is under way
    }
    // Nothing of the client is left: its io_context runs out of work, no handler ran.
    ASSERT_TRUE(run_until([&] {
        cioc.restart();
        cioc.poll();
        return cioc.stopped();
    }));
    EXPECT_EQ(calls, 0);
}

TEST_P(client_interop, close_and_drop_inside_on_connect_drains) {
    std::vector<std::string> log;
    {
        auto s = sc::connect(cioc.get_executor(), url("/"), options());
        s->on_connect([&log, s] {
            log.push_back("connect");
            s->io()->close();
        });
        s->on_disconnect([&](std::string_view r) { log.push_back(std::string(r)); });
    }
    // The handler holds the socket until close() releases it.
    ASSERT_TRUE(run_until([&] {
        cioc.restart();
        cioc.poll();
        return cioc.stopped();
    }));
    EXPECT_EQ(log, (std::vector<std::string>{"connect", "io client disconnect"}));
}

TEST_P(client_interop, refused_connection_reports_connect_error) {
    node_.stop();
    // A port nobody listens on.
    auto o = options({transport_type::websocket});
    o.reconnection.enabled = false;
    auto s = sc::connect(cioc.get_executor(), "http://127.0.0.1:1", o);
    managers_.push_back(s->io());
    std::string message;
    s->on_connect_error([&](std::string_view m, json::value const&) { message = std::string(m); });
    ASSERT_TRUE(run_until([&] { return !message.empty(); }));
    EXPECT_EQ(message, "websocket error");
}

// --- TLS: the npm server over HTTPS with a certificate of a throwaway CA ------------------------

// A CA and a server certificate for 127.0.0.1 signed by it, made once by the openssl CLI in a
// temporary directory (removed at exit).
struct tls_files {
    std::filesystem::path dir;
    std::string error;

    std::string ca() const { return (dir / "ca.pem").string(); }
    std::string cert() const { return (dir / "cert.pem").string(); }
    std::string key() const { return (dir / "key.pem").string(); }

    tls_files() {
        std::string_view const openssl = SOCKSPEC_OPENSSL;
        if (openssl.empty() || openssl.ends_with("NOTFOUND")) {
            error = "openssl CLI not found";
            return;
        }
        char tmpl[] = "/tmp/sockspec-client-XXXXXX";
        if (::mkdtemp(tmpl) == nullptr) {
            error = "mkdtemp failed";
            return;
        }
        dir = tmpl;
        std::string const o(openssl);
        std::string const ec = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
        std::string const script =
            "set -e; cd '" + dir.string() + "'; " + o + " req -x509" + ec +
            " -keyout ca.key -out ca.pem -days 2 -subj '/CN=sockspec client test CA' 2>&1; " + o +
            " req" + ec + " -keyout key.pem -out server.csr -subj '/CN=127.0.0.1' 2>&1; " +
            "printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\nbasicConstraints=CA:FALSE\\n' "
            "> ext.cnf; " +
            o +
            " x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out cert.pem "
            "-days 2 -extfile ext.cnf 2>&1";
        auto const r = sockspec::test::run_command("timeout 30 sh -c \"" + script + "\" 2>&1");
        if (r.status != 0) error = "openssl failed: " + r.output;
    }

    ~tls_files() {
        std::error_code ec;
        if (!dir.empty()) std::filesystem::remove_all(dir, ec);
    }
};

tls_files const& tls() {
    static tls_files const files;
    return files;
}

class client_tls : public ::testing::Test {
protected:
    void SetUp() override {
        if (!sockspec::test::node_available(SOCKSPEC_NODE, SOCKSPEC_NODE_MODULES))
            GTEST_SKIP() << "node or node_modules/socket.io missing";
        ASSERT_TRUE(tls().error.empty()) << tls().error;
        ASSERT_TRUE(node_.start(1500, tls().cert() + " " + tls().key()))
            << "server.js did not start";
    }

    void TearDown() override {
        if (m_) m_->close();
        m_.reset();
        ioc.restart();
        ioc.run_for(200ms);
        node_.stop();
    }

    std::shared_ptr<sc::socket> connect(sc::manager_options o) {
        o.reconnection.enabled = false;
        auto s = sc::connect(ioc.get_executor(), "https://127.0.0.1:" + std::to_string(node_.port),
                             std::move(o));
        m_ = s->io();
        return s;
    }

    bool run_until(std::function<bool()> const& pred) {
        auto const end = std::chrono::steady_clock::now() + 10s;
        while (!pred()) {
            if (std::chrono::steady_clock::now() > end) return false;
            ioc.restart();
            ioc.run_for(5ms);
        }
        return true;
    }

    boost::asio::io_context ioc;
    node_server node_;
    std::shared_ptr<sc::manager> m_;
};

TEST_F(client_tls, verified_certificate_connects_and_upgrades) {
    sc::manager_options o;
    o.engine.tls.ca_file = tls().ca();
    auto s = connect(o);
    std::string echoed, error;
    s->on("echo", [&](std::string_view a, sc::ack_fn) { echoed = std::string(a); });
    s->on_connect([&] { s->emit("echo", R"("over tls")"); });
    s->on_connect_error([&](std::string_view m, json::value const&) { error = std::string(m); });
    ASSERT_TRUE(run_until([&] { return !echoed.empty() || !error.empty(); }));
    EXPECT_EQ(error, "");
    EXPECT_EQ(echoed, R"("over tls")");
    ASSERT_TRUE(run_until([&] { return m_->transport() == transport_type::websocket; }));
}

TEST_F(client_tls, unknown_ca_is_a_connect_error_not_a_connect) {
    // The system trust store does not know the test CA.
    auto s = connect({});
    std::string message;
    boost::system::error_code err;
    bool connected = false;
    s->on_connect([&] { connected = true; });
    s->on_connect_error([&](std::string_view m, json::value const&) { message = std::string(m); });
    m_->on_error([&](boost::system::error_code ec) { err = ec; });
    ASSERT_TRUE(run_until([&] { return !message.empty(); }));
    EXPECT_EQ(message, "xhr poll error");
    EXPECT_EQ(err.category(), boost::asio::error::get_ssl_category()) << err.message();
    EXPECT_FALSE(connected);
}

}  // namespace
