#include "data/dataset_source.h"

#include <filesystem>
#include <stdexcept>

#include "config.h"
#include "data/cifar10_loader.h"
#include "data/data_error.h"
#include "data/idx_loader.h"
#include "data/image_datasets.h"
#include "util/name_table.h"

namespace fedhap {

namespace {
constexpr NamedValue<DatasetKind> kKinds[] = {{DatasetKind::FashionMnist, "fashion-mnist"}, {DatasetKind::Mnist, "mnist"},
                                              {DatasetKind::Cifar10, "cifar10"},            {DatasetKind::Folder, "folder"},
                                              {DatasetKind::Digits, "digits"}};
}  // namespace

DatasetKind parse_dataset_kind(const std::string& text) { return parse_name(kKinds, text, "dataset"); }
std::string to_string(DatasetKind kind) { return name_of(kKinds, kind); }
std::vector<std::string> dataset_kind_names() { return names_of(kKinds); }

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
        case DatasetKind::Folder: parts.train = image_dataset_loaders().folder(path); break;
        case DatasetKind::Digits: parts.train = image_dataset_loaders().digits_sheet(path); break;
    }
    parts.train.validate(path);
    if (parts.test.size() > 0) parts.test.validate(path);
    return parts;
}

}  // namespace fedhap
