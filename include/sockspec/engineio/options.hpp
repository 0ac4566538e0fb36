// sockspec/engineio/options.hpp: the options of the Engine.IO server (server-options.md).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace sockspec::engineio {

/// Cross-origin resource sharing for the Engine.IO endpoint (the reference `cors` option, a
/// subset of the npm `cors` module). Disabled by default: no CORS header is sent and an
/// `OPTIONS` request is a bad handshake method, as the reference server without `cors`.
struct cors_options {
    /// Send CORS headers and answer preflight `OPTIONS` requests.
    bool enabled = false;
    /// Allowed origins. `"*"` allows any origin (sent as `*`, or as the request's origin when
    /// `credentials` is set, since browsers reject `*` with credentials).
    std::vector<std::string> origins{"*"};
    /// Echo the request's `Origin` whatever it is (the npm `origin: true`).
    bool reflect_origin = false;
    /// Send `Access-Control-Allow-Credentials: true`.
    bool credentials = false;
    /// `Access-Control-Allow-Methods` of a preflight answer.
    std::string methods = "GET,HEAD,PUT,PATCH,POST,DELETE";
    /// `Access-Control-Allow-Headers` of a preflight answer; empty reflects the request's
    /// `Access-Control-Request-Headers`.
    std::string allowed_headers;
    /// `Access-Control-Max-Age` of a preflight answer; 0 sends none.
    std::chrono::seconds max_age{0};
};

/// Options of an Engine.IO server. Defaults are the reference server's.
struct server_options {
    /// Request path prefix of the Engine.IO endpoint (a trailing `/` is added when missing).
    /// Socket.IO uses `/socket.io/`.
    std::string path = "/engine.io/";
    /// How often the server sends a ping (`pingInterval`).
    std::chrono::milliseconds ping_interval{25000};
    /// How long the server waits for the pong before closing with "ping timeout".
    std::chrono::milliseconds ping_timeout{20000};
    /// How long a transport upgrade may take before the WebSocket is dropped.
    std::chrono::milliseconds upgrade_timeout{10000};
    /// Maximum bytes of one POST body or WebSocket message (`maxHttpBufferSize`); it is also
    /// the `maxPayload` of the handshake and the size a GET response batch aims at.
    std::size_t max_http_buffer_size = 1000000;
    /// Offer the WebSocket upgrade to polling sessions (`allowUpgrades`).
    bool allow_upgrades = true;
    /// Accept the HTTP long-polling transport.
    bool allow_polling = true;
    /// Accept the WebSocket transport.
    bool allow_websocket = true;
    /// CORS for the Engine.IO endpoint.
    cors_options cors;
    /// Bound of the bytes queued for one session and not yet written. A session whose queue
    /// would exceed it (a peer that stopped reading) is closed with reason "send queue full".
    std::size_t max_send_queue_bytes = 16u * 1024u * 1024u;
    /// Bound of the packets queued for one session (same policy as `max_send_queue_bytes`).
    std::size_t max_send_queue_packets = 100000;
    /// How long an HTTP request (header and body) may take to arrive, and how long an idle
    /// keep-alive connection is kept.
    std::chrono::milliseconds http_timeout{30000};
    /// How long a graceful close waits for queued packets to be delivered.
    std::chrono::milliseconds close_timeout{5000};
};

}  // namespace sockspec::engineio
