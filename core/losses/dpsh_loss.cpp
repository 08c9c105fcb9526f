#include "losses/dpsh_loss.h"

#include <torch/torch.h>

namespace fedhap {

torch::Tensor dpsh_loss(const torch::Tensor& u, const torch::Tensor& labels) {
    const torch::Tensor theta = 0.5 * torch::mm(u, u.t());
    const torch::Tensor s = labels.unsqueeze(1).eq(labels.unsqueeze(0)).to(u.dtype());
    // log(1 + e^Θ) − sΘ, written stably.
    const torch::Tensor likelihood = torch::log1p(torch::exp(-theta.abs())) + theta.clamp_min(0) - s * theta;
    return likelihood.mean() + 0.1 * (u - u.sign().detach()).pow(2).mean();
}

}  // namespace fedhap
