#include "eval/hamming_topk.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "util/thread_pool.h"

namespace fedhap {
namespace {

// A tile of database codes is scanned by every query of a group before the next tile: 4,096 codes
// of 64 bits are 32 KiB, which stay in cache while the group's queries pass over them.
constexpr std::size_t kTileCodes = 4096;
constexpr std::size_t kQueriesPerGroup = 16;
// Distances are tested against the threshold this many at a time; most groups hold none below it.
constexpr std::size_t kCheckGroup = 64;
// Candidates a query may hold beyond 2k before the dropped ones are swept out.
constexpr std::size_t kCompactSlack = 256;

struct Candidate {
    std::uint64_t index = 0;
    std::uint32_t distance = 0;
};

template <std::size_t Words>
__attribute__((always_inline)) inline void distances_of(const std::uint64_t* query,
                                                        const std::uint64_t* __restrict codes, std::size_t n,
                                                        std::uint8_t* __restrict out) {
    const std::uint64_t q0 = query[0], q1 = Words == 2 ? query[1] : 0;  // in registers: the loop vectorises
    for (std::size_t j = 0; j < n; ++j) {
        std::uint32_t d = static_cast<std::uint32_t>(__builtin_popcountll(q0 ^ codes[j * Words]));
        if (Words == 2) d += static_cast<std::uint32_t>(__builtin_popcountll(q1 ^ codes[j * Words + 1]));
        out[j] = static_cast<std::uint8_t>(d);  // at most 128
    }
}

#define FEDHAP_TILE_DISTANCES(name)                                                                          \
    void name(const std::uint64_t* query, const std::uint64_t* codes, std::size_t n, std::size_t words_per_code, \
              std::uint8_t* out) {                                                                            \
        if (words_per_code == 1) distances_of<1>(query, codes, n, out);                                      \
        else distances_of<2>(query, codes, n, out);                                                           \
    }

using TileDistances = void (*)(const std::uint64_t*, const std::uint64_t*, std::size_t, std::size_t, std::uint8_t*);

FEDHAP_TILE_DISTANCES(tile_distances_portable)

// The distance loop compiled for AVX-512 VPOPCNTDQ (eight codes per instruction) and for POPCNT
// (without it __builtin_popcountll is a slow library call), picked once from the running CPU. A
// plain function pointer rather than target_clones: GCC's clones cannot name VPOPCNTDQ, and their
// load-time resolver crashes under ThreadSanitizer.
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vpopcntdq"))) FEDHAP_TILE_DISTANCES(tile_distances_avx512)
__attribute__((target("popcnt"))) FEDHAP_TILE_DISTANCES(tile_distances_popcnt)

TileDistances pick_tile_distances() {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512vpopcntdq") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl"))
        return tile_distances_avx512;
    if (__builtin_cpu_supports("popcnt")) return tile_distances_popcnt;
    return tile_distances_portable;
}
#else
TileDistances pick_tile_distances() { return tile_distances_portable; }
#endif

#undef FEDHAP_TILE_DISTANCES

// Whether any of the n distances is below the threshold: branch-free, so it vectorises.
bool any_below(const std::uint8_t* distance, std::size_t n, std::uint8_t threshold) {
    unsigned below = 0;
    for (std::size_t j = 0; j < n; ++j) below |= distance[j] < threshold;
    return below != 0;
}

}  // namespace

// One query's running top k. Items arrive in index order, so among equal distances the earlier
// item wins: a new item enters only when its distance is below that of the current k-th, and then
// the k-th (the last kept item at the largest kept distance) drops out. Dropping is only counted
// (kept_at); the candidate list is swept when it grows past 2k.
struct HammingTopK::QueryState {
    std::vector<std::uint32_t> kept_at;  // kept items per distance 0..bits
    std::vector<Candidate> candidates;   // in index order; holds the kept items and some dropped ones
    std::size_t kept = 0;
    std::uint32_t threshold = 0;  // an item enters iff its distance is below this

    void reset(std::size_t bits) {
        kept_at.assign(bits + 1, 0);
        candidates.clear();
        kept = 0;
        threshold = static_cast<std::uint32_t>(bits + 1);  // not full yet: everything enters
    }

    void accept(std::uint64_t index, std::uint32_t distance, std::size_t k) {
        candidates.push_back({index, distance});
        ++kept_at[distance];
        if (kept < k) {
            if (++kept == k)
                for (threshold = static_cast<std::uint32_t>(kept_at.size() - 1); kept_at[threshold] == 0;) --threshold;
            return;
        }
        // Full, and distance < threshold: the kept item at the threshold with the largest index drops.
        --kept_at[threshold];
        while (kept_at[threshold] == 0) --threshold;  // stops at `distance` at the latest
        if (candidates.size() >= 2 * k + kCompactSlack) compact(k);
    }

    // Keeps exactly the kept items: all below the threshold, and the first kept_at[threshold] at it.
    void compact(std::size_t k) {
        if (kept < k) return;  // nothing has dropped out yet
        std::size_t out = 0;
        std::uint32_t at_threshold = 0;
        for (const Candidate& c : candidates) {
            if (c.distance > threshold) continue;
            if (c.distance == threshold && at_threshold++ >= kept_at[threshold]) continue;
            candidates[out++] = c;
        }
        candidates.resize(out);
    }

    void scan(const std::uint8_t* distance, std::size_t n, std::uint64_t first_index, std::size_t k) {
        for (std::size_t g = 0; g < n; g += kCheckGroup) {
            const std::size_t end = std::min(n, g + kCheckGroup);
            if (!any_below(distance + g, end - g, static_cast<std::uint8_t>(threshold))) continue;
            for (std::size_t j = g; j < end; ++j)
                if (distance[j] < threshold) accept(first_index + j, distance[j], k);
        }
    }
};

HammingTopK::HammingTopK(const PackedCodes& queries, std::size_t k, std::size_t threads)
    : queries_(queries), k_(k), state_(queries.count) {
    if (k == 0) throw std::invalid_argument("top-k search needs k > 0");
    for (QueryState& s : state_) s.reset(queries.bits);
    // No more threads than query groups: a thread's share is whole groups.
    const int groups = static_cast<int>(std::max<std::size_t>(1, (queries.count + kQueriesPerGroup - 1) / kQueriesPerGroup));
    pool_ = std::make_unique<ThreadPool>(
        std::min(resolve_thread_count(static_cast<int>(std::min<std::size_t>(threads, std::size_t(groups)))), groups));
}

HammingTopK::~HammingTopK() = default;

void HammingTopK::add(const PackedCodes& block) {
    if (block.bits != queries_.bits)
        throw std::invalid_argument("query codes have " + std::to_string(queries_.bits) + " bits, database codes have " +
                                    std::to_string(block.bits));
    add_words(block.words.data(), block.count);
}

void HammingTopK::add_words(const std::uint64_t* words, std::size_t count) {
    static const TileDistances tile_distances = pick_tile_distances();
    const std::size_t words_per_code = queries_.words_per_code;
    pool_->run_blocks(queries_.count, kQueriesPerGroup, [&](std::size_t begin, std::size_t end, std::size_t) {
        std::uint8_t distance[kTileCodes];
        for (std::size_t tile = 0; tile < count; tile += kTileCodes) {
            const std::size_t n = std::min(kTileCodes, count - tile);
            for (std::size_t q = begin; q < end; ++q) {
                tile_distances(queries_.code(q), words + tile * words_per_code, n, words_per_code, distance);
                state_[q].scan(distance, n, seen_ + tile, k_);
            }
        }
    });
    seen_ += count;
}

HammingNeighbours HammingTopK::finish() {
    HammingNeighbours out;
    out.queries = queries_.count;
    out.k = static_cast<std::size_t>(std::min<std::uint64_t>(k_, seen_));
    out.indices.resize(out.queries * out.k);
    out.distances.resize(out.queries * out.k);
    std::vector<std::size_t> next(queries_.bits + 1);
    for (std::size_t q = 0; q < out.queries; ++q) {
        QueryState& s = state_[q];
        s.compact(k_);
        // A counting sort by distance; candidates are in index order, so ties stay in index order.
        std::size_t position = q * out.k;
        for (std::size_t d = 0; d < next.size(); ++d) {
            next[d] = position;
            position += s.kept_at[d];
        }
        for (const Candidate& c : s.candidates) {
            const std::size_t at = next[c.distance]++;
            out.indices[at] = static_cast<std::int64_t>(c.index);
            out.distances[at] = static_cast<std::int32_t>(c.distance);
        }
        s.reset(queries_.bits);
    }
    seen_ = 0;
    return out;
}

HammingNeighbours hamming_top_k(const PackedCodes& queries, const PackedCodes& database, std::size_t k,
                                std::size_t threads) {
    HammingTopK search(queries, k, threads);
    search.add(database);
    return search.finish();
}

}  // namespace fedhap
