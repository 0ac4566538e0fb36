// The frontend on small inline schemas: names, idents, synthesized names, type forms,
// events and legs, examples, fingerprints, diagnostics collection and printing.
#include "frontend.hpp"
#include "fingerprint.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace sockspec::gen {
namespace {

std::string const head = "sockspec: 1\napi: { name: t, version: \"1\" }\n";

/// Loads `body` (appended to a valid header); fails the test on diagnostics.
api load(std::string const& body) {
    diagnostics d;
    auto a = load_schema_text("t.yaml", head + body, d);
    std::ostringstream os;
    d.print(os);
    EXPECT_TRUE(a.has_value()) << os.str();
    return a ? *a : api{};
}

/// The printed diagnostics of `text` (a complete file).
std::string errors(std::string const& text) {
    diagnostics d;
    auto a = load_schema_text("t.yaml", text, d);
    EXPECT_FALSE(a.has_value());
    std::ostringstream os;
    d.print(os);
    return os.str();
}

/// One event in namespace `/`.
std::string event(std::string const& wire, std::string const& body) {
    return "namespaces:\n  /:\n    events:\n      \"" + wire + "\":\n" + body;
}

field const& field_named(type const& t, std::string const& wire) {
    for (auto const& f : t.fields)
        if (f.wire_name == wire) return f;
    ADD_FAILURE() << "no field " << wire;
    static field none;
    return none;
}

TEST(frontend, api_header_and_defaults) {
    diagnostics d;
    auto a = load_schema_text("schema/chat.yaml", R"(sockspec: 1
api:
  name: chat
  title: Chat
  version: 1.0.0
  description: Text.
  source: seed
  defaults: { path: /io/, port: 8443, transports: [websocket, polling] }
namespaces: { /: {} }
)",
                              d);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->source_file, "schema/chat.yaml");
    EXPECT_EQ(a->name, "chat");
    EXPECT_EQ(a->title, "Chat");
    EXPECT_EQ(a->version, "1.0.0");
    EXPECT_EQ(a->description, "Text.");
    EXPECT_EQ(a->source, "seed");
    EXPECT_EQ(a->path, "/io/");
    EXPECT_EQ(a->port, 8443);
    EXPECT_EQ(a->transports, (std::vector<std::string>{"websocket", "polling"}));
    EXPECT_EQ(a->pos.line, 3);
    ASSERT_EQ(a->namespaces.size(), 1u);
    EXPECT_EQ(a->namespaces[0].ident, "nsp_root");
}

TEST(frontend, defaults_when_absent_and_absolute_path_basename) {
    diagnostics d;
    auto a = load_schema_text("/abs/dir/x.yaml", head + "namespaces: { /emergencies: {} }\n", d);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->source_file, "x.yaml");
    EXPECT_EQ(a->path, "/socket.io/");
    EXPECT_FALSE(a->port);
    EXPECT_EQ(a->transports, (std::vector<std::string>{"polling", "websocket"}));
    EXPECT_EQ(a->namespaces[0].ident, "nsp_emergencies");
}

TEST(frontend, named_types_and_scalar_alias) {
    auto a = load(R"(types:
  ObjectId: { type: string, format: object-id, description: Mongo id. }
  GeoPoint:
    type: object
    fields:
      lat: number
      owner: ObjectId
namespaces: { /: {} }
)");
    ASSERT_EQ(a.types.size(), 2u);
    auto const& oid = a.types[0];
    EXPECT_EQ(oid.name, "ObjectId");
    EXPECT_EQ(oid.ident, "object_id");
    EXPECT_EQ(oid.description, "Mongo id.");
    EXPECT_EQ(oid.type->k, kind::string);
    EXPECT_TRUE(oid.type->declared);
    EXPECT_EQ(oid.type->name, "ObjectId");
    EXPECT_EQ(oid.type->format, string_format::object_id);
    auto const& geo = a.types[1];
    EXPECT_EQ(geo.ident, "geo_point");
    EXPECT_EQ(geo.type->name, "GeoPoint");
    EXPECT_EQ(geo.type->k, kind::object);
    EXPECT_EQ(field_named(*geo.type, "owner").type, oid.type);  // references share the node
}

TEST(frontend, alias_of_named_type_and_forward_reference) {
    auto a = load(R"(types:
  Holder: { type: object, fields: { p: Point } }
  Point: { type: object, fields: { x: number } }
  Place: Point
namespaces: { /: {} }
)");
    ASSERT_EQ(a.types.size(), 3u);
    EXPECT_EQ(field_named(*a.types[0].type, "p").type, a.types[1].type);
    EXPECT_EQ(a.types[1].type->fields.size(), 1u);
    EXPECT_EQ(a.types[2].type->name, "Place");
    EXPECT_EQ(a.types[2].type->k, kind::object);
    EXPECT_EQ(a.types[2].type->fields.size(), 1u);
}

TEST(frontend, synthesized_names_for_one_way_events) {
    auto a = load(event("event:created", R"(        direction: server-to-client
        args:
          - name: event
            type: object
            fields:
              _id: string
              eventTypeId:
                type: object
                fields: { name: string }
              severity: { type: enum, values: [low, high] }
              tags: { type: array, items: { type: object, fields: { t: string } } }
)"));
    auto const& ev = a.namespaces[0].events[0];
    EXPECT_EQ(ev.ident, "event_created");
    EXPECT_FALSE(ev.split);
    ASSERT_EQ(ev.legs.size(), 1u);
    EXPECT_EQ(ev.legs[0].dir, direction::server_to_client);
    auto const& t = *ev.legs[0].args[0].type;
    EXPECT_EQ(t.name, "EventCreatedEvent");
    EXPECT_EQ(t.ident, "event_created_event");
    EXPECT_FALSE(t.declared);
    EXPECT_EQ(field_named(t, "_id").ident, "id");
    EXPECT_EQ(field_named(t, "eventTypeId").ident, "event_type_id");
    EXPECT_EQ(field_named(t, "eventTypeId").type->name, "EventCreatedEventEventTypeId");
    EXPECT_EQ(field_named(t, "severity").type->name, "EventCreatedEventSeverity");
    EXPECT_EQ(field_named(t, "tags").type->items->name, "EventCreatedEventTagsItem");
}

TEST(frontend, split_event_legs_and_names) {
    auto a = load(event("typing:start", R"(        description: Typing.
        client-to-server:
          args: [{ name: data, type: object, fields: { conversationId: string } }]
        server-to-client:
          description: Someone types.
          args: [{ name: data, type: object, fields: { userId: string } }]
          ack: { args: [{ name: ok, type: object, fields: { done: boolean } }] }
)"));
    auto const& ev = a.namespaces[0].events[0];
    EXPECT_TRUE(ev.split);
    EXPECT_EQ(ev.description, "Typing.");
    ASSERT_EQ(ev.legs.size(), 2u);
    auto c2s = ev.find(direction::client_to_server);
    auto s2c = ev.find(direction::server_to_client);
    ASSERT_TRUE(c2s && s2c);
    EXPECT_EQ(c2s->args[0].type->name, "TypingStartC2sData");
    EXPECT_EQ(s2c->args[0].type->name, "TypingStartS2cData");
    EXPECT_EQ(s2c->description, "Someone types.");
    EXPECT_FALSE(c2s->has_ack);
    EXPECT_TRUE(s2c->has_ack);
    EXPECT_EQ(s2c->ack_args[0].type->name, "TypingStartS2cAckOk");
    EXPECT_NE(c2s->fingerprint, s2c->fingerprint);
}

TEST(frontend, both_direction_event_has_two_equal_legs) {
    auto a =
        load(event("ping", "        direction: both\n        args: [{ name: n, type: int32 }]\n"));
    auto const& ev = a.namespaces[0].events[0];
    ASSERT_EQ(ev.legs.size(), 2u);
    EXPECT_EQ(ev.legs[0].dir, direction::client_to_server);
    EXPECT_EQ(ev.legs[1].dir, direction::server_to_client);
    EXPECT_EQ(ev.legs[0].args[0].type, ev.legs[1].args[0].type);
    EXPECT_NE(ev.legs[0].fingerprint, ev.legs[1].fingerprint);  // direction is in the shape
}

TEST(frontend, every_type_form) {
    auto a = load(R"(types:
  Color: { type: string, format: color, minLength: 4, maxLength: 7, pattern: "#.*" }
  All:
    type: object
    atLeastOneOf: [o]
    fields:
      b: boolean
      n: { type: number, minimum: -1.5, maximum: 2 }
      i8: int8
      u16: { type: uint16, maximum: 9 }
      i64s: { type: int64, encoding: string }
      u64: uint64
      j: json
      e: { type: enum, values: [a, { value: b-c, description: Bee. }] }
      cs: { const: Point }
      ci: { const: 7 }
      cb: { const: false }
      cq: { const: "7" }
      arr: { type: array, items: Color, minItems: 1, maxItems: 2 }
      tup: { type: tuple, items: [number, string] }
      m: { type: map, values: int32 }
      mm: "string[][]"
      ref: { type: Color, description: Local. }
      o: { type: string, optional: true }
      nl: { type: string, nullable: true }
      on: { type: string, optional: true, nullable: true }
      nested: { type: { type: array, items: string } }
namespaces: { /: {} }
)");
    auto const& color = *a.types[0].type;
    EXPECT_EQ(color.format, string_format::color);
    EXPECT_EQ(color.min_length, 4u);
    EXPECT_EQ(color.max_length, 7u);
    EXPECT_EQ(color.pattern, "#.*");
    auto const& t = *a.types[1].type;
    auto f = [&](char const* w) -> type const& { return *field_named(t, w).type; };
    EXPECT_EQ(f("b").k, kind::boolean);
    EXPECT_EQ(f("n").k, kind::number);
    EXPECT_EQ(f("n").minimum, -1.5);
    EXPECT_EQ(f("n").maximum, 2);
    EXPECT_EQ(f("i8").width, int_width::i8);
    EXPECT_EQ(f("u16").width, int_width::u16);
    EXPECT_EQ(f("u16").maximum, 9);
    EXPECT_TRUE(f("i64s").int64_as_string);
    EXPECT_EQ(f("u64").width, int_width::u64);
    EXPECT_FALSE(f("u64").int64_as_string);
    EXPECT_EQ(f("j").k, kind::json);
    ASSERT_EQ(f("e").values.size(), 2u);
    EXPECT_EQ(f("e").values[1].wire, "b-c");
    EXPECT_EQ(f("e").values[1].ident, "b_c");
    EXPECT_EQ(f("e").values[1].description, "Bee.");
    EXPECT_EQ(f("cs").lit_kind, literal_kind::string);
    EXPECT_EQ(f("cs").lit_string, "Point");
    EXPECT_EQ(f("ci").lit_kind, literal_kind::integer);
    EXPECT_EQ(f("ci").lit_integer, 7);
    EXPECT_EQ(f("cb").lit_kind, literal_kind::boolean);
    EXPECT_FALSE(f("cb").lit_boolean);
    EXPECT_EQ(f("cq").lit_kind, literal_kind::string);  // quoted: a string
    EXPECT_EQ(f("arr").k, kind::array);
    EXPECT_EQ(f("arr").items, a.types[0].type);
    EXPECT_EQ(f("arr").min_items, 1u);
    EXPECT_EQ(f("arr").max_items, 2u);
    ASSERT_EQ(f("tup").elements.size(), 2u);
    EXPECT_EQ(f("tup").elements[1]->k, kind::string);
    EXPECT_EQ(f("m").k, kind::map);
    EXPECT_EQ(f("m").items->k, kind::integer);
    EXPECT_EQ(f("mm").k, kind::array);
    EXPECT_EQ(f("mm").items->k, kind::array);
    EXPECT_EQ(f("mm").items->items->k, kind::string);
    EXPECT_EQ(field_named(t, "ref").type, a.types[0].type);
    EXPECT_EQ(field_named(t, "ref").description, "Local.");
    EXPECT_TRUE(field_named(t, "o").optional);
    EXPECT_FALSE(field_named(t, "o").nullable);
    EXPECT_TRUE(field_named(t, "nl").nullable);
    EXPECT_FALSE(field_named(t, "nl").optional);
    EXPECT_TRUE(field_named(t, "on").optional && field_named(t, "on").nullable);
    EXPECT_EQ(f("nested").k, kind::array);
    EXPECT_EQ(t.at_least_one_of, std::vector<std::string>{"o"});
}

TEST(frontend, recursive_type_through_array_is_allowed) {
    auto a = load(
        "types:\n  Tree: { type: object, fields: { kids: \"Tree[]\", byName: { type: map, values: "
        "Tree } } }\n"
        "namespaces: { /: {} }\n");
    auto const& tree = a.types[0].type;
    EXPECT_EQ(tree->fields[0].type->items, tree);
    EXPECT_EQ(tree->fields[1].type->items, tree);
}

TEST(frontend, namespace_auth_rooms_errors_lifecycle) {
    auto a = load(R"(namespaces:
  /emergencies:
    description: Alerts.
    auth:
      scheme: jwt
      required: true
      sources: [auth.token, query.token]
      algorithms: [HS256]
      claims: { userId: string, role: { type: enum, values: [admin, user] } }
      errors: [AUTH]
    rooms:
      - name: emergency
        pattern: "emergency:{emergencyId}:{kind}"
        join: [{ event: join }]
        leave: [{ on: disconnect }]
    errors:
      - { code: AUTH, surface: connect_error, description: No token. }
      - { code: FAILED, surface: event, event: error }
      - { code: NACK, surface: ack }
    lifecycle:
      connect: Joins rooms.
      disconnecting: Leaves rooms.
    events:
      join: { direction: client-to-server, args: [{ name: id, type: string }], errors: [FAILED] }
      error: { direction: server-to-client, args: [{ name: e, type: string }] }
)");
    auto const& ns = a.namespaces[0];
    EXPECT_EQ(ns.path, "/emergencies");
    EXPECT_EQ(ns.description, "Alerts.");
    ASSERT_TRUE(ns.auth);
    EXPECT_EQ(ns.auth->scheme, "jwt");
    EXPECT_TRUE(ns.auth->required);
    EXPECT_EQ(ns.auth->sources, (std::vector<std::string>{"auth.token", "query.token"}));
    EXPECT_EQ(ns.auth->algorithms, std::vector<std::string>{"HS256"});
    ASSERT_EQ(ns.auth->claims.size(), 2u);
    EXPECT_EQ(ns.auth->claims[1].type->name, "EmergenciesClaimsRole");
    EXPECT_EQ(ns.auth->errors, std::vector<std::string>{"AUTH"});
    ASSERT_EQ(ns.rooms.size(), 1u);
    EXPECT_EQ(ns.rooms[0].params, (std::vector<std::string>{"emergencyId", "kind"}));
    EXPECT_EQ(ns.rooms[0].join[0].k, trigger::kind::event);
    EXPECT_EQ(ns.rooms[0].join[0].event, "join");
    EXPECT_EQ(ns.rooms[0].leave[0].lifecycle, "disconnect");
    ASSERT_EQ(ns.errors.size(), 3u);
    EXPECT_EQ(ns.errors[1].where, error_code::surface::event);
    EXPECT_EQ(ns.errors[1].event, "error");
    EXPECT_EQ(ns.errors[2].where, error_code::surface::ack);
    ASSERT_EQ(ns.lifecycle.size(), 2u);
    EXPECT_EQ(ns.lifecycle[1].name, "disconnecting");
    EXPECT_EQ(ns.lifecycle[1].description, "Leaves rooms.");
    EXPECT_EQ(ns.events[0].legs[0].errors, std::vector<std::string>{"FAILED"});
}

TEST(frontend, recipients_and_triggers) {
    auto a = load(R"(namespaces:
  /:
    rooms: [{ name: conv, pattern: "c:{id}" }]
    events:
      go: { direction: client-to-server }
      news:
        direction: server-to-client
        recipients:
          - sender
          - socket
          - namespace
          - { to: room, room: conv, exceptSender: true, description: Others. }
          - { to: socket, description: By client id. }
        triggers:
          - { rest: "PUT /api/areas/:id", description: Update. }
          - { event: go }
          - { on: connect }
          - { server: a timer }
)");
    auto const& l = a.namespaces[0].events[1].legs[0];
    ASSERT_EQ(l.recipients.size(), 5u);
    EXPECT_EQ(l.recipients[0].k, recipient::kind::sender);
    EXPECT_EQ(l.recipients[1].k, recipient::kind::socket);
    EXPECT_EQ(l.recipients[2].k, recipient::kind::nsp);
    EXPECT_EQ(l.recipients[3].k, recipient::kind::room);
    EXPECT_EQ(l.recipients[3].room, "conv");
    EXPECT_TRUE(l.recipients[3].except_sender);
    EXPECT_EQ(l.recipients[3].description, "Others.");
    EXPECT_EQ(l.recipients[4].description, "By client id.");
    ASSERT_EQ(l.triggers.size(), 4u);
    EXPECT_EQ(l.triggers[0].method, "PUT");
    EXPECT_EQ(l.triggers[0].path, "/api/areas/:id");
    EXPECT_EQ(l.triggers[0].description, "Update.");
    EXPECT_EQ(l.triggers[1].event, "go");
    EXPECT_EQ(l.triggers[2].k, trigger::kind::lifecycle);
    EXPECT_EQ(l.triggers[3].text, "a timer");
    EXPECT_TRUE(a.namespaces[0].events[0].legs[0].args.empty());
}

TEST(frontend, args_and_optional_trailing) {
    auto a = load(event("search", R"(        direction: client-to-server
        args:
          - { name: query, type: string, description: Text. }
          - { name: limit, type: int32, optional: true }
)"));
    auto const& args = a.namespaces[0].events[0].legs[0].args;
    ASSERT_EQ(args.size(), 2u);
    EXPECT_EQ(args[0].name, "query");
    EXPECT_EQ(args[0].description, "Text.");
    EXPECT_FALSE(args[0].optional);
    EXPECT_TRUE(args[1].optional);
    EXPECT_EQ(args[1].pos.line, 10);
}

TEST(frontend, examples_json_text_and_plain_yaml) {
    auto a = load(event("ask", R"(        direction: client-to-server
        args: [{ name: q, type: object, fields: { lat: number, tags: "string[]" } }]
        ack: { args: [{ name: a, type: string }, { name: b, type: int32 }] }
        examples:
          - name: JSON text
            description: As in the seed.
            payload: |
              { "lat": 40.730610,  "tags": [] }
            ackArgs: '["x", 2]'
          - args:
              - { lat: 1e21, tags: [a, "b"] }
)"));
    auto const& ex = a.namespaces[0].events[0].legs[0].examples;
    ASSERT_EQ(ex.size(), 2u);
    EXPECT_EQ(ex[0].name, "JSON text");
    EXPECT_EQ(ex[0].description, "As in the seed.");
    EXPECT_TRUE(ex[0].single_arg);
    EXPECT_EQ(ex[0].args_verbatim, R"({ "lat": 40.730610,  "tags": [] })");
    EXPECT_EQ(ex[0].args_json, R"([{"lat":40.73061,"tags":[]}])");
    EXPECT_FALSE(ex[0].single_ack);
    EXPECT_EQ(ex[0].ack_json, R"(["x",2])");
    EXPECT_EQ(ex[0].ack_verbatim, R"(["x", 2])");
    EXPECT_FALSE(ex[1].single_arg);
    EXPECT_EQ(ex[1].args_json, R"([{"lat":1e+21,"tags":["a","b"]}])");
    EXPECT_FALSE(ex[1].ack_json);
}

// ---- fingerprints ----

std::uint64_t fp(std::string const& fields, std::string const& dir = "client-to-server") {
    auto a = load(event("e", "        direction: " + dir +
                                 "\n        args: [{ name: x, type: object, fields: " + fields +
                                 " }]\n"));
    return a.namespaces.empty() ? 0 : a.namespaces[0].events[0].legs[0].fingerprint;
}

TEST(fingerprint, stable_and_matches_canonical_shape) {
    std::string body = "{ a: string, b: { type: int32, optional: true } }";
    EXPECT_EQ(fp(body), fp(body));
    auto a = load(event(
        "e",
        "        direction: client-to-server\n        args: [{ name: x, type: object, fields: "
        "{ _id: string, n: { type: number, nullable: true } } }]\n"));
    auto const& l = a.namespaces[0].events[0].legs[0];
    EXPECT_EQ(l.canonical_shape, R"("e"|c2s|args({"_id":string,"n":number|null})|noack)");
    EXPECT_EQ(l.fingerprint, fnv1a64(l.canonical_shape));
}

TEST(fingerprint, changes_with_shape) {
    std::string base = "{ a: string, b: { type: int32, optional: true } }";
    auto f0 = fp(base);
    EXPECT_NE(f0, fp("{ a: string, b: { type: int32 } }"));  // optional
    EXPECT_NE(f0, fp("{ a: string, b: { type: int32, optional: true, nullable: true } }"));
    EXPECT_NE(f0, fp("{ A: string, b: { type: int32, optional: true } }"));  // wire name
    EXPECT_NE(f0, fp("{ a: string, b: { type: int64, optional: true } }"));  // type
    EXPECT_NE(f0, fp("{ a: { type: string, maxLength: 3 }, b: { type: int32, optional: true } }"));
    EXPECT_NE(f0, fp(base, "server-to-client"));  // direction
    EXPECT_NE(fp("{ e: { type: enum, values: [a] } }"),
              fp("{ e: { type: enum, values: [a, b] } }"));
}

TEST(fingerprint, ignores_descriptions_and_type_names) {
    std::string base = "{ a: string }";
    EXPECT_EQ(fp(base), fp("{ a: { type: string, description: Words. } }"));
    auto named = [](std::string const& name) {
        auto a = load(
            "types:\n  " + name + ": { type: object, fields: { a: string } }\n" +
            event("e", "        direction: client-to-server\n        args: [{ name: x, type: " +
                           name + " }]\n"));
        return a.namespaces[0].events[0].legs[0].fingerprint;
    };
    EXPECT_EQ(named("Alpha"), named("Beta"));
    EXPECT_EQ(named("Alpha"), fp(base));
}

// ---- diagnostics ----

TEST(diagnostics, collects_every_problem_sorted_with_caret) {
    std::string out = errors(
        "sockspec: 1\napi: { name: t, version: \"1\" }\nnamespaces:\n  /:\n    events:\n"
        "      b: { direction: sideways }\n"
        "      a: { direction: both, args: [{ name: x, type: Strin }] }\n");
    EXPECT_EQ(out,
              "t.yaml:6:23: error: unknown direction 'sideways' (expected client-to-server, "
              "server-to-client or both)\n"
              "      b: { direction: sideways }\n"
              "                      ^\n"
              "t.yaml:7:53: error: unknown type 'Strin'\n"
              "      a: { direction: both, args: [{ name: x, type: Strin }] }\n"
              "                                                    ^\n");
}

TEST(diagnostics, print_sorts_by_file_line_column) {
    diagnostics d;
    d.add_source("b.yaml", "x\ny\n");
    d.error({"b.yaml", 2, 1}, "second");
    d.error({"a.yaml", 0, 0}, "no position");
    d.error({"b.yaml", 1, 1}, "first");
    std::ostringstream os;
    d.print(os);
    EXPECT_EQ(os.str(),
              "a.yaml: error: no position\nb.yaml:1:1: error: first\nx\n^\n"
              "b.yaml:2:1: error: second\ny\n^\n");
}

TEST(diagnostics, bad_input_never_throws) {
    for (std::string const& text : std::vector<std::string>{
             "", "- 1\n- 2\n", "sockspec: [\n", "\t\tx: y", ": : :", "sockspec: 1\napi: 5\n",
             "sockspec: 1\napi: {name: a, version: 1}\nnamespaces: {/: {events: {e: 5}}}\n",
             "sockspec: 1\napi: {name: a, version: 1}\nnamespaces: {/: {events: {e: {direction: "
             "both, args: [5, {}]}}}}\n",
             "sockspec: 1\ntypes: {A: B, B: A, C: {type: object, fields: {c: C}}}\napi: {name: a, "
             "version: 1}\nnamespaces: {}\n",
             "sockspec: 1\napi: {name: a, version: 1}\nnamespaces: {/: {events: {e: {direction: "
             "both, examples: [{args: 5}, {payload: '{'}]}}}}\n",
             std::string("\xff\xfe\x00x", 4)}) {
        diagnostics d;
        EXPECT_NO_THROW({
            auto a = load_schema_text("t.yaml", text, d);
            EXPECT_FALSE(a) << text;
            std::ostringstream os;
            d.print(os);
        });
        EXPECT_FALSE(d.ok()) << text;
    }
}

TEST(diagnostics, duplicate_api_names_across_files) {
    diagnostics d;
    std::vector<api> apis;
    for (auto f : {"a.yaml", "b.yaml"})
        apis.push_back(*load_schema_text(f, head + "namespaces: { /: {} }\n", d));
    check_apis(apis, d);
    ASSERT_EQ(d.items().size(), 1u);
    EXPECT_EQ(d.items()[0].pos.file, "b.yaml");
    EXPECT_EQ(d.items()[0].message, "duplicate api name 't' (also used by a.yaml)");
}

TEST(diagnostics, missing_file_is_reported) {
    diagnostics d;
    EXPECT_FALSE(load_schema("/nonexistent/sockspec/x.yaml", d));
    EXPECT_FALSE(d.ok());
}

}  // namespace
}  // namespace sockspec::gen
