#include "nn/weights.h"

#include <torch/torch.h>

#include <cstring>
#include <stdexcept>

namespace fedhap {
namespace {

std::vector<torch::Tensor> state_tensors(const torch::nn::Module& module) {
    std::vector<torch::Tensor> all = module.parameters();
    for (const auto& b : module.buffers()) all.push_back(b);
    return all;
}

}  // namespace

std::size_t weight_count(const torch::nn::Module& module) {
    std::size_t n = 0;
    for (const auto& t : state_tensors(module)) n += static_cast<std::size_t>(t.numel());
    return n;
}

std::vector<float> flatten_weights(const torch::nn::Module& module) {
    std::vector<float> flat;
    flat.reserve(weight_count(module));
    for (const auto& t : state_tensors(module)) {
        const torch::Tensor c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
        flat.insert(flat.end(), c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    }
    return flat;
}

void load_weights(torch::nn::Module& module, const std::vector<float>& flat) {
    if (flat.size() != weight_count(module))
        throw std::invalid_argument("weights: got " + std::to_string(flat.size()) + " values for a model of " +
                                    std::to_string(weight_count(module)));
    torch::NoGradGuard no_grad;
    std::size_t at = 0;
    for (auto& t : state_tensors(module)) {
        const auto n = t.numel();
        // from_blob does not own the memory: copy_ finishes with it before `flat` can go away.
        t.copy_(torch::from_blob(const_cast<float*>(flat.data() + at), t.sizes(), torch::kFloat32).to(t.device(), t.dtype()));
        at += static_cast<std::size_t>(n);
    }
}

}  // namespace fedhap
