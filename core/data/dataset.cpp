#include "data/dataset.h"

#include <cstring>

#include "data/data_error.h"

namespace fedhap {

Dataset Dataset::subset(const std::vector<std::size_t>& indices) const {
    Dataset out;
    out.name = name;
    out.channels = channels;
    out.height = height;
    out.width = width;
    out.class_names = class_names;
    const std::size_t bytes = image_bytes();
    out.pixels.resize(indices.size() * bytes);
    out.labels.resize(indices.size());
    for (std::size_t k = 0; k < indices.size(); ++k) {
        std::memcpy(out.pixels.data() + k * bytes, image(indices[k]), bytes);
        out.labels[k] = labels[indices[k]];
    }
    return out;
}

std::vector<std::size_t> Dataset::class_counts() const {
    std::vector<std::size_t> counts(num_classes(), 0);
    for (auto y : labels) ++counts[static_cast<std::size_t>(y)];
    return counts;
}

void Dataset::validate(const std::string& origin) const {
    if (class_names.empty()) throw DataError(origin, "no classes");
    if (pixels.size() != labels.size() * image_bytes())
        throw DataError(origin, "pixel buffer does not match " + std::to_string(labels.size()) +
                                    " images of " + std::to_string(image_bytes()) + " bytes");
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] < 0 || static_cast<std::size_t>(labels[i]) >= num_classes())
            throw DataError(origin, "label " + std::to_string(labels[i]) + " of item " +
                                        std::to_string(i) + " is out of range 0.." +
                                        std::to_string(num_classes() - 1));
}

Dataset concatenate(const Dataset& a, const Dataset& b) {
    if (b.size() == 0) return a;
    if (a.size() == 0) return b;
    if (a.channels != b.channels || a.height != b.height || a.width != b.width ||
        a.class_names != b.class_names)
        throw DataError(a.name, "cannot join parts with different image geometry or classes");
    Dataset out = a;
    out.pixels.insert(out.pixels.end(), b.pixels.begin(), b.pixels.end());
    out.labels.insert(out.labels.end(), b.labels.begin(), b.labels.end());
    return out;
}

}  // namespace fedhap
