#pragma once
// Turning images into relaxed codes with a trained network (no grad, eval mode, large batches).
#include <vector>

#include "data/dataset.h"
#include "nn/hash_net.h"

namespace fedhap {

// Images of `data` at `rows` → rows.size() × B relaxed codes, row order. Converts uint8 pixels
// to float one batch at a time, so memory stays at one batch of images per thread. On the CPU
// `threads` workers (0 = all cores) share the batches, one intra-op thread each: for
// this small network that uses the cores better than intra-op parallelism. Small batches stay
// in cache: 100 images/batch encoded ~20 % faster than 500 or 2,000 on one thread here.
std::vector<float> encode_images(HashNet& model, const Dataset& data, const std::vector<std::size_t>& rows,
                                 torch::Device device, int threads = 0, int batch_size = 128);

// The train images at `rows` as one float tensor in [0,1] on `device`.
torch::Tensor image_tensor(const Dataset& data, const std::vector<std::size_t>& rows, torch::Device device);

}  // namespace fedhap
