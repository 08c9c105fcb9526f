#include "fl/client.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <chrono>

#include "losses/adversarial_loss.h"
#include "losses/dpsh_loss.h"
#include "losses/prototype_losses.h"
#include "losses/regularizers.h"
#include "nn/weights.h"
#include "util/random.h"

namespace fedhap {

std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t round, std::uint64_t client, std::uint64_t purpose) {
    Rng rng(seed ^ (round * 0x9E3779B97F4A7C15ull) ^ (client * 0xC2B2AE3D27D4EB4Full) ^ (purpose * 0x165667B19E3779F9ull));
    return rng.next_u64();
}

Client::Client(int id, std::vector<std::int64_t> rows, double feature_noise_sigma, const NetSpec& net, int classes,
               const MethodOptions& options, const TrainSettings& train, torch::Device device, std::uint64_t seed)
    : id_(id), rows_(std::move(rows)), noise_sigma_(feature_noise_sigma), classes_(classes), bits_(net.bits),
      options_(options), train_(train), device_(device), seed_(seed) {
    // Every client starts from the same weights (the seed's), as if sent by the server.
    torch::manual_seed(seed);
    model_ = HashNet(net);
    model_->to(device);
    discriminator_ = Discriminator(net.bits, classes);
    discriminator_->to(device);
    rows_tensor_ = torch::tensor(rows_, torch::kInt64).to(device);
}

void Client::set_class_prior(const TrainData& data) {
    if (options_.logit_adjust <= 0 || logit_offset_.defined()) return;
    // Add-one smoothed prior of this client's labels: absent classes keep a small weight.
    const torch::Tensor counts = torch::bincount(data.labels.index_select(0, rows_tensor_).cpu(), {}, classes_).to(torch::kFloat32);
    const torch::Tensor prior = (counts + 1) / (counts.sum() + classes_);
    logit_offset_ = (options_.logit_adjust * prior.log()).to(device_);
}

torch::Tensor Client::normal_noise(torch::IntArrayRef sizes) {
    // Drawn on the CPU from this client's own generator: clients may train in parallel threads,
    // and a resumed run must draw the same numbers.
    return torch::randn(sizes, generator_, torch::TensorOptions().dtype(torch::kFloat32)).to(device_);
}

torch::Tensor Client::batch_loss(const torch::Tensor& u, const torch::Tensor& y, const torch::Tensor& prototypes,
                                 const torch::Tensor& with_prototype, const std::vector<torch::Tensor>& anchor) {
    torch::Tensor loss = torch::zeros({}, u.options());
    if (options_.similarity == SimilarityLoss::Dpsh) loss = loss + options_.lambda_similarity * dpsh_loss(u, y);
    if (prototypes.defined() && options_.prototype_loss != PrototypeLoss::None) {
        if (with_prototype.numel() > 0) {
            const torch::Tensor uk = u.index_select(0, with_prototype), yk = y.index_select(0, with_prototype);
            torch::Tensor pull;
            switch (options_.prototype_loss) {
                case PrototypeLoss::Bce: pull = prototype_bce_loss(uk, prototypes.index_select(0, yk)); break;
                case PrototypeLoss::Mse: pull = prototype_mse_loss(uk, prototypes.index_select(0, yk)); break;
                case PrototypeLoss::Ce:
                    pull = prototype_ce_loss(uk, prototypes, yk, options_.ce_scale, options_.ce_margin, logit_offset_);
                    break;
                case PrototypeLoss::None: break;
            }
            loss = loss + options_.lambda_prototype * pull;
        }
    }
    if (options_.lambda_quantization > 0) loss = loss + options_.lambda_quantization * quantization_loss(u);
    if (options_.adversarial && prototypes.defined()) {
        const torch::Tensor onehot = torch::nn::functional::one_hot(y, classes_).to(u.dtype());
        loss = loss + options_.lambda_adversarial * generator_loss(discriminator_->forward(u, onehot));
    }
    if (options_.fedprox_mu > 0 && !anchor.empty()) loss = loss + proximal_term(*model_, anchor, options_.fedprox_mu);
    return loss;
}

void Client::discriminator_step(const torch::Tensor& u, const torch::Tensor& y, const torch::Tensor& prototypes,
                                const torch::Tensor& with_prototype, torch::optim::Optimizer& optimizer) {
    if (with_prototype.numel() == 0) return;
    const torch::Tensor yk = y.index_select(0, with_prototype);
    const torch::Tensor onehot = torch::nn::functional::one_hot(yk, classes_).to(u.dtype());
    torch::Tensor real = prototypes.index_select(0, yk);
    if (options_.disc_real_noise > 0) real = real + options_.disc_real_noise * normal_noise(real.sizes());
    optimizer.zero_grad();
    const torch::Tensor loss =
        discriminator_loss(discriminator_->forward(real, onehot), discriminator_->forward(u.detach().index_select(0, with_prototype), onehot));
    loss.backward();
    optimizer.step();
}

Bytes Client::train_round(const Bytes& global_bytes, int round, const TrainData& data, StopToken& stop,
                          RunObserver& observer, ClientRoundResult& result) {
    const auto start = std::chrono::steady_clock::now();
    const GlobalMessage global = decode_global(global_bytes);
    set_class_prior(data);
    if (!global.weights.empty()) load_weights(*model_, global.weights);
    if (!global.discriminator.empty()) load_weights(*discriminator_, global.discriminator);
    torch::Tensor prototypes, known;
    if (!global.prototypes.empty()) {
        prototypes = torch::tensor(global.prototypes).view({classes_, bits_}).to(device_);
        known = torch::tensor(std::vector<std::int64_t>(global.known.begin(), global.known.end())).to(device_).to(torch::kBool);
    }
    std::vector<torch::Tensor> anchor;  // w_t for FedProx
    if (options_.fedprox_mu > 0)
        for (const auto& p : model_->parameters()) anchor.push_back(p.detach().clone());

    generator_ = at::detail::createCPUGenerator(stream_seed(seed_, static_cast<std::uint64_t>(round), static_cast<std::uint64_t>(id_), 1));
    Rng rng(stream_seed(seed_, static_cast<std::uint64_t>(round), static_cast<std::uint64_t>(id_), 2));
    torch::optim::Adam optimizer(model_->parameters(), torch::optim::AdamOptions(train_.lr));
    torch::optim::Adam disc_optimizer(discriminator_->parameters(), torch::optim::AdamOptions(train_.lr).betas({0.5, 0.999}));
    model_->train();

    const std::int64_t n = static_cast<std::int64_t>(rows_.size());
    const int batches = static_cast<int>((n + train_.batch_size - 1) / train_.batch_size);
    torch::Tensor proto_sum = torch::zeros({classes_, bits_}, torch::TensorOptions().device(device_));
    torch::Tensor proto_count = torch::zeros({classes_}, torch::TensorOptions().device(device_).dtype(torch::kInt64));
    double loss_sum = 0.0;
    std::uint64_t samples = 0;
    for (int epoch = 0; epoch < train_.local_epochs; ++epoch) {
        std::vector<std::int64_t> order(rows_.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int64_t>(i);
        rng.shuffle(order);
        const torch::Tensor perm = rows_tensor_.index_select(0, torch::tensor(order, torch::kInt64).to(device_));
        const bool last_epoch = epoch + 1 == train_.local_epochs;
        for (int b = 0; b < batches; ++b) {
            if (!stop.keep_going()) throw StopRequested{};
            const std::int64_t from = static_cast<std::int64_t>(b) * train_.batch_size;
            const torch::Tensor idx = perm.slice(0, from, std::min(n, from + train_.batch_size));
            torch::Tensor x = data.images.index_select(0, idx);
            if (noise_sigma_ > 0) x = x + noise_sigma_ * normal_noise(x.sizes());
            const torch::Tensor y = data.labels.index_select(0, idx);
            const torch::Tensor u = model_->forward(x);
            // Only codes whose class has a global prototype are pulled towards it or shown to D.
            const torch::Tensor with_prototype =
                prototypes.defined() ? known.index_select(0, y).nonzero().squeeze(1) : torch::Tensor();
            const torch::Tensor loss = batch_loss(u, y, prototypes, with_prototype, anchor);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            if (options_.adversarial && prototypes.defined()) discriminator_step(u, y, prototypes, with_prototype, disc_optimizer);
            if (last_epoch) {
                // Local prototypes from the last epoch's codes: no extra pass over the data.
                proto_sum.index_add_(0, y, u.detach());
                proto_count.index_add_(0, y, torch::ones_like(y));
            }
            const double l = loss.item<double>();
            loss_sum += l * static_cast<double>(idx.size(0));
            samples += static_cast<std::uint64_t>(idx.size(0));
            observer.on_batch(round, id_, b + 1, batches, l);
        }
    }

    ClientUpdate update;
    update.classes = classes_;
    update.bits = bits_;
    update.samples = samples;
    if (shares_weights(options_.upload)) update.weights = flatten_weights(*model_);
    if (options_.share_discriminator) update.discriminator = flatten_weights(*discriminator_);
    if (shares_prototypes(options_.upload)) {
        torch::Tensor means = (proto_sum / proto_count.clamp_min(1).unsqueeze(1).to(proto_sum.dtype()));
        if (options_.proto_dp_sigma > 0) means = means + options_.proto_dp_sigma * normal_noise(means.sizes());
        means = means.to(torch::kCPU).contiguous();
        update.prototypes.assign(means.data_ptr<float>(), means.data_ptr<float>() + means.numel());
        const torch::Tensor counts = proto_count.to(torch::kCPU);
        for (int c = 0; c < classes_; ++c) update.counts.push_back(static_cast<std::int32_t>(counts[c].item<std::int64_t>()));
    }
    result.client = id_;
    result.loss = samples ? loss_sum / static_cast<double>(samples) : 0.0;
    result.samples = samples;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return encode(update);
}

}  // namespace fedhap
