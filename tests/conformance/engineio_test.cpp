// Engine.IO v4 conformance of the conformance_server fixture at /engine.io/ (the "Test suite"
// section of engine.io-protocol-v4-current.md: pingInterval 300, pingTimeout 200, maxPayload
// 1000000, CORS origin "*", every message echoed). Each test checks one rule of the protocol
// document with a raw Beast client.
#include "conformance_support.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <string>
#include <thread>
#include <vector>

namespace conformance {
namespace {

std::string const polling = "/engine.io/?EIO=4&transport=polling";
std::string const ws_target = "/engine.io/?EIO=4&transport=websocket";

class engineio : public server_test {
protected:
    static std::string sid_target(std::string const& sid) { return polling + "&sid=" + sid; }

    /// The open packet's JSON (the text after the `0`), null when it is not an open packet.
    static json::value open_packet(std::string_view packet) {
        if (packet.empty() || packet.front() != '0') {
            ADD_FAILURE() << "not an open packet: '" << packet << "'";
            return nullptr;
        }
        return parse_json(packet.substr(1));
    }

    /// A polling handshake; the session id.
    std::string open_polling() {
        auto const res = get(polling);
        EXPECT_EQ(res.result_int(), 200u) << res.body();
        auto const v = open_packet(res.body());
        if (!v.is_object() || !v.as_object().contains("sid")) return "<no sid>";
        return std::string(v.at("sid").as_string());
    }

    /// The next GET of session `sid`, split into packets (pings left in).
    std::vector<std::string> poll(std::string const& sid) {
        auto const res = get(sid_target(sid));
        EXPECT_EQ(res.result_int(), 200u) << res.body();
        return split_payload(res.body());
    }

    /// Polls until `n` packets other than pings arrived (bounded).
    std::vector<std::string> poll_packets(std::string const& sid, std::size_t n) {
        std::vector<std::string> out;
        for (int i = 0; i < 5 && out.size() < n; ++i)
            for (auto& p : poll(sid))
                if (p != "2") out.push_back(std::move(p));
        return out;
    }

    /// Checks an HTTP error answer: `status` and the body `{"code":code,"message":message}`.
    static void expect_error(response const& res, unsigned status, int code,
                             std::string_view message) {
        EXPECT_EQ(res.result_int(), status) << res.body();
        auto const v = parse_json(res.body());
        json::value const expected = {{"code", code}, {"message", message}};
        EXPECT_EQ(v, expected) << res.body();
    }

    static void expect_handshake_fields(json::value const& v, json::array const& upgrades) {
        ASSERT_TRUE(v.is_object()) << json::serialize(v);
        auto const& o = v.as_object();
        EXPECT_EQ(o.size(), 5u) << json::serialize(v);
        ASSERT_TRUE(o.contains("sid") && o.at("sid").is_string()) << json::serialize(v);
        EXPECT_FALSE(o.at("sid").as_string().empty());
        EXPECT_EQ(o.contains("upgrades") ? o.at("upgrades") : json::value(), json::value(upgrades));
        EXPECT_EQ(o.contains("pingInterval") ? o.at("pingInterval") : json::value(),
                  json::value(300));
        EXPECT_EQ(o.contains("pingTimeout") ? o.at("pingTimeout") : json::value(),
                  json::value(200));
        EXPECT_EQ(o.contains("maxPayload") ? o.at("maxPayload") : json::value(),
                  json::value(1000000));
    }
};

// --- Handshake --------------------------------------------------------------------------------

TEST_F(engineio, polling_handshake_announces_fixture_values) {
    auto const res = get(polling);
    EXPECT_EQ(res.result_int(), 200u);
    expect_handshake_fields(open_packet(res.body()), json::array{"websocket"});
}

TEST_F(engineio, websocket_handshake_announces_fixture_values) {
    auto ws = ws_connect(ws_target);
    auto const m = ws_read(ws);
    ASSERT_FALSE(m.ec) << m.ec.message();
    EXPECT_FALSE(m.binary);
    // Already on the best transport: nothing to upgrade to.
    expect_handshake_fields(open_packet(m.data), json::array{});
}

TEST_F(engineio, each_handshake_gets_a_new_sid) {
    EXPECT_NE(open_polling(), open_polling());
}

// --- HTTP errors --------------------------------------------------------------------------------

TEST_F(engineio, missing_eio_is_refused) {
    expect_error(get("/engine.io/?transport=polling"), 400, 5, "Unsupported protocol version");
}

TEST_F(engineio, eio_3_is_refused) {
    expect_error(get("/engine.io/?EIO=3&transport=polling"), 400, 5,
                 "Unsupported protocol version");
}

TEST_F(engineio, invalid_eio_is_refused) {
    expect_error(get("/engine.io/?EIO=abc&transport=polling"), 400, 5,
                 "Unsupported protocol version");
}

TEST_F(engineio, missing_transport_is_refused) {
    expect_error(get("/engine.io/?EIO=4"), 400, 0, "Transport unknown");
}

TEST_F(engineio, unknown_transport_is_refused) {
    expect_error(get("/engine.io/?EIO=4&transport=abc"), 400, 0, "Transport unknown");
}

TEST_F(engineio, get_with_unknown_sid_is_refused) {
    expect_error(get(sid_target("abc")), 400, 1, "Session ID unknown");
}

TEST_F(engineio, post_with_unknown_sid_is_refused) {
    expect_error(post(sid_target("abc"), "4hello"), 400, 1, "Session ID unknown");
}

TEST_F(engineio, handshake_with_post_is_refused) {
    expect_error(post(polling, "4hello"), 400, 2, "Bad handshake method");
}

TEST_F(engineio, websocket_without_eio_is_refused) {
    ws_stream ws(connect());
    boost::beast::error_code ec;
    websocket::response_type res;
    ws.handshake(res, "127.0.0.1", "/engine.io/?transport=websocket", ec);
    EXPECT_TRUE(ec);
    EXPECT_EQ(res.result_int(), 400u);
}

TEST_F(engineio, websocket_with_unknown_sid_is_refused) {
    ws_stream ws(connect());
    boost::beast::error_code ec;
    websocket::response_type res;
    ws.handshake(res, "127.0.0.1", ws_target + "&sid=abc", ec);
    EXPECT_TRUE(ec);
    EXPECT_EQ(res.result_int(), 400u);
}

TEST_F(engineio, post_over_max_payload_is_refused_and_closes_the_session) {
    auto const sid = open_polling();
    auto const res = post(sid_target(sid), "4" + std::string(1000000, 'a'));
    EXPECT_EQ(res.result_int(), 413u) << res.body();
    expect_error(get(sid_target(sid)), 400, 1, "Session ID unknown");
}

TEST_F(engineio, post_of_max_payload_is_accepted) {
    auto const sid = open_polling();
    auto const message = "4" + std::string(999999, 'a');
    auto const res = post(sid_target(sid), message);
    EXPECT_EQ(res.result_int(), 200u);
    EXPECT_EQ(res.body(), "ok");
    EXPECT_EQ(poll_packets(sid, 1), std::vector<std::string>{message});
}

// --- Messages ------------------------------------------------------------------------------

TEST_F(engineio, polling_post_answers_ok) {
    auto const res = post(sid_target(open_polling()), "4hello");
    EXPECT_EQ(res.result_int(), 200u);
    EXPECT_EQ(res.body(), "ok");
}

TEST_F(engineio, polling_echoes_text) {
    auto const sid = open_polling();
    EXPECT_EQ(post(sid_target(sid), "4hello €").body(), "ok");
    EXPECT_EQ(poll_packets(sid, 1), std::vector<std::string>{"4hello €"});
}

TEST_F(engineio, polling_echoes_binary_as_base64) {
    auto const sid = open_polling();
    std::string const bytes("\x01\x02\x00\xff", 4);
    EXPECT_EQ(post(sid_target(sid), "b" + base64(bytes)).body(), "ok");
    auto const packets = poll_packets(sid, 1);
    ASSERT_EQ(packets.size(), 1u);
    ASSERT_EQ(packets[0].front(), 'b') << packets[0];
    EXPECT_EQ(unbase64(std::string_view(packets[0]).substr(1)), bytes);
}

TEST_F(engineio, polling_batches_packets_both_ways) {
    auto const sid = open_polling();
    std::string const bytes("\x01\x02\x03", 3);
    // Three packets in one POST ...
    EXPECT_EQ(post(sid_target(sid),
                   "4one\x1e"
                   "b" +
                       base64(bytes) +
                       "\x1e"
                       "4three")
                  .body(),
              "ok");
    // ... all echoed in one GET, separated by \x1e.
    auto packets = poll(sid);
    std::erase(packets, "2");
    ASSERT_EQ(packets.size(), 3u);
    EXPECT_EQ(packets[0], "4one");
    ASSERT_EQ(packets[1].front(), 'b');
    EXPECT_EQ(unbase64(std::string_view(packets[1]).substr(1)), bytes);
    EXPECT_EQ(packets[2], "4three");
}

TEST_F(engineio, websocket_echoes_text) {
    auto ws = ws_connect(ws_target);
    ASSERT_FALSE(ws_read(ws).ec);
    ws_write(ws, "4hello €");
    auto const m = ws_read_skip_pings(ws);
    ASSERT_FALSE(m.ec) << m.ec.message();
    EXPECT_FALSE(m.binary);
    EXPECT_EQ(m.data, "4hello €");
}

TEST_F(engineio, websocket_echoes_binary) {
    auto ws = ws_connect(ws_target);
    ASSERT_FALSE(ws_read(ws).ec);
    std::string const bytes("\x01\x02\x00\xff", 4);
    // EIO v4: a binary frame is the message itself, without a type prefix.
    ws_write(ws, bytes, true);
    auto const m = ws_read_skip_pings(ws);
    ASSERT_FALSE(m.ec) << m.ec.message();
    EXPECT_TRUE(m.binary);
    EXPECT_EQ(m.data, bytes);
}

// --- Heartbeat -----------------------------------------------------------------------------

TEST_F(engineio, polling_server_pings_after_ping_interval) {
    auto const sid = open_polling();
    for (int round = 0; round < 2; ++round) {
        auto const start = steady::now();
        EXPECT_EQ(poll(sid), std::vector<std::string>{"2"}) << "round " << round;
        auto const elapsed = steady::now() - start;
        // pingInterval is 300 ms (less the time the handshake answer took to arrive).
        EXPECT_GE(elapsed, 200ms) << "round " << round;
        EXPECT_LT(elapsed, 1000ms) << "round " << round;
        EXPECT_EQ(post(sid_target(sid), "3").body(), "ok");
    }
}

TEST_F(engineio, websocket_server_pings_after_ping_interval) {
    auto ws = ws_connect(ws_target);
    ASSERT_FALSE(ws_read(ws).ec);
    for (int round = 0; round < 2; ++round) {
        auto const start = steady::now();
        auto const m = ws_read(ws);
        auto const elapsed = steady::now() - start;
        ASSERT_FALSE(m.ec) << m.ec.message();
        EXPECT_EQ(m.data, "2");
        EXPECT_GE(elapsed, 200ms) << "round " << round;
        EXPECT_LT(elapsed, 1000ms) << "round " << round;
        ws_write(ws, "3");
    }
}

TEST_F(engineio, polling_session_without_pong_is_closed) {
    auto const sid = open_polling();
    EXPECT_EQ(poll(sid), std::vector<std::string>{"2"});
    // No pong: the session is gone once pingTimeout (200 ms) has passed.
    std::this_thread::sleep_for(400ms);
    expect_error(get(sid_target(sid)), 400, 1, "Session ID unknown");
}

TEST_F(engineio, websocket_session_without_pong_is_closed) {
    auto ws = ws_connect(ws_target);
    ASSERT_FALSE(ws_read(ws).ec);
    auto const ping = ws_read(ws);
    ASSERT_EQ(ping.data, "2");
    auto const start = steady::now();
    auto const m = ws_read(ws);  // no pong: the next thing is the end of the connection
    EXPECT_TRUE(m.ec) << "got '" << m.data << "'";
    EXPECT_LT(steady::now() - start, 1500ms);
}

// --- Upgrade ---------------------------------------------------------------------------------

TEST_F(engineio, upgrade_from_polling_to_websocket) {
    auto const sid = open_polling();
    auto ws = ws_connect(ws_target + "&sid=" + sid);
    ws_write(ws, "2probe");
    auto const probe = ws_read(ws);
    ASSERT_FALSE(probe.ec) << probe.ec.message();
    EXPECT_EQ(probe.data, "3probe");
    // The polling GET is answered with a noop so that the client can pause polling.
    EXPECT_EQ(poll(sid), std::vector<std::string>{"6"});
    ws_write(ws, "5");
    ws_write(ws, "4upgraded");
    auto const echo = ws_read_skip_pings(ws);
    ASSERT_FALSE(echo.ec) << echo.ec.message();
    EXPECT_EQ(echo.data, "4upgraded");
    // Polling is over for this session.
    EXPECT_EQ(get(sid_target(sid)).result_int(), 400u);
}

TEST_F(engineio, messages_posted_during_upgrade_are_echoed) {
    auto const sid = open_polling();
    auto ws = ws_connect(ws_target + "&sid=" + sid);
    ws_write(ws, "2probe");
    ASSERT_EQ(ws_read(ws).data, "3probe");
    EXPECT_EQ(poll(sid), std::vector<std::string>{"6"});
    EXPECT_EQ(post(sid_target(sid), "4before upgrade").body(), "ok");
    ws_write(ws, "5");
    auto const echo = ws_read_skip_pings(ws);
    ASSERT_FALSE(echo.ec) << echo.ec.message();
    EXPECT_EQ(echo.data, "4before upgrade");
}

// --- Close -----------------------------------------------------------------------------------

TEST_F(engineio, close_packet_over_polling_ends_the_session) {
    auto const sid = open_polling();
    EXPECT_EQ(post(sid_target(sid), "1").body(), "ok");
    expect_error(get(sid_target(sid)), 400, 1, "Session ID unknown");
}

TEST_F(engineio, close_packet_over_websocket_closes_it) {
    auto ws = ws_connect(ws_target);
    ASSERT_FALSE(ws_read(ws).ec);
    ws_write(ws, "1");
    auto const start = steady::now();
    auto const m = ws_read(ws);
    EXPECT_TRUE(m.ec) << "got '" << m.data << "'";
    EXPECT_LT(steady::now() - start, 1000ms);
}

// --- CORS --------------------------------------------------------------------------------------

TEST_F(engineio, polling_answers_carry_cors_headers) {
    http::request<http::string_body> req{http::verb::get, polling, 11};
    req.set(http::field::origin, "https://example.com");
    auto const res = request(std::move(req));
    EXPECT_EQ(res.result_int(), 200u);
    EXPECT_EQ(res[http::field::access_control_allow_origin], "*");
}

TEST_F(engineio, error_answers_carry_cors_headers) {
    http::request<http::string_body> req{http::verb::get, sid_target("abc"), 11};
    req.set(http::field::origin, "https://example.com");
    auto const res = request(std::move(req));
    EXPECT_EQ(res.result_int(), 400u);
    EXPECT_EQ(res[http::field::access_control_allow_origin], "*");
}

TEST_F(engineio, cors_preflight_is_answered) {
    http::request<http::string_body> req{http::verb::options, polling, 11};
    req.set(http::field::origin, "https://example.com");
    req.set(http::field::access_control_request_method, "POST");
    auto const res = request(std::move(req));
    EXPECT_EQ(res.result_int(), 204u);
    EXPECT_EQ(res[http::field::access_control_allow_origin], "*");
    auto const methods = std::string(res[http::field::access_control_allow_methods]);
    EXPECT_NE(methods.find("GET"), std::string::npos) << methods;
    EXPECT_NE(methods.find("POST"), std::string::npos) << methods;
}

}  // namespace
}  // namespace conformance
