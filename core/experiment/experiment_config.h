#pragma once
// Everything that defines an experiment, as saved to and loaded from JSON (the GUI and the CLI
// share this format). Loading validates every key and names the bad one in a one-line error.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "data/dataset_source.h"
#include "data/retrieval_split.h"
#include "fl/lr_schedule.h"
#include "method/method_options.h"
#include "nn/net_spec.h"
#include "partition/partition.h"

namespace fedhap {

class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ExperimentConfig {
    std::string name = "experiment";
    DatasetKind dataset = DatasetKind::FashionMnist;
    std::string data_path;  // empty: the dataset's default location
    SplitSizes sizes;
    PartitionConfig partition;  // its seed is `seed`
    NetKind net = NetKind::Cnn;
    int bits = 32;
    int hidden = 256;
    int rounds = 20;
    int local_epochs = 1;
    int batch_size = 64;
    double lr = 1e-3;
    LrSchedule lr_schedule = LrSchedule::Constant;
    std::string device = "auto";  // auto | cpu | cuda | cuda:N
    int threads = 0;              // LibTorch intra-op threads; 0 = all cores
    int eval_every = 5;           // rounds between mAP evaluations (0: final only)
    std::size_t eval_database_sample = 5000;  // database items for per-round mAP (0: all)
    // One node holds the whole train set and trains with the same method, switches and budget:
    // each method's own centralized counterpart, the fair upper reference for it.
    bool pooled = false;
    MethodOptions method;
    std::uint64_t seed = 0;
};

// Throws ConfigError("<origin>: <key>: <fault>").
ExperimentConfig config_from_json(const std::string& text, const std::string& origin = "config");
std::string config_to_json(const ExperimentConfig& config);  // every key, pretty-printed
ExperimentConfig load_config_file(const std::string& path);
void save_config_file(const std::string& path, const ExperimentConfig& config);  // atomic
// Re-checks the values of a config built in code (the JSON loader calls it too).
void validate_config(const ExperimentConfig& config, const std::string& origin = "config");

}  // namespace fedhap
