#include "crosssilo/silo_trainer.h"

#include <torch/torch.h>

#include "eval/hamming_ranking.h"
#include "experiment/code_encoder.h"
#include "experiment/experiment_runner.h"
#include "experiment/federation_plan.h"
#include "nn/weights.h"
#include "util/printable_path.h"

namespace fedhap {
namespace {

std::vector<std::int64_t> first_rows(std::size_t n) {
    std::vector<std::int64_t> rows(n);
    for (std::size_t i = 0; i < n; ++i) rows[i] = static_cast<std::int64_t>(i);
    return rows;
}

}  // namespace

SiloTrainer::SiloTrainer(const FederationBrief& brief, int silo, const std::string& data_path, const std::string& device_name)
    : device_(resolve_device(device_name)) {
    const ExperimentConfig& config = brief.config;
    const torch::Device device = device_;
    // Room for the retrieval request's query codes besides a full model.
    limit_ = fedhap::message_limit(brief.net, brief.classes) + (16u << 20);
    double sigma = 0.0;
    if (data_path.empty()) {
        // The same load, split and partition as every other process of the run: its rows are
        // the ones the in-process run gives client `silo`.
        const ProtocolData data = load_protocol_data(config.dataset, config.data_path, config.sizes, config.seed);
        const FederationSetup setup = plan_federation(config, data, 1);
        if (setup.classes != brief.classes || setup.net.channels != brief.net.channels ||
            setup.net.height != brief.net.height || setup.net.width != brief.net.width)
            throw std::invalid_argument("this machine's copy of the dataset differs from the server's (classes or image size)");
        if (silo >= static_cast<int>(setup.client_rows.size()))
            throw std::invalid_argument("silo " + std::to_string(silo) + ": the run has only " +
                                        std::to_string(setup.client_rows.size()) + " silos (0 to " +
                                        std::to_string(setup.client_rows.size() - 1) + ")");
        const auto& rows = setup.client_rows[static_cast<std::size_t>(silo)];
        if (static_cast<std::size_t>(silo) < setup.feature_noise_sigma.size()) sigma = setup.feature_noise_sigma[static_cast<std::size_t>(silo)];
        data_ = train_tensors(data, rows, device);
        const std::size_t silos = setup.client_rows.size();
        std::vector<std::size_t> mine;
        for (std::size_t p = static_cast<std::size_t>(silo); p < data.split.database.size(); p += silos) {
            mine.push_back(data.split.database[p]);
            database_keys_.push_back(p);
        }
        database_ = data.joined.subset(mine);
    } else {
        const DatasetParts parts = load_dataset(config.dataset, data_path);
        const Dataset& train = parts.train;
        if (static_cast<int>(train.channels) != brief.net.channels || static_cast<int>(train.height) != brief.net.height ||
            static_cast<int>(train.width) != brief.net.width)
            throw std::invalid_argument(printable_path(data_path) + ": images of another size than the server's");
        for (auto label : train.labels)
            if (label < 0 || label >= brief.classes)
                throw std::invalid_argument(printable_path(data_path) + ": label " + std::to_string(label) + " outside the server's " +
                                            std::to_string(brief.classes) + " classes");
        std::vector<std::size_t> all(train.size());
        for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
        data_.images = image_tensor(train, all, device);
        data_.labels = torch::tensor(std::vector<std::int64_t>(train.labels.begin(), train.labels.end()), torch::kInt64).to(device);
        data_.classes = brief.classes;
        database_ = parts.test.size() > 0 ? parts.test : parts.train;
        for (std::size_t i = 0; i < database_.size(); ++i) database_keys_.push_back(own_data_key(silo, i));
    }
    images_ = static_cast<std::size_t>(data_.labels.size(0));
    counts_.assign(static_cast<std::size_t>(brief.classes), 0);
    const torch::Tensor labels = data_.labels.cpu();
    for (std::int64_t i = 0; i < labels.size(0); ++i) ++counts_[static_cast<std::size_t>(labels[i].item<std::int64_t>())];
    // The initial weights' draw, and the networks it was drawn in: every round trains in them.
    SeededNetworks seeded = seeded_networks(brief.net, brief.classes, device, config.seed);
    networks_ = seeded.networks;
    client_ = std::make_unique<Client>(silo, first_rows(images_), sigma, brief.net, brief.classes, config.method,
                                       TrainSettings{config.local_epochs, config.batch_size, config.lr, config.lr_schedule, config.rounds}, device, config.seed,
                                       seeded.initial);
}

RetrievalAnswer SiloTrainer::retrieve(const RetrievalRequest& request) {
    const GlobalMessage final_model = decode_global(request.final_model);
    if (final_model.weights.empty()) throw std::invalid_argument("retrieval request without the final weights");
    HashNet model = networks_.model;
    load_weights(*model, final_model.weights);
    RetrievalAnswer answer;
    answer.database = database_.size();
    answer.hits.resize(request.queries.count);
    if (database_.size() == 0) return answer;
    std::vector<std::size_t> all(database_.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    const PackedCodes codes = pack_codes(all.size(), request.queries.bits, encode_images(model, database_, all, device_, 1));
    // Relevance is the server's to judge: the query labels here are placeholders.
    const LabelSet query_labels = LabelSet::single(std::vector<std::int64_t>(request.queries.count, 0));
    const LabelSet labels = LabelSet::single(std::vector<std::int64_t>(database_.labels.begin(), database_.labels.end()));
    for (std::size_t q = 0; q < request.queries.count; ++q)
        for (const RankedItem& item : top_k(request.queries, query_labels, q, codes, labels, request.top_k))
            answer.hits[q].push_back({database_keys_[item.index], item.distance, database_.labels[item.index]});
    return answer;
}

SiloHello SiloTrainer::hello() const { return {counts_}; }

SiloReply SiloTrainer::train(const Bytes& global, int round, StopToken& stop) {
    RunObserver quiet;
    ClientRound r = client_->train_round(global, round, data_, stop, quiet, networks_);
    return {r.result.loss, r.result.seconds, r.result.samples, std::move(r.update)};
}

}  // namespace fedhap
