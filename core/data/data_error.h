#pragma once
#include <stdexcept>
#include <string>

namespace fedhap {

// A problem with input data; what() is one line that names the file and the fault.
class DataError : public std::runtime_error {
public:
    DataError(const std::string& file, const std::string& fault)
        : std::runtime_error(file + ": " + fault) {}
};

}  // namespace fedhap
