#pragma once
// Curves as CSV: one header line, then rows of numbers (shortest round-trip form).
#include <string>
#include <vector>

namespace fedhap {

// Throws std::invalid_argument when a row's width differs from the header's.
std::string to_csv(const std::vector<std::string>& header, const std::vector<std::vector<double>>& rows);
// Same text written to a file atomically (io/atomic_file.h); throws DataError when it cannot be written.
void write_csv(const std::string& path, const std::vector<std::string>& header,
               const std::vector<std::vector<double>>& rows);

}  // namespace fedhap
