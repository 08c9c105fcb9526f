#pragma once
// An in-memory labelled image set: uint8 pixels in N×C×H×W order, one int label per image.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace fedhap {

struct Dataset {
    std::string name;
    int channels = 1;
    int height = 0;
    int width = 0;
    std::vector<std::uint8_t> pixels;      // N*C*H*W, C-major within an image
    std::vector<std::int32_t> labels;      // N, each in [0, class_names.size())
    std::vector<std::string> class_names;  // one per class

    std::size_t size() const { return labels.size(); }
    std::size_t num_classes() const { return class_names.size(); }
    std::size_t image_bytes() const {
        return static_cast<std::size_t>(channels) * height * width;
    }
    const std::uint8_t* image(std::size_t i) const { return pixels.data() + i * image_bytes(); }

    // A new dataset holding the given images, in the given order.
    Dataset subset(const std::vector<std::size_t>& indices) const;
    // Count of images per class.
    std::vector<std::size_t> class_counts() const;
    // Throws DataError when pixels/labels/classes disagree.
    void validate(const std::string& origin) const;
};

// A dataset as shipped: a training part and (when the format has one) a test part.
struct DatasetParts {
    Dataset train;
    Dataset test;  // empty for formats without a test part (image folder, digits sheet)
};

// Appends b to a (same geometry and classes required).
Dataset concatenate(const Dataset& a, const Dataset& b);

}  // namespace fedhap
