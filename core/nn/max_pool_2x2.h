#pragma once
// 2×2 max pooling, stride 2 (torch::nn::MaxPool2d(2)), with the same outputs, the same argmax
// (the first maximum in row-major window order; a NaN wins, the last one) and the same backward
// (LibTorch's max_pool2d_with_indices_backward), so training is bit for bit what MaxPool2d gives.
// Why: LibTorch 1.13's general CPU kernel took ~6.8 ms of a 40 ms training step (batch 64, one
// thread) for the classroom CNN's first pooling; this loop, specialised to 2×2, a fraction.
// Other devices, dtypes and layouts go to torch::max_pool2d.
#include <torch/nn/cloneable.h>

namespace fedhap {

class MaxPool2x2Impl : public torch::nn::Cloneable<MaxPool2x2Impl> {
public:
    void reset() override {}
    torch::Tensor forward(const torch::Tensor& x);  // N×C×H×W → N×C×⌊H/2⌋×⌊W/2⌋
};
TORCH_MODULE(MaxPool2x2);

}  // namespace fedhap
