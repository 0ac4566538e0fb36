// sockspec-gen: the immutable intermediate representation (IR) of one schema file.
//
// frontend (YAML + positions) -> model (this IR, validated, names resolved, fingerprints)
// -> emit/{cpp,ts,md}. Emitters only read this header; they never see YAML.
// Everything is in schema order.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sockspec::gen {

/// A position in a schema file, 1-based. `file` is the path as given on the command line.
struct source_pos {
    std::string file;
    int line = 0;
    int col = 0;
};

enum class kind {
    string,
    boolean,
    integer,
    number,
    enumeration,
    literal,
    object,
    array,
    tuple,
    map,
    json,   // any JSON value
};

enum class int_width { i8, i16, i32, i64, u8, u16, u32, u64 };

enum class string_format { none, object_id, date_time, uuid, uri, email, color };

struct type;
using type_ptr = std::shared_ptr<const type>;

/// One field of an object type.
struct field {
    std::string wire_name;     // exactly as on the wire: "_id", "eventTypeId"
    std::string ident;         // C++ identifier: "id", "event_type_id" (keywords get '_')
    type_ptr type;
    bool optional = false;     // the key may be absent
    bool nullable = false;     // the value may be null
    std::string description;
    source_pos pos;
};

struct enum_value {
    std::string wire;          // "on_way"
    std::string ident;         // C++ enumerator: "on_way" (keywords get '_')
    std::string description;
};

enum class literal_kind { string, integer, boolean };

/// A type node. Which members are meaningful depends on `k`.
struct type {
    kind k = kind::json;
    source_pos pos;
    std::string description;   // the local description where the type is used or declared

    // Every object and enumeration has a name, declared or synthesized (see
    // docs/schema-language.md, "Named types and generated names"). A reference to a named type
    // is the very same type_ptr as the declaration, so `name` identifies it. References are
    // non-owning (api::types owns named types, so recursive types leak nothing): keep the api
    // alive while using its types.
    std::string name;          // TypeScript / docs name: "GeoPoint", "EventCreatedEvent"
    std::string ident;         // C++ name: "geo_point", "event_created_event"
    bool declared = false;     // true for types under `types:` (including non-object ones)

    // string
    string_format format = string_format::none;
    std::optional<std::uint64_t> min_length, max_length;
    std::optional<std::string> pattern;

    // integer
    int_width width = int_width::i32;
    bool int64_as_string = false;   // `encoding: string` for int64/uint64

    // integer, number (integers: exact values stored as double are fine within 2^53)
    std::optional<double> minimum, maximum;

    // enumeration
    std::vector<enum_value> values;

    // literal
    literal_kind lit_kind = literal_kind::string;
    std::string lit_string;       // for string literals
    std::int64_t lit_integer = 0;
    bool lit_boolean = false;

    // object
    std::vector<field> fields;
    std::vector<std::string> at_least_one_of;   // wire names of optional fields

    // array (items), map (items = value type)
    type_ptr items;
    std::optional<std::uint64_t> min_items, max_items;

    // tuple
    std::vector<type_ptr> elements;
};

/// The name a type node is declared under (`types:`), or nullptr for an inline type. Every
/// declared node, scalar aliases such as `ObjectId` included, carries its own name.
inline std::string const* declared_name(type const& t) { return t.declared ? &t.name : nullptr; }

/// A named type declared under `types:`. For objects and enums `type->name` equals `name`;
/// for aliases of scalars (ObjectId: string with format) the alias keeps its own name here
/// and `type` is the aliased node (with declared = true).
struct named_type {
    std::string name;          // "ObjectId"
    std::string ident;         // "object_id"
    type_ptr type;
    std::string description;
    source_pos pos;
};

/// One argument of an event leg or ack.
struct arg {
    std::string name;          // as written in the schema
    std::string ident;         // C++ identifier
    type_ptr type;
    bool optional = false;     // trailing optional argument
    std::string description;
    source_pos pos;
};

enum class direction { client_to_server, server_to_client };

struct recipient {
    enum class kind { sender, socket, nsp, room };
    kind k = kind::sender;
    std::string room;          // room name, for kind::room
    bool except_sender = false;
    std::string description;
    source_pos pos;
};

struct trigger {
    enum class kind { rest, event, lifecycle, server };
    kind k = kind::server;
    std::string method;        // rest: "PUT"
    std::string path;          // rest: "/api/areas/:id"
    std::string event;         // event: wire name of a client-to-server event
    std::string lifecycle;     // lifecycle: "connect" / "disconnect"
    std::string text;          // server: free text
    std::string description;
    source_pos pos;
};

struct example {
    std::string name;
    std::string description;
    std::string args_json;                 // canonical (compact) JSON array of all arguments
    std::string args_verbatim;             // as written (for docs); may equal args_json
    bool single_arg = false;               // written as `payload` (args_verbatim is the one arg)
    std::optional<std::string> ack_json;   // canonical JSON array of ack arguments
    std::optional<std::string> ack_verbatim;
    bool single_ack = false;
    source_pos pos;
};

/// One direction of an event.
struct leg {
    direction dir = direction::client_to_server;
    std::string description;
    std::vector<arg> args;
    bool has_ack = false;
    std::string ack_description;
    std::vector<arg> ack_args;
    std::vector<recipient> recipients;     // server_to_client only
    std::vector<trigger> triggers;
    std::vector<std::string> errors;       // error codes of the namespace
    std::vector<example> examples;
    std::uint64_t fingerprint = 0;         // FNV-1a 64 of the canonical shape
    std::string canonical_shape;           // the text hashed (kept for debugging and tests)
    source_pos pos;
};

struct event {
    std::string wire_name;     // "event:created"
    std::string ident;         // "event_created"
    std::string description;
    bool split = false;        // written with per-direction blocks
    std::vector<leg> legs;     // one or two; client_to_server first
    source_pos pos;

    const leg* find(direction d) const {
        for (auto const& l : legs)
            if (l.dir == d) return &l;
        return nullptr;
    }
};

struct auth_spec {
    std::string scheme = "none";           // "jwt" | "none"
    bool required = false;
    std::vector<std::string> sources;      // "auth.token", "header.authorization", "query.token"
    std::vector<std::string> algorithms;   // "HS256"
    std::vector<field> claims;
    std::vector<std::string> errors;
    std::string description;
    source_pos pos;
};

struct room {
    std::string name;          // identifier
    std::string pattern;       // "company:{companyId}"
    std::vector<std::string> params;   // {"companyId"}
    std::string description;
    std::vector<trigger> join, leave;
    source_pos pos;
};

struct error_code {
    std::string code;
    enum class surface { connect_error, event, ack };
    surface where = surface::connect_error;
    std::string event;         // wire name of the carrying event, for surface::event
    std::string description;
    source_pos pos;
};

struct lifecycle_note {
    std::string name;          // reserved event name
    std::string description;
    source_pos pos;
};

struct nsp {
    std::string path;          // "/", "/emergencies"
    std::string ident;         // "nsp_root", "nsp_emergencies"
    std::string description;
    std::optional<auth_spec> auth;
    std::vector<room> rooms;
    std::vector<error_code> errors;
    std::vector<lifecycle_note> lifecycle;
    std::vector<event> events;
    source_pos pos;
};

struct api {
    std::string source_file;   // as given on the command line, e.g. "schema/chat.yaml"
    std::string name;          // "chat" (also the C++ namespace)
    std::string title;
    std::string version;
    std::string description;
    std::string source;
    std::string path = "/socket.io/";
    std::optional<int> port;
    bool tls = false;          // served over https/wss by default
    std::vector<std::string> transports{"polling", "websocket"};
    std::vector<named_type> types;
    std::vector<nsp> namespaces;
    source_pos pos;            // position of `api.name`
};

}  // namespace sockspec::gen
