#pragma once
// The server of a cross-silo run (`fedhap serve`): runs the experiment as `fedhap run` does,
// writing the same run folder, with its clients as silo processes that join over c10d.
#include <chrono>
#include <string>

#include "crosssilo/endpoint.h"
#include "crosssilo/frame.h"
#include "crosssilo/silo_observer.h"
#include "experiment/experiment_runner.h"

namespace fedhap {

struct ServeSettings {
    Endpoint listen{"127.0.0.1", 29500};  // port 0: a free one (SiloObserver::on_listening says which)
    FrameKey key;
    std::chrono::milliseconds round_timeout{60000};
    std::chrono::milliseconds join_timeout{600000};
    std::chrono::milliseconds connect_timeout{30000};
    // After the last round: each silo's top K over its part of the database, merged by the
    // server (0: no cross-silo retrieval). The result goes to retrieval.json.
    std::size_t retrieval_top_k = 100;
};

// Throws ConfigError / std::invalid_argument / LinkError with a one-line message on bad input:
// a method that keeps weights local or pools the data, an address it cannot listen on.
RunSummary serve_experiment(const ExperimentConfig& config, const RunOptions& options, const ServeSettings& settings,
                            RunObserver& observer, SiloObserver& silos, StopToken& stop);

}  // namespace fedhap
