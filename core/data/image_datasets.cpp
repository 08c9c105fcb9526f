#include "data/image_datasets.h"

#include <atomic>

namespace fedhap {
namespace {
std::atomic<const ImageDatasetLoaders*> g_loaders{nullptr};
}  // namespace

void set_image_dataset_loaders(const ImageDatasetLoaders& loaders) {
    static ImageDatasetLoaders kept;
    kept = loaders;
    g_loaders.store(&kept);
}

const ImageDatasetLoaders& image_dataset_loaders() {
    const ImageDatasetLoaders* l = g_loaders.load();
    if (!l) throw ImageSupportMissing("image datasets need OpenCV, which this program does not load");
    return *l;
}

}  // namespace fedhap
