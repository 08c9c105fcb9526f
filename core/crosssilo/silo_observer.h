#pragma once
// What a cross-silo server tells about its silos as they come and go (for the CLI's log, the
// run folder's silos.jsonl and the workbench's federation view). Called from the pool's threads;
// implementations lock what they share. All default to no-ops.
#include <cstdint>
#include <string>
#include <vector>

namespace fedhap {

struct SiloRoundReport {
    int silo = 0;
    bool answered = false;
    std::string reason;  // why not, when it did not
    std::uint64_t bytes_sent = 0, bytes_received = 0;  // handed to Gloo, envelopes and size headers included
    double round_trip_seconds = 0.0;                    // global sent → update received
};

// Cross-silo retrieval after the last round (crosssilo/federated_retrieval.h).
struct CrossSiloRetrieval {
    std::size_t top_k = 0, queries = 0, silos = 0, silos_answered = 0;
    std::uint64_t database_items = 0;  // ranked by the silos that answered
    double map_at_k = 0.0;             // of the merged top-K lists
    double map_at_k_pooled = -1.0;     // the server's own evaluation on the pooled database (−1: none)
    std::uint64_t bytes_sent = 0, bytes_received = 0;
    double seconds = 0.0;
};

class SiloObserver {
public:
    virtual ~SiloObserver() = default;
    virtual void on_listening(const std::string& /*endpoint*/) {}
    virtual void on_joined(int /*silo*/, std::int64_t /*generation*/, const std::vector<std::int32_t>& /*class_counts*/) {}
    virtual void on_refused(int /*silo*/, const std::string& /*reason*/) {}
    virtual void on_round(int /*round*/, const std::vector<SiloRoundReport>& /*reports*/) {}
    virtual void on_retrieval(const CrossSiloRetrieval& /*result*/) {}
};

}  // namespace fedhap
