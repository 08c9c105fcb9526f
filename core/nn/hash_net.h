#pragma once
// The hashing network f: image (or feature vector) → relaxed code u = tanh(W·g(x)) ∈ (−1,1)^B.
#include <torch/nn/cloneable.h>
#include <torch/nn/modules/container/sequential.h>

#include "nn/net_spec.h"

namespace fedhap {

class HashNetImpl : public torch::nn::Cloneable<HashNetImpl> {
public:
    explicit HashNetImpl(const NetSpec& spec);
    void reset() override;                 // (re)creates the layers: what clone() relies on
    torch::Tensor forward(torch::Tensor x);  // N×C×H×W float in [0,1] → N×B in (−1,1)
    const NetSpec& spec() const { return spec_; }

private:
    NetSpec spec_;
    torch::nn::Sequential body_{nullptr};
};
TORCH_MODULE(HashNet);

// Discriminator D([code, onehot(y)]) → logit: tells global prototypes (real) from local codes.
class DiscriminatorImpl : public torch::nn::Cloneable<DiscriminatorImpl> {
public:
    DiscriminatorImpl(int bits, int classes, int hidden = 64);
    void reset() override;
    torch::Tensor forward(torch::Tensor codes, torch::Tensor onehot);

private:
    int bits_, classes_, hidden_;
    torch::nn::Sequential body_{nullptr};
};
TORCH_MODULE(Discriminator);

// Number of trainable scalars.
std::int64_t parameter_count(const torch::nn::Module& module);

}  // namespace fedhap
