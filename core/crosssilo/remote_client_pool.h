#pragma once
// The clients as silos in other processes, reached through c10d (crosssilo/c10d_link.h). Each
// silo has its own Gloo link; a watcher thread notices silos that join or rejoin and opens
// their links. A round sends every chosen silo the global message and waits until the round's
// deadline: silos that die, hang, disconnect or send a refused message are left out of that round
// (PoolRound::missing) and may rejoin for the next.
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "crosssilo/c10d_link.h"
#include "crosssilo/federated_retrieval.h"
#include "crosssilo/frame.h"
#include "crosssilo/silo_observer.h"
#include "fl/client_pool.h"
#include "fl/federation.h"

namespace fedhap {

struct RemotePoolSettings {
    std::string store_host;  // where this process reaches its own store
    int store_port = 0;
    std::string gloo_host;   // the address silos reach this machine at
    FrameKey key;
    SessionId session{};
    Millis round_timeout{60000};
    Millis join_timeout{600000};    // before the first round, for every silo to join
    Millis connect_timeout{30000};  // a link's set-up and hello
};

class RemoteClientPool : public ClientPool {
public:
    RemoteClientPool(const FederationSetup& setup, RemotePoolSettings settings, SiloObserver& observer);
    // Tells every connected silo that the run is over, then stops watching.
    ~RemoteClientPool() override;

    std::size_t size() const override { return silos_.size(); }
    PoolRound train(const std::vector<int>& chosen, const Bytes& down, int round, StopToken& stop,
                    RunObserver& observer) override;
    std::vector<HashNet> models() override;  // throws: the silos keep theirs
    std::vector<std::vector<float>> save_state() const override { return {}; }
    void load_state(const std::vector<std::vector<float>>&) override {}
    std::size_t state_arrays() const override { return 0; }
    // Cross-silo retrieval with the final model, when set_retrieval asked for it.
    void finish(const Bytes& final_global) override;

    // After the last round, ask every connected silo for its top `top_k` of these queries
    // (labels judge relevance here); `pooled_map_at_k` is reported beside the merged result.
    void set_retrieval(std::size_t top_k, PackedCodes queries, std::vector<std::int32_t> query_labels,
                       double pooled_map_at_k);

private:
    struct Silo {
        std::unique_ptr<PeerLink> link;  // null while not connected or in use by a round
        std::int64_t generation = 0;     // of `link`
        std::int64_t newest = 0;         // the newest generation a connection was started for
    };
    struct Answer;

    void watch();
    void connect(int silo, std::int64_t generation);
    void wait_for_silos();
    Answer exchange(int silo, std::unique_ptr<PeerLink> link, const Bytes& down, int round,
                    std::chrono::steady_clock::time_point deadline);
    // Sends `out` and returns the payload of the reply of kind `expect`; throws on any failure.
    Bytes ask(PeerLink& link, const Frame& out, FrameKind expect, std::size_t limit,
              std::chrono::steady_clock::time_point deadline);
    std::unique_ptr<PeerLink> take_link(int silo, std::int64_t& generation);
    void return_link(int silo, std::int64_t generation, std::unique_ptr<PeerLink> link);
    void check_update(const Bytes& update) const;

    RemotePoolSettings settings_;
    SiloObserver& observer_;
    int classes_, bits_;
    std::size_t weights_, discriminator_weights_, limit_;
    bool shares_weights_;

    std::mutex mutex_;
    std::condition_variable joined_;
    std::vector<Silo> silos_;
    std::vector<std::thread> connectors_;
    std::atomic<bool> stopping_{false};
    bool waited_ = false;
    struct Retrieval {
        std::size_t top_k = 0;
        PackedCodes queries;
        std::vector<std::int32_t> labels;
        double pooled = -1.0;
    } retrieval_;
    std::thread watcher_;
};

}  // namespace fedhap
