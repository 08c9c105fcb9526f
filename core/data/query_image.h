#pragma once
// An image file of any size and colour, brought to a dataset's layout so a trained network can
// encode it (the workbench's "Query from an image file…"). The conversion is the image-folder
// loader's: decoded by OpenCV, 16-bit scaled to 8, grey or RGB as the dataset is, resized with
// area averaging, stored planar (C×H×W) uint8.
#include <cstdint>
#include <string>
#include <vector>

namespace fedhap {

// channels × height × width bytes; channels is 1 (grey) or 3 (RGB). Throws DataError naming the
// file when it cannot be read, std::invalid_argument for a layout it cannot produce.
std::vector<std::uint8_t> load_query_image(const std::string& path, int channels, int height, int width);

}  // namespace fedhap
