// memory_adapter: room semantics after socket.io-adapter's own unit tests (test/index.ts), plus
// a randomized comparison against a std::set reference model.
#include <sockspec/adapter/memory_adapter.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <map>
#include <new>
#include <random>
#include <set>
#include <string>
#include <vector>

// Counts heap allocations, to check that a broadcast does not allocate per target.
namespace {
std::atomic<std::size_t> allocations{0};
}  // namespace

// noinline: once inlined, g++ -O2 flags the malloc/free pairing as -Wmismatched-new-delete.
[[gnu::noinline]] void* operator new(std::size_t n) {
    ++allocations;
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

using sockspec::adapter::broadcast_options;
using sockspec::adapter::memory_adapter;
using sockspec::adapter::target;
using strings = std::vector<std::string>;

static_assert(sockspec::adapter::adapter<memory_adapter>);

// The ids visited by a broadcast, in visiting order.
strings targets(memory_adapter const& a, broadcast_options const& opts) {
    strings out;
    std::size_t const n = a.for_each_target(opts, [&](target const& t) { out.emplace_back(t.id); });
    EXPECT_EQ(n, out.size());
    return out;
}

// Designated initializers would do, but g++ 12 warns about the omitted members.
broadcast_options sel(strings rooms, strings except = {}) {
    broadcast_options o;
    o.rooms = std::move(rooms);
    o.except = std::move(except);
    return o;
}

strings sorted(strings v) {
    std::sort(v.begin(), v.end());
    return v;
}

TEST(memory_adapter, add_and_remove_sockets) {
    memory_adapter a;
    a.add_all("s1", {"r1"});
    a.add_all("s2", {"r2", "r3"});
    EXPECT_TRUE(a.has_room("r1"));
    EXPECT_TRUE(a.has_room("r2"));
    EXPECT_TRUE(a.has_room("r3"));
    EXPECT_FALSE(a.has_room("r4"));
    EXPECT_TRUE(a.has_socket("s1"));
    EXPECT_TRUE(a.has_socket("s2"));
    EXPECT_FALSE(a.has_socket("s3"));
    EXPECT_EQ(a.socket_count(), 2u);

    a.del("s1", "r1");
    EXPECT_FALSE(a.has_room("r1"));  // deleted with its last member

    a.del_all("s2");
    EXPECT_FALSE(a.has_socket("s2"));
    EXPECT_FALSE(a.has_room("r2"));
    EXPECT_FALSE(a.has_room("r3"));
    EXPECT_EQ(a.room_count(), 0u);
}

TEST(memory_adapter, del_keeps_the_socket_registered) {
    memory_adapter a;
    a.add_all("s1", {"r1"});
    a.del("s1", "r1");
    EXPECT_TRUE(a.has_socket("s1"));
    EXPECT_EQ(a.socket_rooms("s1"), strings{});
    EXPECT_EQ(targets(a, {}), strings{"s1"});  // still a whole-namespace target
}

TEST(memory_adapter, add_all_with_no_rooms_registers_the_socket) {
    memory_adapter a;
    a.add_all("s1", strings{});
    EXPECT_TRUE(a.has_socket("s1"));
    EXPECT_EQ(a.room_count(), 0u);
}

TEST(memory_adapter, joining_twice_is_idempotent) {
    memory_adapter a;
    a.add_all("s1", {"r1", "r1"});
    a.add_all("s1", {"r1"});
    EXPECT_EQ(a.room_size("r1"), 1u);
    EXPECT_EQ(a.socket_rooms("s1"), strings{"r1"});
}

TEST(memory_adapter, sockets_is_the_union_of_rooms) {
    memory_adapter a;
    a.add_all("s1", {"r1", "r2"});
    a.add_all("s2", {"r2", "r3"});
    a.add_all("s3", {"r3"});
    EXPECT_EQ(a.sockets(strings{}), (strings{"s1", "s2", "s3"}));
    EXPECT_EQ(a.sockets({"r2"}), (strings{"s1", "s2"}));
    EXPECT_EQ(a.sockets({"r1", "r3"}), (strings{"s1", "s2", "s3"}));
    EXPECT_EQ(a.sockets({"r4"}), strings{});
}

TEST(memory_adapter, socket_rooms) {
    memory_adapter a;
    a.add_all("s1", {"r1", "r2"});
    a.add_all("s2", {"r2", "r3"});
    EXPECT_EQ(a.socket_rooms("s1"), (strings{"r1", "r2"}));
    EXPECT_EQ(a.socket_rooms("s4"), std::nullopt);
}

TEST(memory_adapter, except_rooms_when_broadcasting_to_all) {
    memory_adapter a;
    a.add_all("s1", {"r1"});
    a.add_all("s2", strings{});
    a.add_all("s3", {"r1"});
    EXPECT_EQ(targets(a, sel({}, {"r1"})), strings{"s2"});
}

TEST(memory_adapter, except_rooms_when_broadcasting_to_rooms) {
    memory_adapter a;
    a.add_all("s1", {"r1", "r2"});
    a.add_all("s2", {"r2"});
    a.add_all("s3", {"r1"});
    EXPECT_EQ(targets(a, sel({"r1"}, {"r2"})), strings{"s3"});
}

TEST(memory_adapter, own_id_room_excludes_the_sender) {
    // socket.broadcast.emit(): every socket except the sender, via the room of its own id.
    memory_adapter a;
    for (auto id : {"a", "b", "c"}) a.add_all(id, {std::string_view(id), std::string_view("lobby")});
    EXPECT_EQ(sorted(targets(a, sel({"lobby"}, {"b"}))), (strings{"a", "c"}));
    EXPECT_EQ(targets(a, sel({"b"})), strings{"b"});
}

TEST(memory_adapter, each_target_once_across_rooms) {
    memory_adapter a;
    a.add_all("s1", {"r1", "r2", "r3"});
    a.add_all("s2", {"r2"});
    a.add_all("s3", {"r3"});
    EXPECT_EQ(sorted(targets(a, sel({"r1", "r2", "r3", "r2"}))), (strings{"s1", "s2", "s3"}));
}

TEST(memory_adapter, unknown_rooms_select_nobody) {
    memory_adapter a;
    a.add_all("s1", {"r1"});
    EXPECT_EQ(targets(a, sel({"nope"})), strings{});
    EXPECT_EQ(targets(a, sel({"r1"}, {"nope"})), strings{"s1"});
}

TEST(memory_adapter, del_all_of_unknown_socket_is_harmless) {
    memory_adapter a;
    a.add_all("s1", {"r1"});
    a.del_all("zz");
    a.del("zz", "r1");
    a.del("s1", "zz");
    EXPECT_EQ(a.room_size("r1"), 1u);
}

TEST(memory_adapter, handles_are_stable_and_reused_after_del_all) {
    memory_adapter a;
    auto const h1 = a.add_all("s1", {"r1"});
    auto const h2 = a.add_all("s2", {"r1"});
    EXPECT_NE(h1, h2);
    EXPECT_EQ(a.add_all("s1", {"r2"}), h1);
    EXPECT_EQ(a.id_of(h2), "s2");
    EXPECT_EQ(a.find("s2"), h2);
    a.del_all("s1");
    EXPECT_EQ(a.id_of(h1), "");
    auto const h3 = a.add_all("s3", {"r1"});
    EXPECT_EQ(a.id_of(h3), "s3");
    EXPECT_EQ(sorted(targets(a, sel({"r1"}))), (strings{"s2", "s3"}));
    EXPECT_EQ(targets(a, sel({"r2"})), strings{});
}

TEST(memory_adapter, add_sockets_and_del_sockets) {
    memory_adapter a;
    a.add_all("s1", {"r1"});
    a.add_all("s2", {"r1", "r2"});
    a.add_all("s3", {"r3"});
    a.add_sockets(sel({"r1"}, {"r2"}), strings{"new"});
    EXPECT_EQ(a.sockets({"new"}), strings{"s1"});
    a.del_sockets({}, strings{"r1", "absent"});
    EXPECT_FALSE(a.has_room("r1"));
    EXPECT_EQ(a.sockets({"r2"}), strings{"s2"});
}

TEST(memory_adapter, large_room_fan_out) {
    memory_adapter a;
    for (int i = 0; i < 2000; ++i) {
        std::string id = "sid" + std::to_string(i);
        a.add_all(id, {std::string_view(id), std::string_view(i % 2 ? "odd" : "even"), std::string_view("all")});
    }
    std::size_t n = a.for_each_target(sel({"all"}, {"odd"}), [](target const&) {});
    EXPECT_EQ(n, 1000u);
    EXPECT_EQ(a.for_each_target(sel({"odd", "even", "all"}), [](target const&) {}), 2000u);
    a.del_all("sid3");
    EXPECT_EQ(a.room_size("all"), 1999u);
    EXPECT_EQ(a.room_count(), 1999u + 3u);  // own rooms + odd, even, all
}

TEST(memory_adapter, broadcast_does_not_allocate_per_target) {
    memory_adapter a;
    for (int i = 0; i < 1500; ++i) {
        std::string id = "sid" + std::to_string(i);
        a.add_all(id, {std::string_view(id), std::string_view("r1"), std::string_view(i % 3 ? "r2" : "r3")});
    }
    auto const one = sel({"r1"}, {"r3"});
    auto const several = sel({"r2", "r3", "r1"}, {"sid7", "sid8"});
    auto const all = sel({}, {"r2"});
    std::size_t sum = 0;
    auto const before = allocations.load();
    sum += a.for_each_target(one, [&](target const& t) { sum += t.id.size(); });
    sum += a.for_each_target(several, [&](target const& t) { sum += t.id.size(); });
    sum += a.for_each_target(all, [&](target const& t) { sum += t.id.size(); });
    EXPECT_EQ(allocations.load() - before, 0u);
    EXPECT_GT(sum, 3000u);
}

TEST(memory_adapter, move_keeps_contents) {
    memory_adapter a;
    auto const h = a.add_all("s1", {"r1"});
    memory_adapter b(std::move(a));
    EXPECT_EQ(b.id_of(h), "s1");
    EXPECT_EQ(b.socket_rooms("s1"), strings{"r1"});
    b.add_all("s2", {"r1"});
    EXPECT_EQ(b.sockets({"r1"}), (strings{"s1", "s2"}));
}

// The reference: socket.io-adapter's two maps, with std::set.
struct reference {
    std::map<std::string, std::set<std::string>> rooms, sids;

    void add_all(std::string const& id, strings const& rs) {
        auto& mine = sids[id];
        for (auto const& r : rs) {
            mine.insert(r);
            rooms[r].insert(id);
        }
    }
    void del(std::string const& id, std::string const& r) {
        if (auto it = sids.find(id); it != sids.end()) it->second.erase(r);
        if (auto it = rooms.find(r); it != rooms.end()) {
            it->second.erase(id);
            if (it->second.empty()) rooms.erase(it);
        }
    }
    void del_all(std::string const& id) {
        auto it = sids.find(id);
        if (it == sids.end()) return;
        for (auto const& r : std::set<std::string>(it->second)) del(id, r);
        sids.erase(id);
    }
    strings targets(broadcast_options const& o) const {
        std::set<std::string> except, out;
        for (auto const& r : o.except)
            if (auto it = rooms.find(r); it != rooms.end()) except.insert(it->second.begin(), it->second.end());
        if (o.rooms.empty())
            for (auto const& [id, _] : sids) out.insert(id);
        for (auto const& r : o.rooms)
            if (auto it = rooms.find(r); it != rooms.end()) out.insert(it->second.begin(), it->second.end());
        strings v;
        for (auto const& id : out)
            if (!except.count(id)) v.push_back(id);
        return v;
    }
};

TEST(memory_adapter, randomized_against_reference) {
    std::mt19937 rng(20240611);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    auto id = [&] { return "s" + std::to_string(pick(40)); };
    auto room = [&] { return "r" + std::to_string(pick(12)); };
    auto some_rooms = [&](int max) {
        strings v;
        for (int i = pick(max + 1); i > 0; --i) v.push_back(pick(4) == 0 ? id() : room());
        return v;
    };
    memory_adapter a;
    reference ref;
    for (int step = 0; step < 20000; ++step) {
        switch (pick(8)) {
            case 0:
            case 1:
            case 2: {
                auto const s = id();
                auto const rs = some_rooms(3);
                a.add_all(s, rs);
                ref.add_all(s, rs);
                break;
            }
            case 3:
            case 4: {
                auto const s = id();
                auto const r = room();
                a.del(s, r);
                ref.del(s, r);
                break;
            }
            case 5: {
                auto const s = id();
                a.del_all(s);
                ref.del_all(s);
                break;
            }
            default: {
                broadcast_options const o = sel(some_rooms(3), some_rooms(2));
                ASSERT_EQ(sorted(targets(a, o)), ref.targets(o)) << "step " << step;
                ASSERT_EQ(a.sockets(o.rooms), ref.targets(sel(o.rooms))) << "step " << step;
                break;
            }
        }
        if (step % 97 == 0) {
            auto const s = id();
            auto const it = ref.sids.find(s);
            if (it == ref.sids.end())
                ASSERT_EQ(a.socket_rooms(s), std::nullopt);
            else
                ASSERT_EQ(a.socket_rooms(s), strings(it->second.begin(), it->second.end()));
            strings names;
            for (auto const& [r, _] : ref.rooms) names.push_back(r);
            ASSERT_EQ(a.rooms(), names) << "step " << step;
            ASSERT_EQ(a.socket_count(), ref.sids.size());
        }
    }
}

}  // namespace
