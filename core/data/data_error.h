#pragma once
#include <stdexcept>
#include <string>

#include "util/printable_path.h"

namespace fedhap {

// A problem with input data; what() is one line that names the file and the fault (the name
// through printable_path, so it stays one line whatever the file is called).
class DataError : public std::runtime_error {
public:
    DataError(const std::string& file, const std::string& fault)
        : std::runtime_error(printable_path(file) + ": " + fault), fault_(fault) {}
    // The fault alone, for a caller that names the file as its user sees it ("runs/x/config.json").
    const std::string& fault() const { return fault_; }

private:
    std::string fault_;
};

}  // namespace fedhap
