#pragma once
// Saying up front that a run will not fit in memory, instead of failing in the middle with
// std::bad_alloc or being killed. Plain C++ (Linux /proc/meminfo).
#include <cstdint>
#include <string>

namespace fedhap {

// MemAvailable of /proc/meminfo in bytes; 0 when it cannot be read (then nothing is checked).
std::uint64_t available_memory_bytes();

// Throws std::runtime_error ("<what> needs about X GiB, this machine has Y GiB available") when
// `needed` exceeds `available` (0 = unknown: no check).
void check_memory_budget(std::uint64_t needed, std::uint64_t available, const std::string& what);

}  // namespace fedhap
