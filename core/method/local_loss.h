#pragma once
// A client's local objective, one term per switch of MethodOptions: the pairwise similarity loss,
// the pull towards global prototypes, not-true distillation from the round's global model,
// quantization, bit decorrelation, the adversarial (generator) term and FedProx's proximal term,
// summed in that order. The client (fl/client.cpp) trains on it and
// never looks at the switches itself.
//
// Adding a loss term: its function in losses/, its switch and λ in MethodOptions (name table,
// config_fields.h, config_limits.h, its tip), its term below, and its flag in method_traits.
#include <torch/types.h>

#include <functional>
#include <vector>

#include "method/method_options.h"

namespace torch::nn {
class Module;
}

namespace fedhap {

// One batch as the local objective sees it.
struct LossBatch {
    torch::Tensor codes;           // u: the network's relaxed codes, batch × bits
    torch::Tensor labels;          // y
    torch::Tensor with_prototype;  // rows of the batch whose class has a global prototype
    torch::Tensor prototypes;      // the global prototypes, classes × bits; undefined when none came
    torch::Tensor logit_offset;    // τ·log prior of the client's classes, for the cosine cross-entropy
    torch::Tensor logit_scale;     // per class: 1, or FedRS's α for classes the client lacks; undefined when off
    torch::Tensor teacher_codes;   // the round's global model's codes of the batch; undefined when distillation is off
    int classes = 0;
};

// The discriminator's logits for (code rows, one-hot labels), and the network with its FedProx
// anchor (w_t; empty when FedProx is off): what the adversarial and proximal terms need.
struct LossModels {
    std::function<torch::Tensor(const torch::Tensor&, const torch::Tensor&)> discriminate;
    const torch::nn::Module* network = nullptr;
    const std::vector<torch::Tensor>* anchor = nullptr;
};

torch::Tensor local_loss(const MethodOptions& options, const LossBatch& batch, const LossModels& models);

// What the discriminator is shown of code or prototype rows under the disc_input switch.
torch::Tensor discriminator_view(const torch::Tensor& rows, DiscriminatorInput input);

}  // namespace fedhap
