#include "data/protocol_data.h"

namespace fedhap {

ProtocolData load_protocol_data(DatasetKind kind, const std::string& path, const SplitSizes& sizes, std::uint64_t seed) {
    ProtocolData out;
    {
        DatasetParts parts = load_dataset(kind, path);
        out.test_offset = parts.train.size();
        out.joined = concatenate(parts.train, parts.test);
    }  // the parts go here: only the joined copy stays
    out.split = make_retrieval_split(out.joined.labels, out.test_offset, out.joined.num_classes(), sizes, seed);
    out.train_labels.reserve(out.split.train.size());
    for (auto r : out.split.train) out.train_labels.push_back(out.joined.labels[r]);
    return out;
}

}  // namespace fedhap
