#pragma once
// Callbacks from a federation run (called on the training thread; implementations copy what
// they need and return quickly). All default to no-ops.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "nn/net_spec.h"

namespace fedhap {

struct Dataset;
struct RetrievalSplit;

struct ClientRoundResult {
    int client = 0;
    double loss = 0.0;           // mean training loss over the round's batches
    std::uint64_t samples = 0;   // training samples processed
    double seconds = 0.0;        // local training time
    std::uint64_t bytes_up = 0, bytes_down = 0;
};

struct RoundMetrics {
    int round = 0;               // 1-based
    double loss = 0.0;           // sample-weighted mean of the clients' losses
    std::vector<ClientRoundResult> clients;
    std::uint64_t bytes_up = 0, bytes_down = 0;
    double seconds = 0.0;        // wall time of the round (training + aggregation + evaluation)
    double train_seconds = 0.0;  // summed local training time
    std::uint64_t train_samples = 0;
    std::optional<double> map;   // evaluated rounds only
    int prototype_min_distance = -1;  // −1 when there are no binary prototypes
    int prototype_bits_flipped = 0;   // since the previous round
    std::vector<int> missing;    // chosen clients that sent nothing usable (silos that died or timed out)
};

// The global prototypes after a round: classes × bits values (±1, or real for "mean").
struct PrototypeSnapshot {
    int round = 0, classes = 0, bits = 0;
    std::vector<float> values;
    std::vector<std::uint8_t> known;
    std::vector<std::uint8_t> flipped;  // classes × bits: 1 where the sign changed this round
};

// Relaxed codes of the query set and of the evaluation database (the per-round sample, or the
// whole database at the end), from the first evaluated model. Rows index the joined dataset.
struct CodesSnapshot {
    int round = 0;
    bool final = false;  // the full-protocol evaluation after the last round
    int bits = 0;
    double map = 0.0;
    std::vector<std::size_t> query_rows, database_rows;
    std::vector<float> query_codes, database_codes;  // rows × bits
    // The model these codes came from (nn/weights.h order), so a viewer can encode an image of
    // its own against them. Shared: snapshots are copied by value.
    NetSpec net;
    std::shared_ptr<const std::vector<float>> weights;
};

class RunObserver {
public:
    virtual ~RunObserver() = default;
    // Once, before round 1: the joined dataset (train ⧺ test), the protocol split, and the
    // clients × classes counts of the partition. The references die with the call: copy.
    virtual void on_data(const Dataset& /*joined*/, const RetrievalSplit& /*split*/,
                         const std::vector<std::vector<std::size_t>>& /*client_counts*/) {}
    virtual void on_round_start(int /*round*/, int /*rounds*/) {}
    virtual void on_client_start(int /*round*/, int /*client*/, int /*clients_this_round*/) {}
    virtual void on_batch(int /*round*/, int /*client*/, int /*batch*/, int /*batches*/, double /*loss*/) {}
    virtual void on_client_end(int /*round*/, const ClientRoundResult& /*result*/) {}
    virtual void on_round_end(const RoundMetrics& /*metrics*/, const PrototypeSnapshot& /*prototypes*/) {}
    // After each evaluation (before on_round_end of that round, and once at the end).
    virtual void on_codes(const CodesSnapshot& /*codes*/) {}
};

}  // namespace fedhap
