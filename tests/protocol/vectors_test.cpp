// Runs the accept/reject vectors of tests/protocol/vectors through both codecs.
#include "vectors.hpp"

#include <sockspec/engineio/packet.hpp>
#include <sockspec/socketio/packet.hpp>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <map>

namespace eio = sockspec::engineio;
namespace sio = sockspec::socketio;
namespace json = boost::json;
using sockspec::test::load_vectors;

namespace {

std::string vectors(char const* name) {
    return std::string(SOCKSPEC_PROTOCOL_VECTORS) + "/" + name;
}

std::string to_hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

eio::error eio_error(std::string const& name) {
    static std::map<std::string, eio::error> const names{
        {"empty_packet", eio::error::empty_packet},
        {"unknown_packet_type", eio::error::unknown_packet_type},
        {"bad_base64", eio::error::bad_base64},
    };
    return names.at(name);
}

sio::error sio_error(std::string const& name) {
    static std::map<std::string, sio::error> const names{
        {"empty_packet", sio::error::empty_packet},
        {"invalid_type", sio::error::invalid_type},
        {"invalid_attachments", sio::error::invalid_attachments},
        {"too_many_attachments", sio::error::too_many_attachments},
        {"invalid_namespace", sio::error::invalid_namespace},
        {"invalid_id", sio::error::invalid_id},
        {"invalid_json", sio::error::invalid_json},
        {"invalid_payload", sio::error::invalid_payload},
        {"reserved_event_name", sio::error::reserved_event_name},
        {"invalid_placeholder", sio::error::invalid_placeholder},
    };
    return names.at(name);
}

// The JSON form of decoded Engine.IO packets used by the vector files.
json::array to_json(std::vector<eio::packet> const& packets) {
    json::array out;
    for (auto const& p : packets) {
        json::object o;
        o["type"] = eio::to_string(p.type);
        if (p.binary)
            o["binary"] = to_hex(p.data);
        else if (!p.data.empty())
            o["data"] = p.data;
        out.push_back(std::move(o));
    }
    return out;
}

// The JSON form of a decoded Socket.IO packet used by the vector files.
json::object to_json(sio::packet_view const& p) {
    json::object o;
    o["type"] = sio::to_string(p.type);
    if (p.nsp != "/") o["nsp"] = p.nsp;
    if (p.id) o["id"] = *p.id;
    if (!p.data.empty()) o["data"] = json::parse(p.data);
    if (p.attachments != 0) o["attachments"] = p.attachments;
    return o;
}

json::object normalize(json::object o) {
    if (auto* nsp = o.if_contains("nsp"); nsp && *nsp == "/") o.erase("nsp");
    if (auto* n = o.if_contains("attachments"); n && *n == 0) o.erase("attachments");
    return o;
}

}  // namespace

TEST(vectors, engineio_payloads) {
    auto const cases = load_vectors(vectors("engineio_payloads.txt"));
    ASSERT_GT(cases.size(), 40u);
    for (auto const& c : cases) {
        SCOPED_TRACE(c.where);
        auto const r = eio::decode_payload(c.input);
        if (c.kind == "reject") {
            ASSERT_FALSE(r) << c.input;
            EXPECT_EQ(r.error(), eio_error(c.expected));
            continue;
        }
        ASSERT_TRUE(c.kind == "exact" || c.kind == "accept") << c.kind;
        ASSERT_TRUE(r) << r.error().message();
        EXPECT_EQ(json::value(to_json(*r)), json::parse(c.expected));
        std::string const encoded = eio::encode_payload(*r);
        if (c.kind == "exact") {
            EXPECT_EQ(encoded, c.input);
        }
        auto const again = eio::decode_payload(encoded);
        ASSERT_TRUE(again);
        EXPECT_EQ(*again, *r);
        // A single text record is also a WebSocket text frame.
        if (r->size() == 1 && !(*r)[0].binary) {
            auto const frame = eio::decode_frame(c.input, false);
            ASSERT_TRUE(frame);
            EXPECT_EQ(*frame, (*r)[0]);
            EXPECT_EQ(eio::encode_frame(*frame), c.input);
        }
    }
}

TEST(vectors, socketio_packets) {
    auto const cases = load_vectors(vectors("socketio_packets.txt"));
    ASSERT_GT(cases.size(), 100u);
    for (auto const& c : cases) {
        SCOPED_TRACE(c.where);
        auto const r = sio::decode(c.input);
        if (c.kind == "reject") {
            ASSERT_FALSE(r) << c.input;
            EXPECT_EQ(r.error(), sio_error(c.expected)) << r.error().message();
            continue;
        }
        ASSERT_TRUE(c.kind == "exact" || c.kind == "accept") << c.kind;
        ASSERT_TRUE(r) << r.error().message();
        EXPECT_EQ(to_json(*r), normalize(json::parse(c.expected).as_object()));
        std::string const encoded = sio::encode(*r);
        if (c.kind == "exact") {
            EXPECT_EQ(encoded, c.input);
        }
        auto const again = sio::decode(encoded);
        ASSERT_TRUE(again) << again.error().message();
        EXPECT_EQ(to_json(*again), to_json(*r));
    }
}

TEST(vectors, sample_session) {
    auto const cases = load_vectors(vectors("sample_session.txt"));
    sio::decoder decoder;
    std::size_t completed = 0;
    int handshakes = 0;
    for (auto const& c : cases) {
        SCOPED_TRACE(c.where);
        if (c.kind == "packets") {
            EXPECT_EQ(completed, std::stoul(c.input));
            continue;
        }
        std::vector<eio::packet> packets;
        if (c.kind == "binary") {
            auto const frame = eio::decode_frame(sockspec::test::from_hex(c.input), true);
            ASSERT_TRUE(frame);
            packets.push_back(*frame);
        } else {
            auto const body = eio::decode_payload(c.input);
            ASSERT_TRUE(body) << body.error().message();
            EXPECT_EQ(eio::encode_payload(*body), c.input);
            packets = *body;
        }
        for (auto const& p : packets) {
            if (p.type == eio::packet_type::open) {
                auto const h = eio::parse_handshake(p.data);
                ASSERT_TRUE(h);
                EXPECT_EQ(h->sid, "lv_VI97HAXpY6yYWAAAC");
                EXPECT_EQ(eio::serialize_handshake(*h), p.data);
                ++handshakes;
            }
            if (p.type != eio::packet_type::message) continue;
            auto const ec = p.binary ? decoder.put_binary(p.data) : decoder.put_text(p.data);
            ASSERT_FALSE(ec) << ec.message();
            if (decoder.ready()) {
                auto const sp = decoder.release();
                ++completed;
                if (sio::is_binary(sp.type)) {
                    ASSERT_EQ(sp.attachments.size(), 1u);
                    EXPECT_EQ(sp.attachments[0], std::string("\x01\x02\x03\x04"));
                    EXPECT_EQ(sp.nsp, "/admin");
                    EXPECT_EQ(sp.id, 1u);
                }
            }
        }
    }
    EXPECT_EQ(handshakes, 1);
    EXPECT_EQ(completed, 11u);
    EXPECT_FALSE(decoder.awaiting_attachments());
}
