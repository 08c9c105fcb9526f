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

// The loop of LibTorch's cpu_max_pool (MaxPoolKernel.cpp) for kernel 2, stride 2, no padding:
// the same comparisons in the same order, so the same values and indices. `indices` may be null.
void pool(const torch::Tensor& x, torch::Tensor& out, std::int64_t* indices) {
    const std::int64_t planes = x.size(0) * x.size(1), h = x.size(2), w = x.size(3), oh = h / 2, ow = w / 2;
    const float* in = x.data_ptr<float>();
    float* o = out.data_ptr<float>();
    at::parallel_for(0, planes, 16, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t p = begin; p < end; ++p) {
            const float* plane = in + p * h * w;
            float* op = o + p * oh * ow;
            std::int64_t* ip = indices ? indices + p * oh * ow : nullptr;
            for (std::int64_t i = 0; i < oh; ++i) {
                for (std::int64_t j = 0; j < ow; ++j) {
                    const std::int64_t first = 2 * i * w + 2 * j;
                    const std::int64_t at[4] = {first, first + 1, first + w, first + w + 1};
                    std::int64_t max_index = first;
                    float max_value = -std::numeric_limits<float>::infinity();
                    for (const std::int64_t k : at) {
                        const float v = plane[k];
                        if (v > max_value || std::isnan(v)) {
                            max_value = v;
                            max_index = k;
                        }
                    }
                    op[i * ow + j] = max_value;
                    if (ip) ip[i * ow + j] = max_index;
                }
            }
        }
    });
}

class MaxPool2x2Function : public torch::autograd::Function<MaxPool2x2Function> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x) {
        torch::Tensor out = torch::empty({x.size(0), x.size(1), x.size(2) / 2, x.size(3) / 2}, x.options());
        torch::Tensor indices = torch::empty(out.sizes(), x.options().dtype(torch::kInt64));
        pool(x, out, indices.data_ptr<std::int64_t>());
        ctx->save_for_backward({x, indices});
        return out;
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grad) {
        const auto saved = ctx->get_saved_variables();
        return {at::max_pool2d_with_indices_backward(grad[0], saved[0], {2, 2}, {2, 2}, {0, 0}, {1, 1}, false, saved[1])};
    }
};

}  // namespace

torch::Tensor MaxPool2x2Impl::forward(const torch::Tensor& x) {
    if (!handled_here(x)) return torch::max_pool2d(x, 2);
    if (x.requires_grad() && torch::GradMode::is_enabled()) return MaxPool2x2Function::apply(x);
    torch::Tensor out = torch::empty({x.size(0), x.size(1), x.size(2) / 2, x.size(3) / 2}, x.options());
    pool(x, out, nullptr);
    return out;
}

}  // namespace fedhap
