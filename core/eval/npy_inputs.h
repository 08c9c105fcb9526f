#pragma once
// Retrieval inputs from .npy files, as Python training scripts save them.
#include <string>

#include "eval/label_set.h"
#include "eval/packed_codes.h"

namespace fedhap {

// count × bits codes of any numeric dtype: int8 ±1, or relaxed floats (sign taken, 0 → +1).
// Throws DataError naming the file for a damaged file, a wrong rank or bits outside 1..128.
PackedCodes read_codes_npy(const std::string& path);

// Labels: a 1-D array of integer class ids, or a 2-D count × classes 0/1 multi-hot array (any
// numeric dtype). Throws DataError naming the file otherwise.
LabelSet read_labels_npy(const std::string& path);

}  // namespace fedhap
