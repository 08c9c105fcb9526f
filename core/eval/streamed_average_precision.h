#pragma once
// mAP@all over a database too large to hold at once: the database comes in blocks, twice, and each
// query keeps two counters per Hamming distance (plus one tile of scratch per thread) instead of
// evaluate_retrieval's O(database) scratch per thread.
//
// Why two passes: ties are ranked by database index, so an item's ranking position is the number of
// items nearer to the query in the whole database plus those at its own distance before it, and the
// first number is known only once every block has been seen. Pass 1 counts items and relevant items
// per distance; pass 2 walks the same blocks again and adds each relevant item's precision in index
// order, the order evaluate_retrieval adds them: the AP values are equal to the last bit.
#include <cstddef>
#include <functional>
#include <vector>

#include "eval/label_set.h"
#include "eval/packed_codes.h"

namespace fedhap {

// Fills `codes` and `labels` with database block `block` (0, 1, …) and returns true, or returns
// false once there are no more blocks. Called for two passes, which must see the same blocks.
using DatabaseBlocks = std::function<bool(std::size_t block, PackedCodes& codes, LabelSet& labels)>;

// AP@all of each query, as RetrievalMetrics::average_precision holds it (mean_over_queries of it
// is the map). threads: 0 = one per core. Throws std::invalid_argument for no queries, an empty
// database, a block whose bit count, label count or label kind does not match, or blocks that
// differ between the passes.
std::vector<double> streamed_average_precision(const PackedCodes& queries, const LabelSet& query_labels,
                                               const DatabaseBlocks& blocks, std::size_t threads = 0);

}  // namespace fedhap
