// Test support: run a shell command (e.g. a node peer script) and collect what it printed.
#pragma once

#include <cstdio>
#include <string>

#include <sys/wait.h>

namespace sockspec::test {

/// The exit status (-1 when the command could not run or was killed) and the combined output.
struct command_result {
    int status = -1;
    std::string output;
};

/// Runs `cmd` through /bin/sh and waits for it. Callers bound it in time (`timeout 30 ...`)
/// and redirect stderr into the output (`2>&1`) as they need.
inline command_result run_command(std::string const& cmd) {
    command_result r;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (p == nullptr) return r;
    char buf[512];
    while (std::fgets(buf, sizeof buf, p) != nullptr) r.output += buf;
    int const st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

}  // namespace sockspec::test
