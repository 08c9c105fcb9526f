#include "nn/max_pool_2x2.h"

#include <ATen/Parallel.h>
#include <torch/autograd.h>
#include <torch/torch.h>

#include <cmath>
#include <limits>

namespace fedhap {
namespace {

bool handled_here(const torch::Tensor& x) {
    return x.device().is_cpu() && x.scalar_type() == torch::kFloat32 && x.dim() == 4 && x.is_contiguous() &&
           x.size(2) >= 2 && x.size(3) >= 2;
}

// The window's maximum as LibTorch's cpu_max_pool (MaxPoolKernel.cpp) finds it for kernel 2,
// stride 2, no padding: the same comparisons in the same order, so the same value and index.
inline std::int64_t window_max(const float* plane, std::int64_t first, std::int64_t w, float& max_value) {
    const std::int64_t at[4] = {first, first + 1, first + w, first + w + 1};
    std::int64_t max_index = first;
    max_value = -std::numeric_limits<float>::infinity();
    for (const std::int64_t k : at) {
        const float v = plane[k];
        if (v > max_value || std::isnan(v)) {
            max_value = v;
            max_index = k;
        }
    }
    return max_index;
}

// Calls f(plane, output position, first input index) for every window, planes in parallel.
template <class F>
void for_each_window(const torch::Tensor& x, F f) {
    const std::int64_t planes = x.size(0) * x.size(1), h = x.size(2), w = x.size(3), oh = h / 2, ow = w / 2;
    at::parallel_for(0, planes, 16, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t p = begin; p < end; ++p)
            for (std::int64_t i = 0; i < oh; ++i)
                for (std::int64_t j = 0; j < ow; ++j) f(p, p * oh * ow + i * ow + j, 2 * i * w + 2 * j);
    });
}

torch::Tensor pool(const torch::Tensor& x) {
    torch::Tensor out = torch::empty({x.size(0), x.size(1), x.size(2) / 2, x.size(3) / 2}, x.options());
    const float* in = x.data_ptr<float>();
    float* o = out.data_ptr<float>();
    const std::int64_t w = x.size(3), plane_size = x.size(2) * w;
    for_each_window(x, [&](std::int64_t p, std::int64_t at, std::int64_t first) { window_max(in + p * plane_size, first, w, o[at]); });
    return out;
}

// LibTorch's backward (cpu_max_pool_backward): zeros, then grad_input[argmax] += grad_output.
// The argmax is found again instead of kept from the forward pass: no index tensor to fill.
torch::Tensor pool_backward(const torch::Tensor& x, const torch::Tensor& grad_output) {
    const torch::Tensor g = grad_output.contiguous();
    torch::Tensor grad_input = torch::zeros_like(x);
    const float* in = x.data_ptr<float>();
    const float* go = g.data_ptr<float>();
    float* gi = grad_input.data_ptr<float>();
    const std::int64_t w = x.size(3), plane_size = x.size(2) * w;
    for_each_window(x, [&](std::int64_t p, std::int64_t at, std::int64_t first) {
        float max_value;
        gi[p * plane_size + window_max(in + p * plane_size, first, w, max_value)] += go[at];
    });
    return grad_input;
}

class MaxPool2x2Function : public torch::autograd::Function<MaxPool2x2Function> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x) {
        ctx->save_for_backward({x});
        return pool(x);
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grad) {
        return {pool_backward(ctx->get_saved_variables()[0], grad[0])};
    }
};

}  // namespace

torch::Tensor MaxPool2x2Impl::forward(const torch::Tensor& x) {
    if (!handled_here(x)) return torch::max_pool2d(x, 2);
    if (x.requires_grad() && torch::GradMode::is_enabled()) return MaxPool2x2Function::apply(x);
    return pool(x);
}

}  // namespace fedhap
