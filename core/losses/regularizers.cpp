#include "losses/regularizers.h"

#include <torch/torch.h>

namespace fedhap {

torch::Tensor quantization_loss(const torch::Tensor& u) { return (u.abs() - 1).pow(2).mean(); }

torch::Tensor decorrelation_loss(const torch::Tensor& u) {
    const std::int64_t n = u.size(0), bits = u.size(1);
    if (n < 2 || bits < 2) return torch::zeros({}, u.options());
    constexpr double kEps = 1e-5;  // a constant bit has no correlation, not a division by zero
    const torch::Tensor z = (u - u.mean(0, true)) / (u.std(0, false, true) + kEps);
    const torch::Tensor corr = torch::mm(z.t(), z) / static_cast<double>(n);
    const torch::Tensor off = corr - torch::diag(torch::diag(corr));
    return off.pow(2).sum() / static_cast<double>(bits * (bits - 1));
}

torch::Tensor proximal_term(const torch::nn::Module& module, const std::vector<torch::Tensor>& anchor, double mu) {
    const auto params = module.parameters();
    torch::Tensor sum = torch::zeros({}, params.empty() ? torch::TensorOptions() : params.front().options());
    for (std::size_t i = 0; i < params.size(); ++i) sum = sum + (params[i] - anchor[i]).pow(2).sum();
    return 0.5 * mu * sum;
}

}  // namespace fedhap
