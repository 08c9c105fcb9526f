#pragma once
// The file readers take paths: a harness hands them its input through a file of its own (one per
// role, rewritten every execution) in a folder of its own under the temporary folder ($TMPDIR),
// removed when the process ends.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

namespace fedhap::fuzz {

class ScratchFolder {
public:
    ScratchFolder() : path_(std::filesystem::temp_directory_path() / ("fedhap-fuzz-" + std::to_string(::getpid()))) {
        std::filesystem::create_directories(path_);
    }
    ~ScratchFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

inline const ScratchFolder& scratch_folder() {
    static const ScratchFolder folder;
    return folder;
}

inline std::string input_file(const std::string& role, const std::uint8_t* data, std::size_t size) {
    const std::string path = scratch_folder().file(role);
    if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
        if (size) std::fwrite(data, 1, size, f);
        std::fclose(f);
    }
    return path;
}

}  // namespace fedhap::fuzz
