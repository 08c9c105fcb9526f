#pragma once
// An enum's names as one table, so parsing, printing and listing the choices (JSON, CLI, the
// workbench's combo boxes) cannot drift apart.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace fedhap {

template <typename E>
struct NamedValue {
    E value;
    const char* name;
};

template <typename E, std::size_t N>
std::vector<std::string> names_of(const NamedValue<E> (&table)[N]) {
    std::vector<std::string> out;
    for (const auto& n : table) out.emplace_back(n.name);
    return out;
}

// Throws std::invalid_argument("unknown <what> '<text>' (expected a, b or c)").
template <typename E, std::size_t N>
E parse_name(const NamedValue<E> (&table)[N], const std::string& text, const char* what) {
    for (const auto& n : table)
        if (text == n.name) return n.value;
    std::string list;
    for (std::size_t i = 0; i < N; ++i) list += (i == 0 ? "" : i + 1 == N ? " or " : ", ") + std::string(table[i].name);
    throw std::invalid_argument("unknown " + std::string(what) + " '" + text + "' (expected " + list + ")");
}

template <typename E, std::size_t N>
std::string name_of(const NamedValue<E> (&table)[N], E value) {
    for (const auto& n : table)
        if (n.value == value) return n.name;
    return "?";
}

}  // namespace fedhap
