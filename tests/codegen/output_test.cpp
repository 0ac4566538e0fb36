// write_outputs / check_outputs with synthetic emitter output (independent of the emitters).
#include "output.hpp"
#include "test_util.hpp"

namespace sockspec::gen {
namespace {

using test::slurp;
using test::spit;
using list = std::vector<std::string>;

std::vector<output_file> const files{{"cpp/sockspec/gen/a.hpp", "A"}, {"ts/a.ts", "T"}};
std::vector<std::string> const managed{"cpp/sockspec/gen", "ts"};

TEST(output, write_creates_then_leaves_identical_files) {
    test::scratch s;
    auto r = write_outputs(s.dir.string(), files, managed);
    EXPECT_EQ(r.written, (list{"cpp/sockspec/gen/a.hpp", "ts/a.ts"}));
    EXPECT_EQ(slurp(s.dir / "ts/a.ts"), "T");
    auto t0 = std::filesystem::last_write_time(s.dir / "ts/a.ts");
    r = write_outputs(s.dir.string(), files, managed);
    EXPECT_TRUE(r.written.empty());
    EXPECT_EQ(r.unchanged.size(), 2u);
    EXPECT_EQ(std::filesystem::last_write_time(s.dir / "ts/a.ts"), t0);
}

TEST(output, write_removes_orphans_in_managed_folders_only) {
    test::scratch s;
    spit(s.dir / "ts/old.ts", "x");
    spit(s.dir / "other/keep.txt", "x");
    auto r = write_outputs(s.dir.string(), files, managed);
    EXPECT_EQ(r.removed, list{"ts/old.ts"});
    EXPECT_FALSE(std::filesystem::exists(s.dir / "ts/old.ts"));
    EXPECT_TRUE(std::filesystem::exists(s.dir / "other/keep.txt"));
}

TEST(output, check_reports_stale_missing_orphaned_and_writes_nothing) {
    test::scratch s;
    write_outputs(s.dir.string(), files, managed);
    EXPECT_TRUE(check_outputs(s.dir.string(), files, managed).up_to_date());
    spit(s.dir / "ts/a.ts", "changed");
    std::filesystem::remove(s.dir / "cpp/sockspec/gen/a.hpp");
    spit(s.dir / "cpp/sockspec/gen/sub/extra.hpp", "x");
    spit(s.dir / "cpp/not_managed.hpp", "x");
    auto r = check_outputs(s.dir.string(), files, managed);
    EXPECT_FALSE(r.up_to_date());
    EXPECT_EQ(r.stale, list{"ts/a.ts"});
    EXPECT_EQ(r.missing, list{"cpp/sockspec/gen/a.hpp"});
    EXPECT_EQ(r.orphaned, list{"cpp/sockspec/gen/sub/extra.hpp"});
    EXPECT_EQ(slurp(s.dir / "ts/a.ts"), "changed");
    EXPECT_FALSE(std::filesystem::exists(s.dir / "cpp/sockspec/gen/a.hpp"));
}

TEST(output, write_fails_loudly_on_unwritable_folder) {
    test::scratch s;
    spit(s.dir / "blocker", "a file where a folder should be");
    EXPECT_ANY_THROW(write_outputs((s.dir / "blocker").string(), files, managed));
}

}  // namespace
}  // namespace sockspec::gen
