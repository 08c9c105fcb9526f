#include "crosssilo/serve.h"

#include <malloc.h>

#include "crosssilo/c10d_link.h"
#include "crosssilo/remote_client_pool.h"
#include "crosssilo/silo_journal.h"
#include "crosssilo/silo_protocol.h"
#include "data/dataset.h"
#include "data/retrieval_split.h"
#include "eval/retrieval_metrics.h"
#include "io/atomic_file.h"

namespace fedhap {
namespace {

// Passes every call on; keeps the labels and, from the final codes, sets up the cross-silo
// retrieval with the pooled evaluation beside it.
class RetrievalSetup : public RunObserver {
public:
    RetrievalSetup(RunObserver& inner, std::size_t top_k, RemoteClientPool*& pool) : inner_(inner), top_k_(top_k), pool_(pool) {}
    void on_data(const Dataset& joined, const RetrievalSplit& split, const std::vector<std::vector<std::size_t>>& counts) override {
        labels_ = joined.labels;
        inner_.on_data(joined, split, counts);
    }
    void on_round_start(int round, int rounds) override { inner_.on_round_start(round, rounds); }
    void on_client_start(int round, int client, int clients) override { inner_.on_client_start(round, client, clients); }
    void on_batch(int round, int client, int batch, int batches, double loss) override {
        inner_.on_batch(round, client, batch, batches, loss);
    }
    void on_client_end(int round, const ClientRoundResult& r) override { inner_.on_client_end(round, r); }
    void on_round_end(const RoundMetrics& m, const PrototypeSnapshot& p) override { inner_.on_round_end(m, p); }
    void on_codes(const CodesSnapshot& codes) override {
        if (codes.final && top_k_ > 0 && pool_) {
            const auto bits = static_cast<std::size_t>(codes.bits);
            std::vector<std::int32_t> query_labels;
            std::vector<std::int64_t> q64, d64;
            for (auto r : codes.query_rows) query_labels.push_back(labels_.at(r)), q64.push_back(labels_.at(r));
            for (auto r : codes.database_rows) d64.push_back(labels_.at(r));
            PackedCodes queries = pack_codes(codes.query_rows.size(), bits, codes.query_codes);
            RetrievalOptions options;
            options.top_k = top_k_;
            const double pooled = evaluate_retrieval(queries, LabelSet::single(q64),
                                                     pack_codes(codes.database_rows.size(), bits, codes.database_codes),
                                                     LabelSet::single(d64), options)
                                      .map_at_k;
            pool_->set_retrieval(top_k_, std::move(queries), std::move(query_labels), pooled);
        }
        inner_.on_codes(codes);
    }

private:
    RunObserver& inner_;
    std::size_t top_k_;
    RemoteClientPool*& pool_;
    std::vector<std::int32_t> labels_;
};

// Passes every call on and writes retrieval.json into the run folder.
class RetrievalFile : public SiloObserver {
public:
    RetrievalFile(SiloObserver& inner, std::string out_dir) : inner_(inner), out_dir_(std::move(out_dir)) {}
    void on_listening(const std::string& e) override { inner_.on_listening(e); }
    void on_joined(int silo, std::int64_t g, const std::vector<std::int32_t>& counts) override { inner_.on_joined(silo, g, counts); }
    void on_refused(int silo, const std::string& reason) override { inner_.on_refused(silo, reason); }
    void on_round(int round, const std::vector<SiloRoundReport>& reports) override { inner_.on_round(round, reports); }
    void on_retrieval(const CrossSiloRetrieval& result) override {
        if (!out_dir_.empty()) write_file_atomic(out_dir_ + "/retrieval.json", SiloJournal::to_json(result) + "\n");
        inner_.on_retrieval(result);
    }

private:
    SiloObserver& inner_;
    std::string out_dir_;
};

}  // namespace

RunSummary serve_experiment(const ExperimentConfig& config, const RunOptions& options, const ServeSettings& settings,
                            RunObserver& observer, SiloObserver& silos, StopToken& stop) {
    validate_config(config);
    if (config.pooled || config.method.method == Method::Centralized)
        throw std::invalid_argument("serve: a pooled or centralized run has one node and no silos; use fedhap run");
    if (!shares_weights(config.method.upload))
        throw std::invalid_argument("serve: method '" + to_string(config.method.method) +
                                    "' keeps every silo's weights local, so the server has no model to evaluate");
    if (is_wildcard_address(settings.listen.host))
        throw std::invalid_argument("serve: --listen needs the address silos reach this machine at, not " +
                                    settings.listen.host);
    // A thread per silo exchange and Gloo's own threads would each get a malloc arena holding
    // freed message buffers: measured +180 MiB peak on the classroom run with 10 silos.
    mallopt(M_ARENA_MAX, 2);
    const auto store = RendezvousStore::host(settings.listen.host, settings.listen.port, settings.connect_timeout);
    const Endpoint actual{settings.listen.host, store->port()};
    silos.on_listening(to_string(actual));
    const SessionId session = random_session();

    RemoteClientPool* pool_in_use = nullptr;  // lives while run_experiment runs the rounds
    RetrievalFile silo_events(silos, options.out_dir);
    RetrievalSetup run_events(observer, settings.retrieval_top_k, pool_in_use);
    RunOptions remote = options;
    remote.client_pool = [&](const FederationSetup& setup) -> std::unique_ptr<ClientPool> {
        const FederationBrief brief{config, setup.classes, setup.net};
        store->set(silo_keys::kConfig, seal({FrameKind::Config, 0, 0, session, encode(brief)}, settings.key));
        RemotePoolSettings pool;
        pool.store_host = actual.host;
        pool.store_port = actual.port;
        pool.gloo_host = actual.host;
        pool.key = settings.key;
        pool.session = session;
        pool.round_timeout = settings.round_timeout;
        pool.join_timeout = settings.join_timeout;
        pool.connect_timeout = settings.connect_timeout;
        auto remote_pool = std::make_unique<RemoteClientPool>(setup, pool, silo_events);
        pool_in_use = remote_pool.get();
        return remote_pool;
    };
    return run_experiment(config, remote, run_events, stop);
}

}  // namespace fedhap
