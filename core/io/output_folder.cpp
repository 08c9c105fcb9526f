#include "io/output_folder.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "util/printable_path.h"

namespace fedhap {
namespace {

namespace fs = std::filesystem;

// Creates and removes a file of its own in `folder`: the one honest test of "can I write here"
// (access(2) answers for the real user id, and knows nothing of read-only mounts or full quotas).
// Returns 0, or the errno of the failure.
int probe(const std::string& folder) {
    static std::atomic<unsigned> counter{0};
    const std::string name = (fs::path(folder) / (".fedhap-probe." + std::to_string(::getpid()) + "." + std::to_string(++counter))).string();
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return errno;
    ::close(fd);
    return ::unlink(name.c_str()) == 0 ? 0 : errno;
}

std::string cause(int err) { return std::strerror(err); }

}  // namespace

void prepare_output_folder(const std::string& path, const std::string& what) {
    const std::string shown = printable_path(path);
    if (path.empty()) throw OutputError("the " + what + " has an empty name");
    std::error_code ec;
    fs::create_directories(path, ec);
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        // The error of create_directories names the cause; fall back on stat's.
        throw OutputError("cannot create the " + what + " " + shown + ": " + (ec ? ec.message() : cause(errno)));
    }
    if (!S_ISDIR(st.st_mode)) throw OutputError("cannot create the " + what + " " + shown + ": a file of that name is in the way");
    if (const int err = probe(path)) throw OutputError("cannot write in the " + what + " " + shown + ": " + cause(err));
}

void check_output_file(const std::string& path) {
    const std::string shown = printable_path(path);
    if (path.empty()) throw OutputError("the output file has an empty name");
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) throw OutputError("cannot write " + shown + ": it is a folder");
    fs::path folder = fs::path(path).parent_path();
    if (folder.empty()) folder = ".";
    if (::stat(folder.c_str(), &st) != 0) throw OutputError("cannot write " + shown + ": its folder " + printable_path(folder.string()) + ": " + cause(errno));
    if (!S_ISDIR(st.st_mode)) throw OutputError("cannot write " + shown + ": its folder " + printable_path(folder.string()) + ": " + cause(ENOTDIR));
    if (const int err = probe(folder.string())) throw OutputError("cannot write " + shown + ": " + cause(err));
}

}  // namespace fedhap
