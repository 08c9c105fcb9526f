#pragma once
// The files of one run, and the only code that writes them: config.json, metrics.jsonl,
// summary.json, the final codes and labels (.npy), prototypes per round (.npy) and
// checkpoint.bin. Each is written atomically (io/atomic_file.h), so a kill or a power loss at
// any moment leaves the previous complete file.
#include <cstdint>
#include <string>
#include <vector>

#include "experiment/experiment_config.h"
#include "fl/run_observer.h"

namespace fedhap {

struct RunSummary;

struct Checkpoint {
    int round = 0;                              // rounds completed
    double seconds = 0.0;                       // end-to-end time spent so far
    std::vector<std::vector<float>> state;      // Federation::save_state(): the server's (ServerState), then the pool's
};

// The full-protocol evaluation's codes (of the first model) and labels.
struct FinalCodes {
    std::size_t bits = 0;
    std::vector<float> query_codes, db_codes;            // rows × bits
    std::vector<std::int64_t> query_labels, db_labels;
};

// What the kept lines of metrics.jsonl add up to, so totals after a resume cover every round.
struct MetricsTotals {
    int rounds = 0;
    std::uint64_t bytes_up = 0, bytes_down = 0, train_samples = 0;
    double train_seconds = 0.0;
    int prototype_min_distance = -1;  // of the last kept round
};

class RunDirectory {
public:
    explicit RunDirectory(std::string path);  // creates the folder
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const;

    void write_config(const ExperimentConfig& config);  // config.json
    ExperimentConfig read_config() const;                // throws ConfigError

    // metrics.jsonl, one JSON object per round. start_metrics keeps the lines of rounds up to
    // `keep_rounds` (0 for a new run, the checkpoint's round on resume) and must come first;
    // each append rewrites the file with one more line. Throws std::runtime_error naming the
    // line when one of the kept rounds is damaged or missing.
    MetricsTotals start_metrics(int keep_rounds);
    void append_metrics(const RoundMetrics& m);

    void write_prototypes(const PrototypeSnapshot& p);  // prototypes/round_NNNN.npy
    void write_checkpoint(const Checkpoint& c);
    // Throws std::runtime_error naming the file when it is missing or damaged (CRC-32).
    Checkpoint read_checkpoint() const;
    bool has(const std::string& name) const;  // a file of the run folder exists

    // query_codes.npy, db_codes.npy, query_labels.npy, db_labels.npy.
    void write_codes(const FinalCodes& codes);
    void write_summary(const RunSummary& summary, double seconds_all_sessions, const std::string& torch_version);

private:
    std::string path_;
    std::string metrics_;  // the text of metrics.jsonl
};

}  // namespace fedhap
