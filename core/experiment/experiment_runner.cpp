#include "experiment/experiment_runner.h"

#include <torch/torch.h>

#include <chrono>
#include <memory>

#include "data/protocol_data.h"
#include "eval/retrieval_metrics.h"
#include "experiment/code_encoder.h"
#include "experiment/federation_plan.h"
#include "experiment/run_directory.h"
#include "nn/weights.h"
#include "runtime/torch_runtime.h"
#include "util/memory_budget.h"
#include "util/printable_path.h"
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
    NetSpec net;                               // and that model itself
    std::shared_ptr<const std::vector<float>> weights;
    double encode_seconds = 0.0;
    std::size_t encoded = 0;
};

// Mean over the federation's evaluation models of the retrieval metrics of `queries` against
// `database`. The models are built one at a time: a personalised run of many clients holds one.
Evaluated evaluate(Federation& federation, const Dataset& data, const std::vector<std::size_t>& queries,
                   const std::vector<std::size_t>& database, torch::Device device, int bits, int threads) {
    Evaluated out;
    const LabelSet ql = LabelSet::single(labels_at(data, queries)), dl = LabelSet::single(labels_at(data, database));
    const std::size_t models = federation.evaluation_model_count();
    for (std::size_t m = 0; m < models; ++m) {
        HashNet model = federation.evaluation_model(m);
        const auto t = Clock::now();
        std::vector<float> q = encode_images(model, data, queries, device, threads);
        std::vector<float> d = encode_images(model, data, database, device, threads);
        out.encode_seconds += since(t);
        out.encoded += queries.size() + database.size();
        const RetrievalMetrics r = evaluate_retrieval(pack_codes(queries.size(), static_cast<std::size_t>(bits), q), ql,
                                                      pack_codes(database.size(), static_cast<std::size_t>(bits), d), dl);
        out.map += r.map / static_cast<double>(models);
        out.p_at_h2 += r.p_at_h2 / static_cast<double>(models);
        if (m == 0) {
            out.query_codes = std::move(q), out.db_codes = std::move(d);
            out.net = model->spec();
            out.weights = std::make_shared<const std::vector<float>>(flatten_weights(*model));
        }
    }
    return out;
}

// The same experiment: all but rounds, device and threads (what a resume may change) agree.
bool same_experiment(ExperimentConfig saved, const ExperimentConfig& config) {
    saved.rounds = config.rounds;
    saved.device = config.device;
    saved.threads = config.threads;
    return config_to_json(saved) == config_to_json(config);
}

void check_resumable(const RunDirectory& dir, const ExperimentConfig& config) {
    if (!same_experiment(dir.read_config(), config))
        throw std::invalid_argument(printable_path(dir.path()) + ": --resume needs the same config as the interrupted run (only rounds, device and threads may differ)");
}

// One experiment: the steps run() takes, in order, and the state they share.
class ExperimentRun {
public:
    ExperimentRun(const ExperimentConfig& config, const RunOptions& options, RunObserver& observer, StopToken& stop);
    RunSummary run();

private:
    void report_data(const FederationSetup& setup) const;
    void run_federation(Federation& federation);
    std::vector<std::size_t> round_database() const;
    void open_run_directory(Federation& federation);
    void run_rounds(Federation& federation);
    void run_round(Federation& federation, int round);
    void evaluate_final(Federation& federation);
    RunSummary finish();

    const ExperimentConfig& config_;
    const RunOptions& options_;
    RunObserver& observer_;
    StopToken& stop_;
    const Clock::time_point start_ = Clock::now();
    int threads_ = 1;
    RunSummary summary_;
    torch::Device device_{torch::kCPU};
    ProtocolData data_;
    std::vector<std::size_t> round_database_;  // the fixed database sample for per-round mAP
    std::unique_ptr<RunDirectory> dir_;
    int first_round_ = 1;
    double previous_seconds_ = 0.0;  // of the sessions before a resume
};

ExperimentRun::ExperimentRun(const ExperimentConfig& config, const RunOptions& options, RunObserver& observer, StopToken& stop)
    : config_(config), options_(options), observer_(observer), stop_(stop) {
    validate_config(config);
    if (options.resume && options.out_dir.empty()) throw std::invalid_argument("--resume needs the run folder (--out)");
    threads_ = set_torch_threads(config.threads);
    summary_.method = to_string(config.method.method);
    summary_.device = resolve_device(config.device);
    device_ = torch::Device(summary_.device);
}

RunSummary ExperimentRun::run() {
    data_ = load_protocol_data(config_.dataset, config_.data_path, config_.sizes, config_.seed);
    if (stop_.stop_requested()) {  // stopped while the data loaded: nothing trained, nothing written
        summary_.stopped = true;
        summary_.seconds = since(start_);
        return summary_;
    }
    const FederationSetup setup = plan_federation(config_, data_, threads_);
    if (!options_.client_pool) {
        // The train images as float tensors are the run's one large allocation: say so now if they
        // cannot fit. Clients hold networks only while they train, except where the backbone stays
        // local: then each keeps its weights (and a checkpoint copies them twice).
        const std::uint64_t train_bytes = static_cast<std::uint64_t>(data_.split.train.size()) * data_.joined.image_bytes() * sizeof(float);
        std::uint64_t needed = train_bytes + train_bytes / 4;
        std::string what = "training on " + std::to_string(data_.split.train.size()) + " images";
        if (!shares_weights(config_.method.upload) && setup.client_rows.size() > 1) {
            const std::uint64_t kept = setup.client_rows.size() * weight_count(*HashNet(setup.net)) * sizeof(float);
            needed += kept * (options_.out_dir.empty() ? 1 : 3);
            what += " with " + std::to_string(setup.client_rows.size()) + " clients that keep their own networks";
        }
        check_memory_budget(needed, available_memory_bytes(), what);
    }
    report_data(setup);
    // The clients in this process, or wherever the caller's pool keeps them (a cross-silo server).
    const auto federation =
        options_.client_pool ? std::make_unique<Federation>(setup, options_.client_pool(setup), device_)
                             : std::make_unique<Federation>(setup, train_tensors(data_, all_train_rows(data_), device_), device_);
    run_federation(*federation);
    return finish();
}

void ExperimentRun::run_federation(Federation& federation) {
    summary_.parameters = static_cast<std::uint64_t>(parameter_count(*federation.evaluation_model(0)));
    round_database_ = round_database();
    open_run_directory(federation);
    run_rounds(federation);
    if (summary_.stopped) return;
    evaluate_final(federation);
    federation.finish();
}

// The data, the split and the clients × classes counts, for the views.
void ExperimentRun::report_data(const FederationSetup& setup) const {
    std::vector<std::vector<std::size_t>> counts(setup.client_rows.size(), std::vector<std::size_t>(data_.joined.num_classes(), 0));
    for (std::size_t k = 0; k < setup.client_rows.size(); ++k)
        for (auto r : setup.client_rows[k]) ++counts[k][static_cast<std::size_t>(data_.train_labels[static_cast<std::size_t>(r)])];
    observer_.on_data(data_.joined, data_.split, counts);
}

std::vector<std::size_t> ExperimentRun::round_database() const {
    std::vector<std::size_t> sample = data_.split.database;
    if (config_.eval_database_sample > 0 && config_.eval_database_sample < sample.size()) {
        Rng rng(stream_seed(config_.seed, 0, 0, StreamPurpose::DatabaseSample));
        rng.shuffle(sample);
        sample.resize(config_.eval_database_sample);
        std::sort(sample.begin(), sample.end());
    }
    return sample;
}

// A new run starts the files; a resume checks the config and continues from the checkpoint.
void ExperimentRun::open_run_directory(Federation& federation) {
    if (options_.out_dir.empty()) return;
    dir_ = std::make_unique<RunDirectory>(options_.out_dir);
    const bool saved = dir_->has("checkpoint.bin");
    if (options_.resume && saved) {
        check_resumable(*dir_, config_);
        const Checkpoint c = dir_->read_checkpoint();
        federation.load_state(c.state);
        first_round_ = c.round + 1;
        previous_seconds_ = c.seconds;
        // The totals of the summary cover the rounds before the resume too.
        const MetricsTotals before = dir_->start_metrics(c.round);
        summary_.bytes_up = before.bytes_up;
        summary_.bytes_down = before.bytes_down;
        summary_.train_samples = before.train_samples;
        summary_.train_seconds = before.train_seconds;
        summary_.prototype_min_distance = before.prototype_min_distance;
    } else {
        // Never mix two runs in one folder. A run killed before its first checkpoint left only
        // its config: the same command (with or without --resume) starts it again.
        if (saved || dir_->has("summary.json"))
            throw std::invalid_argument(printable_path(dir_->path()) + ": already holds a run; continue it with --resume, or choose another folder");
        if (dir_->has("config.json") && !same_experiment(dir_->read_config(), config_))
            throw std::invalid_argument(printable_path(dir_->path()) + ": holds the config.json of another experiment; choose another folder");
        dir_->start_metrics(0);
    }
    dir_->write_config(config_);
}

void ExperimentRun::run_rounds(Federation& federation) {
    summary_.rounds = first_round_ - 1;
    try {
        for (int round = first_round_; round <= config_.rounds; ++round) {
            run_round(federation, round);
            summary_.rounds = round;
        }
    } catch (const StopRequested&) {
        summary_.stopped = true;
    }
    summary_.train_images_per_s = summary_.train_seconds > 0 ? summary_.train_samples / summary_.train_seconds : 0.0;
}

// Train, evaluate on the fixed sample when due, add to the totals, save.
void ExperimentRun::run_round(Federation& federation, int round) {
    observer_.on_round_start(round, config_.rounds);
    RoundMetrics m = federation.run_round(round, stop_, observer_);
    if (config_.eval_every > 0 && round % config_.eval_every == 0) {
        const auto t = Clock::now();
        Evaluated e = evaluate(federation, data_.joined, data_.split.query, round_database_, device_,
                               config_.bits, threads_);
        m.map = e.map;
        observer_.on_codes({round, false, config_.bits, e.map, data_.split.query, round_database_, std::move(e.query_codes),
                            std::move(e.db_codes), e.net, e.weights});
        m.seconds += since(t);
    }
    summary_.bytes_up += m.bytes_up;
    summary_.bytes_down += m.bytes_down;
    summary_.train_seconds += m.train_seconds;
    summary_.train_samples += m.train_samples;
    summary_.prototype_min_distance = m.prototype_min_distance;
    const PrototypeSnapshot protos = federation.prototypes(round);
    if (dir_) {
        dir_->append_metrics(m);
        dir_->write_prototypes(protos);
        dir_->write_checkpoint({round, previous_seconds_ + since(start_), federation.save_state()});
    }
    observer_.on_round_end(m, protos);
}

// mAP@all on the full protocol, and the final codes.
void ExperimentRun::evaluate_final(Federation& federation) {
    const RetrievalSplit& split = data_.split;
    Evaluated full = evaluate(federation, data_.joined, split.query, split.database, device_, config_.bits, threads_);
    summary_.map_all = full.map;
    summary_.p_at_h2 = full.p_at_h2;
    summary_.encode_images_per_s = full.encode_seconds > 0 ? full.encoded / full.encode_seconds : 0.0;
    observer_.on_codes({summary_.rounds, true, config_.bits, full.map, split.query, split.database, full.query_codes,
                        full.db_codes, full.net, full.weights});
    if (dir_)
        dir_->write_codes({static_cast<std::size_t>(config_.bits), std::move(full.query_codes), std::move(full.db_codes),
                           labels_at(data_.joined, split.query), labels_at(data_.joined, split.database)});
}

RunSummary ExperimentRun::finish() {
    summary_.seconds = since(start_);
    if (dir_) dir_->write_summary(summary_, previous_seconds_ + summary_.seconds, torch_version());
    return summary_;
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
    return ExperimentRun(config, options, observer, stop).run();
}

}  // namespace fedhap
