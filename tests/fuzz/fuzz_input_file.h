#pragma once
// The file readers take paths: a harness hands them its input through a file of its own in /tmp
// (one per process and role, rewritten every execution).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace fedhap::fuzz {

inline std::string input_file(const std::string& role, const std::uint8_t* data, std::size_t size) {
    const std::string path = "/tmp/fedhap-fuzz-" + std::to_string(::getpid()) + "-" + role;
    if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
        if (size) std::fwrite(data, 1, size, f);
        std::fclose(f);
    }
    return path;
}

}  // namespace fedhap::fuzz
