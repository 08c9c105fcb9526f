#pragma once
// The k nearest database codes of many queries by Hamming distance: `fedhap search` and the
// workbench's retrieval gallery. Order: ascending distance, ties by ascending database index
// (the order of hamming_ranking.h and the retrieval metrics).
//
// Memory is O(queries × k), never O(database): the database goes by in blocks, in index order,
// and each query keeps only the candidates that can still be in its top k. Within a block the
// codes are scanned in cache-sized tiles for a group of queries at a time.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "eval/hamming_ranking.h"
#include "eval/packed_codes.h"

namespace fedhap {

class ThreadPool;

// Row-major queries × k; k = min(requested k, database items seen).
struct HammingNeighbours {
    std::size_t queries = 0, k = 0;
    std::vector<std::int64_t> indices;    // database index
    std::vector<std::int32_t> distances;  // Hamming distance
};

// The streaming form: add the database block by block, then finish().
class HammingTopK {
public:
    // Throws std::invalid_argument for k = 0. threads: 0 = one per core; the result does not
    // depend on it. The queries are copied (they are small next to the database).
    HammingTopK(const PackedCodes& queries, std::size_t k, std::size_t threads = 0);
    ~HammingTopK();
    HammingTopK(const HammingTopK&) = delete;
    HammingTopK& operator=(const HammingTopK&) = delete;

    // The next `block.count` database items, numbered on from those added before. Throws
    // std::invalid_argument when the bit count differs from the queries'.
    void add(const PackedCodes& block);
    HammingNeighbours finish();

private:
    struct QueryState;
    void add_words(const std::uint64_t* words, std::size_t count);

    PackedCodes queries_;
    std::size_t k_;
    std::uint64_t seen_ = 0;
    std::vector<QueryState> state_;
    std::unique_ptr<ThreadPool> pool_;
};

// The whole database at once (it is still scanned in tiles; memory stays O(queries × k)).
HammingNeighbours hamming_top_k(const PackedCodes& queries, const PackedCodes& database, std::size_t k,
                                std::size_t threads = 0);

}  // namespace fedhap
