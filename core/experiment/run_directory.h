#pragma once
// The files of one run: config.json, metrics.jsonl, summary.json, final codes (.npy),
// prototypes per round (.npy) and checkpoint.bin — each written atomically (temp + rename), so
// a kill at any moment leaves the previous complete file.
#include <string>
#include <vector>

#include "fl/run_observer.h"

namespace fedhap {

struct Checkpoint {
    int round = 0;                              // rounds completed
    double seconds = 0.0;                       // end-to-end time spent so far
    std::vector<std::vector<float>> state;      // Federation::save_state()
};

class RunDirectory {
public:
    explicit RunDirectory(std::string path);  // creates the folder
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const;

    // metrics.jsonl: one JSON object per round; `keep_rounds` drops later lines (resume).
    void truncate_metrics(int keep_rounds);
    void append_metrics(const RoundMetrics& m);
    void write_text(const std::string& name, const std::string& text);  // atomic
    void write_prototypes(const PrototypeSnapshot& p);                  // prototypes/round_NNNN.npy

    void write_checkpoint(const Checkpoint& c);
    // Throws std::runtime_error naming the file when it is missing or damaged.
    Checkpoint read_checkpoint() const;

private:
    std::string path_;
};

// One metrics line (no trailing newline).
std::string metrics_json_line(const RoundMetrics& m);

}  // namespace fedhap
