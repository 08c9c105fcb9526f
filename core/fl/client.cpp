#include "fl/client.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <chrono>

#include "losses/adversarial_loss.h"
#include "method/local_loss.h"
#include "nn/weights.h"
#include "util/random.h"

namespace fedhap {

std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t round, std::uint64_t client, StreamPurpose purpose) {
    const auto p = static_cast<std::uint64_t>(purpose);
    Rng rng(seed ^ (round * 0x9E3779B97F4A7C15ull) ^ (client * 0xC2B2AE3D27D4EB4Full) ^ (p * 0x165667B19E3779F9ull));
    return rng.next_u64();
}

SeededNetworks seeded_networks(const NetSpec& net, int classes, torch::Device device, std::uint64_t seed) {
    // Every client starts from the same weights (the seed's), as if sent by the server.
    torch::manual_seed(seed);
    SeededNetworks s;
    s.networks.model = HashNet(net);
    s.networks.discriminator = Discriminator(net.bits, classes);
    auto initial = std::make_shared<InitialWeights>();
    initial->model = flatten_weights(*s.networks.model);
    initial->discriminator = flatten_weights(*s.networks.discriminator);
    s.initial = std::move(initial);
    s.networks.model->to(device);
    s.networks.discriminator->to(device);
    return s;
}

ClientNetworks make_client_networks(const NetSpec& net, int classes, torch::Device device) {
    ClientNetworks n;
    n.model = HashNet(net);
    n.model->to(device);
    n.discriminator = Discriminator(net.bits, classes);
    n.discriminator->to(device);
    return n;
}

Client::Client(int id, std::vector<std::int64_t> rows, double feature_noise_sigma, const NetSpec& net, int classes,
               const MethodOptions& options, const TrainSettings& train, torch::Device device, std::uint64_t seed)
    : Client(id, std::move(rows), feature_noise_sigma, net, classes, options, train, device, seed,
             seeded_networks(net, classes, torch::kCPU, seed).initial) {}

Client::Client(int id, std::vector<std::int64_t> rows, double feature_noise_sigma, const NetSpec& net, int classes,
               const MethodOptions& options, const TrainSettings& train, torch::Device device, std::uint64_t seed,
               std::shared_ptr<const InitialWeights> initial)
    : id_(id), rows_(std::move(rows)), noise_sigma_(feature_noise_sigma), net_(net), classes_(classes), bits_(net.bits),
      options_(options), train_(train), device_(device), seed_(seed), initial_(std::move(initial)) {
    rows_tensor_ = torch::tensor(rows_, torch::kInt64).to(device);
}

HashNet Client::model() const {
    HashNet m(net_);
    load_weights(*m, model_weights());
    m->to(device_);
    return m;
}

Discriminator Client::discriminator() const {
    Discriminator d(net_.bits, classes_);
    load_weights(*d, discriminator_weights());
    d->to(device_);
    return d;
}

void Client::load_state(ClientState state) {
    if (!keeps_model()) state.model.clear();
    if (options_.share_discriminator) state.discriminator.clear();
    if (!state.model.empty() && state.model.size() != initial_->model.size())
        throw std::invalid_argument("checkpoint: client " + std::to_string(id_) + "'s network has " +
                                    std::to_string(state.model.size()) + " values, the model " +
                                    std::to_string(initial_->model.size()));
    if (!state.discriminator.empty() && state.discriminator.size() != initial_->discriminator.size())
        throw std::invalid_argument("checkpoint: client " + std::to_string(id_) + "'s discriminator has " +
                                    std::to_string(state.discriminator.size()) + " values, the model " +
                                    std::to_string(initial_->discriminator.size()));
    state_ = std::move(state);
}

void Client::set_class_weights(const TrainData& data) {
    const bool adjust = options_.logit_adjust > 0, restricted = options_.absent_logit_scale != 1.0;
    if ((!adjust && !restricted) || logit_offset_.defined() || logit_scale_.defined()) return;
    const torch::Tensor counts = torch::bincount(data.labels.index_select(0, rows_tensor_).cpu(), {}, classes_).to(torch::kFloat32);
    if (adjust) {
        // Add-one smoothed prior of this client's labels: absent classes keep a small weight.
        const torch::Tensor prior = (counts + 1) / (counts.sum() + classes_);
        logit_offset_ = (options_.logit_adjust * prior.log()).to(device_);
    }
    if (restricted)
        logit_scale_ = torch::where(counts > 0, torch::ones_like(counts), torch::full_like(counts, options_.absent_logit_scale)).to(device_);
}

// One round of local training: the state the steps share, the steps in the order they run.
class Client::Round {
public:
    Round(Client& client, ClientNetworks& networks, const Bytes& global_message, int round, const TrainData& data)
        : c_(client), model_(networks.model), discriminator_(networks.discriminator), data_(data), round_(round),
          global_(adopt_global(global_message)),
          rng_(stream_seed(client.seed_, static_cast<std::uint64_t>(round), static_cast<std::uint64_t>(client.id_),
                           StreamPurpose::BatchOrder)),
          generator_(at::detail::createCPUGenerator(
              stream_seed(client.seed_, static_cast<std::uint64_t>(round), static_cast<std::uint64_t>(client.id_),
                          StreamPurpose::TrainingNoise))),
          optimizer_(model_->parameters(),
                     torch::optim::AdamOptions(round_lr(client.train_.lr, client.train_.lr_schedule, round, client.train_.rounds))),
          disc_optimizer_(discriminator_->parameters(), torch::optim::AdamOptions(client.train_.lr).betas({0.5, 0.999})),
          n_(static_cast<std::int64_t>(client.rows_.size())),
          batches_(static_cast<int>((n_ + client.train_.batch_size - 1) / client.train_.batch_size)),
          proto_sum_(torch::zeros({client.classes_, client.bits_}, torch::TensorOptions().device(client.device_))),
          proto_count_(torch::zeros({client.classes_}, torch::TensorOptions().device(client.device_).dtype(torch::kInt64))) {
        model_->train();
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

    ClientUpdate update() {
        const MethodOptions& o = c_.options_;
        ClientUpdate update;
        update.classes = c_.classes_;
        update.bits = c_.bits_;
        update.samples = samples_;
        if (shares_weights(o.upload)) update.weights = flatten_weights(*model_);
        if (o.share_discriminator) update.discriminator = flatten_weights(*discriminator_);
        if (shares_prototypes(o.upload)) {
            torch::Tensor means = (proto_sum_ / proto_count_.clamp_min(1).unsqueeze(1).to(proto_sum_.dtype()));
            if (o.proto_dp_sigma > 0) means = means + o.proto_dp_sigma * normal_noise(means.sizes());
            means = means.to(torch::kCPU).contiguous();
            update.prototypes.assign(means.data_ptr<float>(), means.data_ptr<float>() + means.numel());
            const torch::Tensor counts = proto_count_.to(torch::kCPU).contiguous();
            const std::int64_t* count = counts.data_ptr<std::int64_t>();
            for (int k = 0; k < c_.classes_; ++k) update.counts.push_back(static_cast<std::int32_t>(count[k]));
        }
        return update;
    }

    // What the client keeps of this round (called once the round is complete).
    void keep(ClientState& state) const {
        if (c_.keeps_model()) state.model = flatten_weights(*model_);
        // The discriminator only trains against prototypes; untouched, it stays "initial".
        if (!c_.options_.share_discriminator && c_.options_.adversarial && trained_discriminator_)
            state.discriminator = flatten_weights(*discriminator_);
    }

private:
    struct Global {
        torch::Tensor prototypes, known;    // undefined when the server sends no prototypes
        std::vector<torch::Tensor> anchor;  // w_t for FedProx
        mutable HashNet teacher{nullptr};   // w_t frozen, for not-true distillation (forward is non-const)
    };

    // The server's weights where it sends them, else the client's own.
    Global adopt_global(const Bytes& global_bytes) {
        const GlobalMessage global = decode_global(global_bytes);
        c_.set_class_weights(data_);
        load_weights(*model_, global.weights.empty() ? c_.model_weights() : global.weights);
        load_weights(*discriminator_, global.discriminator.empty() ? c_.discriminator_weights() : global.discriminator);
        Global g;
        if (!global.prototypes.empty()) {
            g.prototypes = torch::tensor(global.prototypes).view({c_.classes_, c_.bits_}).to(c_.device_);
            g.known = torch::tensor(std::vector<std::int64_t>(global.known.begin(), global.known.end())).to(c_.device_).to(torch::kBool);
        }
        if (c_.options_.fedprox_mu > 0)
            for (const auto& p : model_->parameters()) g.anchor.push_back(p.detach().clone());
        if (c_.options_.lambda_not_true > 0 && g.prototypes.defined()) {
            // The round's starting model, frozen: the global one where the server sends weights.
            g.teacher = HashNet(c_.net_);
            load_weights(*g.teacher, flatten_weights(*model_));
            g.teacher->to(c_.device_);
            g.teacher->eval();
        }
        return g;
    }

    torch::Tensor normal_noise(torch::IntArrayRef sizes) {
        // Drawn on the CPU from this round's own generator: clients may train in parallel threads,
        // and a resumed run must draw the same numbers.
        return torch::randn(sizes, generator_, torch::TensorOptions().dtype(torch::kFloat32)).to(c_.device_);
    }

    torch::Tensor batch_loss(const torch::Tensor& x, const torch::Tensor& u, const torch::Tensor& y,
                             const torch::Tensor& with_prototype) {
        LossBatch batch{u, y, with_prototype, global_.prototypes, c_.logit_offset_, c_.logit_scale_, {}, c_.classes_};
        if (global_.teacher) {
            const torch::NoGradGuard no_grad;
            batch.teacher_codes = global_.teacher->forward(x);
        }
        LossModels models;
        models.discriminate = [this](const torch::Tensor& rows, const torch::Tensor& onehot) {
            return discriminator_->forward(rows, onehot);
        };
        models.network = model_.get();
        models.anchor = &global_.anchor;
        return local_loss(c_.options_, batch, models);
    }

    void discriminator_step(const torch::Tensor& u, const torch::Tensor& y, const torch::Tensor& with_prototype) {
        if (with_prototype.numel() == 0) return;
        const MethodOptions& o = c_.options_;
        const torch::Tensor yk = y.index_select(0, with_prototype);
        const torch::Tensor onehot = torch::nn::functional::one_hot(yk, c_.classes_).to(u.dtype());
        torch::Tensor real = global_.prototypes.index_select(0, yk);
        if (o.disc_real_noise > 0) real = real + o.disc_real_noise * normal_noise(real.sizes());
        disc_optimizer_.zero_grad();
        const torch::Tensor fake = u.detach().index_select(0, with_prototype);
        const torch::Tensor loss = discriminator_loss(discriminator_->forward(discriminator_view(real, o.disc_input), onehot),
                                                      discriminator_->forward(discriminator_view(fake, o.disc_input), onehot));
        loss.backward();
        disc_optimizer_.step();
        trained_discriminator_ = true;
    }

    void train_batch(const torch::Tensor& idx, bool last_epoch) {
        torch::Tensor x = data_.images.index_select(0, idx);
        if (c_.noise_sigma_ > 0) x = x + c_.noise_sigma_ * normal_noise(x.sizes());
        const torch::Tensor y = data_.labels.index_select(0, idx);
        const torch::Tensor u = model_->forward(x);
        // Only codes whose class has a global prototype are pulled towards it or shown to D.
        const torch::Tensor with_prototype =
            global_.prototypes.defined() ? global_.known.index_select(0, y).nonzero().squeeze(1) : torch::Tensor();
        const torch::Tensor loss = batch_loss(x, u, y, with_prototype);
        optimizer_.zero_grad();
        loss.backward();
        optimizer_.step();
        if (c_.options_.adversarial && global_.prototypes.defined()) discriminator_step(u, y, with_prototype);
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
    HashNet model_;
    Discriminator discriminator_;
    const TrainData& data_;
    const int round_;
    const Global global_;
    Rng rng_;
    torch::Generator generator_;
    torch::optim::Adam optimizer_, disc_optimizer_;
    const std::int64_t n_;
    const int batches_;
    torch::Tensor proto_sum_, proto_count_;  // the last epoch's codes per class
    double loss_sum_ = 0.0, last_loss_ = 0.0;
    std::uint64_t samples_ = 0;
    bool trained_discriminator_ = false;
};

ClientRound Client::train_round(const Bytes& global_message, int round, const TrainData& data, StopToken& stop,
                                RunObserver& observer, ClientNetworks& networks) {
    const auto start = std::chrono::steady_clock::now();
    Round r(*this, networks, global_message, round, data);
    for (int epoch = 0; epoch < train_.local_epochs; ++epoch) r.train_epoch(epoch, stop, observer);
    const ClientUpdate update = r.update();
    ClientRound out;
    out.result = r.result(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    out.update = encode(update);
    r.keep(state_);
    return out;
}

ClientRound Client::train_round(const Bytes& global_message, int round, const TrainData& data, StopToken& stop,
                                RunObserver& observer) {
    ClientNetworks networks = make_client_networks(net_, classes_, device_);
    return train_round(global_message, round, data, stop, observer, networks);
}

}  // namespace fedhap
