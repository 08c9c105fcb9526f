#pragma once
// Options shared by `fedhap run` and `fedhap compare`: the config file and what the command line
// may override in it.
#include "arg_parser.h"
#include "experiment/experiment_config.h"
#include "fl/run_observer.h"

namespace fedhap::cli {

void add_experiment_options(ArgParser& parser);
// Loads --config (or the built-in defaults) and applies the overrides given.
ExperimentConfig experiment_config_from_options(const ArgParser& parser);

// Prints a progress line (round, client, loss, ETA) to stderr: redrawn in place on a terminal,
// one line per round otherwise.
class ProgressPrinter : public RunObserver {
public:
    explicit ProgressPrinter(int rounds, std::string label = "");
    void on_round_start(int round, int rounds) override;
    void on_client_start(int round, int client, int clients) override;
    void on_batch(int round, int client, int batch, int batches, double loss) override;
    void on_round_end(const RoundMetrics& m, const PrototypeSnapshot& p) override;
    void finish();

private:
    void draw(bool final_line);
    int rounds_, round_ = 0, started_ = 0, clients_ = 0, batch_ = 0, batches_ = 0, rounds_done_ = 0;
    double loss_ = 0.0, seconds_done_ = 0.0;
    std::string label_, last_map_;
    bool tty_;
    double last_draw_ = -1.0;
};

}  // namespace fedhap::cli
