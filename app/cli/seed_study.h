#pragma once
// Several configurations ("arms") × several seeds, the unit of every comparison `compare`,
// `ablate` and `sweep` make. The seed also redraws the split and the partition, and every arm
// sees the same seeds, so differences are taken seed by seed (util/statistics.h).
// With an output folder each cell is a run folder, and a cell whose folder already holds a
// finished run of the same config is read back instead of trained again: a study that was
// interrupted continues where it stopped.
#include <cstdint>
#include <string>
#include <vector>

#include "experiment/experiment_config.h"

namespace fedhap::cli {

class ArgParser;

struct StudyArm {
    std::string label;  // also the run folders' name: <out>/<label>-s<seed>
    ExperimentConfig config;
};

struct CellResult {
    bool ok = false;
    std::string error;  // when not ok
    double map = 0.0, seconds = 0.0, bytes_up_per_round = 0.0;
    bool reused = false;  // read back from a finished run folder
};

struct ArmResult {
    std::string label;
    std::vector<CellResult> cells;  // one per seed, in the seeds' order
    std::vector<double> maps() const;  // of the cells that finished
    bool complete() const;
};

struct StudyOptions {
    std::vector<std::uint64_t> seeds;
    std::string out_dir;          // empty: nothing written, nothing reused
    bool keep_going = false;      // a failing cell is recorded and the study goes on
};

// Prints a progress line per cell with the study's ETA to stderr.
std::vector<ArmResult> run_study(const std::vector<StudyArm>& arms, const StudyOptions& options);

// The exit status of a study command: 0 when every cell finished, 1 otherwise.
int study_exit_status(const std::vector<ArmResult>& results);

// The options every seed study takes: --seeds, --out (cells named as `cell_names` says),
// --keep-going and --format table|csv; and the StudyOptions they give.
void add_study_options(ArgParser& parser, const std::string& cell_names);
StudyOptions study_options(const ArgParser& parser);

// "0,1,2" → {0, 1, 2}; throws UsageError.
std::vector<std::uint64_t> parse_seed_list(const std::string& text);

}  // namespace fedhap::cli
