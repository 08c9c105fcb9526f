#pragma once
// Output places are proved writable before any work: a run that trains for an hour and then
// cannot write its folder has wasted the hour.
#include <stdexcept>
#include <string>

namespace fedhap {

// A folder or file the program cannot write; what() is one line with the cause, e.g.
// "cannot create the run folder /x/y: Permission denied".
class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Creates `path` (and its parents) when missing, then creates and removes a probe file in it.
// `what` names the folder in messages ("run folder", "study folder"). Throws OutputError:
// "cannot create the <what> <path>: <cause>" or "cannot write in the <what> <path>: <cause>".
void prepare_output_folder(const std::string& path, const std::string& what);

// For an output file: its folder must already exist (a mistyped folder is refused, not made)
// and take a probe file, and `path` must not name a folder. Throws OutputError
// "cannot write <path>: <cause>".
void check_output_file(const std::string& path);

}  // namespace fedhap
