#include "data/feature_noise.h"

#include <algorithm>
#include <cmath>

#include "util/random.h"

namespace fedhap {

void apply_feature_noise(Dataset& data, double sigma, std::uint64_t seed) {
    if (sigma <= 0.0) return;
    Rng rng(seed);
    for (auto& px : data.pixels) {
        const double v = std::lround(px + 255.0 * sigma * rng.normal());
        px = static_cast<std::uint8_t>(std::clamp(v, 0.0, 255.0));
    }
}

}  // namespace fedhap
