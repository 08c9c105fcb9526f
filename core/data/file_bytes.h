#pragma once
// Whole-file reads; gzip-compressed files are inflated transparently.
#include <cstdint>
#include <string>
#include <vector>

#include "io/input_file.h"

namespace fedhap {

// Reads a regular file by the input-file rule (io/input_file.h); if it starts with the gzip magic
// it is decompressed. Throws DataError (missing, not a regular file, unreadable, corrupt gzip).
// No dataset file this tool reads is near this size (Fashion-MNIST's largest is 47 MB, a CIFAR-10
// batch 30 MB); a file or gzip stream beyond it is refused before it is held in memory.
constexpr std::size_t kMaxFileBytes = input_limits::kDataset;

std::vector<std::uint8_t> read_file_bytes(const std::string& path, std::size_t max_bytes = kMaxFileBytes);

// First existing path among `base` and `base + ".gz"`, or "" when neither exists.
std::string find_raw_or_gz(const std::string& base);

}  // namespace fedhap
