// The conformance_server process itself: its announcement, both fixtures on one port, and the
// graceful exit on SIGINT/SIGTERM.
#include "conformance_support.hpp"

#include <regex>
#include <string>

namespace conformance {
namespace {

class process : public server_test {
protected:
    static std::string sid_of(response const& res) {
        EXPECT_EQ(res.result_int(), 200u) << res.body();
        if (!res.body().starts_with("0")) return "<none>";
        auto const v = parse_json(std::string_view(res.body()).substr(1));
        return v.is_object() && v.as_object().contains("sid") ? std::string(v.at("sid").as_string())
                                                              : "<none>";
    }
};

TEST_F(process, announces_its_port_on_one_line) {
    EXPECT_TRUE(std::regex_match(server.line(), std::regex("listening on [1-9][0-9]*")))
        << server.line();
}

TEST_F(process, serves_engineio_and_socketio_on_one_port) {
    auto const eio_sid = sid_of(get("/engine.io/?EIO=4&transport=polling"));
    auto const sio_sid = sid_of(get("/socket.io/?EIO=4&transport=polling"));
    // Each endpoint has its own sessions.
    EXPECT_EQ(get("/socket.io/?EIO=4&transport=polling&sid=" + eio_sid).result_int(), 400u);
    EXPECT_EQ(get("/engine.io/?EIO=4&transport=polling&sid=" + sio_sid).result_int(), 400u);
}

TEST_F(process, other_paths_are_not_found) {
    EXPECT_EQ(get("/other/?EIO=4&transport=polling").result_int(), 404u);
}

TEST_F(process, engineio_endpoint_is_not_socketio) {
    // The Engine.IO fixture echoes a Socket.IO CONNECT instead of answering it.
    auto ws = ws_connect("/engine.io/?EIO=4&transport=websocket");
    ASSERT_TRUE(ws_read(ws).data.starts_with("0{"));
    ws_write(ws, "40");
    EXPECT_EQ(ws_read_skip_pings(ws).data, "40");
}

TEST_F(process, sigterm_closes_sessions_and_exits_0) {
    auto ws = ws_connect("/socket.io/?EIO=4&transport=websocket");
    ASSERT_TRUE(ws_read(ws).data.starts_with("0{"));
    ws_write(ws, "40");
    ASSERT_TRUE(ws_read_skip_pings(ws).data.starts_with("40"));
    auto const status = server.stop(SIGTERM, 3000ms);
    ASSERT_TRUE(status.has_value()) << "still running 3 s after SIGTERM";
    EXPECT_TRUE(WIFEXITED(*status));
    EXPECT_EQ(WEXITSTATUS(*status), 0);
}

TEST_F(process, sigint_exits_0) {
    auto const status = server.stop(SIGINT, 3000ms);
    ASSERT_TRUE(status.has_value()) << "still running 3 s after SIGINT";
    EXPECT_TRUE(WIFEXITED(*status));
    EXPECT_EQ(WEXITSTATUS(*status), 0);
}

}  // namespace
}  // namespace conformance
