// Dataset files: an IDX images + labels pair (raw or gzip) and a CIFAR-10 batch. The first byte
// picks the format; for IDX the next two give where the images end and the labels begin.
#include <cstdint>
#include <stdexcept>

#include "data/cifar10_loader.h"
#include "data/idx_loader.h"
#include "fuzz_input_file.h"

using namespace fedhap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 3) return 0;
    try {
        if (data[0] % 2 == 0) {
            const std::size_t split = std::min<std::size_t>(size - 3, (std::size_t{data[1]} << 8) | data[2]);
            const std::string images = fuzz::input_file("images", data + 3, split);
            const std::string labels = fuzz::input_file("labels", data + 3 + split, size - 3 - split);
            const Dataset d = load_idx_pair(images, labels, "fuzz", fashion_mnist_class_names());
            if (d.pixels.size() != d.size() * d.image_bytes()) __builtin_trap();
        } else {
            const Dataset d = load_cifar10_batch(fuzz::input_file("cifar", data + 1, size - 1), cifar10_class_names());
            if (d.pixels.size() != d.size() * d.image_bytes()) __builtin_trap();
        }
    } catch (const std::exception&) {
    }
    return 0;
}
