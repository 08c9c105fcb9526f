#pragma once
// What the server and its silos agree on: the store keys, the brief a silo reads on arrival
// (the config and the network's shape), and how large a message may be.
//
// The exchange: the server puts a sealed Config frame under kConfigKey. A silo reads it, takes a
// generation number for its index (generation_key), opens a Gloo link of two under
// link_prefix(silo, generation) and says Hello. Each round the server sends Global and waits
// up to --round-timeout for Update; Finish ends the run. A new generation (a silo restarted or
// reconnecting) replaces the silo's old link, so one silo's failure never touches the others.
#include <cstdint>
#include <string>

#include "crosssilo/frame.h"
#include "experiment/experiment_config.h"
#include "fl/messages.h"

namespace fedhap {

namespace silo_keys {
inline const std::string kConfig = "fedhap/config";
inline const std::string kJoins = "fedhap/joins";  // bumped by every join, so the server polls one key
std::string generation(int silo);
std::string link_prefix(int silo, std::int64_t generation);
}  // namespace silo_keys

// The config plus what the server derived from its copy of the data, so a silo with its own
// data (--data) builds the same network.
struct FederationBrief {
    ExperimentConfig config;
    int classes = 0;
    NetSpec net;
};

Bytes encode(const FederationBrief& brief);
FederationBrief decode_brief(const Bytes& bytes);  // throws std::invalid_argument / ConfigError

// The largest message either side accepts: a full model, discriminator and float prototypes,
// with room for the envelope. Anything larger is refused before it is received.
std::size_t message_limit(const NetSpec& net, int classes);

}  // namespace fedhap
