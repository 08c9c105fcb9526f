#pragma once
// Whole-file reads; gzip-compressed files are inflated transparently.
#include <cstdint>
#include <string>
#include <vector>

namespace fedhap {

// Reads a file; if it starts with the gzip magic it is decompressed. Throws DataError
// (missing, unreadable, corrupt gzip stream).
std::vector<std::uint8_t> read_file_bytes(const std::string& path);

// First existing path among `base` and `base + ".gz"`, or "" when neither exists.
std::string find_raw_or_gz(const std::string& base);

}  // namespace fedhap
