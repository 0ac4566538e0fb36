// sockspec-gen: writing emitter output to disk, or checking that disk is up to date.
#pragma once

#include "emit/emit.hpp"

#include <string>
#include <vector>

namespace sockspec::gen {

/// What writing or checking found, as paths relative to the output folder, sorted.
struct output_report {
    std::vector<std::string> written;    // created or changed
    std::vector<std::string> unchanged;  // already identical
    std::vector<std::string> removed;    // orphans deleted (write only)
    std::vector<std::string> stale;      // exists with other content (check only)
    std::vector<std::string> missing;    // does not exist (check only)
    std::vector<std::string> orphaned;   // in a managed folder, produced by no emitter

    /// True when a check found nothing to do.
    bool up_to_date() const { return stale.empty() && missing.empty() && orphaned.empty(); }
};

/// Writes `files` under `out` (creating folders, touching only files whose content differs)
/// and deletes orphans: files under the `managed` folders (relative to `out`, e.g.
/// "cpp/sockspec/gen") that no emitter produced. Throws std::filesystem::filesystem_error or
/// std::runtime_error on I/O failure.
output_report write_outputs(std::string const& out, std::vector<output_file> const& files,
                            std::vector<std::string> const& managed);

/// Compares `files` with what is under `out` without writing anything.
output_report check_outputs(std::string const& out, std::vector<output_file> const& files,
                            std::vector<std::string> const& managed);

}  // namespace sockspec::gen
