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
        loss = loss + options_.lambda_adversarial * generator_loss(discriminator_->forward(discriminator_input(u, options_.disc_input), onehot));
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
    const torch::Tensor fake = u.detach().index_select(0, with_prototype);
    const torch::Tensor loss = discriminator_loss(discriminator_->forward(discriminator_input(real, options_.disc_input), onehot),
                                                  discriminator_->forward(discriminator_input(fake, options_.disc_input), onehot));
    loss.backward();
    optimizer.step();
}

// One round of local training: the state the steps share, the steps in the order they run.
class Client::Round {
public:
    Round(Client& client, const Bytes& global_message, int round, const TrainData& data)
        : c_(client), data_(data), round_(round), global_(client.adopt_global(global_message, data)),
          rng_(stream_seed(client.seed_, static_cast<std::uint64_t>(round), static_cast<std::uint64_t>(client.id_), 2)),
          optimizer_(client.model_->parameters(), torch::optim::AdamOptions(client.train_.lr)),
          disc_optimizer_(client.discriminator_->parameters(), torch::optim::AdamOptions(client.train_.lr).betas({0.5, 0.999})),
          n_(static_cast<std::int64_t>(client.rows_.size())),
          batches_(static_cast<int>((n_ + client.train_.batch_size - 1) / client.train_.batch_size)),
          proto_sum_(torch::zeros({client.classes_, client.bits_}, torch::TensorOptions().device(client.device_))),
          proto_count_(torch::zeros({client.classes_}, torch::TensorOptions().device(client.device_).dtype(torch::kInt64))) {
        c_.generator_ = at::detail::createCPUGenerator(
            stream_seed(c_.seed_, static_cast<std::uint64_t>(round), static_cast<std::uint64_t>(c_.id_), 1));
        c_.model_->train();
    }

    void train_epoch(int epoch, StopToken& stop, RunObserver& observer) {
        std::vector<std::int64_t> order(c_.rows_.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int64_t>(i);
        rng_.shuffle(order);
        const torch::Tensor perm = c_.rows_tensor_.index_select(0, torch::tensor(order, torch::kInt64).to(c_.device_));
        const bool last_epoch = epoch + 1 == c_.train_.local_epochs;
        for (int b = 0; b < batches_; ++b) {
            if (stop.stop_requested()) throw StopRequested{};
            const std::int64_t from = static_cast<std::int64_t>(b) * c_.train_.batch_size;
            train_batch(perm.slice(0, from, std::min(n_, from + c_.train_.batch_size)), last_epoch);
            observer.on_batch(round_, c_.id_, b + 1, batches_, last_loss_);
        }
    }

    ClientRoundResult result(double seconds) const {
        ClientRoundResult r;
        r.client = c_.id_;
        r.loss = samples_ ? loss_sum_ / static_cast<double>(samples_) : 0.0;
        r.samples = samples_;
        r.seconds = seconds;
        return r;
    }

    ClientUpdate update() { return c_.make_update(proto_sum_, proto_count_, samples_); }

private:
    void train_batch(const torch::Tensor& idx, bool last_epoch) {
        torch::Tensor x = data_.images.index_select(0, idx);
        if (c_.noise_sigma_ > 0) x = x + c_.noise_sigma_ * c_.normal_noise(x.sizes());
        const torch::Tensor y = data_.labels.index_select(0, idx);
        const torch::Tensor u = c_.model_->forward(x);
        // Only codes whose class has a global prototype are pulled towards it or shown to D.
        const torch::Tensor with_prototype =
            global_.prototypes.defined() ? global_.known.index_select(0, y).nonzero().squeeze(1) : torch::Tensor();
        const torch::Tensor loss = c_.batch_loss(u, y, global_.prototypes, with_prototype, global_.anchor);
        optimizer_.zero_grad();
        loss.backward();
        optimizer_.step();
        if (c_.options_.adversarial && global_.prototypes.defined())
            c_.discriminator_step(u, y, global_.prototypes, with_prototype, disc_optimizer_);
        if (last_epoch) {
            // Local prototypes from the last epoch's codes: no extra pass over the data.
            proto_sum_.index_add_(0, y, u.detach());
            proto_count_.index_add_(0, y, torch::ones_like(y));
        }
        last_loss_ = loss.item<double>();
        loss_sum_ += last_loss_ * static_cast<double>(idx.size(0));
        samples_ += static_cast<std::uint64_t>(idx.size(0));
    }

    Client& c_;
    const TrainData& data_;
    const int round_;
    const Global global_;
    Rng rng_;
    torch::optim::Adam optimizer_, disc_optimizer_;
    const std::int64_t n_;
    const int batches_;
    torch::Tensor proto_sum_, proto_count_;  // the last epoch's codes per class
    double loss_sum_ = 0.0, last_loss_ = 0.0;
    std::uint64_t samples_ = 0;
};

Client::Global Client::adopt_global(const Bytes& global_bytes, const TrainData& data) {
    const GlobalMessage global = decode_global(global_bytes);
    set_class_prior(data);
    if (!global.weights.empty()) load_weights(*model_, global.weights);
    if (!global.discriminator.empty()) load_weights(*discriminator_, global.discriminator);
    Global g;
    if (!global.prototypes.empty()) {
        g.prototypes = torch::tensor(global.prototypes).view({classes_, bits_}).to(device_);
        g.known = torch::tensor(std::vector<std::int64_t>(global.known.begin(), global.known.end())).to(device_).to(torch::kBool);
    }
    if (options_.fedprox_mu > 0)
        for (const auto& p : model_->parameters()) g.anchor.push_back(p.detach().clone());
    return g;
}

ClientUpdate Client::make_update(const torch::Tensor& proto_sum, const torch::Tensor& proto_count, std::uint64_t samples) {
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
    return update;
}

ClientRound Client::train_round(const Bytes& global_message, int round, const TrainData& data, StopToken& stop,
                                RunObserver& observer) {
    const auto start = std::chrono::steady_clock::now();
    Round r(*this, global_message, round, data);
    for (int epoch = 0; epoch < train_.local_epochs; ++epoch) r.train_epoch(epoch, stop, observer);
    const ClientUpdate update = r.update();
    ClientRound out;
    out.result = r.result(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    out.update = encode(update);
    return out;
}

}  // namespace fedhap
