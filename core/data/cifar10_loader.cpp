#include "data/cifar10_loader.h"

#include <filesystem>

#include "data/data_error.h"
#include "data/file_bytes.h"
#include "io/input_file.h"

namespace fedhap {
namespace {
constexpr std::size_t kImageBytes = 3 * 32 * 32;
constexpr std::size_t kRecordBytes = 1 + kImageBytes;
}  // namespace

const std::vector<std::string>& cifar10_class_names() {
    static const std::vector<std::string> names{"airplane", "automobile", "bird",  "cat",  "deer",
                                                "dog",      "frog",       "horse", "ship", "truck"};
    return names;
}

Dataset load_cifar10_batch(const std::string& path, const std::vector<std::string>& class_names) {
    const auto bytes = read_file_bytes(path);
    if (bytes.empty()) throw DataError(path, "empty file");
    if (bytes.size() % kRecordBytes != 0)
        throw DataError(path, "truncated: " + std::to_string(bytes.size()) +
                                  " bytes is not a whole number of 3073-byte CIFAR-10 records");
    const std::size_t n = bytes.size() / kRecordBytes;
    Dataset d;
    d.name = "cifar10";
    d.channels = 3;
    d.height = 32;
    d.width = 32;
    d.class_names = class_names;
    d.labels.resize(n);
    d.pixels.resize(n * kImageBytes);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t* rec = bytes.data() + i * kRecordBytes;
        if (rec[0] >= class_names.size())
            throw DataError(path, "label " + std::to_string(rec[0]) + " of record " + std::to_string(i) +
                                      " is out of range 0.." + std::to_string(class_names.size() - 1));
        d.labels[i] = rec[0];
        std::copy(rec + 1, rec + kRecordBytes, d.pixels.begin() + static_cast<std::ptrdiff_t>(i * kImageBytes));
    }
    return d;
}

DatasetParts load_cifar10(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw DataError(dir, "not a folder (expected cifar-10-batches-bin)");
    std::vector<std::string> names = cifar10_class_names();
    const fs::path meta = fs::path(dir) / "batches.meta.txt";
    if (fs::is_regular_file(meta, ec)) {
        InputFile in(meta.string(), input_limits::kConfig);
        LineReader lines(in, input_limits::kJournalLine);
        std::vector<std::string> read;
        for (std::string line; lines.next(line);)
            if (!line.empty()) read.push_back(line);  // the reader drops a '\r' before the '\n'
        if (read.size() == names.size()) names = read;
    }
    DatasetParts parts;
    for (int b = 1; b <= 5; ++b)
        parts.train = concatenate(parts.train,
                                  load_cifar10_batch((fs::path(dir) / ("data_batch_" + std::to_string(b) + ".bin")).string(), names));
    parts.test = load_cifar10_batch((fs::path(dir) / "test_batch.bin").string(), names);
    return parts;
}

}  // namespace fedhap
