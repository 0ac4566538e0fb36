// Unit tests of sockspec/socketio/packet.hpp beyond the data-file vectors.
#include <sockspec/engineio/packet.hpp>
#include <sockspec/socketio/packet.hpp>

#include <gtest/gtest.h>

namespace sio = sockspec::socketio;
using sio::packet;
using sio::packet_type;

namespace {
packet make(packet_type type, std::string nsp, std::optional<std::uint64_t> id, std::string data) {
    packet p;
    p.type = type;
    p.nsp = std::move(nsp);
    p.id = id;
    p.data = std::move(data);
    return p;
}
}  // namespace

TEST(socketio_error, category_and_messages) {
    boost::system::error_code const ec = sio::error::reserved_event_name;
    EXPECT_STREQ(ec.category().name(), "sockspec.socketio");
    EXPECT_EQ(ec.message(), "reserved Socket.IO event name");
    EXPECT_EQ(ec, sio::make_error_code(sio::error::reserved_event_name));
}

TEST(socketio_packet, type_names) {
    EXPECT_EQ(sio::to_string(packet_type::connect_error), "CONNECT_ERROR");
    EXPECT_EQ(sio::to_string(packet_type::binary_ack), "BINARY_ACK");
    EXPECT_TRUE(sio::is_binary(packet_type::binary_event));
    EXPECT_FALSE(sio::is_binary(packet_type::event));
}

TEST(socketio_encode, spec_examples) {
    EXPECT_EQ(sio::encode(make(packet_type::connect, "/", {}, "")), "0");
    EXPECT_EQ(
        sio::encode(make(packet_type::connect, "/admin", {}, R"({"sid":"oSO0OpakMV_3jnilAAAA"})")),
        R"(0/admin,{"sid":"oSO0OpakMV_3jnilAAAA"})");
    EXPECT_EQ(
        sio::encode(make(packet_type::connect_error, "/", {}, R"({"message":"Not authorized"})")),
        R"(4{"message":"Not authorized"})");
    EXPECT_EQ(sio::encode(make(packet_type::event, "/", {}, R"(["foo"])")), R"(2["foo"])");
    EXPECT_EQ(sio::encode(make(packet_type::event, "/admin", {}, R"(["bar"])")),
              R"(2/admin,["bar"])");
    EXPECT_EQ(sio::encode(make(packet_type::event, "/", 12, R"(["foo"])")), R"(212["foo"])");
    EXPECT_EQ(sio::encode(make(packet_type::ack, "/admin", 13, R"(["bar"])")),
              R"(3/admin,13["bar"])");
    EXPECT_EQ(sio::encode(make(packet_type::disconnect, "/", {}, "")), "1");
    EXPECT_EQ(sio::encode(make(packet_type::disconnect, "/admin", {}, "")), "1/admin,");
}

TEST(socketio_encode, brief_examples) {
    EXPECT_EQ(sio::encode(make(packet_type::event, "/", {}, R"(["hello",1])")), R"(2["hello",1])");
    EXPECT_EQ(sio::encode(make(packet_type::event, "/admin", 456, R"(["project:delete",123])")),
              R"(2/admin,456["project:delete",123])");
    EXPECT_EQ(sio::encode(make(packet_type::ack, "/admin", 456, "[]")), "3/admin,456[]");
    EXPECT_EQ(sio::encode(make(packet_type::connect, "/admin", {}, R"({"token":"123"})")),
              R"(0/admin,{"token":"123"})");
}

TEST(socketio_encode, attachments_become_placeholders) {
    packet p = make(packet_type::event, "/", {}, R"(["hello",)");
    p.append_attachment("\x01\x02\x03\x04");
    p.data += ']';
    std::string const text = sio::encode(p);
    EXPECT_EQ(text, R"(51-["hello",{"_placeholder":true,"num":0}])");
    // Wrapped in an Engine.IO message, as on the wire.
    EXPECT_EQ(sockspec::engineio::encode_frame({sockspec::engineio::packet_type::message, text}),
              R"(451-["hello",{"_placeholder":true,"num":0}])");
    ASSERT_EQ(p.attachments.size(), 1u);
    EXPECT_EQ(p.attachments[0], "\x01\x02\x03\x04");
}

TEST(socketio_encode, multiple_attachments) {
    packet p = make(packet_type::event, "/admin", {}, R"(["baz",)");
    p.append_attachment("\x01\x02");
    p.data += ',';
    p.append_attachment("\x03\x04");
    p.data += ']';
    EXPECT_EQ(sio::encode(p),
              R"(52-/admin,["baz",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])");
}

TEST(socketio_encode, ack_with_attachment_is_binary_ack) {
    packet p = make(packet_type::ack, "/", 15, R"(["bar",)");
    p.append_attachment("\x01\x02\x03\x04");
    p.data += ']';
    EXPECT_EQ(sio::encode(p), R"(61-15["bar",{"_placeholder":true,"num":0}])");
}

TEST(socketio_encode, binary_type_without_attachments_announces_zero) {
    EXPECT_EQ(sio::encode(make(packet_type::binary_event, "/", {}, R"(["a"])")), R"(50-["a"])");
}

TEST(socketio_encode, view_round_trips_through_decode) {
    sio::packet_view v;
    v.type = packet_type::binary_ack;
    v.nsp = "/admin";
    v.id = 1;
    v.data = R"([{"_placeholder":true,"num":0}])";
    v.attachments = 1;
    std::string const text = sio::encode(v);
    EXPECT_EQ(text, R"(61-/admin,1[{"_placeholder":true,"num":0}])");
    auto const r = sio::decode(text);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->nsp, "/admin");
    EXPECT_EQ(r->attachments, 1u);
}

TEST(socketio_decode, views_the_input) {
    std::string const text = R"(2/admin,456["project:delete",123])";
    auto const r = sio::decode(text);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->type, packet_type::event);
    EXPECT_EQ(r->nsp, "/admin");
    EXPECT_EQ(r->id, 456u);
    EXPECT_EQ(r->data, R"(["project:delete",123])");
    EXPECT_EQ(r->data.data(), text.data() + 11);
}

TEST(socketio_decode, max_attachments_is_configurable) {
    sio::decode_options opts;
    opts.max_attachments = 2;
    EXPECT_TRUE(sio::decode(R"(52-["a"])", opts));
    EXPECT_EQ(sio::decode(R"(53-["a"])", opts).error(), sio::error::too_many_attachments);
}

TEST(socketio_decode, max_depth_is_configurable) {
    std::string deep = "2[\"a\"," + std::string(62, '[') + std::string(62, ']') + "]";
    EXPECT_TRUE(sio::decode(deep));
    deep = "2[\"a\"," + std::string(64, '[') + std::string(64, ']') + "]";
    EXPECT_EQ(sio::decode(deep).error(), sio::error::invalid_json);
    sio::decode_options opts;
    opts.max_depth = 100;
    EXPECT_TRUE(sio::decode(deep, opts));
}

TEST(socketio_decode, long_event_names_are_not_reserved) {
    std::string const name(1000, 'x');
    EXPECT_TRUE(sio::decode("2[\"" + name + "\"]"));
    EXPECT_TRUE(sio::decode("2[\"disconnect" + name + "\"]"));
}

TEST(socketio_decoder, text_packet_is_ready_at_once) {
    sio::decoder d;
    EXPECT_FALSE(d.ready());
    ASSERT_FALSE(d.put_text(R"(2/admin,13["foo"])"));
    ASSERT_TRUE(d.ready());
    packet const p = d.release();
    EXPECT_EQ(p, make(packet_type::event, "/admin", 13, R"(["foo"])"));
    EXPECT_FALSE(d.ready());
}

TEST(socketio_decoder, binary_packet_collects_its_attachments) {
    sio::decoder d;
    ASSERT_FALSE(d.put_text(
        R"(52-/admin,["baz",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])"));
    EXPECT_FALSE(d.ready());
    EXPECT_TRUE(d.awaiting_attachments());
    ASSERT_FALSE(d.put_binary("\x01\x02"));
    EXPECT_FALSE(d.ready());
    ASSERT_FALSE(d.put_binary("\x03\x04"));
    ASSERT_TRUE(d.ready());
    EXPECT_FALSE(d.awaiting_attachments());
    packet const p = d.release();
    EXPECT_EQ(p.type, packet_type::binary_event);
    EXPECT_EQ(p.nsp, "/admin");
    EXPECT_EQ(p.attachments, (std::vector<std::string>{"\x01\x02", "\x03\x04"}));
    // The wire type is kept, so re-encoding gives the same text.
    EXPECT_EQ(sio::encode(p),
              R"(52-/admin,["baz",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])");
}

TEST(socketio_decoder, zero_attachments_is_ready_at_once) {
    sio::decoder d;
    ASSERT_FALSE(d.put_text(R"(50-["a"])"));
    EXPECT_TRUE(d.ready());
}

TEST(socketio_decoder, binary_without_packet_is_an_error) {
    sio::decoder d;
    EXPECT_EQ(d.put_binary("x"), sio::error::unexpected_binary);
    ASSERT_FALSE(d.put_text(R"(2["a"])"));
    EXPECT_EQ(d.put_binary("x"), sio::error::unexpected_binary);
    EXPECT_FALSE(d.ready());
}

TEST(socketio_decoder, text_while_awaiting_attachments_is_an_error_and_resets) {
    sio::decoder d;
    ASSERT_FALSE(d.put_text(R"(51-["a",{"_placeholder":true,"num":0}])"));
    EXPECT_EQ(d.put_text(R"(2["b"])"), sio::error::unexpected_text);
    EXPECT_FALSE(d.awaiting_attachments());
    ASSERT_FALSE(d.put_text(R"(2["b"])"));
    EXPECT_TRUE(d.ready());
}

TEST(socketio_decoder, decode_errors_reset) {
    sio::decoder d;
    EXPECT_EQ(d.put_text("2[]"), sio::error::invalid_payload);
    EXPECT_FALSE(d.ready());
    EXPECT_FALSE(d.awaiting_attachments());
}

TEST(socketio_decoder, applies_options) {
    sio::decode_options opts;
    opts.max_attachments = 1;
    sio::decoder d(opts);
    EXPECT_EQ(d.put_text(R"(52-["a"])"), sio::error::too_many_attachments);
}

TEST(socketio_decoder, reset_drops_partial_packet) {
    sio::decoder d;
    ASSERT_FALSE(d.put_text(R"(51-["a"])"));
    d.reset();
    EXPECT_FALSE(d.awaiting_attachments());
    EXPECT_EQ(d.put_binary("x"), sio::error::unexpected_binary);
}

TEST(socketio_event, splits_name_and_args) {
    auto const e = sio::parse_event(R"(["project:delete",123,{"a":[1,2]}])");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->name, "project:delete");
    EXPECT_EQ(e->args, R"(123,{"a":[1,2]})");
}

TEST(socketio_event, no_args) {
    auto const e = sio::parse_event(R"(["hello"])");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->name, "hello");
    EXPECT_EQ(e->args, "");
}

TEST(socketio_event, whitespace_and_escapes) {
    auto const e = sio::parse_event(" [ \"a\\\"b\\\\\\u00e9\" ,\n 1 , 2 ] ");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->name, "a\"b\\\xc3\xa9");
    EXPECT_EQ(e->args, "1 , 2");
}

TEST(socketio_event, numeric_name_is_its_json_text) {
    auto const e = sio::parse_event("[42,true]");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->name, "42");
    EXPECT_EQ(e->args, "true");
}

TEST(socketio_event, rejects_non_events) {
    for (std::string_view bad : {"", "[", "[]", "{}", "[null]", "[\"a", "[\"a\"", "[\"a\" 1]",
                                 "[\"a\\\"]", "[\"\\x\"]", "x"}) {
        EXPECT_FALSE(sio::parse_event(bad)) << bad;
    }
}

TEST(socketio_event, make_event_data) {
    EXPECT_EQ(sio::make_event_data("hello", "1"), R"(["hello",1])");
    EXPECT_EQ(sio::make_event_data("hello"), R"(["hello"])");
    EXPECT_EQ(sio::make_event_data("a\"b\n"), R"(["a\"b\n"])");
    std::string const data = sio::make_event_data("a\"b\n", R"({"x":1},2)");
    auto const e = sio::parse_event(data);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->name, "a\"b\n");
    EXPECT_EQ(e->args, R"({"x":1},2)");
}

TEST(socketio_connect_error, object_payload) {
    auto const e = sio::parse_connect_error(R"({"message":"Not authorized","data":{"a":[1]}})");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->message, "Not authorized");
    EXPECT_EQ(e->data, R"({"a":[1]})");
}

TEST(socketio_connect_error, string_payload) {
    auto const e = sio::parse_connect_error(R"("Not authorized")");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->message, "Not authorized");
    EXPECT_EQ(e->data, "");
}

TEST(socketio_connect_error, rejects) {
    EXPECT_EQ(sio::parse_connect_error("[]").error(), sio::error::invalid_payload);
    EXPECT_EQ(sio::parse_connect_error("{").error(), sio::error::invalid_json);
}

TEST(socketio_connect_error, make_data) {
    EXPECT_EQ(sio::make_connect_error_data("Not authorized"), R"({"message":"Not authorized"})");
    EXPECT_EQ(sio::make_connect_error_data("x", R"({"code":1})"),
              R"({"message":"x","data":{"code":1}})");
    EXPECT_TRUE(sio::decode("4" + sio::make_connect_error_data("a\"b", "[1]")));
}
