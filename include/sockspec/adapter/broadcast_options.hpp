// sockspec/adapter/broadcast_options.hpp: what a broadcast selects and the flags it carries
// (socket.io-adapter's BroadcastOptions and BroadcastFlags). Plain data; no Asio.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace sockspec::adapter {

/// The flags a broadcast operator (`io.to(...).volatile.compress(false).timeout(...)`) carries
/// down to the transport. The adapter does not interpret them; the server layer does.
struct broadcast_flags {
    /// The packet may be dropped for a socket whose transport is not ready to send
    /// (socket.io `volatile`).
    bool volatile_ = false;
    /// Only sockets of this node: a multi-node adapter does not forward the packet
    /// (socket.io `local`).
    bool local = false;
    /// The packet may be compressed (permessage-deflate, HTTP compression); socket.io's
    /// default is true.
    bool compress = true;
    /// For broadcasts that expect acknowledgements: how long to wait for every target.
    std::optional<std::chrono::milliseconds> timeout;

    /// Member-wise equality.
    friend bool operator==(broadcast_flags const&, broadcast_flags const&) = default;
};

/// The target selection of a broadcast (socket.io-adapter `BroadcastOptions`).
///
/// `rooms` empty means every socket of the namespace; otherwise the union of the members of
/// those rooms. Members of any room of `except` are left out. Each socket is a target at most
/// once. A socket is always a member of the room named by its own id, so ids may appear in
/// both lists.
struct broadcast_options {
    /// Rooms whose members are targeted; empty = the whole namespace.
    std::vector<std::string> rooms;
    /// Rooms whose members are excluded.
    std::vector<std::string> except;
    /// Flags for the server layer.
    broadcast_flags flags;

    /// Member-wise equality.
    friend bool operator==(broadcast_options const&, broadcast_options const&) = default;
};

}  // namespace sockspec::adapter
