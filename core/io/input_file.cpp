#include "io/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fedhap {
namespace {

std::string not_regular(mode_t mode) {
    if (S_ISDIR(mode)) return "is a folder, not a file";
    if (S_ISFIFO(mode)) return "is a FIFO, not a regular file";
    if (S_ISCHR(mode)) return "is a character device, not a regular file";
    if (S_ISBLK(mode)) return "is a block device, not a regular file";
    if (S_ISSOCK(mode)) return "is a socket, not a regular file";
    return "is not a regular file";
}

}  // namespace

std::string size_text(std::size_t bytes) {
    if (bytes >= (std::size_t{1} << 30) && bytes % (std::size_t{1} << 30) == 0) return std::to_string(bytes >> 30) + " GiB";
    if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    if (bytes >= (std::size_t{1} << 10) && bytes % (std::size_t{1} << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

InputFile::InputFile(const std::string& path, std::size_t max_bytes) : path_(path), max_bytes_(max_bytes) {
    // O_NONBLOCK: opening a FIFO with no writer returns at once (then fstat refuses it); it has no
    // effect on a regular file's reads. O_NOCTTY: a terminal named as input never becomes ours.
    do fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    while (fd_ < 0 && errno == EINTR);
    if (fd_ < 0) {
        const int err = errno;
        if (err == ENOENT) throw InputFileError(path, "file not found");
        // A socket cannot be opened (ENXIO); say what it is rather than "No such device".
        struct stat st {};
        if (err == ENXIO && ::stat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) throw InputFileError(path, not_regular(st.st_mode));
        throw InputFileError(path, std::string("cannot open for reading: ") + std::strerror(err));
    }
    struct stat st {};
    if (::fstat(fd_, &st) != 0) {
        const int err = errno;
        ::close(fd_);
        throw InputFileError(path, std::string("cannot read its status: ") + std::strerror(err));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd_);
        throw InputFileError(path, not_regular(st.st_mode));
    }
    size_ = static_cast<std::uint64_t>(st.st_size);
    if (size_ > max_bytes) {
        ::close(fd_);
        throw InputFileError(path, "is larger than " + size_text(max_bytes) + "; refused");
    }
}

InputFile::~InputFile() {
    if (fd_ >= 0) ::close(fd_);
}

std::size_t InputFile::read_some(void* into, std::size_t n) {
    auto* out = static_cast<char*>(into);
    std::size_t got = 0;
    while (got < n) {
        const ssize_t r = ::read(fd_, out + got, n - got);
        if (r < 0) {
            if (errno == EINTR) continue;
            throw InputFileError(path_, std::string("read error: ") + std::strerror(errno));
        }
        if (r == 0) break;
        got += static_cast<std::size_t>(r);
        // A file that grows while it is read (a run still writing) is held to the same cap.
        if (consumed_ + got > max_bytes_) throw InputFileError(path_, "is larger than " + size_text(max_bytes_) + "; refused");
    }
    consumed_ += got;
    return got;
}

std::string InputFile::read_rest() {
    std::string out;
    // The size at open is a hint, not a promise: the file may have shrunk or grown since.
    out.resize(static_cast<std::size_t>(size_ > consumed_ ? size_ - consumed_ : 0));
    out.resize(read_some(out.data(), out.size()));
    char chunk[1 << 16];
    for (std::size_t n; (n = read_some(chunk, sizeof chunk)) > 0;) out.append(chunk, n);
    return out;
}

std::string read_input_file(const std::string& path, std::size_t max_bytes) {
    InputFile file(path, max_bytes);
    return file.read_rest();
}

std::vector<std::uint8_t> read_input_bytes(const std::string& path, std::size_t max_bytes) {
    InputFile file(path, max_bytes);
    std::vector<std::uint8_t> out(static_cast<std::size_t>(file.size()));
    out.resize(file.read_some(out.data(), out.size()));
    std::uint8_t chunk[1 << 16];
    for (std::size_t n; (n = file.read_some(chunk, sizeof chunk)) > 0;) out.insert(out.end(), chunk, chunk + n);
    return out;
}

LineReader::LineReader(InputFile& file, std::size_t max_line_bytes) : file_(file), max_line_bytes_(max_line_bytes) {}

bool LineReader::fill() {
    if (eof_) return false;
    if (at_ > 0) {
        buffer_.erase(0, at_);
        at_ = 0;
    }
    char chunk[1 << 16];
    const std::size_t n = file_.read_some(chunk, sizeof chunk);
    if (n == 0) {
        eof_ = true;
        return false;
    }
    buffer_.append(chunk, n);
    return true;
}

bool LineReader::next(std::string& line) {
    std::size_t searched = at_;
    for (;;) {
        const std::size_t nl = buffer_.find('\n', searched);
        if (nl != std::string::npos && nl - at_ <= max_line_bytes_) {
            ++line_number_;
            std::size_t end = nl;
            if (end > at_ && buffer_[end - 1] == '\r') --end;
            line.assign(buffer_, at_, end - at_);
            at_ = nl + 1;
            complete_ = true;
            return true;
        }
        // Refused as soon as the line passes the bound, before more of it is held.
        if (buffer_.size() - at_ > max_line_bytes_)
            throw InputFileError(file_.path(), "line " + std::to_string(line_number_ + 1) + " is longer than " +
                                                   size_text(max_line_bytes_) + "; refused");
        const std::size_t held = buffer_.size() - at_;
        if (!fill()) {
            if (at_ >= buffer_.size()) return false;
            ++line_number_;
            line.assign(buffer_, at_, std::string::npos);
            at_ = buffer_.size();
            complete_ = false;
            return true;
        }
        searched = at_ + held;  // fill() moved the held bytes to the front
    }
}

}  // namespace fedhap
