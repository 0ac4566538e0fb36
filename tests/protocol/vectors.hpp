// tests/protocol/vectors.hpp: reads the accept/reject vector files of tests/protocol/vectors.
#pragma once

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sockspec::test {

/// One line of a vector file: `<kind>: <input>[ ==> <expected>]`.
struct vector_case {
    std::string kind;      ///< "exact", "accept", "reject", "text", "binary", "packets"
    std::string input;     ///< unescaped input bytes
    std::string expected;  ///< text after " ==> ", empty when absent
    std::string where;     ///< "file:line", for failure messages
};

/// Decodes `\xHH` and `\\`; any other character is literal.
inline std::string unescape(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '\\') {
            out += '\\';
            ++i;
        } else if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x') {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 2, 2)), nullptr, 16));
            i += 3;
        } else {
            out += s[i];
        }
    }
    return out;
}

/// Decodes a hex string ("01020304") into bytes.
inline std::string from_hex(std::string_view hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    return out;
}

/// Loads a vector file; '#' lines and blank lines are skipped.
inline std::vector<vector_case> load_vectors(std::string const& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::vector<vector_case> cases;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (line.empty() || line[0] == '#') continue;
        auto const colon = line.find(": ");
        if (colon == std::string::npos) throw std::runtime_error(path + ": bad line " + line);
        vector_case c;
        c.kind = line.substr(0, colon);
        std::string_view rest = std::string_view(line).substr(colon + 2);
        if (auto const arrow = rest.rfind(" ==> "); arrow != std::string_view::npos) {
            c.expected = std::string(rest.substr(arrow + 5));
            rest = rest.substr(0, arrow);
        }
        c.input = unescape(rest);
        c.where = path + ":" + std::to_string(n);
        cases.push_back(std::move(c));
    }
    return cases;
}

}  // namespace sockspec::test
