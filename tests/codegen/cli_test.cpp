// sockspec-gen as a process: exit codes 0/1/2 and `generate --check`.
#include "test_util.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>

namespace sockspec::gen {
namespace {

using test::slurp;
using test::spit;
namespace fs = std::filesystem;

struct run_result {
    int code;
    std::string out, err;
};

/// Runs sockspec-gen with `args` (already shell-quoted) in `cwd`.
run_result gen(std::string const& args, fs::path const& cwd) {
    std::string cmd =
        "cd '" + cwd.string() + "' && '" SOCKSPEC_GEN_PATH "' " + args + " >.stdout 2>.stderr";
    int status = std::system(cmd.c_str());
    run_result r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(cwd / ".stdout"),
                 slurp(cwd / ".stderr")};
    fs::remove(cwd / ".stdout");
    fs::remove(cwd / ".stderr");
    return r;
}

std::string const good = R"(sockspec: 1
api: { name: cli, version: "1" }
types:
  Item: { type: object, fields: { id: string } }
namespaces:
  /:
    events:
      hello: { direction: both, args: [{ name: item, type: Item }] }
)";

struct cli : ::testing::Test {
    test::scratch s;
    void SetUp() override { spit(s.dir / "good.yaml", good); }
    /// All regular files under `out`, relative.
    std::vector<std::string> files(fs::path const& out) {
        std::vector<std::string> v;
        if (fs::exists(out))
            for (auto const& e : fs::recursive_directory_iterator(out))
                if (e.is_regular_file())
                    v.push_back(e.path().lexically_relative(out).generic_string());
        std::sort(v.begin(), v.end());
        return v;
    }
};

TEST_F(cli, validate_exit_codes) {
    EXPECT_EQ(gen("validate good.yaml", s.dir).code, 0);
    spit(s.dir / "bad.yaml", "sockspec: 1\napi: { name: cli }\nnamespaces: { /: {} }\n");
    auto r = gen("validate good.yaml bad.yaml", s.dir);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err,
              "bad.yaml:2:6: error: missing required key 'version'\n"
              "api: { name: cli }\n     ^\n");
}

TEST_F(cli, usage_and_io_errors_exit_2) {
    auto r = gen("validate missing.yaml", s.dir);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("cannot read 'missing.yaml'"), std::string::npos) << r.err;
    EXPECT_EQ(gen("validate .", s.dir).code, 2);   // a folder
    EXPECT_EQ(gen("", s.dir).code, 2);
    EXPECT_EQ(gen("frobnicate good.yaml", s.dir).code, 2);
    EXPECT_EQ(gen("generate good.yaml", s.dir).code, 2);                       // no --out
    EXPECT_EQ(gen("generate --lang cobol --out o good.yaml", s.dir).code, 2);  // bad language
    EXPECT_EQ(gen("validate", s.dir).code, 2);                                 // no file
    EXPECT_EQ(gen("--help", s.dir).code, 0);
}

TEST_F(cli, duplicate_api_name_across_files) {
    spit(s.dir / "again.yaml", good);
    auto r = gen("validate good.yaml again.yaml", s.dir);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(
        r.err.find("again.yaml:2:14: error: duplicate api name 'cli' (also used by good.yaml)"),
        std::string::npos)
        << r.err;
}

TEST_F(cli, generate_then_check_detects_stale_missing_orphaned) {
    auto r = gen("generate --out out good.yaml", s.dir);
    ASSERT_EQ(r.code, 0) << r.err;
    auto produced = files(s.dir / "out");
    EXPECT_EQ(gen("generate --check --out out good.yaml", s.dir).code, 0);
    // A second generate changes nothing.
    EXPECT_EQ(gen("generate --out out good.yaml", s.dir).out, "");

    // Orphans are detected even when the emitters produce nothing.
    spit(s.dir / "out/ts/orphan.ts", "x");
    spit(s.dir / "out/unmanaged/keep.txt", "x");
    r = gen("generate --check --out out good.yaml", s.dir);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("orphaned: out/ts/orphan.ts"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("keep.txt"), std::string::npos) << r.err;
    // Without ts, ts/ is not a managed folder.
    EXPECT_EQ(gen("generate --check --lang cpp,md --out out good.yaml", s.dir).code, 0);
    fs::remove(s.dir / "out/ts/orphan.ts");

    if (produced.empty()) GTEST_SKIP() << "emitters produce no files yet";
    fs::path victim = s.dir / "out" / produced.front();
    std::string original = slurp(victim);
    spit(victim, original + "// edited\n");
    r = gen("generate --check --out out good.yaml", s.dir);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("stale: out/" + produced.front()), std::string::npos) << r.err;
    EXPECT_EQ(slurp(victim), original + "// edited\n");  // --check writes nothing

    fs::remove(victim);
    r = gen("generate --check --out out good.yaml", s.dir);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("missing: out/" + produced.front()), std::string::npos) << r.err;

    r = gen("generate --out out good.yaml", s.dir);
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(slurp(victim), original);
    auto expected = produced;
    expected.push_back("unmanaged/keep.txt");
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(files(s.dir / "out"), expected);
}

TEST_F(cli, generate_into_unwritable_folder_exits_2) {
    if (gen("generate --out out good.yaml", s.dir).out.empty())
        GTEST_SKIP() << "emitters produce no files yet";
    spit(s.dir / "blocker", "x");
    auto r = gen("generate --out blocker/out good.yaml", s.dir);
    EXPECT_EQ(r.code, 2);
    EXPECT_FALSE(r.err.empty());
}

TEST_F(cli, schema_errors_block_generation) {
    spit(s.dir / "bad.yaml", "sockspec: 2\n");
    auto r = gen("generate --out out bad.yaml", s.dir);
    EXPECT_EQ(r.code, 1);
    EXPECT_FALSE(fs::exists(s.dir / "out"));
}

}  // namespace
}  // namespace sockspec::gen
