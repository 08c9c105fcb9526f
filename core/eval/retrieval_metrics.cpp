#include "eval/retrieval_metrics.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "eval/hamming_ranking.h"
#include "eval/relevance.h"
#include "util/thread_pool.h"

// x86-64 before POPCNT (pre-2008) turns __builtin_popcountll into a slow library call; the scan
// is cloned for CPUs with POPCNT and picked at load time. Not under ThreadSanitizer: the clone's
// load-time resolver runs before TSan is set up and crashes the program.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_THREAD__)
#define FEDHAP_POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define FEDHAP_POPCNT_CLONES
#endif

namespace fedhap {
namespace {

constexpr std::size_t kQueriesPerChunk = 32;

// A relevant database item seen by the scan: its distance bucket and how many items of that
// bucket came before it (in index order, hence also in ranking order).
struct Hit {
    std::uint32_t before = 0, distance = 0;
};


// The one pass over the database: bucket counts of all items, and the relevant items as hits
// in index order. Branch-free: every item writes a hit slot; only relevant ones advance.
template <std::size_t Words, typename Relevant>
__attribute__((always_inline)) inline std::size_t scan_with(const std::uint64_t* query, const std::uint64_t* db,
                                                            std::size_t n, Relevant relevant, std::uint32_t* count,
                                                            Hit* hits) {
    std::size_t found = 0;
    for (std::size_t j = 0; j < n; ++j) {
        std::uint32_t d = static_cast<std::uint32_t>(__builtin_popcountll(query[0] ^ db[j * Words]));
        if (Words == 2) d += static_cast<std::uint32_t>(__builtin_popcountll(query[1] ^ db[j * Words + 1]));
        hits[found] = {count[d], d};
        found += relevant(j) ? 1 : 0;
        ++count[d];
    }
    return found;
}

template <std::size_t Words>
__attribute__((always_inline)) inline std::size_t scan_words(const std::uint64_t* query, const PackedCodes& db,
                                                             const LabelSet& query_labels, std::size_t q,
                                                             const LabelSet& db_labels, std::uint32_t* count,
                                                             Hit* hits) {
    const std::uint64_t* codes = db.words.data();
    if (!query_labels.multi_label())
        return scan_with<Words>(query, codes, db.count, relevance::SingleLabel{db_labels.ids().data(), query_labels.ids()[q]},
                                count, hits);
    if (query_labels.words_per_item() == 1)
        return scan_with<Words>(query, codes, db.count, relevance::OneWordMask{db_labels.masks().data(), *query_labels.mask(q)},
                                count, hits);
    return scan_with<Words>(query, codes, db.count,
                            relevance::ManyWordMask{db_labels.masks().data(), query_labels.mask(q), query_labels.words_per_item()},
                            count, hits);
}

// count[0..bits] must be zero on entry; returns the number of hits written.
FEDHAP_POPCNT_CLONES std::size_t scan(const PackedCodes& queries, const LabelSet& query_labels, std::size_t q,
                                      const PackedCodes& db, const LabelSet& db_labels, std::uint32_t* count,
                                      Hit* hits) {
    if (db.words_per_code == 1) return scan_words<1>(queries.code(q), db, query_labels, q, db_labels, count, hits);
    return scan_words<2>(queries.code(q), db, query_labels, q, db_labels, count, hits);
}

struct Scratch {
    std::vector<std::uint32_t> count, relevant_count, start, relevant_start;
    std::vector<Hit> hits;
    std::vector<std::uint32_t> hit_positions;  // ranking positions of the relevant items, ascending
};

// Sums over the queries of one chunk, added in query order.
struct ChunkSums {
    double ap = 0.0, ap_at_k = 0.0, p_at_h2 = 0.0;
    std::vector<double> precision, recall, precision_at_n;
};

struct Inputs {
    const PackedCodes& queries;
    const LabelSet& query_labels;
    const PackedCodes& database;
    const LabelSet& database_labels;
    const RetrievalOptions& options;
};

// Adds query q's metrics to `sum`; returns its AP@all.
double score_query(const Inputs& in, std::size_t q, Scratch& s, ChunkSums& sum) {
    const std::size_t bits = in.queries.bits, buckets = bits + 1, n_db = in.database.count;
    if (s.hits.empty()) {
        s.count.resize(buckets);
        s.relevant_count.resize(buckets);
        s.start.resize(buckets);
        s.relevant_start.resize(buckets);
        s.hits.resize(n_db);
        if (!in.options.precision_at.empty()) s.hit_positions.resize(n_db);
    }
    std::fill(s.count.begin(), s.count.end(), 0u);
    std::fill(s.relevant_count.begin(), s.relevant_count.end(), 0u);
    const std::size_t relevant =
        scan(in.queries, in.query_labels, q, in.database, in.database_labels, s.count.data(), s.hits.data());
    for (std::size_t h = 0; h < relevant; ++h) ++s.relevant_count[s.hits[h].distance];

    // Bucket d occupies ranking positions [start[d], start[d] + count[d]); its relevant items have
    // relevant ranks from relevant_start[d] on. Precision/recall by radius are the running sums.
    const std::size_t h2 = std::min<std::size_t>(2, bits);
    std::uint32_t within = 0, relevant_within = 0;
    for (std::size_t d = 0; d < buckets; ++d) {
        s.start[d] = within;
        s.relevant_start[d] = relevant_within;
        within += s.count[d];
        relevant_within += s.relevant_count[d];
        const double precision = within ? double(relevant_within) / within : 0.0;
        sum.precision[d] += precision;
        if (d == h2) sum.p_at_h2 += precision;
        sum.recall[d] += relevant ? double(relevant_within) / double(relevant) : 0.0;
    }

    // Hits are in index order, so counting them off per bucket gives each one's relevant rank.
    double ap = 0.0, ap_at_k = 0.0;
    std::size_t relevant_in_k = 0;
    for (std::size_t h = 0; h < relevant; ++h) {
        const Hit& hit = s.hits[h];
        const std::uint32_t rank = s.relevant_start[hit.distance]++;
        const std::uint32_t pos = s.start[hit.distance] + hit.before;
        const double precision = double(rank + 1) / double(pos + 1);
        ap += precision;
        if (pos < in.options.top_k) {
            ap_at_k += precision;
            ++relevant_in_k;
        }
        if (!s.hit_positions.empty()) s.hit_positions[rank] = pos;
    }
    ap = relevant ? ap / double(relevant) : 0.0;
    sum.ap += ap;
    sum.ap_at_k += relevant_in_k ? ap_at_k / double(relevant_in_k) : 0.0;
    const auto first = s.hit_positions.begin(), last = first + static_cast<std::ptrdiff_t>(relevant);
    for (std::size_t i = 0; i < in.options.precision_at.size(); ++i) {
        const std::size_t top = std::min(in.options.precision_at[i], n_db);
        sum.precision_at_n[i] += double(std::lower_bound(first, last, top) - first) / double(top);
    }
    return ap;
}

}  // namespace

RetrievalMetrics evaluate_retrieval(const PackedCodes& queries, const LabelSet& query_labels,
                                    const PackedCodes& database, const LabelSet& database_labels,
                                    const RetrievalOptions& options) {
    check_retrieval_inputs(queries, query_labels, database, database_labels);
    if (queries.count == 0) throw std::invalid_argument("no queries to evaluate");
    if (database.count == 0) throw std::invalid_argument("the database is empty");
    for (auto n : options.precision_at)
        if (n == 0) throw std::invalid_argument("precision@N needs N > 0");

    const std::size_t buckets = queries.bits + 1;
    const Inputs in{queries, query_labels, database, database_labels, options};
    RetrievalMetrics m;
    m.queries = queries.count;
    m.database = database.count;
    m.bits = queries.bits;
    m.top_k = options.top_k;
    m.average_precision.assign(queries.count, 0.0);
    std::vector<ChunkSums> sums((queries.count + kQueriesPerChunk - 1) / kQueriesPerChunk);
    // No more threads than chunks: each thread's scratch is O(database).
    const int chunks = static_cast<int>(sums.size());
    ThreadPool pool(std::min(resolve_thread_count(static_cast<int>(std::min<std::size_t>(options.threads, sums.size()))), chunks));
    std::vector<Scratch> scratch(pool.threads());
    pool.run_blocks(queries.count, kQueriesPerChunk, [&](std::size_t begin, std::size_t end, std::size_t slot) {
        ChunkSums& sum = sums[begin / kQueriesPerChunk];
        sum.precision.assign(buckets, 0.0);
        sum.recall.assign(buckets, 0.0);
        sum.precision_at_n.assign(options.precision_at.size(), 0.0);
        for (std::size_t q = begin; q < end; ++q) m.average_precision[q] = score_query(in, q, scratch[slot], sum);
    });

    m.precision_at_radius.assign(buckets, 0.0);
    m.recall_at_radius.assign(buckets, 0.0);
    m.precision_at_n.assign(options.precision_at.size(), 0.0);
    for (const ChunkSums& sum : sums) {
        m.map += sum.ap;
        m.map_at_k += sum.ap_at_k;
        m.p_at_h2 += sum.p_at_h2;
        for (std::size_t d = 0; d < buckets; ++d) {
            m.precision_at_radius[d] += sum.precision[d];
            m.recall_at_radius[d] += sum.recall[d];
        }
        for (std::size_t i = 0; i < sum.precision_at_n.size(); ++i) m.precision_at_n[i] += sum.precision_at_n[i];
    }
    const double nq = double(queries.count);
    m.map /= nq;
    m.map_at_k /= nq;
    m.p_at_h2 /= nq;
    for (auto& v : m.precision_at_radius) v /= nq;
    for (auto& v : m.recall_at_radius) v /= nq;
    for (auto& v : m.precision_at_n) v /= nq;
    return m;
}

double mean_over_queries(const std::vector<double>& per_query) {
    double total = 0.0;
    for (std::size_t begin = 0; begin < per_query.size(); begin += kQueriesPerChunk) {
        double chunk = 0.0;
        for (std::size_t q = begin; q < std::min(per_query.size(), begin + kQueriesPerChunk); ++q) chunk += per_query[q];
        total += chunk;
    }
    return per_query.empty() ? 0.0 : total / static_cast<double>(per_query.size());
}

}  // namespace fedhap
