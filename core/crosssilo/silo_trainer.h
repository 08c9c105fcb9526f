#pragma once
// A silo's data and its one client: what `fedhap join` trains each round.
#include <memory>

#include "crosssilo/federated_retrieval.h"
#include "crosssilo/silo_messages.h"
#include "crosssilo/silo_protocol.h"
#include "fl/client.h"

namespace fedhap {

class SiloTrainer {
public:
    // Loads the data: its partition of the config's dataset (the rows the in-process run gives
    // client `silo`), or all train images of its own folder `data_path`.
    SiloTrainer(const FederationBrief& brief, int silo, const std::string& data_path, const std::string& device);

    SiloHello hello() const;
    SiloReply train(const Bytes& global, int round, StopToken& stop);
    // Ranks this silo's database with the request's final model: its top K per query.
    RetrievalAnswer retrieve(const RetrievalRequest& request);
    std::size_t images() const { return images_; }
    std::size_t message_limit() const { return limit_; }

private:
    std::unique_ptr<Client> client_;
    ClientNetworks networks_;  // the client trains in them; retrieval encodes with them
    TrainData data_;
    torch::Device device_;
    // Its part of the retrieval database: every silos-th item of the protocol's database (keys =
    // positions there), or its own folder's test images (own_data_key).
    Dataset database_;
    std::vector<std::uint64_t> database_keys_;
    std::vector<std::int32_t> counts_;
    std::size_t images_ = 0, limit_ = 0;
};

}  // namespace fedhap
