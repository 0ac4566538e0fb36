// Helpers shared by the codegen tests: scratch folders and small file I/O.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace sockspec::gen::test {

/// A fresh empty folder named after the running test, removed when the fixture ends.
struct scratch {
    std::filesystem::path dir;
    scratch() {
        auto const* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir = std::filesystem::temp_directory_path() /
              ("sockspec-codegen-" + std::string(info->test_suite_name()) + "-" + info->name());
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
    }
    ~scratch() { std::filesystem::remove_all(dir); }
};

/// Reads a whole file ("" when missing).
inline std::string slurp(std::filesystem::path const& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Writes a whole file, creating folders.
inline void spit(std::filesystem::path const& p, std::string const& text) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

}  // namespace sockspec::gen::test
