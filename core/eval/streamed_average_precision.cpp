#include "eval/streamed_average_precision.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "eval/relevance.h"
#include "util/thread_pool.h"

namespace fedhap {
namespace {

constexpr std::size_t kQueriesPerChunk = 32;
// A block is scanned in tiles by every query of a chunk in turn: 8,192 codes and their labels stay
// in cache between the queries.
constexpr std::size_t kTileCodes = 8192;


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

// One counter update per item: a tile's items per distance in the low 32 bits, relevant items in
// the high 32 (a tile holds far fewer than 2^32 items), added to the query's totals at the end.
template <std::size_t Words, typename Relevant>
__attribute__((always_inline)) inline void count_pass(const std::uint64_t* query, const std::uint64_t* codes,
                                                      std::size_t begin, std::size_t end, Relevant relevant,
                                                      QueryCounters c, std::size_t buckets) {
    std::uint64_t both[kMaxCodeBits + 1] = {};
    for (std::size_t j = begin; j < end; ++j)
        both[distance<Words>(query, codes, j)] += 1 + (std::uint64_t{relevant(j)} << 32);
    for (std::size_t d = 0; d < buckets; ++d) {
        c.items[d] += both[d] & 0xFFFFFFFFu;
        c.relevant[d] += both[d] >> 32;
    }
}

// A relevant item of the tile: its ranking position and distance.
struct Hit {
    std::uint64_t position = 0;
    std::uint32_t distance = 0;
};

// Adds to the query's running sum term by term, in index order, as evaluate_retrieval does (not
// tile subtotals). Branch-free gathering first: every item writes a hit slot, relevant ones keep it.
template <std::size_t Words, typename Relevant>
__attribute__((always_inline)) inline void score_pass(const std::uint64_t* query, const std::uint64_t* codes,
                                                      std::size_t begin, std::size_t end, Relevant relevant,
                                                      QueryCounters c, Hit* hits, double& ap) {
    std::size_t found = 0;
    for (std::size_t j = begin; j < end; ++j) {
        const std::uint32_t d = distance<Words>(query, codes, j);
        hits[found] = {c.items[d]++, d};
        found += relevant(j) ? 1 : 0;
    }
    for (std::size_t h = 0; h < found; ++h)
        ap += double(c.relevant[hits[h].distance]++ + 1) / double(hits[h].position + 1);
}

// x86-64 before POPCNT turns __builtin_popcountll into a slow library call: the passes are cloned
// for CPUs with POPCNT (not under ThreadSanitizer, whose set-up the clones' resolver precedes).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_THREAD__)
#define FEDHAP_POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define FEDHAP_POPCNT_CLONES
#endif

template <typename Relevant>
__attribute__((always_inline)) inline void pass_with(const std::uint64_t* query, const PackedCodes& codes,
                                                     std::size_t begin, std::size_t end, Relevant relevant,
                                                     QueryCounters c, Hit* hits, double& ap) {
    const std::uint64_t* words = codes.words.data();
    if (codes.words_per_code == 1) {
        if (hits) score_pass<1>(query, words, begin, end, relevant, c, hits, ap);
        else count_pass<1>(query, words, begin, end, relevant, c, codes.bits + 1);
    } else {
        if (hits) score_pass<2>(query, words, begin, end, relevant, c, hits, ap);
        else count_pass<2>(query, words, begin, end, relevant, c, codes.bits + 1);
    }
}

// Query q over codes [begin, end) of a block with the relevance test of the label kind: pass 1
// when hits is null, else pass 2.
FEDHAP_POPCNT_CLONES void pass_over(const PackedCodes& queries, const LabelSet& query_labels, std::size_t q,
                                    const PackedCodes& codes, const LabelSet& labels, std::size_t begin,
                                    std::size_t end, QueryCounters c, Hit* hits, double& ap) {
    const std::uint64_t* query = queries.code(q);
    if (!query_labels.multi_label())
        pass_with(query, codes, begin, end, relevance::SingleLabel{labels.ids().data(), query_labels.ids()[q]}, c, hits, ap);
    else if (query_labels.words_per_item() == 1)
        pass_with(query, codes, begin, end, relevance::OneWordMask{labels.masks().data(), *query_labels.mask(q)}, c, hits, ap);
    else
        pass_with(query, codes, begin, end,
                  relevance::ManyWordMask{labels.masks().data(), query_labels.mask(q), query_labels.words_per_item()}, c, hits, ap);
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
    std::vector<std::vector<Hit>> hits(pool.threads(), std::vector<Hit>(kTileCodes));  // pass 2's scratch
    PackedCodes codes;
    LabelSet labels;

    // Pass 1: counts per distance.
    std::vector<std::size_t> block_sizes;
    for (std::size_t b = 0; blocks(b, codes, labels); ++b) {
        check_block(queries, query_labels, codes, labels, b);
        block_sizes.push_back(codes.count);
        pool.run_blocks(nq, kQueriesPerChunk, [&](std::size_t begin, std::size_t end, std::size_t) {
            double unused = 0.0;
            for (std::size_t tile = 0; tile < codes.count; tile += kTileCodes)
                for (std::size_t q = begin; q < end; ++q)
                    pass_over(queries, query_labels, q, codes, labels, tile, std::min(codes.count, tile + kTileCodes),
                              counters(q), nullptr, unused);
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
        pool.run_blocks(nq, kQueriesPerChunk, [&](std::size_t begin, std::size_t end, std::size_t slot) {
            for (std::size_t tile = 0; tile < codes.count; tile += kTileCodes)
                for (std::size_t q = begin; q < end; ++q)
                    pass_over(queries, query_labels, q, codes, labels, tile, std::min(codes.count, tile + kTileCodes),
                              counters(q), hits[slot].data(), ap[q]);
        });
    }
    if (b != block_sizes.size())
        throw std::invalid_argument("the database blocks differ between the two passes");
    for (std::size_t q = 0; q < nq; ++q) ap[q] = relevant_total[q] ? ap[q] / double(relevant_total[q]) : 0.0;
    return ap;
}

}  // namespace fedhap
