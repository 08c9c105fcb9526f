#pragma once
// A model's parameters and buffers as one flat float32 vector: what clients and server exchange
// and what checkpoints store. The order is Module::named_parameters() then named_buffers().
#include <torch/nn/module.h>

#include <vector>

namespace fedhap {

std::vector<float> flatten_weights(const torch::nn::Module& module);
// Throws std::invalid_argument when the size does not match the module.
void load_weights(torch::nn::Module& module, const std::vector<float>& flat);
std::size_t weight_count(const torch::nn::Module& module);

}  // namespace fedhap
