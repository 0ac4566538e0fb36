// sockspec-gen frontend: YAML (with positions) -> validated IR.
#pragma once

#include "model.hpp"

#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sockspec::gen {

/// One problem found in a schema.
struct diagnostic {
    source_pos pos;
    std::string message;
};

/// Every problem found, in file order. Printing shows `file:line:col: error: message`, the
/// source line and a caret under the column.
class diagnostics {
public:
    /// Records an error at `pos`.
    void error(source_pos pos, std::string message);
    /// Registers the text of `file`, so print() can show the offending line.
    void add_source(std::string file, std::string text);
    /// True when no error was recorded.
    bool ok() const { return items_.empty(); }
    /// The errors in the order they were recorded.
    std::vector<diagnostic> const& items() const { return items_; }
    /// Prints every diagnostic (sorted by file, line, column) as described above.
    void print(std::ostream& os) const;

private:
    std::vector<diagnostic> items_;
    std::map<std::string, std::string> sources_;
};

/// Parses and validates one schema file. Returns the API when it has no errors; otherwise
/// records every problem in `diags` and returns nullopt. Never throws for bad input.
std::optional<api> load_schema(std::string const& path, diagnostics& diags);

/// Like load_schema, from text already in memory; `path` names the file in diagnostics and
/// becomes api::source_file (the basename when absolute).
std::optional<api> load_schema_text(std::string const& path, std::string const& text,
                                    diagnostics& diags);

/// Checks what no single file can: two APIs with the same `api.name`.
void check_apis(std::vector<api> const& apis, diagnostics& diags);

}  // namespace sockspec::gen
