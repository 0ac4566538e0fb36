#include "names.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <vector>

namespace sockspec::gen {

namespace {

bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
    return is_upper(c) || is_lower(c) || is_digit(c);
}

}  // namespace

bool is_cpp_keyword(std::string_view word) {
    static constexpr std::string_view keywords[] = {
        "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
        "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept",
        "const", "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await",
        "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast",
        "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto",
        "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
        "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register",
        "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
        "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local",
        "throw", "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
        "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
        // Not keywords, but identifiers that would break generated code if used as names.
        "final", "override", "import", "module", "errno", "assert"};
    return std::find(std::begin(keywords), std::end(keywords), word) != std::end(keywords);
}

std::string to_snake(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (!is_alnum(c)) {
            out += '_';
            continue;
        }
        if (is_upper(c) && i > 0) {
            char p = s[i - 1];
            bool next_lower = i + 1 < s.size() && is_lower(s[i + 1]);
            // eventTypeId -> event_type_id; HTTPServer -> http_server.
            if (is_lower(p) || is_digit(p) || (is_upper(p) && next_lower)) out += '_';
        }
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    std::string collapsed;
    for (char c : out)
        if (c != '_' || (!collapsed.empty() && collapsed.back() != '_')) collapsed += c;
    while (!collapsed.empty() && collapsed.back() == '_') collapsed.pop_back();
    return collapsed;
}

std::string to_ident(std::string_view wire) {
    std::string id = to_snake(wire);
    if (id.empty()) return "_";
    if (is_digit(id.front())) id.insert(id.begin(), '_');
    if (is_cpp_keyword(id)) id += '_';
    return id;
}

std::string to_pascal(std::string_view name) {
    std::string snake = to_snake(name), out;
    bool up = true;
    for (char c : snake) {
        if (c == '_') {
            up = true;
            continue;
        }
        out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        up = false;
    }
    return out;
}

std::string nsp_ident(std::string_view path) {
    std::string rest = to_snake(path);
    return rest.empty() ? "nsp_root" : "nsp_" + rest;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
            diag = up;
        }
    }
    return row[b.size()];
}

}  // namespace sockspec::gen
