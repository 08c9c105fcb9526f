#pragma once
#include <cstdint>

#include "data/dataset.h"

namespace fedhap {

// Adds Gaussian noise of standard deviation sigma (in units of the [0,1] pixel range) to every
// pixel, clamped to 0..255, seeded; the "feature-noise" scheme gives client i sigma·i/(K−1).
void apply_feature_noise(Dataset& data, double sigma, std::uint64_t seed);

}  // namespace fedhap
