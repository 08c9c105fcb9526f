#pragma once
// Whether database item j is relevant to the query, for each form of labels (eval/label_set.h):
// one class id per item, a one-word multi-hot mask, or a mask of several words. The scans are
// templates over these, so the test inlines into their inner loops.
#include <cstddef>
#include <cstdint>

namespace fedhap::relevance {

struct SingleLabel {
    const std::int64_t* ids;
    std::int64_t query;
    bool operator()(std::size_t j) const { return ids[j] == query; }
};
struct OneWordMask {
    const std::uint64_t* masks;
    std::uint64_t query;
    bool operator()(std::size_t j) const { return (masks[j] & query) != 0; }
};
struct ManyWordMask {
    const std::uint64_t* masks;
    const std::uint64_t* query;
    std::size_t words;
    bool operator()(std::size_t j) const {
        for (std::size_t w = 0; w < words; ++w)
            if (masks[j * words + w] & query[w]) return true;
        return false;
    }
};

}  // namespace fedhap::relevance
