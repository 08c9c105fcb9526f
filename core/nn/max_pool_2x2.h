#pragma once
// 2×2 max pooling, stride 2 (torch::nn::MaxPool2d(2)), with the same outputs, the same argmax
// (the first maximum in row-major window order; a NaN wins, the last one) and the same backward
// (zeros, then the gradient added at the argmax, found again from the saved input), so training
// is bit for bit what MaxPool2d gives. Why: LibTorch 1.13's general CPU kernel, on the classroom
// CNN's first pooling (one thread), took 5.4 ms with grad (batch 64; a training step is ~40 ms)
// and 15 ms without (batch 128, when encoding); this loop, specialised to 2×2, 0.4 and 0.75 ms.
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
