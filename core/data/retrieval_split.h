#pragma once
// The deep-hashing retrieval protocol ("cifar10-1" convention): query = a fixed number per class
// from the test part, database = every other image, train = a fixed number per class drawn from
// the database. Indices refer to the joined dataset (train part first, then test part).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "data/dataset.h"

namespace fedhap {

struct SplitSizes {
    std::size_t query_per_class = 100;
    std::size_t train_per_class = 500;
};

struct RetrievalSplit {
    std::vector<std::size_t> query;     // ascending
    std::vector<std::size_t> database;  // ascending; the ranking tie-break order
    std::vector<std::size_t> train;     // ascending, a subset of database
};

// `joined_labels` are the labels of train ⧺ test; `test_offset` is where the test part starts
// (== size when there is no test part: queries are then drawn from everything).
// Throws std::invalid_argument when a class has too few images for the sizes asked.
RetrievalSplit make_retrieval_split(const std::vector<std::int32_t>& joined_labels, std::size_t test_offset,
                                    std::size_t num_classes, const SplitSizes& sizes, std::uint64_t seed);

}  // namespace fedhap
