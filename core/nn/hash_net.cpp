#include "nn/hash_net.h"

#include <stdexcept>

#include "nn/max_pool_2x2.h"

namespace fedhap {

HashNetImpl::HashNetImpl(const NetSpec& spec) : spec_(spec) { reset(); }

void HashNetImpl::reset() {
    namespace nn = torch::nn;
    const NetSpec& s = spec_;
    if (s.bits <= 0 || s.channels <= 0 || s.height <= 0 || s.width <= 0)
        throw std::invalid_argument("network: bits, channels and image size must be positive");
    if (s.kind == NetKind::Cnn) {
        if (s.height < 4 || s.width < 4) throw std::invalid_argument("cnn: images must be at least 4x4");
        const int flat = 64 * (s.height / 2 / 2) * (s.width / 2 / 2);
        // MaxPool2x2 is nn::MaxPool2d(2), bit for bit, faster (nn/max_pool_2x2.h).
        body_ = nn::Sequential(nn::Conv2d(nn::Conv2dOptions(s.channels, 32, 3).padding(1)), nn::ReLU(),
                               MaxPool2x2(), nn::Conv2d(nn::Conv2dOptions(32, 64, 3).padding(1)), nn::ReLU(),
                               MaxPool2x2(), nn::Flatten(), nn::Linear(flat, s.hidden), nn::ReLU(),
                               nn::Linear(s.hidden, s.bits), nn::Tanh());
    } else {
        const int in = s.channels * s.height * s.width;
        body_ = nn::Sequential(nn::Flatten(), nn::Linear(in, s.hidden), nn::ReLU(), nn::Linear(s.hidden, s.hidden),
                               nn::ReLU(), nn::Linear(s.hidden, s.bits), nn::Tanh());
    }
    register_module("body", body_);
}

torch::Tensor HashNetImpl::forward(torch::Tensor x) { return body_->forward(x); }

DiscriminatorImpl::DiscriminatorImpl(int bits, int classes, int hidden)
    : bits_(bits), classes_(classes), hidden_(hidden) {
    reset();
}

void DiscriminatorImpl::reset() {
    namespace nn = torch::nn;
    body_ = nn::Sequential(nn::Linear(bits_ + classes_, hidden_),
                           nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2)), nn::Linear(hidden_, 1));
    register_module("body", body_);
}

torch::Tensor DiscriminatorImpl::forward(torch::Tensor codes, torch::Tensor onehot) {
    return body_->forward(torch::cat({codes, onehot}, 1)).squeeze(1);
}

std::int64_t parameter_count(const torch::nn::Module& module) {
    std::int64_t n = 0;
    for (const auto& p : module.parameters()) n += p.numel();
    return n;
}

}  // namespace fedhap
