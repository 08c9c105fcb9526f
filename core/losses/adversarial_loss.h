#pragma once
// Non-saturating GAN losses on discriminator logits.
#include <torch/types.h>

#include "fl/method_options.h"

namespace fedhap {

// The discriminator's loss: real (global prototypes) → 1, fake (local codes) → 0.
torch::Tensor discriminator_loss(const torch::Tensor& real_logits, const torch::Tensor& fake_logits);
// The hashing network's loss: make its codes pass as real, −log D(fake).
torch::Tensor generator_loss(const torch::Tensor& fake_logits);
// What the discriminator is shown of codes or prototypes (rows): as they are, or their
// directions scaled to the norm √B of a ±1 code, so that magnitude cannot give fakes away.
torch::Tensor discriminator_input(const torch::Tensor& codes, DiscriminatorInput mode);

}  // namespace fedhap
