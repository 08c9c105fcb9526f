#include "losses/adversarial_loss.h"

#include <torch/torch.h>

#include <cmath>

namespace fedhap {

torch::Tensor discriminator_loss(const torch::Tensor& real_logits, const torch::Tensor& fake_logits) {
    namespace F = torch::nn::functional;
    return F::binary_cross_entropy_with_logits(real_logits, torch::ones_like(real_logits)) +
           F::binary_cross_entropy_with_logits(fake_logits, torch::zeros_like(fake_logits));
}

torch::Tensor generator_loss(const torch::Tensor& fake_logits) {
    return torch::nn::functional::binary_cross_entropy_with_logits(fake_logits, torch::ones_like(fake_logits));
}

torch::Tensor code_directions(const torch::Tensor& rows) {
    namespace F = torch::nn::functional;
    return F::normalize(rows, F::NormalizeFuncOptions().dim(1)) * std::sqrt(static_cast<double>(rows.size(1)));
}

}  // namespace fedhap
