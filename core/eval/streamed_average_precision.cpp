#include "eval/streamed_average_precision.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "util/thread_pool.h"

namespace fedhap {
namespace {

constexpr std::size_t kQueriesPerChunk = 32;

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

template <std::size_t Words>
__attribute__((always_inline)) inline std::uint32_t distance(const std::uint64_t* query, const std::uint64_t* codes, std::size_t j) {
    std::uint32_t d = static_cast<std::uint32_t>(__builtin_popcountll(query[0] ^ codes[j * Words]));
    if (Words == 2) d += static_cast<std::uint32_t>(__builtin_popcountll(query[1] ^ codes[j * Words + 1]));
    return d;
}

// One query's counters, bits + 1 of each. Pass 1: items and relevant items per distance. Between
// the passes they become the next ranking position and the next relevant rank per distance.
struct QueryCounters {
    std::uint64_t* items;
    std::uint64_t* relevant;
};

template <std::size_t Words, typename Relevant>
__attribute__((always_inline)) inline void count_pass(const std::uint64_t* query, const PackedCodes& block, Relevant relevant, QueryCounters c) {
    for (std::size_t j = 0; j < block.count; ++j) {
        const std::uint32_t d = distance<Words>(query, block.words.data(), j);
        ++c.items[d];
        c.relevant[d] += relevant(j) ? 1 : 0;
    }
}

// Adds to the query's running sum term by term, as evaluate_retrieval does (not block subtotals).
template <std::size_t Words, typename Relevant>
__attribute__((always_inline)) inline void score_pass(const std::uint64_t* query, const PackedCodes& block, Relevant relevant, QueryCounters c, double& ap) {
    for (std::size_t j = 0; j < block.count; ++j) {
        const std::uint32_t d = distance<Words>(query, block.words.data(), j);
        const std::uint64_t position = c.items[d]++;
        if (relevant(j)) ap += double(c.relevant[d]++ + 1) / double(position + 1);
    }
}

// x86-64 before POPCNT turns __builtin_popcountll into a slow library call: the passes are cloned
// for CPUs with POPCNT (not under ThreadSanitizer, whose set-up the clones' resolver precedes).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_THREAD__)
#define FEDHAP_POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define FEDHAP_POPCNT_CLONES
#endif

FEDHAP_POPCNT_CLONES void count_query(const PackedCodes& queries, const LabelSet& query_labels, std::size_t q,
                                      const PackedCodes& codes, const LabelSet& labels, QueryCounters c) {
    const std::uint64_t* query = queries.code(q);
    const bool one_word = codes.words_per_code == 1;
    if (!query_labels.multi_label()) {
        const SingleLabel relevant{labels.ids().data(), query_labels.ids()[q]};
        one_word ? count_pass<1>(query, codes, relevant, c) : count_pass<2>(query, codes, relevant, c);
    } else if (query_labels.words_per_item() == 1) {
        const OneWordMask relevant{labels.masks().data(), *query_labels.mask(q)};
        one_word ? count_pass<1>(query, codes, relevant, c) : count_pass<2>(query, codes, relevant, c);
    } else {
        const ManyWordMask relevant{labels.masks().data(), query_labels.mask(q), query_labels.words_per_item()};
        one_word ? count_pass<1>(query, codes, relevant, c) : count_pass<2>(query, codes, relevant, c);
    }
}

FEDHAP_POPCNT_CLONES void score_query(const PackedCodes& queries, const LabelSet& query_labels, std::size_t q,
                                      const PackedCodes& codes, const LabelSet& labels, QueryCounters c, double& ap) {
    const std::uint64_t* query = queries.code(q);
    const bool one_word = codes.words_per_code == 1;
    if (!query_labels.multi_label()) {
        const SingleLabel relevant{labels.ids().data(), query_labels.ids()[q]};
        one_word ? score_pass<1>(query, codes, relevant, c, ap) : score_pass<2>(query, codes, relevant, c, ap);
    } else if (query_labels.words_per_item() == 1) {
        const OneWordMask relevant{labels.masks().data(), *query_labels.mask(q)};
        one_word ? score_pass<1>(query, codes, relevant, c, ap) : score_pass<2>(query, codes, relevant, c, ap);
    } else {
        const ManyWordMask relevant{labels.masks().data(), query_labels.mask(q), query_labels.words_per_item()};
        one_word ? score_pass<1>(query, codes, relevant, c, ap) : score_pass<2>(query, codes, relevant, c, ap);
    }
}

void check_block(const PackedCodes& queries, const LabelSet& query_labels, const PackedCodes& codes,
                 const LabelSet& labels, std::size_t block) {
    const std::string which = "database block " + std::to_string(block);
    if (codes.bits != queries.bits)
        throw std::invalid_argument(which + " has " + std::to_string(codes.bits) + "-bit codes, the queries " +
                                    std::to_string(queries.bits));
    if (labels.count() != codes.count)
        throw std::invalid_argument(which + " has " + std::to_string(labels.count()) + " labels for " +
                                    std::to_string(codes.count) + " codes");
    check_comparable(query_labels, labels, "query labels", "database labels");
}

}  // namespace

std::vector<double> streamed_average_precision(const PackedCodes& queries, const LabelSet& query_labels,
                                               const DatabaseBlocks& blocks, std::size_t threads) {
    if (queries.count == 0) throw std::invalid_argument("no queries to evaluate");
    if (query_labels.count() != queries.count)
        throw std::invalid_argument(std::to_string(query_labels.count()) + " query labels for " +
                                    std::to_string(queries.count) + " query codes");
    const std::size_t buckets = queries.bits + 1, nq = queries.count;
    std::vector<std::uint64_t> items(nq * buckets, 0), relevant(nq * buckets, 0);
    const auto counters = [&](std::size_t q) { return QueryCounters{&items[q * buckets], &relevant[q * buckets]}; };
    std::vector<double> ap(nq, 0.0);

    const int chunks = static_cast<int>((nq + kQueriesPerChunk - 1) / kQueriesPerChunk);
    ThreadPool pool(std::min(resolve_thread_count(static_cast<int>(std::min<std::size_t>(threads, std::size_t(chunks)))), chunks));
    PackedCodes codes;
    LabelSet labels;

    // Pass 1: counts per distance.
    std::vector<std::size_t> block_sizes;
    for (std::size_t b = 0; blocks(b, codes, labels); ++b) {
        check_block(queries, query_labels, codes, labels, b);
        block_sizes.push_back(codes.count);
        pool.run_blocks(nq, kQueriesPerChunk, [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t q = begin; q < end; ++q) count_query(queries, query_labels, q, codes, labels, counters(q));
        });
    }
    std::uint64_t total = 0;
    for (auto n : block_sizes) total += n;
    if (total == 0) throw std::invalid_argument("the database is empty");

    // Counts become starting points: bucket d's items take ranking positions from the number of
    // items nearer than d, its relevant items relevant ranks from the number of nearer relevant ones.
    std::vector<std::uint64_t> relevant_total(nq, 0);
    for (std::size_t q = 0; q < nq; ++q) {
        std::uint64_t within = 0, relevant_within = 0;
        for (std::size_t d = 0; d < buckets; ++d) {
            const std::uint64_t n = items[q * buckets + d], r = relevant[q * buckets + d];
            items[q * buckets + d] = within;
            relevant[q * buckets + d] = relevant_within;
            within += n;
            relevant_within += r;
        }
        relevant_total[q] = relevant_within;
    }

    // Pass 2: each relevant item's precision, in index order.
    std::size_t b = 0;
    for (; blocks(b, codes, labels); ++b) {
        check_block(queries, query_labels, codes, labels, b);
        if (b >= block_sizes.size() || block_sizes[b] != codes.count)
            throw std::invalid_argument("database block " + std::to_string(b) + " differs between the two passes");
        pool.run_blocks(nq, kQueriesPerChunk, [&](std::size_t begin, std::size_t end, std::size_t) {
            for (std::size_t q = begin; q < end; ++q)
                score_query(queries, query_labels, q, codes, labels, counters(q), ap[q]);
        });
    }
    if (b != block_sizes.size())
        throw std::invalid_argument("the database blocks differ between the two passes");
    for (std::size_t q = 0; q < nq; ++q) ap[q] = relevant_total[q] ? ap[q] / double(relevant_total[q]) : 0.0;
    return ap;
}

}  // namespace fedhap
