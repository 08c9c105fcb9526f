#pragma once
// Non-saturating GAN losses on discriminator logits.
#include <torch/types.h>

namespace fedhap {

// The discriminator's loss: real (global prototypes) → 1, fake (local codes) → 0.
torch::Tensor discriminator_loss(const torch::Tensor& real_logits, const torch::Tensor& fake_logits);
// The hashing network's loss: make its codes pass as real, −log D(fake).
torch::Tensor generator_loss(const torch::Tensor& fake_logits);

}  // namespace fedhap
