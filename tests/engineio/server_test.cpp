// Engine.IO server: raw HTTP long-polling and WebSocket clients (Beast, blocking, with socket
// timeouts so that every test is bounded) against a server on loopback, run by two threads.
#include "test_support.hpp"

#include <boost/json/parse.hpp>

#include <future>

namespace {

using namespace sockspec_test;

// --- handshake -------------------------------------------------------------------------------

TEST_F(engineio_fixture, handshake_has_exactly_the_spec_fields) {
    start();
    auto const res = get("/engine.io/?EIO=4&transport=polling");
    ASSERT_EQ(res.result_int(), 200u);
    EXPECT_EQ(res[http::field::content_type], "text/plain; charset=UTF-8");
    ASSERT_FALSE(res.body().empty());
    ASSERT_EQ(res.body()[0], '0');
    auto const obj = boost::json::parse(res.body().substr(1)).as_object();
    EXPECT_EQ(obj.size(), 5u);
    auto const sid = std::string(obj.at("sid").as_string());
    EXPECT_GE(sid.size(), 22u);
    for (char c : sid)
        EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << sid;
    EXPECT_EQ(obj.at("upgrades").as_array(), boost::json::array({"websocket"}));
    EXPECT_EQ(obj.at("pingInterval").as_int64(), 25000);
    EXPECT_EQ(obj.at("pingTimeout").as_int64(), 20000);
    EXPECT_EQ(obj.at("maxPayload").as_int64(), 1000000);
}

TEST_F(engineio_fixture, session_ids_differ) {
    start();
    EXPECT_NE(handshake().sid, handshake().sid);
}

TEST_F(engineio_fixture, request_info_reaches_the_connection_handler) {
    std::promise<std::tuple<std::string, std::string, bool>> seen;
    start({}, [&](eio::session_ptr s) {
        seen.set_value({std::string(s->request().header("Authorization")),
                        s->request().query("token").value_or("?"),
                        s->request().remote_endpoint.address().is_loopback()});
    });
    http::request<http::string_body> req{http::verb::get,
                                         "/engine.io/?EIO=4&transport=polling&token=a%20b", 11};
    req.set(http::field::authorization, "Bearer xyz");
    auto const res = request(std::move(req));
    EXPECT_EQ(res.result_int(), 200u);
    auto f = seen.get_future();
    ASSERT_EQ(f.wait_for(timeout), std::future_status::ready);
    auto const [auth, token, loopback] = f.get();
    EXPECT_EQ(auth, "Bearer xyz");
    EXPECT_EQ(token, "a b");
    EXPECT_TRUE(loopback);
}

// --- HTTP errors -----------------------------------------------------------------------------

void expect_error(http::response<http::string_body> const& res, unsigned status,
                  eio::http_error code) {
    EXPECT_EQ(res.result_int(), status);
    EXPECT_EQ(res.body(), eio::http_error_body(code));
    EXPECT_EQ(res[http::field::content_type], "application/json");
}

TEST_F(engineio_fixture, bad_protocol_version_is_400) {
    start();
    expect_error(get("/engine.io/?EIO=3&transport=polling"), 400,
                 eio::http_error::unsupported_protocol_version);
}

TEST_F(engineio_fixture, unknown_transport_is_400) {
    start();
    expect_error(get("/engine.io/?EIO=4&transport=carrier-pigeon"), 400,
                 eio::http_error::transport_unknown);
    expect_error(get("/engine.io/?EIO=4"), 400, eio::http_error::transport_unknown);
}

TEST_F(engineio_fixture, disabled_transport_is_unknown) {
    eio::server_options o;
    o.allow_polling = false;
    start(o);
    expect_error(get("/engine.io/?EIO=4&transport=polling"), 400,
                 eio::http_error::transport_unknown);
}

TEST_F(engineio_fixture, unknown_sid_is_400) {
    start();
    expect_error(get("/engine.io/?EIO=4&transport=polling&sid=nope"), 400,
                 eio::http_error::session_id_unknown);
    expect_error(post("/engine.io/?EIO=4&transport=polling&sid=nope", "4x"), 400,
                 eio::http_error::session_id_unknown);
}

TEST_F(engineio_fixture, handshake_with_post_is_bad_method) {
    start();
    expect_error(post("/engine.io/?EIO=4&transport=polling", "4x"), 400,
                 eio::http_error::bad_handshake_method);
}

TEST_F(engineio_fixture, websocket_transport_without_upgrade_is_bad_request) {
    start();
    expect_error(get("/engine.io/?EIO=4&transport=websocket"), 400, eio::http_error::bad_request);
}

TEST_F(engineio_fixture, refused_request_is_403) {
    start({}, {}, [](eio::server& s) {
        s.allow_request([](eio::request_info const& r) { return r.query("ok").has_value(); });
    });
    expect_error(get("/engine.io/?EIO=4&transport=polling"), 403, eio::http_error::forbidden);
    EXPECT_EQ(get("/engine.io/?EIO=4&transport=polling&ok").result_int(), 200u);
}

TEST_F(engineio_fixture, other_paths_are_404_without_a_handler) {
    start();
    EXPECT_EQ(get("/api/things").result_int(), 404u);
}

TEST_F(engineio_fixture, other_paths_go_to_the_user_handler) {
    start({}, {}, [](eio::server& s) {
        s.on_http_request(
            [](eio::http_request req, std::function<void(eio::http_response)> respond) {
                eio::http_response res{http::status::ok, req.version()};
                res.body() = "rest " + std::string(req.target());
                res.prepare_payload();
                respond(std::move(res));
            });
    });
    auto const res = get("/api/things");
    EXPECT_EQ(res.result_int(), 200u);
    EXPECT_EQ(res.body(), "rest /api/things");
}

TEST_F(engineio_fixture, custom_path) {
    eio::server_options o;
    o.path = "/socket.io";
    start(o);
    EXPECT_EQ(get("/socket.io/?EIO=4&transport=polling").result_int(), 200u);
    EXPECT_EQ(get("/engine.io/?EIO=4&transport=polling").result_int(), 404u);
}

// --- polling ---------------------------------------------------------------------------------

TEST_F(engineio_fixture, polling_round_trip) {
    start({}, echo_handler());
    auto const sid = handshake().sid;
    auto const res = post(poll_target(sid), "4hello");
    EXPECT_EQ(res.result_int(), 200u);
    EXPECT_EQ(res.body(), "ok");
    auto const got = get(poll_target(sid));
    EXPECT_EQ(got.result_int(), 200u);
    EXPECT_EQ(got[http::field::content_type], "text/plain; charset=UTF-8");
    EXPECT_EQ(got.body(), "4hello");
}

TEST_F(engineio_fixture, polling_batches_queued_packets) {
    start({}, [](eio::session_ptr s) {
        s->on_message([w = std::weak_ptr(s)](std::string data, bool) {
            if (auto s = w.lock())
                for (char c : data) s->send(std::string(1, c));
        });
    });
    auto const sid = handshake().sid;
    EXPECT_EQ(post(poll_target(sid),
                   "4abc\x1e"
                   "4d")
                  .body(),
              "ok");
    EXPECT_EQ(get(poll_target(sid)).body(),
              "4a\x1e"
              "4b\x1e"
              "4c\x1e"
              "4d");
}

TEST_F(engineio_fixture, polling_batch_respects_max_payload) {
    eio::server_options o;
    o.max_http_buffer_size = 11;  // two records of 5 bytes and a separator
    start(o, [](eio::session_ptr s) {
        for (int i = 0; i < 3; ++i) s->send("abcd");
    });
    auto const sid = handshake().sid;
    EXPECT_EQ(get(poll_target(sid)).body(),
              "4abcd\x1e"
              "4abcd");
    EXPECT_EQ(get(poll_target(sid)).body(), "4abcd");
}

TEST_F(engineio_fixture, polling_binary_is_base64) {
    std::promise<std::pair<std::string, bool>> seen;
    start({}, [&](eio::session_ptr s) {
        s->on_message([&, w = std::weak_ptr(s)](std::string data, bool binary) {
            seen.set_value({data, binary});
            if (auto s = w.lock()) s->send_binary(data);
        });
    });
    auto const sid = handshake().sid;
    EXPECT_EQ(post(poll_target(sid), "bAQID").body(), "ok");
    auto f = seen.get_future();
    ASSERT_EQ(f.wait_for(timeout), std::future_status::ready);
    EXPECT_EQ(f.get(), std::make_pair(std::string("\x01\x02\x03"), true));
    EXPECT_EQ(get(poll_target(sid)).body(), "bAQID");
}

TEST_F(engineio_fixture, malformed_post_closes_with_parse_error) {
    start();
    auto const sid = handshake().sid;
    expect_error(post(poll_target(sid), "9nope"), 400, eio::http_error::bad_request);
    EXPECT_EQ(wait_close_reason(), "parse error");
}

TEST_F(engineio_fixture, client_close_packet_closes_the_session) {
    start();
    auto const sid = handshake().sid;
    EXPECT_EQ(post(poll_target(sid), "1").body(), "ok");
    EXPECT_EQ(wait_close_reason(), "transport close");
    expect_error(get(poll_target(sid)), 400, eio::http_error::session_id_unknown);
}

TEST_F(engineio_fixture, post_over_max_http_buffer_size_is_413_and_closes) {
    eio::server_options o;
    o.max_http_buffer_size = 1000;
    start(o);
    auto const sid = handshake().sid;
    auto const res = post(poll_target(sid), "4" + std::string(2000, 'x'));
    EXPECT_EQ(res.result_int(), 413u);
    EXPECT_EQ(wait_close_reason(), "payload too large");
}

TEST_F(engineio_fixture, duplicate_get_closes_the_session) {
    start();
    auto const sid = handshake().sid;
    auto first = std::async(std::launch::async, [&] { return get(poll_target(sid)); });
    wait_until([&] { return server_has_pending_get(); });
    auto const second = get(poll_target(sid));
    EXPECT_EQ(second.result_int(), 400u);
    auto const r1 = first.get();
    EXPECT_EQ(r1.result_int(), 200u);
    EXPECT_EQ(r1.body(), "1");
    EXPECT_EQ(wait_close_reason(), "transport error");
}

TEST_F(engineio_fixture, aborted_get_closes_the_session) {
    start();
    auto const sid = handshake().sid;
    {
        auto sock = connect();
        http::request<http::string_body> req{http::verb::get, poll_target(sid), 11};
        req.set(http::field::host, "127.0.0.1");
        http::write(sock, req);
        wait_until([&] { return server_has_pending_get(); });
    }  // the client goes away while the GET waits
    EXPECT_EQ(wait_close_reason(), "transport error");
}

TEST_F(engineio_fixture, server_close_answers_the_pending_get_with_a_close_packet) {
    start();
    auto const sid = handshake().sid;
    auto pending = std::async(std::launch::async, [&] { return get(poll_target(sid)); });
    wait_until([&] { return server_has_pending_get(); });
    last_session()->close();
    EXPECT_EQ(pending.get().body(), "1");
    EXPECT_EQ(wait_close_reason(), "forced close");
}

TEST_F(engineio_fixture, graceful_close_delivers_queued_packets_first) {
    start();
    auto const sid = handshake().sid;
    last_session()->send("bye");
    last_session()->close();
    EXPECT_EQ(get(poll_target(sid)).body(),
              "4bye\x1e"
              "1");
    EXPECT_EQ(wait_close_reason(), "forced close");
}

// --- heartbeat -------------------------------------------------------------------------------

TEST_F(engineio_fixture, client_that_never_pongs_times_out) {
    eio::server_options o;
    o.ping_interval = std::chrono::milliseconds(100);
    o.ping_timeout = std::chrono::milliseconds(150);
    start(o);
    auto const sid = handshake().sid;
    auto const t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(get(poll_target(sid)).body(), "2");
    EXPECT_EQ(wait_close_reason(), "ping timeout");
    EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(200));
}

TEST_F(engineio_fixture, client_that_pongs_stays_connected) {
    eio::server_options o;
    o.ping_interval = std::chrono::milliseconds(50);
    o.ping_timeout = std::chrono::milliseconds(200);
    start(o);
    auto const sid = handshake().sid;
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(get(poll_target(sid)).body(), "2");
        EXPECT_EQ(post(poll_target(sid), "3").body(), "ok");
    }
    EXPECT_EQ(server->session_count(), 1u);
    EXPECT_TRUE(close_reasons().empty());
}

TEST_F(engineio_fixture, websocket_client_that_never_pongs_times_out) {
    eio::server_options o;
    o.ping_interval = std::chrono::milliseconds(100);
    o.ping_timeout = std::chrono::milliseconds(100);
    start(o);
    auto ws = ws_connect("/engine.io/?EIO=4&transport=websocket");
    EXPECT_EQ(ws_read(ws).substr(0, 1), "0");
    EXPECT_EQ(ws_read(ws), "2");
    EXPECT_EQ(wait_close_reason(), "ping timeout");
}

TEST_F(engineio_fixture, websocket_client_that_pongs_stays_connected) {
    eio::server_options o;
    o.ping_interval = std::chrono::milliseconds(50);
    o.ping_timeout = std::chrono::milliseconds(200);
    start(o);
    auto ws = ws_connect("/engine.io/?EIO=4&transport=websocket");
    EXPECT_EQ(ws_read(ws).substr(0, 1), "0");
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(ws_read(ws), "2");
        ws.write(boost::asio::buffer(std::string("3")));
    }
    EXPECT_EQ(server->session_count(), 1u);
    EXPECT_TRUE(close_reasons().empty());
}

// --- keep-alive ------------------------------------------------------------------------------

TEST_F(engineio_fixture, requests_share_a_keep_alive_connection) {
    start({}, echo_handler());
    auto sock = connect();
    boost::beast::flat_buffer buf;
    auto exchange = [&](http::verb method, std::string const& target, std::string body) {
        http::request<http::string_body> req{method, target, 11};
        req.set(http::field::host, "127.0.0.1");
        req.body() = std::move(body);
        req.prepare_payload();
        http::write(sock, req);
        http::response<http::string_body> res;
        http::read(sock, buf, res);
        EXPECT_TRUE(res.keep_alive());
        return res.body();
    };
    auto const open = exchange(http::verb::get, "/engine.io/?EIO=4&transport=polling", "");
    auto const h = eio::parse_handshake(std::string_view(open).substr(1));
    ASSERT_TRUE(h);
    EXPECT_EQ(exchange(http::verb::post, poll_target(h->sid), "4one"), "ok");
    EXPECT_EQ(exchange(http::verb::get, poll_target(h->sid), ""), "4one");
    EXPECT_EQ(exchange(http::verb::post, poll_target(h->sid), "4two"), "ok");
    EXPECT_EQ(exchange(http::verb::get, poll_target(h->sid), ""), "4two");
}

// --- websocket -------------------------------------------------------------------------------

TEST_F(engineio_fixture, websocket_only_session_echoes_text_and_binary) {
    start({}, echo_handler());
    auto ws = ws_connect("/engine.io/?EIO=4&transport=websocket");
    auto const open = ws_read(ws);
    ASSERT_EQ(open.substr(0, 1), "0");
    auto const h = eio::parse_handshake(open.substr(1));
    ASSERT_TRUE(h);
    EXPECT_TRUE(h->upgrades.empty());
    ws.text(true);
    ws.write(boost::asio::buffer(std::string("4hi")));
    EXPECT_EQ(ws_read(ws), "4hi");
    ws.binary(true);
    ws.write(boost::asio::buffer(std::string("\x00\xff", 2)));
    bool binary = false;
    EXPECT_EQ(ws_read(ws, &binary), std::string("\x00\xff", 2));
    EXPECT_TRUE(binary);
    EXPECT_EQ(last_session()->transport(), eio::transport_type::websocket);
}

TEST_F(engineio_fixture, websocket_message_over_max_http_buffer_size_closes) {
    eio::server_options o;
    o.max_http_buffer_size = 1000;
    start(o);
    auto ws = ws_connect("/engine.io/?EIO=4&transport=websocket");
    ws_read(ws);
    ws.write(boost::asio::buffer("4" + std::string(2000, 'x')));
    EXPECT_EQ(wait_close_reason(), "payload too large");
}

TEST_F(engineio_fixture, upgrade_from_polling_to_websocket) {
    start({}, echo_handler());
    auto const sid = handshake().sid;
    auto pending = std::async(std::launch::async, [&] { return get(poll_target(sid)); });
    wait_until([&] { return server_has_pending_get(); });
    auto ws = ws_connect("/engine.io/?EIO=4&transport=websocket&sid=" + sid);
    ws.write(boost::asio::buffer(std::string("2probe")));
    EXPECT_EQ(ws_read(ws), "3probe");
    EXPECT_EQ(pending.get().body(), "6");  // the pending GET is flushed with a noop
    EXPECT_EQ(last_session()->transport(), eio::transport_type::polling);
    ws.write(boost::asio::buffer(std::string("5")));
    wait_until([&] { return last_session()->transport() == eio::transport_type::websocket; });
    ws.write(boost::asio::buffer(std::string("4after")));
    EXPECT_EQ(ws_read(ws), "4after");
    expect_error(get(poll_target(sid)), 400, eio::http_error::bad_request);
    // A second upgrade of the same session is refused.
    expect_error(get("/engine.io/?EIO=4&transport=websocket&sid=" + sid, true), 400,
                 eio::http_error::bad_request);
}

TEST_F(engineio_fixture, messages_sent_during_the_probe_are_not_lost) {
    start();
    auto const sid = handshake().sid;
    auto ws = ws_connect("/engine.io/?EIO=4&transport=websocket&sid=" + sid);
    ws.write(boost::asio::buffer(std::string("2probe")));
    EXPECT_EQ(ws_read(ws), "3probe");
    last_session()->send("during");
    EXPECT_EQ(get(poll_target(sid)).body(), "4during");  // still polling until the upgrade packet
    ws.write(boost::asio::buffer(std::string("5")));
    wait_until([&] { return last_session()->transport() == eio::transport_type::websocket; });
    last_session()->send("after");
    EXPECT_EQ(ws_read(ws), "4after");
}

TEST_F(engineio_fixture, upgrade_timeout_drops_the_websocket_and_keeps_polling) {
    eio::server_options o;
    o.upgrade_timeout = std::chrono::milliseconds(100);
    start(o);
    auto const sid = handshake().sid;
    auto ws = ws_connect("/engine.io/?EIO=4&transport=websocket&sid=" + sid);
    boost::beast::error_code ec;
    ws.read(ws_buffer, ec);  // the server drops the socket after upgradeTimeout
    EXPECT_TRUE(ec);
    EXPECT_EQ(last_session()->transport(), eio::transport_type::polling);
    last_session()->send("still");
    EXPECT_EQ(get(poll_target(sid)).body(), "4still");
}

TEST_F(engineio_fixture, slow_websocket_reader_is_closed_with_bounded_memory) {
    eio::server_options o;
    o.max_send_queue_bytes = 1 << 20;
    start(o);
    auto ws = ws_connect("/engine.io/?EIO=4&transport=websocket", 4096);
    ws_read(ws);
    auto s = last_session();
    // One shared payload queued many times, as a broadcast does: never copied.
    auto const payload = eio::make_shared_buffer(std::string(64 * 1024, 'x'));
    std::size_t max_queued = 0;
    for (int i = 0; i < 4000 && s->is_open(); ++i) {
        s->send(payload, false);
        max_queued = std::max(max_queued, s->queued_bytes());
        if (i % 8 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    EXPECT_EQ(wait_close_reason(), "send queue full");
    EXPECT_LE(max_queued, o.max_send_queue_bytes);
    EXPECT_EQ(s->queued_bytes(), 0u);
    EXPECT_LE(payload.use_count(), 2);  // released by the closed session (the test holds one)
}

TEST_F(engineio_fixture, send_queue_packet_count_is_bounded) {
    eio::server_options o;
    o.max_send_queue_packets = 10;
    start(o);
    auto const sid = handshake().sid;
    for (int i = 0; i < 20; ++i) last_session()->send("x");
    EXPECT_EQ(wait_close_reason(), "send queue full");
}

TEST_F(engineio_fixture, one_shared_buffer_broadcast_to_many_sessions) {
    start();
    std::vector<websocket::stream<tcp::socket>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(ws_connect("/engine.io/?EIO=4&transport=websocket"));
        ws_read(clients.back());
    }
    wait_until([&] { return server->session_count() == 3; });
    auto const payload = eio::make_shared_buffer("news");
    for (auto const& s : server->sessions()) s->send(payload, false);
    for (auto& c : clients) EXPECT_EQ(ws_read(c), "4news");
}

TEST_F(engineio_fixture, unknown_websocket_packet_type_closes_with_parse_error) {
    start();
    auto ws = ws_connect("/engine.io/?EIO=4&transport=websocket");
    ws_read(ws);
    ws.write(boost::asio::buffer(std::string("9what")));
    EXPECT_EQ(wait_close_reason(), "parse error");
}

TEST_F(engineio_fixture, garbage_request_gets_400) {
    start();
    auto s = connect();
    boost::asio::write(s, boost::asio::buffer(std::string("NOT HTTP AT ALL\r\n\r\n")));
    http::response<http::string_body> res;
    boost::beast::flat_buffer buf;
    http::read(s, buf, res);
    EXPECT_EQ(res.result_int(), 400u);
    EXPECT_FALSE(res.keep_alive());
}

TEST_F(engineio_fixture, websocket_upgrade_with_unknown_sid_is_400) {
    start();
    expect_error(get("/engine.io/?EIO=4&transport=websocket&sid=nope", true), 400,
                 eio::http_error::session_id_unknown);
}

// --- CORS ------------------------------------------------------------------------------------

TEST_F(engineio_fixture, cors_headers_for_an_allowed_origin) {
    eio::server_options o;
    o.cors.enabled = true;
    o.cors.origins = {"https://app.example"};
    o.cors.credentials = true;
    start(o);
    http::request<http::string_body> req{http::verb::get, "/engine.io/?EIO=4&transport=polling",
                                         11};
    req.set(http::field::origin, "https://app.example");
    auto const res = request(req);
    EXPECT_EQ(res[http::field::access_control_allow_origin], "https://app.example");
    EXPECT_EQ(res[http::field::access_control_allow_credentials], "true");
    req.set(http::field::origin, "https://evil.example");
    EXPECT_EQ(request(req).count(http::field::access_control_allow_origin), 0u);
}

TEST_F(engineio_fixture, cors_preflight) {
    eio::server_options o;
    o.cors.enabled = true;
    start(o);
    http::request<http::string_body> req{http::verb::options, "/engine.io/?EIO=4&transport=polling",
                                         11};
    req.set(http::field::origin, "https://app.example");
    req.set(http::field::access_control_request_headers, "authorization");
    auto const res = request(req);
    EXPECT_EQ(res.result_int(), 204u);
    EXPECT_EQ(res[http::field::access_control_allow_origin], "*");
    EXPECT_EQ(res[http::field::access_control_allow_headers], "authorization");
    EXPECT_FALSE(res[http::field::access_control_allow_methods].empty());
}

TEST_F(engineio_fixture, options_without_cors_is_a_bad_handshake_method) {
    start();
    http::request<http::string_body> req{http::verb::options, "/engine.io/?EIO=4&transport=polling",
                                         11};
    expect_error(request(req), 400, eio::http_error::bad_handshake_method);
}

// --- shutdown --------------------------------------------------------------------------------

TEST_F(engineio_fixture, server_close_closes_sessions_and_drains) {
    start();
    auto const sid = handshake().sid;
    auto ws_sid = std::string();
    auto ws = ws_connect("/engine.io/?EIO=4&transport=websocket");
    ws_read(ws);
    auto pending = std::async(std::launch::async, [&] { return get(poll_target(sid)); });
    wait_until([&] { return server_has_pending_get(); });
    server->close();
    EXPECT_EQ(pending.get().body(), "1");
    wait_until([&] { return close_reasons().size() == 2; });
    for (auto const& r : close_reasons()) EXPECT_EQ(r, "server shutting down");
    EXPECT_TRUE(stop_and_drain());
}

}  // namespace
