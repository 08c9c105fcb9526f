#pragma once
// A path as it may appear inside a one-line message: control bytes escaped, so a file named
// "a\nb" cannot split the line (or an ESC sequence repaint the terminal) that names it.
#include <string>
#include <string_view>

namespace fedhap {

// Returns `path` with every byte below 0x20 and 0x7f written as an escape: \n, \t, \r, and
// \xHH for the others (ESC is \x1b). Every other byte, UTF-8 included, is kept as it is.
std::string printable_path(std::string_view path);

}  // namespace fedhap
