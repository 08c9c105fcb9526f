#include "experiment/code_encoder.h"

#include <torch/torch.h>

#include <cstring>

#include "fl/torch_tasks.h"
#include "util/thread_pool.h"

namespace fedhap {

torch::Tensor image_tensor(const Dataset& data, const std::vector<std::size_t>& rows, torch::Device device) {
    const auto bytes = static_cast<std::int64_t>(data.image_bytes());
    torch::Tensor raw = torch::empty({static_cast<std::int64_t>(rows.size()), data.channels, data.height, data.width}, torch::kUInt8);
    auto* dst = raw.data_ptr<std::uint8_t>();
    for (std::size_t i = 0; i < rows.size(); ++i) std::memcpy(dst + static_cast<std::int64_t>(i) * bytes, data.image(rows[i]), static_cast<std::size_t>(bytes));
    return raw.to(device).to(torch::kFloat32).div_(255.0);
}

std::vector<float> encode_images(HashNet& model, const Dataset& data, const std::vector<std::size_t>& rows,
                                 torch::Device device, int threads, int batch_size) {
    const bool was_training = model->is_training();
    model->eval();
    const std::size_t bits = static_cast<std::size_t>(model->spec().bits);
    const auto batch = static_cast<std::size_t>(batch_size);
    std::vector<float> codes(rows.size() * bits);
    const std::size_t batches = (rows.size() + batch - 1) / batch;
    run_torch_tasks(batches, resolve_thread_count(threads), device, [&](std::size_t b) {
        c10::InferenceMode inference;  // thread-local, like NoGradGuard: set in the encoding thread
        const std::size_t from = b * batch, to = std::min(rows.size(), from + batch);
        const std::vector<std::size_t> part(rows.begin() + static_cast<std::ptrdiff_t>(from), rows.begin() + static_cast<std::ptrdiff_t>(to));
        const torch::Tensor u = model->forward(image_tensor(data, part, device)).to(torch::kCPU).contiguous();
        std::memcpy(codes.data() + from * bits, u.data_ptr<float>(), static_cast<std::size_t>(u.numel()) * sizeof(float));
    });
    model->train(was_training);
    return codes;
}

}  // namespace fedhap
