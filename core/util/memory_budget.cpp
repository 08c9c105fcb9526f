#include "util/memory_budget.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace fedhap {

std::uint64_t available_memory_bytes() {
    std::ifstream in("/proc/meminfo");
    std::string key;
    std::uint64_t kib = 0;
    std::string unit;
    while (in >> key >> kib >> unit)
        if (key == "MemAvailable:") return kib * 1024;
    return 0;
}

void check_memory_budget(std::uint64_t needed, std::uint64_t available, const std::string& what) {
    if (available == 0 || needed <= available) return;
    char text[200];
    std::snprintf(text, sizeof text, "%s needs about %.1f GiB of memory, this machine has %.1f GiB available", what.c_str(),
                  static_cast<double>(needed) / (1ull << 30), static_cast<double>(available) / (1ull << 30));
    throw std::runtime_error(text);
}

}  // namespace fedhap
