#include "frontend.hpp"

#include <algorithm>
#include <ostream>
#include <tuple>

namespace sockspec::gen {

void diagnostics::error(source_pos pos, std::string message) {
    items_.push_back({std::move(pos), std::move(message)});
}

void diagnostics::add_source(std::string file, std::string text) {
    sources_[std::move(file)] = std::move(text);
}

namespace {

/// Line `n` (1-based) of `text`, without its line break; empty when out of range.
std::string_view line_of(std::string_view text, int n) {
    std::size_t begin = 0;
    for (int i = 1; i < n; ++i) {
        begin = text.find('\n', begin);
        if (begin == std::string_view::npos) return {};
        ++begin;
    }
    std::size_t end = text.find('\n', begin);
    std::string_view line = text.substr(begin, end == std::string_view::npos ? end : end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

}  // namespace

void diagnostics::print(std::ostream& os) const {
    std::vector<diagnostic> sorted = items_;
    std::stable_sort(sorted.begin(), sorted.end(), [](diagnostic const& a, diagnostic const& b) {
        return std::tie(a.pos.file, a.pos.line, a.pos.col) <
               std::tie(b.pos.file, b.pos.line, b.pos.col);
    });
    for (auto const& d : sorted) {
        if (d.pos.line <= 0) {
            os << d.pos.file << ": error: " << d.message << '\n';
            continue;
        }
        os << d.pos.file << ':' << d.pos.line << ':' << d.pos.col << ": error: " << d.message
           << '\n';
        auto src = sources_.find(d.pos.file);
        if (src == sources_.end()) continue;
        std::string_view line = line_of(src->second, d.pos.line);
        os << line << '\n';
        // The caret sits under byte column `col`: keep tabs, count UTF-8 sequences once.
        std::string caret;
        for (int i = 0; i + 1 < d.pos.col && i < static_cast<int>(line.size()); ++i) {
            unsigned char c = static_cast<unsigned char>(line[i]);
            if (c == '\t')
                caret += '\t';
            else if ((c & 0xC0) != 0x80)
                caret += ' ';
        }
        os << caret << "^\n";
    }
}

}  // namespace sockspec::gen
