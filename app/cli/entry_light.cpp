// fedhap: hands LibTorch and OpenCV work to fedhap-train, found beside this executable (build tree) or in
// ../libexec/fedhap/ (installed).
#include <limits.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>

#include "entry.h"
#include "training_commands.h"

namespace fedhap::cli {
namespace {

constexpr const char* kTrainer = "fedhap-train";

std::filesystem::path own_folder() {
    char buf[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return {};
    buf[n] = '\0';
    return std::filesystem::path(buf).parent_path();
}

}  // namespace

void prepare_process() {}

bool has_command(const char* command) { return !is_training_command(command); }

int print_version(char** argv) { hand_over(argv); }

void hand_over(char** argv) {
    const std::filesystem::path here = own_folder();
    for (const auto& candidate : {here / kTrainer, here / ".." / "libexec" / "fedhap" / kTrainer}) {
        if (access(candidate.c_str(), X_OK) != 0) continue;
        execv(candidate.c_str(), argv);  // returns only on failure
        std::cerr << "fedhap: cannot start " << candidate.string() << ": " << std::strerror(errno) << "\n";
        std::exit(127);
    }
    std::cerr << "fedhap: " << argv[1] << " needs " << kTrainer << ", which is not installed beside " << here.string()
              << " (reinstall the package or rebuild)\n";
    std::exit(127);
}

}  // namespace fedhap::cli
