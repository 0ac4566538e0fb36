// sockspec/adapter/impl/memory_adapter.hpp: template bodies of memory_adapter.
#pragma once

#include <algorithm>
#include <limits>

namespace sockspec::adapter {

template <class Rooms>
socket_handle memory_adapter::add_all(std::string_view id, Rooms const& rooms) {
    std::uint32_t const s = intern_socket(id);
    for (auto const& room : rooms) join(s, std::string_view(room));
    return socket_handle{s};
}

template <class Rooms>
std::vector<std::string> memory_adapter::sockets(Rooms const& rooms) const {
    broadcast_options opts;
    for (auto const& room : rooms) opts.rooms.emplace_back(std::string_view(room));
    return ids_of(collect(opts));
}

inline bool memory_adapter::excluded(std::uint32_t s,
                                     std::span<std::span<std::uint32_t const>> except) const noexcept {
    for (auto const& members : except)
        if (std::binary_search(members.begin(), members.end(), s)) return true;
    return false;
}

template <class Visitor>
std::size_t memory_adapter::for_each_target(broadcast_options const& opts, Visitor&& visit) const {
    detail::list_buffer<8> except;
    for (auto const& room : opts.except) {
        auto const m = members(room);
        if (!m.empty()) except.push_back(m);
    }
    std::span<std::span<std::uint32_t const>> const except_lists(except.begin(), except.size());
    std::size_t count = 0;
    auto const emit = [&](std::uint32_t s) {
        if (excluded(s, except_lists)) return;
        ++count;
        visit(target{*socket_slots_[s].id, socket_handle{s}});
    };

    // No rooms: the whole namespace, i.e. every registered socket.
    if (opts.rooms.empty()) {
        for (std::uint32_t s = 0; s < socket_slots_.size(); ++s)
            if (socket_slots_[s].id) emit(s);
        return count;
    }

    detail::list_buffer<8> lists;
    for (auto const& room : opts.rooms) {
        auto const m = members(room);
        if (!m.empty()) lists.push_back(m);
    }
    if (lists.size() == 1) {
        for (std::uint32_t s : *lists.begin()) emit(s);
        return count;
    }
    // Several rooms: merge their sorted member lists; a socket in several rooms (or a room named
    // twice) is visited once.
    for (;;) {
        std::uint32_t next = std::numeric_limits<std::uint32_t>::max();
        bool any = false;
        for (auto const& l : lists)
            if (!l.empty() && (!any || l.front() < next)) {
                next = l.front();
                any = true;
            }
        if (!any) break;
        for (auto& l : lists)
            if (!l.empty() && l.front() == next) l = l.subspan(1);
        emit(next);
    }
    return count;
}

template <class Rooms>
void memory_adapter::add_sockets(broadcast_options const& opts, Rooms const& rooms) {
    for (std::uint32_t s : collect(opts))
        for (auto const& room : rooms) join(s, std::string_view(room));
}

template <class Rooms>
void memory_adapter::del_sockets(broadcast_options const& opts, Rooms const& rooms) {
    for (std::uint32_t s : collect(opts))
        for (auto const& room : rooms) {
            auto const it = room_index_.find(std::string_view(room));
            if (it != room_index_.end()) leave(s, it->second);
        }
}

}  // namespace sockspec::adapter
