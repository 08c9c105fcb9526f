#pragma once
// Where the clients of a federation live. The federation hands a pool the encoded global message
// and gets encoded updates back; it never touches a client directly. LocalClientPool keeps them
// as threads of this process; crosssilo/remote_client_pool.h reaches silos in other processes.
#include <string>
#include <vector>

#include "fl/client.h"

namespace fedhap {

// A chosen client that sent nothing usable this round, and why (for metrics.jsonl and logs).
struct MissingClient {
    int client = 0;
    std::string reason;
};

struct PoolRound {
    std::vector<ClientRound> trained;  // the clients that answered, in the order they were chosen
    std::vector<MissingClient> missing;
};

class ClientPool {
public:
    virtual ~ClientPool() = default;
    virtual std::size_t size() const = 0;
    // Sends `down` to each chosen client and collects their updates. Throws StopRequested when
    // stopped mid-round.
    virtual PoolRound train(const std::vector<int>& chosen, const Bytes& down, int round, StopToken& stop,
                            RunObserver& observer) = 0;
    // Every client's own model, for methods that keep weights local; throws where the models are
    // out of reach.
    virtual std::vector<HashNet> models() = 0;
    // One client's own model, built now: evaluating one at a time keeps one network in memory.
    virtual HashNet model(std::size_t client) { return models().at(client); }
    // The clients' part of a checkpoint (empty when their state lives elsewhere).
    virtual std::vector<std::vector<float>> save_state() const = 0;
    virtual void load_state(const std::vector<std::vector<float>>& state) = 0;
    virtual std::size_t state_arrays() const = 0;
    // After the last round and the final evaluation: the final global message. Local clients
    // need nothing; silos use it for cross-silo retrieval before the run ends.
    virtual void finish(const Bytes& /*final_global*/) {}
};

}  // namespace fedhap
