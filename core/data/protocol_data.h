#pragma once
// A dataset ready for the retrieval protocol: train ⧺ test joined, split into query / database /
// train, and the labels of the train part (what partitions and training index into).
#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/dataset_source.h"
#include "data/retrieval_split.h"

namespace fedhap {

struct ProtocolData {
    Dataset joined;               // train part ⧺ test part
    std::size_t test_offset = 0;  // where the test part starts in `joined`
    RetrievalSplit split;
    std::vector<std::int32_t> train_labels;  // labels of split.train, in its order
};

// Loads `kind` from `path` ("" = its default location) and draws the split with `seed`.
// Throws DataError / std::invalid_argument with a one-line message.
ProtocolData load_protocol_data(DatasetKind kind, const std::string& path, const SplitSizes& sizes, std::uint64_t seed);

}  // namespace fedhap
