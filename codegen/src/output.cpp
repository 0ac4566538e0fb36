#include "output.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace sockspec::gen {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> read(fs::path const& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Files under the managed folders that no emitter produced.
std::vector<std::string> orphans(fs::path const& out, std::vector<output_file> const& files,
                                 std::vector<std::string> const& managed) {
    std::set<std::string> produced;
    for (auto const& f : files)
        produced.insert(fs::path(f.path).lexically_normal().generic_string());
    std::vector<std::string> found;
    for (auto const& dir : managed) {
        std::error_code ec;
        if (!fs::is_directory(out / dir, ec)) continue;
        for (auto const& e : fs::recursive_directory_iterator(out / dir)) {
            if (!e.is_regular_file()) continue;
            std::string rel = e.path().lexically_relative(out).generic_string();
            if (!produced.count(rel)) found.push_back(rel);
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

}  // namespace

output_report check_outputs(std::string const& out, std::vector<output_file> const& files,
                            std::vector<std::string> const& managed) {
    output_report r;
    for (auto const& f : files) {
        auto have = read(fs::path(out) / f.path);
        if (!have)
            r.missing.push_back(f.path);
        else if (*have != f.content)
            r.stale.push_back(f.path);
        else
            r.unchanged.push_back(f.path);
    }
    r.orphaned = orphans(out, files, managed);
    return r;
}

output_report write_outputs(std::string const& out, std::vector<output_file> const& files,
                            std::vector<std::string> const& managed) {
    output_report r;
    for (auto const& f : files) {
        fs::path p = fs::path(out) / f.path;
        if (read(p) == f.content) {
            r.unchanged.push_back(f.path);
            continue;
        }
        fs::create_directories(p.parent_path());
        std::ofstream o(p, std::ios::binary | std::ios::trunc);
        o << f.content;
        o.close();
        if (!o) throw std::runtime_error("cannot write '" + p.string() + "'");
        r.written.push_back(f.path);
    }
    for (auto const& rel : orphans(out, files, managed)) {
        fs::remove(fs::path(out) / rel);
        r.removed.push_back(rel);
    }
    return r;
}

}  // namespace sockspec::gen
