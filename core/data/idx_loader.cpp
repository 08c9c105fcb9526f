#include "data/idx_loader.h"

#include <cstdio>
#include <filesystem>

#include "data/data_error.h"
#include "data/file_bytes.h"

namespace fedhap {
namespace {

constexpr std::uint32_t kImagesMagic = 0x00000803;  // unsigned byte, 3 dimensions
constexpr std::uint32_t kLabelsMagic = 0x00000801;  // unsigned byte, 1 dimension

std::uint32_t big_endian_u32(const std::vector<std::uint8_t>& b, std::size_t at) {
    return (std::uint32_t(b[at]) << 24) | (std::uint32_t(b[at + 1]) << 16) |
           (std::uint32_t(b[at + 2]) << 8) | std::uint32_t(b[at + 3]);
}

std::string hex(std::uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08X", v);
    return buf;
}

void check_header(const std::vector<std::uint8_t>& b, const std::string& path, std::uint32_t magic,
                  std::size_t header_bytes, const char* what) {
    if (b.size() < header_bytes)
        throw DataError(path, "truncated: " + std::to_string(b.size()) + " bytes is shorter than the " +
                                  std::to_string(header_bytes) + "-byte IDX header");
    const std::uint32_t got = big_endian_u32(b, 0);
    if (got != magic)
        throw DataError(path, "bad magic " + hex(got) + " (expected " + hex(magic) + ", an IDX " +
                                  what + " file)");
}

struct MnistFiles {
    std::string train_images, train_labels, test_images, test_labels;
};

MnistFiles resolve_files(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(path, ec)) throw DataError(path, "no such file or folder");
    const bool is_file = fs::is_regular_file(path, ec);
    const std::string dir = is_file ? fs::path(path).parent_path().string() : path;
    auto in_dir = [&](const char* base) {
        std::string found = find_raw_or_gz((fs::path(dir) / base).string());
        return found.empty() ? (fs::path(dir) / base).string() : found;
    };
    MnistFiles f{in_dir("train-images-idx3-ubyte"), in_dir("train-labels-idx1-ubyte"),
                 in_dir("t10k-images-idx3-ubyte"), in_dir("t10k-labels-idx1-ubyte")};
    if (is_file) {
        // A file given by name takes its role from that name, whatever its siblings are called.
        const std::string name = fs::path(path).filename().string();
        auto has = [&](const char* s) { return name.find(s) != std::string::npos; };
        if (has("train") && has("images")) f.train_images = path;
        else if (has("train") && has("labels")) f.train_labels = path;
        else if (has("t10k") && has("images")) f.test_images = path;
        else if (has("t10k") && has("labels")) f.test_labels = path;
        else throw DataError(path, "not an IDX file name (expected train-/t10k- images/labels)");
    }
    return f;
}

}  // namespace

Dataset load_idx_pair(const std::string& images_path, const std::string& labels_path,
                      const std::string& name, const std::vector<std::string>& class_names) {
    const auto img = read_file_bytes(images_path);
    check_header(img, images_path, kImagesMagic, 16, "images");
    const std::size_t n = big_endian_u32(img, 4), rows = big_endian_u32(img, 8),
                      cols = big_endian_u32(img, 12);
    if (rows == 0 || cols == 0 || rows > 4096 || cols > 4096)
        throw DataError(images_path, "implausible image size " + std::to_string(rows) + "x" +
                                         std::to_string(cols));
    const std::size_t want = 16 + n * rows * cols;
    if (img.size() < want)
        throw DataError(images_path, "truncated: header says " + std::to_string(n) + " images of " +
                                         std::to_string(rows) + "x" + std::to_string(cols) + " (" +
                                         std::to_string(want) + " bytes) but the file has " +
                                         std::to_string(img.size()) + " bytes");
    const auto lab = read_file_bytes(labels_path);
    check_header(lab, labels_path, kLabelsMagic, 8, "labels");
    const std::size_t m = big_endian_u32(lab, 4);
    if (lab.size() < 8 + m)
        throw DataError(labels_path, "truncated: header says " + std::to_string(m) +
                                         " labels but the file has " + std::to_string(lab.size() - 8));
    if (m != n)
        throw DataError(labels_path, "has " + std::to_string(m) + " labels but " + images_path +
                                         " has " + std::to_string(n) + " images");
    Dataset d;
    d.name = name;
    d.channels = 1;
    d.height = static_cast<int>(rows);
    d.width = static_cast<int>(cols);
    d.class_names = class_names;
    d.pixels.assign(img.begin() + 16, img.begin() + static_cast<std::ptrdiff_t>(want));
    d.labels.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const int y = lab[8 + i];
        if (static_cast<std::size_t>(y) >= class_names.size())
            throw DataError(labels_path, "label " + std::to_string(y) + " of item " + std::to_string(i) +
                                             " is out of range 0.." +
                                             std::to_string(class_names.size() - 1));
        d.labels[i] = y;
    }
    return d;
}

DatasetParts load_mnist_family(const std::string& path, const std::string& name,
                               const std::vector<std::string>& class_names) {
    const MnistFiles f = resolve_files(path);
    DatasetParts parts;
    parts.train = load_idx_pair(f.train_images, f.train_labels, name, class_names);
    parts.test = load_idx_pair(f.test_images, f.test_labels, name, class_names);
    if (parts.train.height != parts.test.height || parts.train.width != parts.test.width)
        throw DataError(f.test_images, "image size differs from " + f.train_images);
    return parts;
}

const std::vector<std::string>& fashion_mnist_class_names() {
    static const std::vector<std::string> names{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return names;
}

const std::vector<std::string>& digit_class_names() {
    static const std::vector<std::string> names{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    return names;
}

}  // namespace fedhap
