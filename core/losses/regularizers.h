#pragma once
#include <torch/nn/module.h>
#include <torch/types.h>

#include <vector>

namespace fedhap {

// mean((|u| − 1)²): pushes relaxed codes towards ±1.
torch::Tensor quantization_loss(const torch::Tensor& u);
// Mean square of the off-diagonal correlations between the B bits of u over the batch (FedDecorr):
// 0 for uncorrelated bits, 1 when every bit moves with every other. Zero for a batch of one.
torch::Tensor decorrelation_loss(const torch::Tensor& u);
// FedProx: μ/2·‖w − w_t‖² over the module's parameters; `anchor` holds w_t, one tensor per parameter.
torch::Tensor proximal_term(const torch::nn::Module& module, const std::vector<torch::Tensor>& anchor, double mu);

}  // namespace fedhap
