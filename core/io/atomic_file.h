#pragma once
// Whole-file writes that a crash or a kill cannot leave half done: readers see the old file or
// the new one, and after a power loss the new one is on disk once this returns.
#include <string>
#include <string_view>

namespace fedhap {

// Writes `bytes` to a temporary file in the folder of `path`, fsyncs it, renames it over `path`
// and fsyncs the folder. The folder must exist. Throws DataError naming `path` on any failure
// (the temporary file is removed).
void write_file_atomic(const std::string& path, std::string_view bytes);

}  // namespace fedhap
