#pragma once
// Runs a whole experiment: data → split → partition → rounds → evaluation, writing the run
// directory. Torch-free header: the CLI and the GUI worker both call this.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "experiment/experiment_config.h"
#include "fl/run_observer.h"
#include "fl/stop_token.h"

namespace fedhap {

class ClientPool;
struct FederationSetup;

struct RunOptions {
    std::string out_dir;  // empty: nothing is written
    bool resume = false;  // continue from out_dir/checkpoint.bin
    // Where the clients live; unset: threads of this process. A cross-silo server passes one
    // that reaches its silos (crosssilo/serve.h). The braces keep `RunOptions{dir, resume}` free
    // of -Wmissing-field-initializers.
    std::function<std::unique_ptr<ClientPool>(const FederationSetup&)> client_pool{};
};

struct RunSummary {
    std::string method, device;
    int rounds = 0;               // rounds completed
    bool stopped = false;         // stopped before the last round
    double map_all = -1.0;        // mAP@all on the full protocol (−1 when stopped)
    double p_at_h2 = -1.0;
    double seconds = 0.0;         // end to end, this process
    double train_seconds = 0.0;   // in local training, all rounds of this process
    std::uint64_t train_samples = 0;
    double train_images_per_s = 0.0;
    double encode_images_per_s = 0.0;
    std::uint64_t bytes_up = 0, bytes_down = 0;  // totals over the rounds run
    std::uint64_t parameters = 0;
    int prototype_min_distance = -1;
};

// Throws ConfigError/DataError/std::invalid_argument with a one-line message on bad input.
RunSummary run_experiment(const ExperimentConfig& config, const RunOptions& options, RunObserver& observer,
                          StopToken& stop);

// Resolves "auto" to "cuda" when LibTorch sees a GPU, else "cpu"; checks cuda requests.
std::string resolve_device(const std::string& requested);

}  // namespace fedhap
