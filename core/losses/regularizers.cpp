#include "losses/regularizers.h"

#include <torch/torch.h>

namespace fedhap {

torch::Tensor quantization_loss(const torch::Tensor& u) { return (u.abs() - 1).pow(2).mean(); }

torch::Tensor proximal_term(const torch::nn::Module& module, const std::vector<torch::Tensor>& anchor, double mu) {
    const auto params = module.parameters();
    torch::Tensor sum = torch::zeros({}, params.empty() ? torch::TensorOptions() : params.front().options());
    for (std::size_t i = 0; i < params.size(); ++i) sum = sum + (params[i] - anchor[i]).pow(2).sum();
    return 0.5 * mu * sum;
}

}  // namespace fedhap
