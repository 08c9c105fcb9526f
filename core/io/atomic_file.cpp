#include "io/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "data/data_error.h"

namespace fedhap {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& step, int error) {
    throw DataError(path, "cannot write (" + step + ": " + std::strerror(error) + ")");
}

// Closes the descriptor and removes the temporary file unless the write went through.
class TempFile {
public:
    // O_EXCL with a name unique to this process and call; 0666 so that the umask applies as for
    // any other file (mkstemp would make it 0600).
    explicit TempFile(const std::string& path) {
        static std::atomic<unsigned long> counter{0};
        name_ = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
        fd_ = ::open(name_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ < 0) fail(path, "create a temporary file", errno);
    }
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!renamed_) ::unlink(name_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    int fd() const { return fd_; }
    const std::string& name() const { return name_; }
    int close() {
        const int rc = ::close(fd_);
        fd_ = -1;
        return rc;
    }
    void renamed() { renamed_ = true; }

private:
    std::string name_;
    int fd_ = -1;
    bool renamed_ = false;
};

void write_all(int fd, std::string_view bytes, const std::string& path) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(path, "write", errno);
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

// So that the rename itself survives a power loss.
void sync_folder(const std::string& path) {
    std::string folder = std::filesystem::path(path).parent_path().string();
    if (folder.empty()) folder = ".";
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) fail(path, "open its folder", errno);
    const int rc = ::fsync(fd), error = errno;
    ::close(fd);
    if (rc != 0) fail(path, "fsync its folder", error);
}

}  // namespace

void write_file_atomic(const std::string& path, std::string_view bytes) {
    TempFile tmp(path);
    write_all(tmp.fd(), bytes, path);
    if (::fsync(tmp.fd()) != 0) fail(path, "fsync", errno);
    if (tmp.close() != 0) fail(path, "close", errno);
    if (::rename(tmp.name().c_str(), path.c_str()) != 0) fail(path, "rename", errno);
    tmp.renamed();
    sync_folder(path);
}

}  // namespace fedhap
