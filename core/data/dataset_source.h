#pragma once
// Which dataset to load and from where: the one entry point the CLI and the GUI use.
#include <string>
#include <vector>

#include "data/dataset.h"

namespace fedhap {

enum class DatasetKind { FashionMnist, Mnist, Cifar10, Folder, Digits };

// "fashion-mnist" | "mnist" | "cifar10" | "folder" | "digits"; throws std::invalid_argument.
DatasetKind parse_dataset_kind(const std::string& text);
std::string to_string(DatasetKind kind);
std::vector<std::string> dataset_kind_names();

// The path used when none is given ("" when the kind has no default).
std::string default_data_path(DatasetKind kind);

// Loads train and test parts; throws DataError with a one-line message on bad input.
DatasetParts load_dataset(DatasetKind kind, const std::string& path);

}  // namespace fedhap
