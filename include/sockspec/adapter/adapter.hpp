// sockspec/adapter/adapter.hpp: the adapter concept: what the server layer expects of the object
// that keeps a namespace's rooms and selects broadcast targets. Pure; no Asio.
//
// The model is socket.io-adapter's `Adapter`: rooms are sets of socket ids, every socket is a
// member of the room named by its own id (the server joins it there on connect, as socket.io
// does), and a broadcast visits the union of the members of its rooms, minus the members of
// its `except` rooms, each socket once.
//
// memory_adapter (memory_adapter.hpp) is the single-node implementation. A multi-node adapter
// (Redis, cluster) keeps a memory_adapter for the sockets of its own node, forwards what it must
// to the other nodes (unless `flags.local`), and still satisfies this concept for local targets.
// Cluster-wide queries (socket.io's `fetchSockets`, `serverSideEmit`) are asynchronous and not
// part of this synchronous concept; a distributed adapter adds them as async operations.
#pragma once

#include <sockspec/adapter/broadcast_options.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sockspec::adapter {

/// A small handle to a socket known to an adapter: stable from the socket's first `add_all`
/// until its `del_all`, after which the value may be reused for another socket. The server can
/// index its own per-socket table with it instead of hashing the id for every target.
struct socket_handle {
    /// The slot index.
    std::uint32_t value = 0;

    /// Equality.
    friend bool operator==(socket_handle, socket_handle) = default;
};

/// One broadcast target, as passed to the visitor of `for_each_target`. The view is valid for
/// the duration of the visitor call.
struct target {
    /// The socket id.
    std::string_view id;
    /// The socket's handle.
    socket_handle handle;
};

namespace detail {

// The weakest visitor for_each_target must accept (used by the concept below).
struct target_visitor_archetype {
    void operator()(target const&) {}
};

}  // namespace detail

/// What the server layer requires of an adapter `A` (one object per namespace, used from the
/// namespace's strand only; no operation may be called from inside a `for_each_target` visitor):
///
/// - `a.add_all(id, rooms)`: registers socket `id` if new, and makes it a member of each room
///   (rooms are created on first join). Returns its socket_handle.
/// - `a.del(id, room)`: removes `id` from `room`; a room left empty is deleted. The socket stays
///   registered (it still receives whole-namespace broadcasts).
/// - `a.del_all(id)`: removes `id` from all its rooms and forgets it.
/// - `ca.sockets(rooms)`: the ids of the members of the rooms (union); every socket when `rooms`
///   is empty.
/// - `ca.socket_rooms(id)`: the rooms of `id`, or nullopt for an unknown socket.
/// - `ca.for_each_target(opts, visit)`: calls `visit(target const&)` once per target of `opts`
///   and returns how many targets were visited (the ack count of a broadcast with acks).
/// - `a.add_sockets(opts, rooms)` / `a.del_sockets(opts, rooms)`: makes the targets of `opts`
///   join / leave `rooms` (socket.io `socketsJoin` / `socketsLeave`).
template <class A>
concept adapter = std::movable<A> &&
    requires(A& a, A const& ca, std::string_view id, std::string_view room,
             std::vector<std::string> const& rooms, broadcast_options const& opts,
             detail::target_visitor_archetype& visit) {
        { a.add_all(id, rooms) } -> std::same_as<socket_handle>;
        a.del(id, room);
        a.del_all(id);
        { ca.sockets(rooms) } -> std::convertible_to<std::vector<std::string>>;
        { ca.socket_rooms(id) } -> std::convertible_to<std::optional<std::vector<std::string>>>;
        { ca.for_each_target(opts, visit) } -> std::convertible_to<std::size_t>;
        a.add_sockets(opts, rooms);
        a.del_sockets(opts, rooms);
    };

}  // namespace sockspec::adapter
