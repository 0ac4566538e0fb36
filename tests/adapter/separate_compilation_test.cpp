// memory_adapter built with SOCKSPEC_SEPARATE_COMPILATION: the non-template bodies link.
#include <sockspec/adapter/memory_adapter.hpp>

#include <cstdio>

int main() {
    sockspec::adapter::memory_adapter a;
    a.add_all("s1", {"s1", "room"});
    a.add_all("s2", {"s2", "room"});
    sockspec::adapter::broadcast_options opts;
    opts.rooms = {"room"};
    opts.except = {"s1"};
    std::size_t seen = 0;
    a.for_each_target(opts, [&](sockspec::adapter::target const& t) { seen += t.id == "s2"; });
    a.del_all("s2");
    if (seen != 1 || a.room_size("room") != 1 || a.socket_rooms("s1")->size() != 2) return 1;
    std::puts("ok");
    return 0;
}
