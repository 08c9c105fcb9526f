#include "experiment/experiment_runner.h"

#include <torch/torch.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "data/protocol_data.h"
#include "eval/retrieval_metrics.h"
#include "experiment/code_encoder.h"
#include "experiment/run_directory.h"
#include "fl/federation.h"
#include "io/npy.h"
#include "runtime/torch_runtime.h"
#include "util/random.h"

namespace fedhap {
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::vector<std::int64_t> labels_at(const Dataset& d, const std::vector<std::size_t>& rows) {
    std::vector<std::int64_t> ids;
    ids.reserve(rows.size());
    for (auto r : rows) ids.push_back(d.labels[r]);
    return ids;
}

struct Evaluated {
    double map = 0.0, p_at_h2 = 0.0;
    std::vector<float> query_codes, db_codes;  // of the first model
    double encode_seconds = 0.0;
    std::size_t encoded = 0;
};

// Mean over `models` of the retrieval metrics of `queries` against `database`.
Evaluated evaluate(std::vector<HashNet> models, const Dataset& data, const std::vector<std::size_t>& queries,
                   const std::vector<std::size_t>& database, torch::Device device, int bits, int threads) {
    Evaluated out;
    const LabelSet ql = LabelSet::single(labels_at(data, queries)), dl = LabelSet::single(labels_at(data, database));
    for (std::size_t m = 0; m < models.size(); ++m) {
        const auto t = Clock::now();
        std::vector<float> q = encode_images(models[m], data, queries, device, threads);
        std::vector<float> d = encode_images(models[m], data, database, device, threads);
        out.encode_seconds += since(t);
        out.encoded += queries.size() + database.size();
        const RetrievalMetrics r = evaluate_retrieval(pack_codes(queries.size(), static_cast<std::size_t>(bits), q), ql,
                                                      pack_codes(database.size(), static_cast<std::size_t>(bits), d), dl);
        out.map += r.map / static_cast<double>(models.size());
        out.p_at_h2 += r.p_at_h2 / static_cast<double>(models.size());
        if (m == 0) out.query_codes = std::move(q), out.db_codes = std::move(d);
    }
    return out;
}

void check_resumable(const RunDirectory& dir, const ExperimentConfig& config) {
    ExperimentConfig saved = load_config_file(dir.file("config.json"));
    saved.rounds = config.rounds;  // the one thing a resume may change
    saved.device = config.device;
    saved.threads = config.threads;
    if (config_to_json(saved) != config_to_json(config))
        throw std::invalid_argument(dir.path() + ": --resume needs the same config as the interrupted run (only rounds, device and threads may differ)");
}

}  // namespace

std::string resolve_device(const std::string& requested) {
    if (requested == "auto") return cuda_available() ? "cuda" : "cpu";
    if (requested.rfind("cuda", 0) == 0) {
        if (!cuda_available()) throw std::invalid_argument("device '" + requested + "': LibTorch sees no CUDA GPU here");
        const int index = requested.size() > 5 ? std::stoi(requested.substr(5)) : 0;
        if (index >= cuda_device_count())
            throw std::invalid_argument("device '" + requested + "': only " + std::to_string(cuda_device_count()) + " CUDA device(s)");
    }
    return requested;
}

RunSummary run_experiment(const ExperimentConfig& config, const RunOptions& options, RunObserver& observer, StopToken& stop) {
    const auto start = Clock::now();
    validate_config(config);
    const int threads = set_torch_threads(config.threads);
    RunSummary summary;
    summary.method = to_string(config.method.method);
    summary.device = resolve_device(config.device);
    const torch::Device device(summary.device);

    // Data, protocol split and partition.
    const ProtocolData protocol = load_protocol_data(config.dataset, config.data_path, config.sizes, config.seed);
    if (stop.stop_requested()) {  // stopped while the data loaded: nothing trained, nothing written
        summary.stopped = true;
        summary.seconds = since(start);
        return summary;
    }
    const Dataset& data = protocol.joined;
    const RetrievalSplit& split = protocol.split;
    const std::vector<std::int32_t>& train_labels = protocol.train_labels;

    FederationSetup setup;
    setup.classes = static_cast<int>(data.num_classes());
    setup.net = NetSpec{config.net, data.channels, data.height, data.width, config.bits, config.hidden};
    setup.method = config.method;
    setup.train = TrainSettings{config.local_epochs, config.batch_size, config.lr};
    setup.seed = config.seed;
    setup.threads = threads;
    if (config.method.method == Method::Centralized) {
        // One node holds the pooled train set: the upper reference, same budget.
        std::vector<std::int64_t> all(split.train.size());
        for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::int64_t>(i);
        setup.client_rows = {all};
    } else {
        PartitionConfig pc = config.partition;
        pc.seed = config.seed;
        const Partition p = make_partition(train_labels, data.num_classes(), pc);
        for (const auto& c : p.clients) setup.client_rows.emplace_back(c.begin(), c.end());
        setup.feature_noise_sigma = p.feature_noise_sigma;
    }
    TrainData train;
    train.images = image_tensor(data, split.train, device);
    train.labels = torch::tensor(std::vector<std::int64_t>(train_labels.begin(), train_labels.end()), torch::kInt64).to(device);
    train.classes = setup.classes;
    {
        std::vector<std::vector<std::size_t>> counts(setup.client_rows.size(), std::vector<std::size_t>(data.num_classes(), 0));
        for (std::size_t k = 0; k < setup.client_rows.size(); ++k)
            for (auto r : setup.client_rows[k]) ++counts[k][static_cast<std::size_t>(train_labels[static_cast<std::size_t>(r)])];
        observer.on_data(data, split, counts);
    }
    Federation federation(setup, train, device);
    summary.parameters = static_cast<std::uint64_t>(parameter_count(*federation.evaluation_models().front()));

    // The fixed database sample for per-round mAP.
    std::vector<std::size_t> db_sample = split.database;
    if (config.eval_database_sample > 0 && config.eval_database_sample < db_sample.size()) {
        Rng rng(stream_seed(config.seed, 0, 0, 4));
        rng.shuffle(db_sample);
        db_sample.resize(config.eval_database_sample);
        std::sort(db_sample.begin(), db_sample.end());
    }

    std::unique_ptr<RunDirectory> dir;
    int first_round = 1;
    double previous_seconds = 0.0;
    if (!options.out_dir.empty()) {
        dir = std::make_unique<RunDirectory>(options.out_dir);
        if (options.resume) {
            check_resumable(*dir, config);
            const Checkpoint c = dir->read_checkpoint();
            federation.load_state(c.state);
            first_round = c.round + 1;
            previous_seconds = c.seconds;
            dir->truncate_metrics(c.round);
        } else {
            dir->truncate_metrics(0);
        }
        save_config_file(dir->file("config.json"), config);
    } else if (options.resume) {
        throw std::invalid_argument("--resume needs the run folder (--out)");
    }

    int last_done = first_round - 1;
    try {
        for (int round = first_round; round <= config.rounds; ++round) {
            observer.on_round_start(round, config.rounds);
            RoundMetrics m = federation.run_round(round, stop, observer);
            if (config.eval_every > 0 && round % config.eval_every == 0) {
                const auto t = Clock::now();
                Evaluated e = evaluate(federation.evaluation_models(), data, split.query, db_sample, device, config.bits, threads);
                m.map = e.map;
                observer.on_codes({round, false, config.bits, e.map, split.query, db_sample, std::move(e.query_codes),
                                   std::move(e.db_codes)});
                m.seconds += since(t);
            }
            summary.bytes_up += m.bytes_up;
            summary.bytes_down += m.bytes_down;
            summary.train_seconds += m.train_seconds;
            summary.train_samples += m.train_samples;
            summary.prototype_min_distance = m.prototype_min_distance;
            const PrototypeSnapshot protos = federation.prototypes(round);
            if (dir) {
                dir->append_metrics(m);
                dir->write_prototypes(protos);
                dir->write_checkpoint({round, previous_seconds + since(start), federation.save_state()});
            }
            last_done = round;
            observer.on_round_end(m, protos);
        }
    } catch (const StopRequested&) {
        summary.stopped = true;
    }
    summary.rounds = last_done;
    summary.train_images_per_s = summary.train_seconds > 0 ? summary.train_samples / summary.train_seconds : 0.0;

    if (!summary.stopped) {
        const Evaluated full =
            evaluate(federation.evaluation_models(), data, split.query, split.database, device, config.bits, threads);
        summary.map_all = full.map;
        summary.p_at_h2 = full.p_at_h2;
        summary.encode_images_per_s = full.encode_seconds > 0 ? full.encoded / full.encode_seconds : 0.0;
        observer.on_codes({summary.rounds, true, config.bits, full.map, split.query, split.database, full.query_codes,
                           full.db_codes});
        if (dir) {
            const auto b = static_cast<std::size_t>(config.bits);
            write_npy(dir->file("query_codes.npy"), npy_from_floats({split.query.size(), b}, full.query_codes));
            write_npy(dir->file("db_codes.npy"), npy_from_floats({split.database.size(), b}, full.db_codes));
            write_npy(dir->file("query_labels.npy"), npy_from_int64({split.query.size()}, labels_at(data, split.query)));
            write_npy(dir->file("db_labels.npy"), npy_from_int64({split.database.size()}, labels_at(data, split.database)));
        }
    }
    summary.seconds = since(start);
    if (dir) {
        const nlohmann::json j = {{"method", summary.method},
                                  {"device", summary.device},
                                  {"rounds", summary.rounds},
                                  {"stopped", summary.stopped},
                                  {"map_all", summary.map_all},
                                  {"p_at_h2", summary.p_at_h2},
                                  {"seconds", summary.seconds},
                                  {"seconds_all_sessions", previous_seconds + summary.seconds},
                                  {"train_seconds", summary.train_seconds},
                                  {"train_samples", summary.train_samples},
                                  {"train_images_per_s", summary.train_images_per_s},
                                  {"encode_images_per_s", summary.encode_images_per_s},
                                  {"bytes_up", summary.bytes_up},
                                  {"bytes_down", summary.bytes_down},
                                  {"parameters", summary.parameters},
                                  {"prototype_min_distance", summary.prototype_min_distance},
                                  {"torch", torch_version()}};
        dir->write_text("summary.json", j.dump(2) + "\n");
    }
    return summary;
}

}  // namespace fedhap
