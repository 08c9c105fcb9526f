#include "losses/prototype_losses.h"

#include <torch/torch.h>

namespace fedhap {

torch::Tensor prototype_bce_loss(const torch::Tensor& u, const torch::Tensor& targets) {
    constexpr double kEps = 1e-6;  // tanh saturates to ±1 in float: keep log() finite
    const torch::Tensor p = ((u + 1) * 0.5).clamp(kEps, 1 - kEps);
    return torch::binary_cross_entropy(p, (targets + 1) * 0.5);
}

torch::Tensor prototype_mse_loss(const torch::Tensor& u, const torch::Tensor& targets) {
    return (u - targets).pow(2).mean();
}

torch::Tensor cosine_to_prototypes(const torch::Tensor& u, const torch::Tensor& prototypes) {
    namespace F = torch::nn::functional;
    return torch::mm(F::normalize(u, F::NormalizeFuncOptions().dim(1)),
                     F::normalize(prototypes, F::NormalizeFuncOptions().dim(1)).t());
}

torch::Tensor prototype_ce_loss(const torch::Tensor& u, const torch::Tensor& prototypes, const torch::Tensor& labels,
                                double scale, double margin, const torch::Tensor& logit_offset,
                                const torch::Tensor& logit_scale) {
    namespace F = torch::nn::functional;
    const torch::Tensor cos = cosine_to_prototypes(u, prototypes);
    const torch::Tensor onehot = F::one_hot(labels, prototypes.size(0)).to(u.dtype());
    torch::Tensor logits = scale * (cos - margin * onehot);
    if (logit_scale.defined()) logits = logits * logit_scale.unsqueeze(0);
    if (logit_offset.defined()) logits = logits + logit_offset.unsqueeze(0);
    return F::cross_entropy(logits, labels);
}

}  // namespace fedhap
