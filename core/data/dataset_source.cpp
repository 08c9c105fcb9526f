#include "data/dataset_source.h"

#include <filesystem>
#include <stdexcept>

#include "config.h"
#include "data/cifar10_loader.h"
#include "data/data_error.h"
#include "data/digits_sheet_loader.h"
#include "data/idx_loader.h"
#include "data/image_folder_loader.h"

namespace fedhap {

DatasetKind parse_dataset_kind(const std::string& text) {
    if (text == "fashion-mnist") return DatasetKind::FashionMnist;
    if (text == "mnist") return DatasetKind::Mnist;
    if (text == "cifar10") return DatasetKind::Cifar10;
    if (text == "folder") return DatasetKind::Folder;
    if (text == "digits") return DatasetKind::Digits;
    throw std::invalid_argument("unknown dataset '" + text +
                                "' (expected fashion-mnist, mnist, cifar10, folder or digits)");
}

std::string to_string(DatasetKind kind) {
    switch (kind) {
        case DatasetKind::FashionMnist: return "fashion-mnist";
        case DatasetKind::Mnist: return "mnist";
        case DatasetKind::Cifar10: return "cifar10";
        case DatasetKind::Folder: return "folder";
        case DatasetKind::Digits: return "digits";
    }
    return "?";
}

std::vector<std::string> dataset_kind_names() {
    return {"fashion-mnist", "mnist", "cifar10", "folder", "digits"};
}

std::string default_data_path(DatasetKind kind) {
    switch (kind) {
        case DatasetKind::FashionMnist: return FEDHAP_DEFAULT_FASHION_MNIST;
        case DatasetKind::Digits:
            for (const char* p : {"/usr/share/opencv4/samples/data/digits.png",
                                  "/usr/share/doc/opencv-doc/examples/data/digits.png"})
                if (std::filesystem::exists(p)) return p;
            return {};
        default: return {};
    }
}

DatasetParts load_dataset(DatasetKind kind, const std::string& given_path) {
    const std::string path = given_path.empty() ? default_data_path(kind) : given_path;
    if (path.empty())
        throw DataError(to_string(kind), "no default location for this dataset: give its path with --data");
    DatasetParts parts;
    switch (kind) {
        case DatasetKind::FashionMnist:
            parts = load_mnist_family(path, "fashion-mnist", fashion_mnist_class_names());
            break;
        case DatasetKind::Mnist: parts = load_mnist_family(path, "mnist", digit_class_names()); break;
        case DatasetKind::Cifar10: parts = load_cifar10(path); break;
        case DatasetKind::Folder: parts.train = load_image_folder(path); break;
        case DatasetKind::Digits: parts.train = load_digits_sheet(path); break;
    }
    parts.train.validate(path);
    if (parts.test.size() > 0) parts.test.validate(path);
    return parts;
}

}  // namespace fedhap
