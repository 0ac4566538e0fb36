// Unit tests of sockspec/engineio/packet.hpp beyond the data-file vectors.
#include <sockspec/engineio/packet.hpp>

#include <gtest/gtest.h>

#include <deque>
#include <span>

namespace eio = sockspec::engineio;
using eio::packet;
using eio::packet_type;

namespace {
packet text(packet_type t, std::string data = {}) {
    return packet{t, std::move(data), false};
}
packet binary(std::string bytes) {
    return packet{packet_type::message, std::move(bytes), true};
}
}  // namespace

TEST(engineio_error, category_and_messages) {
    boost::system::error_code const ec = eio::error::bad_base64;
    EXPECT_STREQ(ec.category().name(), "sockspec.engineio");
    EXPECT_EQ(ec.message(), "invalid base64 in Engine.IO binary packet");
    EXPECT_EQ(ec, eio::make_error_code(eio::error::bad_base64));
    EXPECT_NE(ec, eio::error::empty_packet);
}

TEST(engineio_packet, type_names) {
    EXPECT_EQ(eio::to_string(packet_type::open), "open");
    EXPECT_EQ(eio::to_string(packet_type::noop), "noop");
    EXPECT_EQ(static_cast<int>(packet_type::message), 4);
}

TEST(engineio_packet, binary_frame_is_a_message_whatever_its_bytes) {
    for (std::string_view bytes :
         {std::string_view(""), std::string_view("2probe"), std::string_view("\x00\xff\x1e", 3)}) {
        auto const r = eio::decode_frame(bytes, true);
        ASSERT_TRUE(r);
        EXPECT_EQ(*r, binary(std::string(bytes)));
        EXPECT_EQ(eio::encode_frame(*r), bytes);
    }
}

TEST(engineio_packet, text_frame_carries_type_and_data) {
    auto const r = eio::decode_frame("2probe", false);
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, text(packet_type::ping, "probe"));
    EXPECT_EQ(eio::encode_frame(text(packet_type::pong, "probe")), "3probe");
    EXPECT_EQ(eio::decode_frame("", false).error(), eio::error::empty_packet);
    EXPECT_EQ(eio::decode_frame("7", false).error(), eio::error::unknown_packet_type);
}

TEST(engineio_packet, websocket_text_frame_keeps_b_and_separator_literally) {
    // Only polling payloads give `b` and `\x1e` a meaning.
    auto const r = eio::decode_frame(
        "4bAQIDBA==\x1e"
        "2",
        false);
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, text(packet_type::message,
                       "bAQIDBA==\x1e"
                       "2"));
    EXPECT_EQ(eio::decode_frame("bAQIDBA==", false).error(), eio::error::unknown_packet_type);
}

TEST(engineio_packet, polling_binary_is_base64) {
    std::string out;
    eio::encode_polling_packet(out, binary("\x01\x02\x03\x04"));
    EXPECT_EQ(out, "bAQIDBA==");
    EXPECT_EQ(eio::polling_packet_size(binary("\x01\x02\x03\x04")), out.size());
    EXPECT_EQ(eio::polling_packet_size(text(packet_type::message, "hello")), 6u);
    auto const r = eio::decode_polling_packet("bAQIDBA==");
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, binary("\x01\x02\x03\x04"));
}

TEST(engineio_packet, base64_round_trips_every_length_and_byte) {
    std::string bytes;
    for (int n = 0; n < 300; ++n) {
        std::string out;
        eio::encode_polling_packet(out, binary(bytes));
        auto const r = eio::decode_polling_packet(out);
        ASSERT_TRUE(r) << n;
        EXPECT_EQ(r->data, bytes);
        bytes += static_cast<char>(n * 7);
    }
}

TEST(engineio_packet, encode_payload_joins_with_record_separator) {
    std::vector<packet> const packets{text(packet_type::message, "hello"), text(packet_type::ping),
                                      text(packet_type::message, "world")};
    EXPECT_EQ(eio::encode_payload(packets),
              "4hello\x1e"
              "2\x1e"
              "4world");
    EXPECT_EQ(eio::encode_payload(std::vector<packet>{}), "");
}

TEST(engineio_packet, encode_payload_packs_up_to_max_payload) {
    // Records are 6 ("4hello"), 1 ("2") and 6 bytes, plus one separator between each.
    std::deque<packet> const packets{text(packet_type::message, "hello"), text(packet_type::ping),
                                     text(packet_type::message, "world")};
    std::string out;
    EXPECT_EQ(eio::encode_payload(out, packets, 8), 2u);
    EXPECT_EQ(out,
              "4hello\x1e"
              "2");
    out.clear();
    EXPECT_EQ(eio::encode_payload(out, packets, 7), 1u);
    EXPECT_EQ(out, "4hello");
    out.clear();
    EXPECT_EQ(eio::encode_payload(out, packets, 15), 3u);
    out.clear();
    EXPECT_EQ(eio::encode_payload(out, packets, 14), 2u);
    out.clear();
    EXPECT_EQ(eio::encode_payload(out, packets, 0), 3u);
}

TEST(engineio_packet, encode_payload_takes_one_oversized_packet) {
    std::vector<packet> const packets{text(packet_type::message, std::string(100, 'x')),
                                      text(packet_type::ping)};
    std::string out;
    EXPECT_EQ(eio::encode_payload(out, std::span<packet const>(packets), 10), 1u);
    EXPECT_EQ(out.size(), 101u);
    out.clear();
    EXPECT_EQ(eio::encode_payload(out, std::span<packet const>(packets).subspan(2), 10), 0u);
    EXPECT_EQ(out, "");
}

TEST(engineio_packet, encode_payload_counts_base64_size) {
    // 3 bytes -> 4 base64 characters -> "bAQID" (5 bytes).
    std::vector<packet> const packets{binary("\x01\x02\x03"), binary("\x01\x02\x03")};
    std::string out;
    EXPECT_EQ(eio::encode_payload(out, packets, 10), 1u);
    out.clear();
    EXPECT_EQ(eio::encode_payload(out, packets, 11), 2u);
    EXPECT_EQ(out,
              "bAQID\x1e"
              "bAQID");
}

TEST(engineio_handshake, serializes_in_reference_key_order) {
    eio::handshake const h{"lv_VI97HAXpY6yYWAAAC",
                           {"websocket"},
                           std::chrono::milliseconds(25000),
                           std::chrono::milliseconds(5000),
                           1000000};
    EXPECT_EQ(eio::serialize_handshake(h),
              R"({"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,)"
              R"("pingTimeout":5000,"maxPayload":1000000})");
    EXPECT_EQ(eio::serialize_handshake(eio::handshake{"a", {}}),
              R"({"sid":"a","upgrades":[],"pingInterval":25000,"pingTimeout":20000,)"
              R"("maxPayload":1000000})");
}

TEST(engineio_handshake, parses_the_spec_example) {
    auto const h = eio::parse_handshake(R"({
      "sid": "lv_VI97HAXpY6yYWAAAC",
      "upgrades": ["websocket"],
      "pingInterval": 25000,
      "pingTimeout": 20000,
      "maxPayload": 1000000
    })");
    ASSERT_TRUE(h);
    EXPECT_EQ(*h, (eio::handshake{"lv_VI97HAXpY6yYWAAAC",
                                  {"websocket"},
                                  std::chrono::milliseconds(25000),
                                  std::chrono::milliseconds(20000),
                                  1000000}));
}

TEST(engineio_handshake, round_trips) {
    eio::handshake const h{"s\"id",
                           {"websocket", "webtransport"},
                           std::chrono::milliseconds(300),
                           std::chrono::milliseconds(200),
                           0};
    auto const r = eio::parse_handshake(eio::serialize_handshake(h));
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, h);
}

TEST(engineio_handshake, max_payload_is_optional_and_extra_keys_ignored) {
    auto const h = eio::parse_handshake(
        R"({"sid":"x","upgrades":[],"pingInterval":1,"pingTimeout":2.0,"extra":[1]})");
    ASSERT_TRUE(h);
    EXPECT_EQ(h->max_payload, 0u);
    EXPECT_EQ(h->ping_timeout, std::chrono::milliseconds(2));
}

TEST(engineio_handshake, rejects_malformed) {
    for (std::string_view bad : {
             "",
             "[]",
             "{",
             R"({"upgrades":[],"pingInterval":1,"pingTimeout":1})",
             R"({"sid":"","upgrades":[],"pingInterval":1,"pingTimeout":1})",
             R"({"sid":1,"upgrades":[],"pingInterval":1,"pingTimeout":1})",
             R"({"sid":"x","pingInterval":1,"pingTimeout":1})",
             R"({"sid":"x","upgrades":"websocket","pingInterval":1,"pingTimeout":1})",
             R"({"sid":"x","upgrades":[1],"pingInterval":1,"pingTimeout":1})",
             R"({"sid":"x","upgrades":[],"pingTimeout":1})",
             R"({"sid":"x","upgrades":[],"pingInterval":-1,"pingTimeout":1})",
             R"({"sid":"x","upgrades":[],"pingInterval":1.5,"pingTimeout":1})",
             R"({"sid":"x","upgrades":[],"pingInterval":"1","pingTimeout":1})",
             R"({"sid":"x","upgrades":[],"pingInterval":1})",
             R"({"sid":"x","upgrades":[],"pingInterval":1,"pingTimeout":1,"maxPayload":null})",
         }) {
        auto const r = eio::parse_handshake(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error(), eio::error::bad_handshake) << bad;
    }
}

TEST(engineio_http_error, reference_messages) {
    using eio::http_error;
    EXPECT_EQ(eio::to_string(http_error::transport_unknown), "Transport unknown");
    EXPECT_EQ(eio::to_string(http_error::session_id_unknown), "Session ID unknown");
    EXPECT_EQ(eio::to_string(http_error::bad_handshake_method), "Bad handshake method");
    EXPECT_EQ(eio::to_string(http_error::bad_request), "Bad request");
    EXPECT_EQ(eio::to_string(http_error::forbidden), "Forbidden");
    EXPECT_EQ(eio::to_string(http_error::unsupported_protocol_version),
              "Unsupported protocol version");
}

TEST(engineio_http_error, status_is_403_only_for_forbidden) {
    EXPECT_EQ(eio::http_status(eio::http_error::forbidden), 403u);
    EXPECT_EQ(eio::http_status(eio::http_error::session_id_unknown), 400u);
    EXPECT_EQ(eio::http_status(eio::http_error::transport_unknown), 400u);
}

TEST(engineio_http_error, body) {
    EXPECT_EQ(eio::http_error_body(eio::http_error::transport_unknown),
              R"({"code":0,"message":"Transport unknown"})");
    EXPECT_EQ(eio::http_error_body(eio::http_error::unsupported_protocol_version),
              R"({"code":5,"message":"Unsupported protocol version"})");
    EXPECT_EQ(eio::http_error_body(eio::http_error::forbidden, "Not \"allowed\""),
              R"({"code":4,"message":"Not \"allowed\""})");
}

TEST(engineio_http_error, parse_body) {
    for (int code = 0; code <= 5; ++code) {
        auto const e = static_cast<eio::http_error>(code);
        auto const r = eio::parse_http_error_body(eio::http_error_body(e));
        ASSERT_TRUE(r);
        EXPECT_EQ(*r, e);
    }
    for (std::string_view bad :
         {"", "ok", "{}", R"({"code":6,"message":"x"})", R"({"code":-1,"message":"x"})",
          R"({"code":1})", R"({"code":"1","message":"x"})"}) {
        auto const r = eio::parse_http_error_body(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error(), eio::error::bad_error_body);
    }
}
