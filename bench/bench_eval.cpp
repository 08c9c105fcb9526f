// bench_eval: evaluate_retrieval (bucket walk; all threads, then one) against a plain reference (full
// distance array + std::stable_sort per query, one thread) on 1,000 queries × 69,000 items.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <vector>

#include "eval/hamming_ranking.h"
#include "eval/retrieval_metrics.h"
#include "util/random.h"
#include "util/thread_pool.h"

using namespace fedhap;

namespace {

constexpr std::size_t kQueries = 1000, kDatabase = 69000, kClasses = 10;

// Items of a class are its random centre code with each bit flipped with probability 0.25.
void make_set(Rng& rng, const std::vector<std::vector<float>>& centres, std::size_t n, PackedCodes& codes,
              LabelSet& labels) {
    const std::size_t bits = centres[0].size();
    std::vector<float> values(n * bits);
    std::vector<std::int64_t> ids(n);
    for (std::size_t i = 0; i < n; ++i) {
        ids[i] = static_cast<std::int64_t>(rng.below(kClasses));
        for (std::size_t b = 0; b < bits; ++b)
            values[i * bits + b] = centres[ids[i]][b] * (rng.uniform() < 0.25 ? -1.0f : 1.0f);
    }
    codes = pack_codes(n, bits, values);
    labels = LabelSet::single(std::move(ids));
}

struct Reference {
    double map = 0.0, p_at_h2 = 0.0;
    std::vector<double> precision, recall;
};

// The textbook way: rank every database item by a stable sort, then read the metrics off the list.
Reference reference(const PackedCodes& q, const LabelSet& ql, const PackedCodes& db, const LabelSet& dbl) {
    Reference r;
    r.precision.assign(q.bits + 1, 0.0);
    r.recall.assign(q.bits + 1, 0.0);
    std::vector<std::size_t> dist(db.count), order(db.count);
    for (std::size_t i = 0; i < q.count; ++i) {
        for (std::size_t j = 0; j < db.count; ++j) dist[j] = hamming_distance(q, i, db, j);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return dist[a] < dist[b]; });
        std::size_t total = 0;
        for (std::size_t j = 0; j < db.count; ++j) total += ql.relevant(i, dbl, j);
        // Walk the ranked list bucket by bucket: radius d covers everything up to the end of bucket d.
        std::size_t hits = 0, p = 0;
        double ap = 0.0;
        std::vector<std::size_t> within(q.bits + 1), relevant_within(q.bits + 1);
        for (std::size_t d = 0; d <= q.bits; ++d) {
            for (; p < order.size() && dist[order[p]] == d; ++p)
                if (ql.relevant(i, dbl, order[p])) ap += double(++hits) / double(p + 1);
            within[d] = p;
            relevant_within[d] = hits;
        }
        r.map += total ? ap / double(total) : 0.0;
        for (std::size_t d = 0; d <= q.bits; ++d) {
            r.precision[d] += within[d] ? double(relevant_within[d]) / double(within[d]) : 0.0;
            r.recall[d] += total ? double(relevant_within[d]) / double(total) : 0.0;
        }
        r.p_at_h2 += within[2] ? double(relevant_within[2]) / double(within[2]) : 0.0;
    }
    r.map /= double(q.count);
    r.p_at_h2 /= double(q.count);
    for (auto& v : r.precision) v /= double(q.count);
    for (auto& v : r.recall) v /= double(q.count);
    return r;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main() {
    std::printf("bench_eval: %zu queries x %zu database items, %zu classes, %d threads "
                "(mAP@all + precision/recall by radius + P@H<=2)\n",
                kQueries, kDatabase, kClasses, resolve_thread_count(0));
    std::printf("%5s %10s %12s %10s %10s %12s %9s %10s %10s %10s\n", "bits", "fast_s", "fast_q/s", "1thread_s", "ref_s",
                "ref_q/s", "speedup", "mAP_fast", "mAP_ref", "max_diff");
    for (std::size_t bits : {16, 32, 64}) {
        Rng rng(42 + bits);
        std::vector<std::vector<float>> centres(kClasses, std::vector<float>(bits));
        for (auto& c : centres)
            for (auto& v : c) v = rng.uniform() < 0.5 ? -1.0f : 1.0f;
        PackedCodes q, db;
        LabelSet ql, dbl;
        make_set(rng, centres, kQueries, q, ql);
        make_set(rng, centres, kDatabase, db, dbl);

        auto t0 = std::chrono::steady_clock::now();
        const RetrievalMetrics fast = evaluate_retrieval(q, ql, db, dbl);
        const double fast_s = seconds_since(t0);
        t0 = std::chrono::steady_clock::now();
        RetrievalOptions one_thread;
        one_thread.threads = 1;
        evaluate_retrieval(q, ql, db, dbl, one_thread);
        const double one_s = seconds_since(t0);
        t0 = std::chrono::steady_clock::now();
        const Reference ref = reference(q, ql, db, dbl);
        const double ref_s = seconds_since(t0);
        // Largest disagreement over mAP, P@H<=2 and the precision/recall curves (should be ~1e-16).
        double diff = std::max(std::abs(fast.map - ref.map), std::abs(fast.p_at_h2 - ref.p_at_h2));
        for (std::size_t d = 0; d <= bits; ++d)
            diff = std::max({diff, std::abs(fast.precision_at_radius[d] - ref.precision[d]),
                             std::abs(fast.recall_at_radius[d] - ref.recall[d])});
        std::printf("%5zu %10.4f %12.0f %10.4f %10.4f %12.0f %8.1fx %10.6f %10.6f %10.1e\n", bits, fast_s,
                    double(kQueries) / fast_s, one_s, ref_s, double(kQueries) / ref_s, ref_s / fast_s, fast.map, ref.map,
                    diff);
    }
    return 0;
}
