#pragma once
// An image folder: one sub-folder per class (sorted by name), images inside (OpenCV).
#include <string>

#include "data/dataset.h"

namespace fedhap {

struct ImageFolderOptions {
    int width = 0;     // 0: take the first image's size
    int height = 0;
    int channels = 0;  // 0: grey when the first image is grey, else 3 (RGB)
};

Dataset load_image_folder(const std::string& root, const ImageFolderOptions& options = {});

}  // namespace fedhap
