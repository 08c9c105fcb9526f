#pragma once
#include <torch/types.h>

namespace fedhap {

// DPSH (Li et al. 2016) on a batch: Θ_ij = ½ u_iᵀu_j, s_ij = [y_i = y_j],
// L = mean_ij(log(1+e^{−|Θ|}) + max(Θ,0) − s·Θ) + 0.1·mean((u − sign u)²). u: N×B, labels: N (int64).
torch::Tensor dpsh_loss(const torch::Tensor& u, const torch::Tensor& labels);

}  // namespace fedhap
