#pragma once
#include <torch/nn/module.h>
#include <torch/types.h>

#include <vector>

namespace fedhap {

// mean((|u| − 1)²): pushes relaxed codes towards ±1.
torch::Tensor quantization_loss(const torch::Tensor& u);
// FedProx: μ/2·‖w − w_t‖² over the module's parameters; `anchor` holds w_t, one tensor per parameter.
torch::Tensor proximal_term(const torch::nn::Module& module, const std::vector<torch::Tensor>& anchor, double mu);

}  // namespace fedhap
