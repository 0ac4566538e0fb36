// sockspec/adapter/memory_adapter.hpp: the in-memory adapter (socket.io-adapter's `Adapter`):
// rooms and broadcast target selection for the sockets of one namespace on one node. Pure; no
// Asio.
//
// Storage is built for fan-out: socket ids and room names are interned once into slots
// addressed by 32-bit indices; a room holds its members as a sorted flat vector of socket
// indices, a socket its rooms as a sorted flat vector of room indices. A broadcast resolves its
// room names once, then walks those vectors (merging them when there are several, which also
// removes duplicates) without allocating per target.
#pragma once

#include <sockspec/adapter/adapter.hpp>
#include <sockspec/adapter/broadcast_options.hpp>
#include <sockspec/detail/config.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sockspec::adapter {

namespace detail {

// Heterogeneous lookup: find by std::string_view in a map keyed by std::string.
struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// A few member lists, inline up to N; a broadcast naming more rooms allocates once per call.
template <std::size_t N>
class list_buffer {
public:
    using list = std::span<std::uint32_t const>;
    void push_back(list l) {
        if (size_ < N)
            inline_[size_] = l;
        else {
            if (size_ == N) heap_.assign(inline_, inline_ + N);
            heap_.push_back(l);
        }
        ++size_;
    }
    list* begin() noexcept { return size_ <= N ? inline_ : heap_.data(); }
    list* end() noexcept { return begin() + size_; }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }

private:
    list inline_[N];
    std::vector<list> heap_;
    std::size_t size_ = 0;
};

}  // namespace detail

/// The single-node adapter: rooms of one namespace and broadcast target selection.
/// Satisfies the `adapter` concept.
///
/// Not thread-safe: use it from one strand. The visitor of `for_each_target` must not modify
/// the adapter (use `add_sockets` / `del_sockets`, which collect the targets first).
class memory_adapter {
public:
    /// An empty adapter.
    memory_adapter() = default;
    memory_adapter(memory_adapter const&) = delete;
    memory_adapter& operator=(memory_adapter const&) = delete;
    /// Moves keep handles valid.
    memory_adapter(memory_adapter&&) noexcept = default;
    /// Moves keep handles valid.
    memory_adapter& operator=(memory_adapter&&) noexcept = default;

    /// Registers socket `id` if new and makes it a member of each room of `rooms` (a range of
    /// strings or string views); rooms are created on first join. Returns the socket's handle.
    template <class Rooms>
    socket_handle add_all(std::string_view id, Rooms const& rooms);
    /// add_all for a braced list: `add_all(id, {"r1", "r2"})`.
    socket_handle add_all(std::string_view id, std::initializer_list<std::string_view> rooms) {
        return add_all<std::initializer_list<std::string_view>>(id, rooms);
    }

    /// Removes `id` from `room`; the room is deleted when it becomes empty. Unknown ids and rooms
    /// are ignored. The socket stays registered.
    SOCKSPEC_DECL void del(std::string_view id, std::string_view room);

    /// Removes `id` from all its rooms (deleting rooms left empty) and forgets it.
    SOCKSPEC_DECL void del_all(std::string_view id);

    /// The ids of the members of `rooms` (union), or of every socket when `rooms` is empty;
    /// sorted, each once.
    template <class Rooms>
    std::vector<std::string> sockets(Rooms const& rooms) const;
    /// sockets for a braced list.
    std::vector<std::string> sockets(std::initializer_list<std::string_view> rooms) const {
        return sockets<std::initializer_list<std::string_view>>(rooms);
    }

    /// The rooms `id` is a member of, sorted; nullopt when the socket is unknown.
    SOCKSPEC_DECL std::optional<std::vector<std::string>> socket_rooms(std::string_view id) const;

    /// Calls `visit(target const&)` for each target of `opts` (see broadcast_options), each
    /// socket once, and returns the number of targets. Does not allocate per target.
    template <class Visitor>
    std::size_t for_each_target(broadcast_options const& opts, Visitor&& visit) const;

    /// Makes every target of `opts` join `rooms` (socket.io `socketsJoin`).
    template <class Rooms>
    void add_sockets(broadcast_options const& opts, Rooms const& rooms);

    /// Makes every target of `opts` leave `rooms` (socket.io `socketsLeave`).
    template <class Rooms>
    void del_sockets(broadcast_options const& opts, Rooms const& rooms);

    /// True when socket `id` is registered.
    SOCKSPEC_DECL bool has_socket(std::string_view id) const noexcept;
    /// True when `room` exists (has at least one member).
    SOCKSPEC_DECL bool has_room(std::string_view room) const noexcept;
    /// The number of members of `room` (0 when it does not exist).
    SOCKSPEC_DECL std::size_t room_size(std::string_view room) const noexcept;
    /// The handle of socket `id`, or nullopt when unknown.
    SOCKSPEC_DECL std::optional<socket_handle> find(std::string_view id) const noexcept;
    /// The id of a registered socket's handle.
    SOCKSPEC_DECL std::string_view id_of(socket_handle h) const noexcept;
    /// The number of registered sockets.
    std::size_t socket_count() const noexcept { return socket_index_.size(); }
    /// The number of rooms (each socket's own room included).
    std::size_t room_count() const noexcept { return room_index_.size(); }
    /// The names of all rooms, sorted.
    SOCKSPEC_DECL std::vector<std::string> rooms() const;

private:
    using index_map = std::unordered_map<std::string, std::uint32_t, detail::string_hash, std::equal_to<>>;

    struct socket_slot {
        std::string const* id = nullptr;   // the key in socket_index_ (node-stable); null = free
        std::vector<std::uint32_t> rooms;  // sorted room slots
    };
    struct room_slot {
        std::string const* name = nullptr;   // the key in room_index_ (node-stable); null = free
        std::vector<std::uint32_t> members;  // sorted socket slots
    };

    SOCKSPEC_DECL std::uint32_t intern_socket(std::string_view id);
    SOCKSPEC_DECL void join(std::uint32_t s, std::string_view room);
    SOCKSPEC_DECL void leave(std::uint32_t s, std::uint32_t r);
    SOCKSPEC_DECL std::span<std::uint32_t const> members(std::string_view room) const noexcept;
    SOCKSPEC_DECL std::vector<std::uint32_t> collect(broadcast_options const& opts) const;
    SOCKSPEC_DECL std::vector<std::string> ids_of(std::vector<std::uint32_t> const& slots) const;
    bool excluded(std::uint32_t s, std::span<std::span<std::uint32_t const>> except) const noexcept;

    index_map socket_index_;
    index_map room_index_;
    std::vector<socket_slot> socket_slots_;
    std::vector<room_slot> room_slots_;
    std::vector<std::uint32_t> free_sockets_;
    std::vector<std::uint32_t> free_rooms_;
};

}  // namespace sockspec::adapter

#include <sockspec/adapter/impl/memory_adapter.hpp>
#ifdef SOCKSPEC_HEADER_ONLY
#include <sockspec/adapter/impl/memory_adapter.ipp>
#endif
