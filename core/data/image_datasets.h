#pragma once
// Image datasets (a folder of images, OpenCV's digits.png) are decoded with OpenCV, and merely
// linking OpenCV costs ~75 ms and ~40 MB at every process start. So the data layer reaches their
// loaders through this registry: a program that decodes images calls enable_image_datasets()
// (data/enable_image_datasets.h, library fedhap_images) once at start. The light `fedhap` does not
// link OpenCV; asked for such a dataset, it gets ImageSupportMissing and hands the command to
// fedhap-train, which has it.
#include <stdexcept>
#include <string>

#include "data/dataset.h"

namespace fedhap {

struct ImageDatasetLoaders {
    Dataset (*folder)(const std::string& root);
    Dataset (*digits_sheet)(const std::string& png_path);
};

class ImageSupportMissing : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

void set_image_dataset_loaders(const ImageDatasetLoaders& loaders);
// Throws ImageSupportMissing when no program start registered them.
const ImageDatasetLoaders& image_dataset_loaders();

}  // namespace fedhap
