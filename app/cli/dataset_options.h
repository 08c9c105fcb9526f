#pragma once
// The --dataset/--data/protocol options shared by subcommands that load a dataset.
#include "arg_parser.h"
#include "data/protocol_data.h"

namespace fedhap::cli {

void add_dataset_options(ArgParser& parser);

struct LoadedData : ProtocolData {
    std::string origin;  // the path actually read
};

// Loads the dataset and draws the retrieval split with --seed.
LoadedData load_dataset_from_options(const ArgParser& parser);

}  // namespace fedhap::cli
