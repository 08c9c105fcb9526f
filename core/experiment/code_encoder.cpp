#include "experiment/code_encoder.h"

#include <torch/torch.h>

#include <cstring>

namespace fedhap {

torch::Tensor image_tensor(const Dataset& data, const std::vector<std::size_t>& rows, torch::Device device) {
    const auto bytes = static_cast<std::int64_t>(data.image_bytes());
    torch::Tensor raw = torch::empty({static_cast<std::int64_t>(rows.size()), data.channels, data.height, data.width}, torch::kUInt8);
    auto* dst = raw.data_ptr<std::uint8_t>();
    for (std::size_t i = 0; i < rows.size(); ++i) std::memcpy(dst + static_cast<std::int64_t>(i) * bytes, data.image(rows[i]), static_cast<std::size_t>(bytes));
    return raw.to(device).to(torch::kFloat32).div_(255.0);
}

std::vector<float> encode_images(HashNet& model, const Dataset& data, const std::vector<std::size_t>& rows,
                                 torch::Device device, int batch_size) {
    torch::NoGradGuard no_grad;  // thread-local: set here, in the thread that encodes
    const bool was_training = model->is_training();
    model->eval();
    std::vector<float> codes;
    codes.reserve(rows.size() * static_cast<std::size_t>(model->spec().bits));
    for (std::size_t from = 0; from < rows.size(); from += static_cast<std::size_t>(batch_size)) {
        const std::vector<std::size_t> part(rows.begin() + static_cast<std::ptrdiff_t>(from),
                                            rows.begin() + static_cast<std::ptrdiff_t>(std::min(rows.size(), from + batch_size)));
        const torch::Tensor u = model->forward(image_tensor(data, part, device)).to(torch::kCPU).contiguous();
        codes.insert(codes.end(), u.data_ptr<float>(), u.data_ptr<float>() + u.numel());
    }
    model->train(was_training);
    return codes;
}

}  // namespace fedhap
