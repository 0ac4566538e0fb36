// sockspec-gen frontend: YAML (with positions) -> validated IR.
#pragma once

#include "model.hpp"

#include <iosfwd>
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
    void error(source_pos pos, std::string message);
    bool ok() const { return items_.empty(); }
    std::vector<diagnostic> const& items() const { return items_; }
    /// Prints every diagnostic (sorted by file, line, column) as described above.
    void print(std::ostream& os) const;

private:
    std::vector<diagnostic> items_;
};

/// Parses and validates one schema file. Returns the API when it has no errors; otherwise
/// records every problem in `diags` and returns nullopt. Never throws for bad input.
std::optional<api> load_schema(std::string const& path, diagnostics& diags);

}  // namespace sockspec::gen
