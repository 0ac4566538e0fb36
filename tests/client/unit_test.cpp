// The Socket.IO client's manager and sockets over a fake Engine.IO client (fake_engine.hpp):
// packets, buffering, acks, reconnection, lifetime. No network.
#include "fake_engine.hpp"

#include <sockspec/client/client.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/json/serialize.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace sc = sockspec::client;
using sockspec::test::fake_engine;
using sockspec::test::fake_engines;
using namespace std::chrono_literals;

class client_unit : public ::testing::Test {
protected:
    void SetUp() override { sockspec::test::reset_fake_engines(); }
    void TearDown() override { sockspec::test::reset_fake_engines(); }

    // Options with short reconnection delays (no jitter: exact timing is not asserted anyway).
    static sc::manager_options fast() {
        sc::manager_options o;
        o.reconnection.delay = 5ms;
        o.reconnection.delay_max = 10ms;
        o.reconnection.seed = 1;
        return o;
    }

    // Runs every ready handler.
    void pump() {
        ioc.restart();
        ioc.poll();
    }

    // Runs handlers (timers included) until `pred` holds or 5 s passed.
    bool run_until(std::function<bool()> pred) {
        auto const end = std::chrono::steady_clock::now() + 5s;
        while (!pred()) {
            if (std::chrono::steady_clock::now() > end) return false;
            ioc.restart();
            ioc.run_for(2ms);
        }
        return true;
    }

    fake_engine& engine(std::size_t i = 0) { return *fake_engines().at(i); }

    // Opens the engine and answers the CONNECT of `nsp` with sid `sid`.
    void accept(fake_engine& e, std::string const& connect_reply) {
        e.accept();
        pump();
        e.deliver(connect_reply);
        pump();
    }

    boost::asio::io_context ioc;
};

TEST_F(client_unit, connect_sends_connect_with_auth_and_gets_the_id) {
    sc::socket_options so;
    int asked = 0;
    so.auth = [&] { return boost::json::value{{"token", "t" + std::to_string(++asked)}}; };
    auto s = sc::connect(ioc.get_executor(), "http://127.0.0.1:1/admin", fast(), so);
    bool connected = false;
    s->on_connect([&] { connected = true; });
    pump();
    ASSERT_EQ(fake_engines().size(), 1u);
    EXPECT_TRUE(engine().open_called);
    EXPECT_EQ(engine().opts.path, "/socket.io/");
    EXPECT_TRUE(engine().texts().empty());  // nothing before the engine is open
    engine().accept();
    pump();
    EXPECT_EQ(engine().texts(), std::vector<std::string>{R"(0/admin,{"token":"t1"})"});
    EXPECT_FALSE(connected);
    engine().deliver(R"(0/admin,{"sid":"abc"})");
    pump();
    EXPECT_TRUE(connected);
    EXPECT_TRUE(s->connected());
    EXPECT_EQ(s->id(), "abc");
    EXPECT_EQ(s->nsp(), "/admin");
    s->io()->close();
    pump();
}

TEST_F(client_unit, main_namespace_connect_has_no_namespace_and_no_auth) {
    auto s = sc::connect(ioc.get_executor(), "http://127.0.0.1:1", fast());
    pump();
    engine().accept();
    pump();
    EXPECT_EQ(engine().texts(), std::vector<std::string>{"0"});
    EXPECT_EQ(s->nsp(), "/");
    s->io()->close();
    pump();
}

TEST_F(client_unit, emits_while_disconnected_are_sent_in_order_on_connect) {
    auto s = sc::connect(ioc.get_executor(), "http://h:1/admin", fast());
    std::vector<std::string> at_connect;
    s->on_connect([&] { at_connect = engine().texts(); });
    s->emit("a", "1");
    s->emit("b", R"("x",2)");
    pump();
    engine().accept();
    pump();
    EXPECT_EQ(engine().texts().size(), 1u);  // only the CONNECT: the emits wait for the reply
    engine().deliver(R"(0/admin,{"sid":"s1"})");
    pump();
    EXPECT_EQ(at_connect, (std::vector<std::string>{"0/admin,", R"(2/admin,["a",1])",
                                                    R"(2/admin,["b","x",2])"}));
    s->emit("c");
    pump();
    EXPECT_EQ(engine().texts().back(), R"(2/admin,["c"])");
    s->io()->close();
    pump();
}

TEST_F(client_unit, buffer_is_bounded_and_drops_the_oldest) {
    sc::socket_options so;
    so.max_buffered = 2;
    auto s = sc::connect(ioc.get_executor(), "http://h:1", fast(), so);
    std::vector<boost::system::error_code> errors;
    std::vector<boost::system::error_code> acks;
    s->on_error([&](boost::system::error_code ec) { errors.push_back(ec); });
    s->emit_with_ack("first", "", 10s,
                     [&](boost::system::error_code ec, std::string_view) { acks.push_back(ec); });
    s->emit("second");
    s->emit("third");
    pump();
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], sc::error::buffer_full);
    ASSERT_EQ(acks.size(), 1u);
    EXPECT_EQ(acks[0], sc::error::buffer_full);
    accept(engine(), R"(0{"sid":"s"})");
    EXPECT_EQ(engine().texts(), (std::vector<std::string>{"0", R"(2["second"])", R"(2["third"])"}));
    s->io()->close();
    pump();
    EXPECT_EQ(acks.size(), 1u);
}

TEST_F(client_unit, volatile_emits_are_dropped_unless_connected_and_idle) {
    auto s = sc::connect(ioc.get_executor(), "http://h:1", fast());
    s->emit_volatile("lost");
    pump();
    accept(engine(), R"(0{"sid":"s"})");
    s->emit_volatile("sent", "1");
    pump();
    engine().buffered = 10;
    s->emit_volatile("busy");
    pump();
    EXPECT_EQ(engine().texts(), (std::vector<std::string>{"0", R"(2["sent",1])"}));
    s->io()->close();
    pump();
}

TEST_F(client_unit, incoming_event_with_ack_is_answered_once) {
    auto s = sc::connect(ioc.get_executor(), "http://h:1/admin", fast());
    std::string got;
    s->on("question", [&](std::string_view args, sc::ack_fn ack) {
        got = std::string(args);
        ASSERT_TRUE(ack);
        ack(R"("yes",1)");
        ack(R"("again")");
    });
    pump();
    accept(engine(), R"(0/admin,{"sid":"s"})");
    engine().deliver(R"(2/admin,7["question",{"q":1}])");
    pump();
    EXPECT_EQ(got, R"({"q":1})");
    EXPECT_EQ(engine().texts().back(), R"(3/admin,7["yes",1])");
    EXPECT_EQ(engine().texts().size(), 2u);
    s->io()->close();
    pump();
}

TEST_F(client_unit, event_without_ack_id_has_an_empty_ack) {
    auto s = sc::connect(ioc.get_executor(), "http://h:1", fast());
    bool has_ack = true;
    s->on("news", [&](std::string_view, sc::ack_fn ack) { has_ack = static_cast<bool>(ack); });
    pump();
    accept(engine(), R"(0{"sid":"s"})");
    engine().deliver(R"(2["news"])");
    pump();
    EXPECT_FALSE(has_ack);
    s->io()->close();
    pump();
}

TEST_F(client_unit, any_handler_gets_events_without_their_own) {
    auto s = sc::connect(ioc.get_executor(), "http://h:1", fast());
    std::vector<std::string> seen;
    s->on("known",
          [&](std::string_view a, sc::ack_fn) { seen.push_back("known " + std::string(a)); });
    s->on_any([&](std::string_view n, std::string_view a, sc::ack_fn) {
        seen.push_back("any " + std::string(n) + " " + std::string(a));
    });
    pump();
    accept(engine(), R"(0{"sid":"s"})");
    engine().deliver(R"(2["known",1])");
    engine().deliver(R"(2["other",2])");
    pump();
    EXPECT_EQ(seen, (std::vector<std::string>{"known 1", "any other 2"}));
    s->io()->close();
    pump();
}

TEST_F(client_unit, binary_event_and_binary_ack) {
    auto s = sc::connect(ioc.get_executor(), "http://h:1/admin", fast());
    std::vector<std::string> atts;
    std::string args;
    s->on("bin", [&](std::string_view a, sc::ack_fn ack) {
        args = std::string(a);
        atts = s->attachments();
        ack(R"({"_placeholder":true,"num":0})", {std::string("\x01\x02", 2)});
    });
    pump();
    accept(engine(), R"(0/admin,{"sid":"s"})");
    engine().deliver(R"(51-/admin,3["bin",{"_placeholder":true,"num":0}])");
    engine().deliver(std::string("\xff\x00\x10", 3), true);
    pump();
    EXPECT_EQ(args, R"({"_placeholder":true,"num":0})");
    ASSERT_EQ(atts.size(), 1u);
    EXPECT_EQ(atts[0], std::string("\xff\x00\x10", 3));
    auto const& sent = engine().sent;
    ASSERT_GE(sent.size(), 2u);
    EXPECT_EQ(sent[sent.size() - 2].first, R"(61-/admin,3[{"_placeholder":true,"num":0}])");
    EXPECT_EQ(sent.back(), (std::pair<std::string, bool>{std::string("\x01\x02", 2), true}));
    // An emit with attachments goes as BINARY_EVENT followed by its attachments.
    s->emit("up", R"({"_placeholder":true,"num":0})", {"raw"});
    pump();
    ASSERT_GE(sent.size(), 2u);
    EXPECT_EQ(sent[sent.size() - 2].first, R"(51-/admin,["up",{"_placeholder":true,"num":0}])");
    EXPECT_EQ(sent.back(), (std::pair<std::string, bool>{"raw", true}));
    s->io()->close();
    pump();
}

TEST_F(client_unit, emit_with_ack_gets_the_answer_once) {
    auto s = sc::connect(ioc.get_executor(), "http://h:1", fast());
    int calls = 0;
    std::string got;
    boost::system::error_code err;
    s->emit_with_ack("q", "1", 5s, [&](boost::system::error_code ec, std::string_view args) {
        ++calls;
        err = ec;
        got = std::string(args);
    });
    pump();
    accept(engine(), R"(0{"sid":"s"})");
    EXPECT_EQ(engine().texts().back(), R"(20["q",1])");
    engine().deliver(R"(30["a",2])");
    engine().deliver(R"(30["late"])");
    pump();
    EXPECT_EQ(calls, 1);
    EXPECT_FALSE(err);
    EXPECT_EQ(got, R"("a",2)");
    s->io()->close();
    pump();
    EXPECT_EQ(calls, 1);
}

TEST_F(client_unit, binary_ack_answer_exposes_attachments) {
    auto s = sc::connect(ioc.get_executor(), "http://h:1", fast());
    std::vector<std::string> atts;
    s->emit_with_ack("q", "", 5s,
                     [&](boost::system::error_code, std::string_view) { atts = s->attachments(); });
    pump();
    accept(engine(), R"(0{"sid":"s"})");
    engine().deliver(R"(61-0[{"_placeholder":true,"num":0}])");
    engine().deliver("bytes", true);
    pump();
    EXPECT_EQ(atts, std::vector<std::string>{"bytes"});
    s->io()->close();
    pump();
}

TEST_F(client_unit, emit_with_ack_times_out_once) {
    auto s = sc::connect(ioc.get_executor(), "http://h:1", fast());
    int calls = 0;
    boost::system::error_code err;
    s->emit_with_ack("q", "", 20ms, [&](boost::system::error_code ec, std::string_view) {
        ++calls;
        err = ec;
    });
    pump();
    accept(engine(), R"(0{"sid":"s"})");
    ASSERT_TRUE(run_until([&] { return calls > 0; }));
    EXPECT_EQ(err, sc::error::ack_timeout);
    engine().deliver(R"(30[1])");
    pump();
    EXPECT_EQ(calls, 1);
    s->io()->close();
    pump();
}

TEST_F(client_unit, buffered_emit_with_ack_times_out_and_is_not_sent) {
    auto s = sc::connect(ioc.get_executor(), "http://h:1", fast());
    boost::system::error_code err;
    s->emit_with_ack("q", "", 10ms,
                     [&](boost::system::error_code ec, std::string_view) { err = ec; });
    ASSERT_TRUE(run_until([&] { return static_cast<bool>(err); }));
    EXPECT_EQ(err, sc::error::ack_timeout);
    accept(engine(), R"(0{"sid":"s"})");
    EXPECT_EQ(engine().texts(), std::vector<std::string>{"0"});
    s->io()->close();
    pump();
}

TEST_F(client_unit, two_namespaces_share_one_engine) {
    auto m = sc::manager::create(ioc.get_executor(), "http://h:1", fast());
    auto a = m->socket("/");
    auto b = m->socket("/admin");
    EXPECT_EQ(m->socket("/admin"), b);
    std::vector<std::string> got;
    a->on("x", [&](std::string_view args, sc::ack_fn) { got.push_back("/ " + std::string(args)); });
    b->on("x",
          [&](std::string_view args, sc::ack_fn) { got.push_back("/admin " + std::string(args)); });
    pump();
    ASSERT_EQ(fake_engines().size(), 1u);
    engine().accept();
    pump();
    EXPECT_EQ(engine().texts(), (std::vector<std::string>{"0", "0/admin,"}));
    engine().deliver(R"(0{"sid":"a"})");
    engine().deliver(R"(0/admin,{"sid":"b"})");
    engine().deliver(R"(2/admin,["x",2])");
    engine().deliver(R"(2["x",1])");
    pump();
    EXPECT_EQ(a->id(), "a");
    EXPECT_EQ(b->id(), "b");
    EXPECT_EQ(got, (std::vector<std::string>{"/admin 2", "/ 1"}));
    // One socket leaving keeps the connection for the other.
    a->disconnect();
    pump();
    EXPECT_EQ(engine().texts().back(), "1");
    EXPECT_FALSE(engine().closed);
    b->disconnect();
    pump();
    EXPECT_TRUE(engine().closed);
    m->close();
    pump();
}

TEST_F(client_unit, connect_error_reports_message_and_data_and_is_not_retried) {
    auto s = sc::connect(ioc.get_executor(), "http://h:1/admin", fast());
    std::string message;
    boost::json::value data;
    int errors = 0;
    s->on_connect_error([&](std::string_view msg, boost::json::value const& d) {
        ++errors;
        message = std::string(msg);
        data = d;
    });
    pump();
    engine().accept();
    pump();
    engine().deliver(R"(4/admin,{"message":"bad token","data":{"code":42}})");
    pump();
    EXPECT_EQ(errors, 1);
    EXPECT_EQ(message, "bad token");
    EXPECT_EQ(boost::json::serialize(data), R"({"code":42})");
    EXPECT_FALSE(s->active());
    EXPECT_TRUE(engine().closed);  // the last active socket: the manager closes
    ioc.restart();
    ioc.run_for(100ms);  // ten times the largest reconnection delay: nothing may happen
    EXPECT_EQ(fake_engines().size(), 1u);
    EXPECT_EQ(errors, 1);
    // It may connect again by hand (socket.io-client: `socket.connect()` after connect_error).
    s->connect();
    pump();
    EXPECT_EQ(fake_engines().size(), 2u);
    s->io()->close();
    pump();
}

TEST_F(client_unit, connection_loss_reconnects_with_fresh_auth) {
    sc::socket_options so;
    int asked = 0;
    so.auth = [&] { return boost::json::value{{"n", ++asked}}; };
    auto s = sc::connect(ioc.get_executor(), "http://h:1", fast(), so);
    auto m = s->io();
    std::vector<std::string> log;
    s->on_connect([&] { log.push_back("connect " + s->id()); });
    s->on_disconnect([&](std::string_view r) { log.push_back("disconnect " + std::string(r)); });
    m->on_close([&](std::string_view r) { log.push_back("close " + std::string(r)); });
    m->on_reconnect_attempt([&](std::size_t n) { log.push_back("attempt " + std::to_string(n)); });
    m->on_reconnect([&](std::size_t n) { log.push_back("reconnect " + std::to_string(n)); });
    boost::system::error_code ack_err;
    pump();
    accept(engine(0), R"(0{"sid":"one"})");
    s->emit_with_ack("q", "", 10s,
                     [&](boost::system::error_code ec, std::string_view) { ack_err = ec; });
    pump();
    engine(0).drop("transport close");
    pump();
    EXPECT_EQ(ack_err, sc::error::disconnected);  // sent, then the connection was lost
    EXPECT_FALSE(s->connected());
    s->emit("while_down", "1");
    ASSERT_TRUE(run_until([&] { return fake_engines().size() == 2; }));
    EXPECT_TRUE(engine(1).open_called);
    engine(1).accept();
    pump();
    EXPECT_EQ(engine(1).texts(), std::vector<std::string>{R"(0{"n":2})"});
    engine(1).deliver(R"(0{"sid":"two"})");
    pump();
    EXPECT_EQ(engine(1).texts().back(), R"(2["while_down",1])");
    EXPECT_EQ(log, (std::vector<std::string>{"connect one", "close transport close",
                                             "disconnect transport close", "attempt 1",
                                             "reconnect 1", "connect two"}));
    m->close();
    pump();
}

TEST_F(client_unit, failed_attempts_report_errors_then_give_up) {
    auto o = fast();
    o.reconnection.attempts = 2;
    auto s = sc::connect(ioc.get_executor(), "http://h:1", o);
    auto m = s->io();
    std::vector<std::string> log;
    s->on_connect_error([&](std::string_view msg, boost::json::value const& d) {
        log.push_back("connect_error " + std::string(msg) + " " + boost::json::serialize(d));
    });
    m->on_error([&](boost::system::error_code) { log.push_back("error"); });
    m->on_reconnect_attempt([&](std::size_t n) { log.push_back("attempt " + std::to_string(n)); });
    m->on_reconnect_error([&](boost::system::error_code) { log.push_back("reconnect_error"); });
    bool failed = false;
    m->on_reconnect_failed([&] {
        log.push_back("failed");
        failed = true;
    });
    pump();
    auto const refused = make_error_code(boost::system::errc::connection_refused);
    engine(0).fail(refused);
    ASSERT_TRUE(run_until([&] { return fake_engines().size() == 2; }));
    engine(1).fail(refused);
    ASSERT_TRUE(run_until([&] { return fake_engines().size() == 3; }));
    engine(2).fail(refused);
    ASSERT_TRUE(run_until([&] { return failed; }));
    EXPECT_EQ(log, (std::vector<std::string>{
                       "error", "connect_error xhr poll error null", "attempt 1", "error",
                       "connect_error xhr poll error null", "reconnect_error", "attempt 2", "error",
                       "connect_error xhr poll error null", "failed", "reconnect_error"}));
    ioc.restart();
    ioc.run_for(50ms);
    EXPECT_EQ(fake_engines().size(), 3u);
    m->close();
    pump();
}

TEST_F(client_unit, websocket_only_failures_are_websocket_errors) {
    auto o = fast();
    o.engine.transports = {sockspec::engineio::transport_type::websocket};
    o.reconnection.enabled = false;
    auto s = sc::connect(ioc.get_executor(), "http://h:1", o);
    std::string msg;
    s->on_connect_error(
        [&](std::string_view m, boost::json::value const&) { msg = std::string(m); });
    pump();
    engine().fail(make_error_code(boost::system::errc::connection_refused));
    pump();
    EXPECT_EQ(msg, "websocket error");
    ioc.restart();
    ioc.run_for(30ms);
    EXPECT_EQ(fake_engines().size(), 1u);  // reconnection disabled
    s->io()->close();
    pump();
}

TEST_F(client_unit, connection_attempt_times_out) {
    auto o = fast();
    o.timeout = 20ms;
    o.reconnection.enabled = false;
    auto s = sc::connect(ioc.get_executor(), "http://h:1", o);
    std::string msg;
    boost::system::error_code err;
    s->on_connect_error(
        [&](std::string_view m, boost::json::value const&) { msg = std::string(m); });
    s->io()->on_error([&](boost::system::error_code ec) { err = ec; });
    ASSERT_TRUE(run_until([&] { return !msg.empty(); }));
    EXPECT_EQ(msg, "timeout");
    EXPECT_EQ(err, sc::error::connect_timeout);
    EXPECT_TRUE(engine().closed);
    s->io()->close();
    pump();
}

TEST_F(client_unit, server_disconnect_is_not_reconnected) {
    auto s = sc::connect(ioc.get_executor(), "http://h:1", fast());
    std::vector<std::string> reasons;
    s->on_disconnect([&](std::string_view r) { reasons.emplace_back(r); });
    pump();
    accept(engine(), R"(0{"sid":"s"})");
    engine().deliver("1");
    pump();
    EXPECT_EQ(reasons, std::vector<std::string>{"io server disconnect"});
    EXPECT_FALSE(s->connected());
    EXPECT_FALSE(s->active());
    EXPECT_TRUE(engine().closed);
    ioc.restart();
    ioc.run_for(100ms);
    EXPECT_EQ(fake_engines().size(), 1u);
    s->io()->close();
    pump();
}

TEST_F(client_unit, client_disconnect_sends_disconnect_and_fails_pending_acks) {
    auto s = sc::connect(ioc.get_executor(), "http://h:1/admin", fast());
    std::vector<std::string> log;
    s->on_disconnect([&](std::string_view r) { log.push_back("disconnect " + std::string(r)); });
    pump();
    accept(engine(), R"(0/admin,{"sid":"s"})");
    s->emit_with_ack("q", "", 10s, [&](boost::system::error_code ec, std::string_view) {
        log.push_back("ack " + ec.message());
    });
    s->disconnect();
    pump();
    EXPECT_EQ(engine().texts().back(), "1/admin,");
    EXPECT_EQ(log, (std::vector<std::string>{
                       "disconnect io client disconnect",
                       "ack " + make_error_code(sc::error::disconnected).message()}));
    EXPECT_TRUE(engine().closed);
    // Released: no handler any more, emits refused.
    engine().deliver(R"(2/admin,["x"])");
    s->emit("after");
    pump();
    EXPECT_EQ(log.size(), 2u);
    ioc.restart();
    ioc.run_for(50ms);
    EXPECT_EQ(fake_engines().size(), 1u);
}

TEST_F(client_unit, parse_error_closes_and_reconnects) {
    auto s = sc::connect(ioc.get_executor(), "http://h:1", fast());
    std::vector<std::string> reasons;
    s->on_disconnect([&](std::string_view r) { reasons.emplace_back(r); });
    pump();
    accept(engine(), R"(0{"sid":"s"})");
    engine().deliver("9garbage");
    pump();
    EXPECT_EQ(reasons, std::vector<std::string>{"parse error"});
    EXPECT_TRUE(engine().closed);
    ASSERT_TRUE(run_until([&] { return fake_engines().size() == 2; }));
    s->io()->close();
    pump();
}

TEST_F(client_unit, close_from_a_handler_runs_nothing_after) {
    auto s = sc::connect(ioc.get_executor(), "http://h:1", fast());
    auto m = s->io();
    std::vector<std::string> log;
    s->on_connect([&] {
        log.push_back("connect");
        m->close();
    });
    s->on_disconnect([&](std::string_view r) { log.push_back("disconnect " + std::string(r)); });
    s->on("x", [&](std::string_view, sc::ack_fn) { log.push_back("event"); });
    m->on_close([&](std::string_view r) { log.push_back("close " + std::string(r)); });
    pump();
    engine().accept();
    pump();
    engine().deliver(R"(0{"sid":"s"})");
    engine().deliver(R"(2["x"])");
    pump();
    EXPECT_EQ(log, (std::vector<std::string>{"connect", "disconnect io client disconnect",
                                             "close forced close"}));
    EXPECT_TRUE(engine().closed);
    ioc.restart();
    ioc.run_for(50ms);
    EXPECT_EQ(fake_engines().size(), 1u);
    EXPECT_EQ(log.size(), 3u);
}

TEST_F(client_unit, dropping_every_reference_while_connecting_is_safe) {
    std::weak_ptr<sc::socket> w;
    int calls = 0;
    {
        auto s = sc::connect(ioc.get_executor(), "http://h:1", fast());
        s->on_connect([&] { ++calls; });
        s->on_connect_error([&](std::string_view, boost::json::value const&) { ++calls; });
        w = s;
        pump();
    }
    EXPECT_TRUE(w.expired());
    pump();
    EXPECT_TRUE(engine().closed);
    engine().accept();
    engine().fail({});
    ioc.restart();
    ioc.run_for(50ms);
    EXPECT_EQ(calls, 0);
    EXPECT_EQ(fake_engines().size(), 1u);
}

TEST_F(client_unit, dropping_the_socket_while_connected_sends_disconnect) {
    std::weak_ptr<sc::manager> wm;
    {
        auto s = sc::connect(ioc.get_executor(), "http://h:1/admin", fast());
        wm = s->io();
        pump();
        accept(engine(), R"(0/admin,{"sid":"s"})");
    }
    pump();
    EXPECT_TRUE(wm.expired());
    EXPECT_EQ(engine().texts().back(), "1/admin,");
    EXPECT_TRUE(engine().closed);
}

TEST_F(client_unit, handlers_holding_the_socket_are_released_by_close) {
    std::weak_ptr<sc::socket> w;
    {
        auto s = sc::connect(ioc.get_executor(), "http://h:1", fast());
        s->on_connect([s] { s->emit("hi"); });
        w = s;
        pump();
        accept(engine(), R"(0{"sid":"s"})");
        s->io()->close();
        pump();
    }
    EXPECT_TRUE(w.expired());
}

TEST_F(client_unit, handler_exceptions_are_caught_and_reported) {
    auto s = sc::connect(ioc.get_executor(), "http://h:1", fast());
    int reported = 0;
    s->io()->on_handler_error([&](std::exception_ptr) { ++reported; });
    s->on("boom", [](std::string_view, sc::ack_fn) { throw std::runtime_error("boom"); });
    bool after = false;
    s->on("after", [&](std::string_view, sc::ack_fn) { after = true; });
    pump();
    accept(engine(), R"(0{"sid":"s"})");
    engine().deliver(R"(2["boom"])");
    engine().deliver(R"(2["after"])");
    pump();
    EXPECT_EQ(reported, 1);
    EXPECT_TRUE(after);
    EXPECT_TRUE(s->connected());
    s->io()->close();
    pump();
}

TEST_F(client_unit, auto_connect_off_waits_for_connect) {
    auto o = fast();
    o.auto_connect = false;
    auto s = sc::connect(ioc.get_executor(), "http://h:1", o);
    s->emit("early");
    pump();
    EXPECT_TRUE(fake_engines().empty());
    EXPECT_FALSE(s->active());
    s->connect();
    pump();
    ASSERT_EQ(fake_engines().size(), 1u);
    accept(engine(), R"(0{"sid":"s"})");
    EXPECT_EQ(engine().texts(), (std::vector<std::string>{"0", R"(2["early"])"}));
    s->io()->close();
    pump();
}

TEST(ack_fn, converts_from_text_only_and_binary_senders) {
    std::string got;
    sc::ack_fn text = [&](std::string_view a) { got = std::string(a); };
    ASSERT_TRUE(text);
    text("1", {"ignored"});
    EXPECT_EQ(got, "1");
    std::size_t atts = 0;
    sc::ack_fn bin = [&](std::string_view a, std::vector<std::string> v) {
        got = std::string(a);
        atts = v.size();
    };
    bin("2", {"a", "b"});
    EXPECT_EQ(got, "2");
    EXPECT_EQ(atts, 2u);
    sc::ack_fn empty = std::function<void(std::string_view)>{};
    EXPECT_FALSE(empty);
    empty("3");  // does nothing (a std::function would throw)
    sc::ack_fn none;
    EXPECT_FALSE(none);
    none("4");
    EXPECT_EQ(got, "2");
}

TEST_F(client_unit, error_category) {
    boost::system::error_code ec = sc::error::ack_timeout;
    EXPECT_STREQ(ec.category().name(), "sockspec.client");
    EXPECT_EQ(ec.message(), "acknowledgement timed out");
    EXPECT_EQ(boost::system::error_code(sc::error::buffer_full).value(), 3);
}

}  // namespace
