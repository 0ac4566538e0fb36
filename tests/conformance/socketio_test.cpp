// Socket.IO v5 conformance of the conformance_server fixture at /socket.io/ (the "Test suite"
// section of socket.io-protocol-v5-current.md: namespaces "/" and "/custom" emit "auth" with the
// CONNECT auth, "message" -> "message-back", "message-with-ack" acked with its arguments;
// pingInterval 300, pingTimeout 200, connectTimeout 1000). Raw Engine.IO frames over a Beast
// WebSocket (and polling for the CONNECT), so each test checks the exact packets.
#include "conformance_support.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <string>
#include <vector>

namespace conformance {
namespace {

std::string const ws_target = "/socket.io/?EIO=4&transport=websocket";
std::string const polling = "/socket.io/?EIO=4&transport=polling";

class socketio : public server_test {
protected:
    /// A WebSocket session whose Engine.IO open packet was read.
    ws_stream open(std::chrono::milliseconds t = 5000ms) {
        auto ws = ws_connect(ws_target, t);
        auto const m = ws_read(ws);
        EXPECT_FALSE(m.ec) << m.ec.message();
        EXPECT_TRUE(m.data.starts_with("0{")) << m.data;
        return ws;
    }

    /// Sends the Engine.IO message (`4` + a Socket.IO packet) `packet`.
    static void send(ws_stream& ws, std::string_view packet) {
        ws_write(ws, "4" + std::string(packet));
    }

    /// The next Socket.IO packet (text), without the Engine.IO `4`; pings are answered.
    static std::string receive(ws_stream& ws) {
        auto const m = ws_read_skip_pings(ws);
        if (m.ec) return "<" + m.ec.message() + ">";
        if (m.binary) return "<binary>";
        if (!m.data.starts_with("4")) return "<engine.io packet " + m.data + ">";
        return m.data.substr(1);
    }

    /// The next binary message (an attachment).
    static std::string receive_binary(ws_stream& ws) {
        auto const m = ws_read_skip_pings(ws);
        if (m.ec) return "<" + m.ec.message() + ">";
        EXPECT_TRUE(m.binary) << m.data;
        return m.data;
    }

    /// Checks that `packet` is `prefix` followed by the JSON `expected`.
    static void expect_packet(std::string const& packet, std::string_view prefix,
                              json::value const& expected) {
        ASSERT_TRUE(packet.starts_with(prefix)) << packet << " (expected prefix " << prefix << ")";
        EXPECT_EQ(parse_json(std::string_view(packet).substr(prefix.size())), expected) << packet;
    }

    /// Checks a CONNECT answer `<prefix>{"sid":"..."}`; the socket id.
    static std::string expect_connect_ok(std::string const& packet, std::string_view prefix) {
        EXPECT_TRUE(packet.starts_with(prefix)) << packet;
        if (!packet.starts_with(prefix)) return {};
        auto const v = parse_json(std::string_view(packet).substr(prefix.size()));
        EXPECT_TRUE(v.is_object() && v.as_object().size() == 1 && v.as_object().contains("sid") &&
                    v.at("sid").is_string() && !v.at("sid").as_string().empty())
            << packet;
        return v.is_object() && v.as_object().contains("sid") && v.at("sid").is_string()
                   ? std::string(v.at("sid").as_string())
                   : std::string();
    }

    /// CONNECTs to the main namespace and reads the answer and the "auth" event.
    ws_stream connected() {
        auto ws = open();
        send(ws, "0");
        expect_connect_ok(receive(ws), "0");
        expect_packet(receive(ws), "2", json::array{"auth", json::object{}});
        return ws;
    }
};

// --- Engine.IO handshake of the Socket.IO fixture ---------------------------------------------

TEST_F(socketio, handshake_announces_fixture_values) {
    auto ws = ws_connect(ws_target);
    auto const m = ws_read(ws);
    ASSERT_TRUE(m.data.starts_with("0")) << m.data;
    auto const v = parse_json(std::string_view(m.data).substr(1));
    ASSERT_TRUE(v.is_object());
    EXPECT_EQ(v.at("pingInterval"), json::value(300));
    EXPECT_EQ(v.at("pingTimeout"), json::value(200));
    EXPECT_EQ(v.at("maxPayload"), json::value(1000000));
    EXPECT_TRUE(v.at("sid").is_string());
}

TEST_F(socketio, server_pings_after_ping_interval) {
    auto ws = open();
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

// --- CONNECT -------------------------------------------------------------------------------

TEST_F(socketio, connect_to_main_namespace) {
    auto ws = open();
    send(ws, "0");
    expect_connect_ok(receive(ws), "0");
    // No auth payload: socket.handshake.auth is {}.
    expect_packet(receive(ws), "2", json::array{"auth", json::object{}});
}

TEST_F(socketio, connect_to_main_namespace_echoes_auth) {
    auto ws = open();
    send(ws, R"(0{"token":"123","n":[1,2.5,null]})");
    expect_connect_ok(receive(ws), "0");
    expect_packet(
        receive(ws), "2",
        json::array{"auth", json::object{{"token", "123"}, {"n", json::array{1, 2.5, nullptr}}}});
}

TEST_F(socketio, connect_to_custom_namespace_echoes_auth) {
    auto ws = open();
    send(ws, R"(0/custom,{"token":"abc"})");
    expect_connect_ok(receive(ws), "0/custom,");
    expect_packet(receive(ws), "2/custom,", json::array{"auth", json::object{{"token", "abc"}}});
}

TEST_F(socketio, connect_to_two_namespaces_gives_distinct_socket_ids) {
    auto ws = open();
    send(ws, "0");
    auto const main_id = expect_connect_ok(receive(ws), "0");
    expect_packet(receive(ws), "2", json::array{"auth", json::object{}});
    send(ws, "0/custom,");
    auto const custom_id = expect_connect_ok(receive(ws), "0/custom,");
    expect_packet(receive(ws), "2/custom,", json::array{"auth", json::object{}});
    EXPECT_NE(main_id, custom_id);
}

TEST_F(socketio, connect_over_polling) {
    auto const res = get(polling);
    ASSERT_EQ(res.result_int(), 200u);
    ASSERT_TRUE(res.body().starts_with("0"));
    auto const sid = std::string(parse_json(res.body().substr(1)).at("sid").as_string());
    auto const target = polling + "&sid=" + sid;
    EXPECT_EQ(post(target, "40").body(), "ok");
    std::vector<std::string> packets;
    for (int i = 0; i < 5 && packets.size() < 2; ++i)
        for (auto& p : split_payload(get(target).body()))
            if (p != "2") packets.push_back(std::move(p));
    ASSERT_EQ(packets.size(), 2u);
    expect_connect_ok(packets[0], "40");
    expect_packet(packets[1], "42", json::array{"auth", json::object{}});
}

TEST_F(socketio, connect_to_unknown_namespace_is_refused) {
    auto ws = open();
    send(ws, "0/random");
    expect_packet(receive(ws), "4/random,", json::object{{"message", "Invalid namespace"}});
}

TEST_F(socketio, session_without_connect_is_closed_after_connect_timeout) {
    auto ws = open();
    auto const start = steady::now();
    // Pings are answered, so only connectTimeout (1000 ms) can end the session.
    EXPECT_TRUE(closed_by_server(ws, 4000ms));
    auto const elapsed = steady::now() - start;
    EXPECT_GE(elapsed, 900ms);
    EXPECT_LT(elapsed, 2000ms);
}

TEST_F(socketio, session_with_connect_outlives_connect_timeout) {
    auto ws = connected();
    EXPECT_FALSE(closed_by_server(ws, 1500ms));
}

// --- Events and acknowledgements ------------------------------------------------------------

TEST_F(socketio, message_is_answered_with_message_back) {
    auto ws = connected();
    send(ws, R"(2["message",1,"2",{"3":[true,null]}])");
    expect_packet(
        receive(ws), "2",
        json::array{"message-back", 1, "2", json::object{{"3", json::array{true, nullptr}}}});
}

TEST_F(socketio, message_without_arguments_is_answered) {
    auto ws = connected();
    send(ws, R"(2["message"])");
    expect_packet(receive(ws), "2", json::array{"message-back"});
}

TEST_F(socketio, binary_message_is_answered_with_binary_message_back) {
    auto ws = connected();
    std::string const a("\x01\x02\x03", 3);
    std::string const b("\x00\xff", 2);
    send(ws, R"(52-["message",{"_placeholder":true,"num":0},"x",{"_placeholder":true,"num":1}])");
    ws_write(ws, a, true);
    ws_write(ws, b, true);
    expect_packet(receive(ws), "52-",
                  json::array{"message-back", json::object{{"_placeholder", true}, {"num", 0}}, "x",
                              json::object{{"_placeholder", true}, {"num", 1}}});
    EXPECT_EQ(receive_binary(ws), a);
    EXPECT_EQ(receive_binary(ws), b);
}

TEST_F(socketio, message_with_ack_is_acked_with_its_arguments) {
    auto ws = connected();
    send(ws, R"(2456["message-with-ack",1,"2",{"3":[false]}])");
    expect_packet(receive(ws), "3456",
                  json::array{1, "2", json::object{{"3", json::array{false}}}});
}

TEST_F(socketio, ack_ids_are_kept) {
    auto ws = connected();
    send(ws, R"(27["message-with-ack","a"])");
    send(ws, R"(28["message-with-ack","b"])");
    expect_packet(receive(ws), "37", json::array{"a"});
    expect_packet(receive(ws), "38", json::array{"b"});
}

// The fixture acks with the event's arguments; with an attachment that is a BINARY_ACK
// `61-789[{"_placeholder":true,"num":0}]` + the attachment.
TEST_F(socketio, binary_message_with_ack_is_acked_with_binary_ack) {
    auto ws = connected();
    std::string const a("\x01\x02\x03", 3);
    send(ws, R"(51-789["message-with-ack",{"_placeholder":true,"num":0}])");
    ws_write(ws, a, true);
    expect_packet(receive(ws), "61-789",
                  json::array{json::object{{"_placeholder", true}, {"num", 0}}});
    EXPECT_EQ(receive_binary(ws), a);
}

// --- DISCONNECT and errors -----------------------------------------------------------------

TEST_F(socketio, disconnect_leaves_the_namespace) {
    auto ws = connected();
    send(ws, "1");
    // Packets for a namespace the client left are ignored ...
    send(ws, R"(2["message","after disconnect"])");
    // ... and the same session may CONNECT again, as a new socket.
    send(ws, "0");
    expect_connect_ok(receive(ws), "0");
    expect_packet(receive(ws), "2", json::array{"auth", json::object{}});
}

TEST_F(socketio, disconnect_gives_a_new_socket_id_on_reconnect) {
    auto ws = open();
    send(ws, "0");
    auto const first = expect_connect_ok(receive(ws), "0");
    receive(ws);  // auth
    send(ws, "1");
    send(ws, "0");
    auto const second = expect_connect_ok(receive(ws), "0");
    EXPECT_NE(first, second);
}

TEST_F(socketio, invalid_packet_type_closes_the_session) {
    auto ws = connected();
    send(ws, "9");
    EXPECT_TRUE(closed_by_server(ws));
}

TEST_F(socketio, invalid_json_closes_the_session) {
    auto ws = connected();
    send(ws, R"(2["message")");
    EXPECT_TRUE(closed_by_server(ws));
}

TEST_F(socketio, event_without_name_closes_the_session) {
    auto ws = connected();
    send(ws, R"(2[])");
    EXPECT_TRUE(closed_by_server(ws));
}

TEST_F(socketio, unexpected_attachment_closes_the_session) {
    auto ws = connected();
    ws_write(ws, std::string("\x01\x02", 2), true);
    EXPECT_TRUE(closed_by_server(ws));
}

}  // namespace
}  // namespace conformance
