#pragma once
// CIFAR-10 binary version: data_batch_1..5.bin + test_batch.bin (+ batches.meta.txt).
#include <string>

#include "data/dataset.h"

namespace fedhap {

// Reads one batch file: records of 1 label byte + 3×32×32 pixels (R, G, B planes).
Dataset load_cifar10_batch(const std::string& path, const std::vector<std::string>& class_names);

// `dir` holds the batch files (the cifar-10-batches-bin folder).
DatasetParts load_cifar10(const std::string& dir);

const std::vector<std::string>& cifar10_class_names();

}  // namespace fedhap
