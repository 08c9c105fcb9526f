#pragma once
// The one rule for every file the programs read (datasets, configs, .npy arrays, run folders'
// files, images, checkpoints, secrets): a regular file only, opened without blocking, its size
// checked before a byte is read. A FIFO, device or socket is refused by name, so no reader can
// hang on a pipe or fill memory from /dev/zero.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "data/data_error.h"

namespace fedhap {

// The size caps, one per kind of file: generous, but finite.
namespace input_limits {
inline constexpr std::size_t kDataset = std::size_t{4} << 30;     // a dataset file or its inflated .gz; an .npy array
inline constexpr std::size_t kCheckpoint = std::size_t{4} << 30;  // checkpoint.bin
inline constexpr std::size_t kImage = std::size_t{256} << 20;     // one image handed to OpenCV
inline constexpr std::size_t kConfig = std::size_t{16} << 20;     // config.json, a sweep grid, summary.json, retrieval.json
inline constexpr std::size_t kJournal = std::size_t{1} << 30;     // metrics.jsonl, silos.jsonl (the whole file)
inline constexpr std::size_t kJournalLine = std::size_t{16} << 20;  // one record of a .jsonl file
inline constexpr std::size_t kSecret = std::size_t{64} << 10;     // a --secret-file
}  // namespace input_limits

// A file refused by the rule, or one that could not be read; what() is "<path>: <fault>" on one
// line, e.g. "/x/in.npy: is a FIFO, not a regular file" (the path through printable_path).
class InputFileError : public DataError {
public:
    using DataError::DataError;
};

// "16 MiB", "4 GiB", "64 KiB": a cap as the messages state it.
std::string size_text(std::size_t bytes);

// A regular file open for reading. The path is opened with O_RDONLY | O_NONBLOCK | O_NOCTTY |
// O_CLOEXEC and the *opened* descriptor is fstat'ed, so there is no check-then-open race and a
// FIFO never blocks the open. Throws InputFileError when the file is missing ("file not found"),
// cannot be opened ("cannot open for reading: Permission denied"), is a folder, a FIFO, a
// character or block device or a socket, or is larger than `max_bytes`.
class InputFile {
public:
    InputFile(const std::string& path, std::size_t max_bytes);
    ~InputFile();
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    const std::string& path() const { return path_; }
    std::uint64_t size() const { return size_; }  // at open (fstat)
    std::size_t max_bytes() const { return max_bytes_; }

    // Up to `n` bytes at the current position; fewer only at the end. Throws InputFileError on a
    // read error, or when the file has grown past `max_bytes` since it was opened.
    std::size_t read_some(void* into, std::size_t n);
    // Everything from the current position to the end (at most `max_bytes` in all).
    std::string read_rest();

private:
    std::string path_;
    int fd_ = -1;
    std::uint64_t size_ = 0;
    std::size_t max_bytes_ = 0;
    std::size_t consumed_ = 0;
};

// The whole of a regular file, at most `max_bytes` (see InputFile).
std::string read_input_file(const std::string& path, std::size_t max_bytes);
std::vector<std::uint8_t> read_input_bytes(const std::string& path, std::size_t max_bytes);

// Reads a file line by line, each line at most `max_line_bytes` (without its '\n'), so one
// endless line cannot fill memory; the file's `max_bytes` bounds the total.
class LineReader {
public:
    LineReader(InputFile& file, std::size_t max_line_bytes);

    // The next line, without its '\n' (and without a '\r' before it). Returns false at the end.
    // A last line with no '\n' after it is returned too, with complete() false: a file still
    // being appended to may not have finished it. Throws InputFileError naming the file and the
    // line number when a line is longer than the bound.
    bool next(std::string& line);
    bool complete() const { return complete_; }
    std::size_t line_number() const { return line_number_; }  // of the line next() returned, from 1

private:
    bool fill();
    InputFile& file_;
    std::size_t max_line_bytes_;
    std::string buffer_;
    std::size_t at_ = 0;
    bool eof_ = false;
    bool complete_ = true;
    std::size_t line_number_ = 0;
};

}  // namespace fedhap
