#pragma once
// Registers the OpenCV loaders of image folders and digits.png (data/image_datasets.h). Call once
// at the start of a program that may load them; the library fedhap_images holds them.
namespace fedhap {
void enable_image_datasets();
}  // namespace fedhap
