#pragma once
// A tiny generated dataset and experiment, so whole runs finish in seconds in tests.
#include <string>

#include "experiment/experiment_config.h"
#include "fl/run_observer.h"
#include "fl/stop_token.h"

namespace fedhap::test {

// An MNIST-style IDX folder: 10 classes of 8×8 images, class c bright where pixel % 10 == c, plus noise.
void write_tiny_mnist(const std::string& dir, int train_per_class, int test_per_class);

// Dataset "mnist" at data_dir, 5 queries and 20 train images per class, 3 clients (Dir 0.5),
// 16 bits, hidden 32, batch 16, 4 rounds, mAP every round on the whole database, CPU, 2 threads.
ExperimentConfig tiny_experiment_config(const std::string& data_dir, Method method = Method::FedHap);

// Asks `stop` to stop as round `round` starts: the rounds before it are checkpointed.
class StopAtRound : public RunObserver {
public:
    StopAtRound(StopToken& stop, int round) : stop_(stop), round_(round) {}
    void on_round_start(int round, int) override {
        if (round == round_) stop_.request_stop();
    }

private:
    StopToken& stop_;
    int round_;
};

// metrics.jsonl without the timing fields (seconds, train_seconds), which differ from run to run.
std::string metrics_without_timings(const std::string& path);

}  // namespace fedhap::test
