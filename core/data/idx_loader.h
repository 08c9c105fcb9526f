#pragma once
// MNIST-family IDX files (raw or .gz): MNIST, Fashion-MNIST.
#include <string>
#include <vector>

#include "data/dataset.h"

namespace fedhap {

// Reads one images file (magic 0x00000803) and its labels file (0x00000801).
Dataset load_idx_pair(const std::string& images_path, const std::string& labels_path,
                      const std::string& name, const std::vector<std::string>& class_names);

// `path` is a folder holding train-/t10k- images and labels (raw or .gz), or one of those
// files itself (then its siblings are used for the other roles).
DatasetParts load_mnist_family(const std::string& path, const std::string& name,
                               const std::vector<std::string>& class_names);

const std::vector<std::string>& fashion_mnist_class_names();
const std::vector<std::string>& digit_class_names();

}  // namespace fedhap
