#pragma once
// Non-saturating GAN losses on discriminator logits.
#include <torch/types.h>

namespace fedhap {

// The discriminator's loss: real (global prototypes) → 1, fake (local codes) → 0.
torch::Tensor discriminator_loss(const torch::Tensor& real_logits, const torch::Tensor& fake_logits);
// The hashing network's loss: make its codes pass as real, −log D(fake).
torch::Tensor generator_loss(const torch::Tensor& fake_logits);
// The directions of code or prototype rows, scaled to the norm √B of a ±1 code: shown to the
// discriminator, magnitude cannot give fakes away (method/local_loss.h picks raw or these).
torch::Tensor code_directions(const torch::Tensor& rows);

}  // namespace fedhap
