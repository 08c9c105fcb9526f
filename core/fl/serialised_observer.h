#pragma once
// Forwards the per-client observer calls of clients handled in parallel threads one at a time
// (the local pool's training threads, the remote pool's exchange threads).
#include <mutex>

#include "fl/run_observer.h"

namespace fedhap {

class SerialisedObserver : public RunObserver {
public:
    explicit SerialisedObserver(RunObserver& inner) : inner_(inner) {}
    void on_client_start(int round, int client, int clients) override {
        std::lock_guard<std::mutex> lock(mutex_);
        inner_.on_client_start(round, client, clients);
    }
    void on_batch(int round, int client, int batch, int batches, double loss) override {
        std::lock_guard<std::mutex> lock(mutex_);
        inner_.on_batch(round, client, batch, batches, loss);
    }
    void on_client_end(int round, const ClientRoundResult& r) override {
        std::lock_guard<std::mutex> lock(mutex_);
        inner_.on_client_end(round, r);
    }

private:
    RunObserver& inner_;
    std::mutex mutex_;
};

}  // namespace fedhap
