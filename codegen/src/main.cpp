// sockspec-gen: the command line. `generate` writes C++/TypeScript/Markdown from schemas,
// `validate` only reports diagnostics. Exit codes: 0 ok, 1 schema problems or stale output,
// 2 usage or I/O errors.
#include "emit/emit.hpp"
#include "frontend.hpp"
#include "output.hpp"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace gen = sockspec::gen;

namespace {

constexpr int exit_schema = 1;
constexpr int exit_usage = 2;

/// Loads every file into `apis`. Returns 0, exit_schema after printing the diagnostics, or
/// exit_usage when a file cannot be read.
int load_all(std::vector<std::string> const& files, std::vector<gen::api>& apis) {
    for (auto const& f : files) {
        std::ifstream in(f);
        std::error_code ec;
        if (!in || !std::filesystem::is_regular_file(f, ec)) {
            std::cerr << "sockspec-gen: cannot read '" << f
                      << "': " << (in ? "not a regular file" : std::strerror(errno)) << '\n';
            return exit_usage;
        }
    }
    gen::diagnostics diags;
    for (auto const& f : files)
        if (auto a = gen::load_schema(f, diags)) apis.push_back(std::move(*a));
    gen::check_apis(apis, diags);
    if (diags.ok()) return 0;
    diags.print(std::cerr);
    return exit_schema;
}

int generate(std::vector<std::string> const& files, std::vector<std::string> const& langs,
             std::string const& out, bool check) {
    std::vector<gen::api> apis;
    if (int rc = load_all(files, apis)) return rc;
    std::vector<gen::output_file> outputs;
    std::vector<std::string> managed;
    auto add = [&](std::vector<gen::output_file> v) {
        outputs.insert(outputs.end(), std::make_move_iterator(v.begin()),
                       std::make_move_iterator(v.end()));
    };
    for (auto const& l : langs) {
        if (l == "cpp") add(gen::emit_cpp(apis)), managed.push_back("cpp/sockspec/gen");
        if (l == "ts") add(gen::emit_ts(apis)), managed.push_back("ts");
        if (l == "md") add(gen::emit_md(apis)), managed.push_back("docs");
    }
    try {
        if (check) {
            auto r = gen::check_outputs(out, outputs, managed);
            for (auto const& p : r.stale) std::cerr << "stale: " << out << '/' << p << '\n';
            for (auto const& p : r.missing) std::cerr << "missing: " << out << '/' << p << '\n';
            for (auto const& p : r.orphaned) std::cerr << "orphaned: " << out << '/' << p << '\n';
            if (r.up_to_date()) return 0;
            std::cerr << "sockspec-gen: " << out << " is out of date; run sockspec-gen generate\n";
            return exit_schema;
        }
        auto r = gen::write_outputs(out, outputs, managed);
        for (auto const& p : r.written) std::cout << "wrote " << out << '/' << p << '\n';
        for (auto const& p : r.removed) std::cout << "removed " << out << '/' << p << '\n';
        return 0;
    } catch (std::exception const& e) {
        std::cerr << "sockspec-gen: " << e.what() << '\n';
        return exit_usage;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "sockspec-gen: compiles Socket.IO event contracts (YAML) into C++, TypeScript "
        "and Markdown"};
    app.set_version_flag("--version", std::string(gen::generator_version));
    app.require_subcommand(1);

    std::vector<std::string> files;
    std::vector<std::string> langs{"cpp", "ts", "md"};
    std::string out;
    bool check = false;
    auto* g = app.add_subcommand("generate", "Validate schemas and write generated code");
    g->add_option("--lang", langs, "Languages to emit (comma separated)")
        ->delimiter(',')
        ->check(CLI::IsMember({"cpp", "ts", "md"}));
    g->add_option("--out", out, "Output folder")->required();
    g->add_flag("--check", check,
                "Write nothing; exit 1 if any output is stale, missing or orphaned");
    g->add_option("files", files, "Schema files")->required();

    std::vector<std::string> vfiles;
    auto* v = app.add_subcommand("validate", "Report schema diagnostics only");
    v->add_option("files", vfiles, "Schema files")->required();

    try {
        app.parse(argc, argv);
    } catch (CLI::ParseError const& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : exit_usage;
    }
    if (g->parsed()) return generate(files, langs, out, check);
    std::vector<gen::api> apis;
    return load_all(vfiles, apis);
}
