// sockspec/adapter/impl/memory_adapter.ipp: non-template bodies of memory_adapter.
#pragma once

#include <sockspec/adapter/memory_adapter.hpp>

#include <algorithm>

namespace sockspec::adapter {

SOCKSPEC_DECL std::uint32_t memory_adapter::intern_socket(std::string_view id) {
    auto it = socket_index_.find(id);
    if (it != socket_index_.end()) return it->second;
    std::uint32_t s;
    if (!free_sockets_.empty()) {
        s = free_sockets_.back();
        free_sockets_.pop_back();
    } else {
        s = static_cast<std::uint32_t>(socket_slots_.size());
        socket_slots_.emplace_back();
    }
    it = socket_index_.emplace(std::string(id), s).first;
    socket_slots_[s].id = &it->first;
    return s;
}

SOCKSPEC_DECL void memory_adapter::join(std::uint32_t s, std::string_view room) {
    auto it = room_index_.find(room);
    if (it == room_index_.end()) {
        std::uint32_t r;
        if (!free_rooms_.empty()) {
            r = free_rooms_.back();
            free_rooms_.pop_back();
        } else {
            r = static_cast<std::uint32_t>(room_slots_.size());
            room_slots_.emplace_back();
        }
        it = room_index_.emplace(std::string(room), r).first;
        room_slots_[r].name = &it->first;
    }
    std::uint32_t const r = it->second;
    auto& members = room_slots_[r].members;
    // Sockets usually join in handle order, so try the end first.
    if (members.empty() || members.back() < s)
        members.push_back(s);
    else {
        auto const pos = std::lower_bound(members.begin(), members.end(), s);
        if (*pos == s) return;  // already a member
        members.insert(pos, s);
    }
    auto& rooms = socket_slots_[s].rooms;
    rooms.insert(std::lower_bound(rooms.begin(), rooms.end(), r), r);
}

SOCKSPEC_DECL void memory_adapter::leave(std::uint32_t s, std::uint32_t r) {
    auto& rooms = socket_slots_[s].rooms;
    auto const rpos = std::lower_bound(rooms.begin(), rooms.end(), r);
    if (rpos == rooms.end() || *rpos != r) return;
    rooms.erase(rpos);
    room_slot& room = room_slots_[r];
    auto const spos = std::lower_bound(room.members.begin(), room.members.end(), s);
    if (spos != room.members.end() && *spos == s) room.members.erase(spos);
    // socket.io-adapter: a room left empty is deleted.
    if (room.members.empty()) {
        room_index_.erase(room_index_.find(*room.name));
        room.name = nullptr;
        free_rooms_.push_back(r);
    }
}

SOCKSPEC_DECL void memory_adapter::del(std::string_view id, std::string_view room) {
    auto const s = socket_index_.find(id);
    auto const r = room_index_.find(room);
    if (s == socket_index_.end() || r == room_index_.end()) return;
    leave(s->second, r->second);
}

SOCKSPEC_DECL void memory_adapter::del_all(std::string_view id) {
    auto const it = socket_index_.find(id);
    if (it == socket_index_.end()) return;
    std::uint32_t const s = it->second;
    socket_slot& slot = socket_slots_[s];
    while (!slot.rooms.empty()) leave(s, slot.rooms.back());
    slot.id = nullptr;
    socket_index_.erase(it);
    free_sockets_.push_back(s);
}

SOCKSPEC_DECL std::span<std::uint32_t const> memory_adapter::members(std::string_view room) const noexcept {
    auto const it = room_index_.find(room);
    if (it == room_index_.end()) return {};
    return room_slots_[it->second].members;
}

SOCKSPEC_DECL std::vector<std::uint32_t> memory_adapter::collect(broadcast_options const& opts) const {
    std::vector<std::uint32_t> out;
    for_each_target(opts, [&](target const& t) { out.push_back(t.handle.value); });
    return out;
}

SOCKSPEC_DECL std::vector<std::string> memory_adapter::ids_of(std::vector<std::uint32_t> const& slots) const {
    std::vector<std::string> out;
    out.reserve(slots.size());
    for (std::uint32_t s : slots) out.emplace_back(*socket_slots_[s].id);
    std::sort(out.begin(), out.end());
    return out;
}

SOCKSPEC_DECL std::optional<std::vector<std::string>> memory_adapter::socket_rooms(std::string_view id) const {
    auto const it = socket_index_.find(id);
    if (it == socket_index_.end()) return std::nullopt;
    std::vector<std::string> out;
    for (std::uint32_t r : socket_slots_[it->second].rooms) out.emplace_back(*room_slots_[r].name);
    std::sort(out.begin(), out.end());
    return out;
}

SOCKSPEC_DECL bool memory_adapter::has_socket(std::string_view id) const noexcept {
    return socket_index_.find(id) != socket_index_.end();
}

SOCKSPEC_DECL bool memory_adapter::has_room(std::string_view room) const noexcept {
    return room_index_.find(room) != room_index_.end();
}

SOCKSPEC_DECL std::size_t memory_adapter::room_size(std::string_view room) const noexcept {
    return members(room).size();
}

SOCKSPEC_DECL std::optional<socket_handle> memory_adapter::find(std::string_view id) const noexcept {
    auto const it = socket_index_.find(id);
    if (it == socket_index_.end()) return std::nullopt;
    return socket_handle{it->second};
}

SOCKSPEC_DECL std::string_view memory_adapter::id_of(socket_handle h) const noexcept {
    if (h.value >= socket_slots_.size() || !socket_slots_[h.value].id) return {};
    return *socket_slots_[h.value].id;
}

SOCKSPEC_DECL std::vector<std::string> memory_adapter::rooms() const {
    std::vector<std::string> out;
    out.reserve(room_index_.size());
    for (auto const& [name, r] : room_index_) out.push_back(name);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace sockspec::adapter
