#pragma once
// OpenCV's samples/data/digits.png: a 2000×1000 sheet of 5,000 handwritten 20×20 digits,
// 100 per row, 5 rows per digit class (0 first).
#include <string>

#include "data/dataset.h"

namespace fedhap {

Dataset load_digits_sheet(const std::string& png_path);

}  // namespace fedhap
