#include "experiment/code_encoder.h"

#include <torch/torch.h>

#include <cstring>
#include <thread>

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
    std::vector<float> codes(rows.size() * bits);
    const std::size_t batches = (rows.size() + batch_size - 1) / static_cast<std::size_t>(batch_size);
    const int cores = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const std::size_t workers = device.is_cuda() ? 1 : std::min<std::size_t>(static_cast<std::size_t>(cores), batches);
    auto encode_batches = [&](std::size_t first, std::size_t step) {
        c10::InferenceMode inference;  // thread-local, like NoGradGuard: set in the encoding thread
        for (std::size_t b = first; b < batches; b += step) {
            const std::size_t from = b * static_cast<std::size_t>(batch_size), to = std::min(rows.size(), from + batch_size);
            const std::vector<std::size_t> part(rows.begin() + static_cast<std::ptrdiff_t>(from), rows.begin() + static_cast<std::ptrdiff_t>(to));
            const torch::Tensor u = model->forward(image_tensor(data, part, device)).to(torch::kCPU).contiguous();
            std::memcpy(codes.data() + from * bits, u.data_ptr<float>(), static_cast<std::size_t>(u.numel()) * sizeof(float));
        }
    };
    if (workers <= 1) {
        encode_batches(0, 1);
    } else {
        const int previous = torch::get_num_threads();
        std::vector<std::thread> pool;
        for (std::size_t w = 0; w < workers; ++w)
            pool.emplace_back([&, w] {
                torch::set_num_threads(std::max(1, cores / static_cast<int>(workers)));
                encode_batches(w, workers);
            });
        for (auto& t : pool) t.join();
        torch::set_num_threads(previous);
    }
    model->train(was_training);
    return codes;
}

}  // namespace fedhap
