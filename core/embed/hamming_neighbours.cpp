#include "embed/hamming_neighbours.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "embed/cpu_clones.h"
#include "util/thread_pool.h"

namespace fedhap {
namespace {

FEDHAP_EMBED_POPCNT
void hamming_scan(const std::uint64_t* codes, std::size_t words, std::size_t n, const std::uint64_t* query,
                  std::uint32_t* distance) {
    for (std::size_t j = 0; j < n; ++j) {
        std::uint32_t d = 0;
        for (std::size_t w = 0; w < words; ++w)
            d += static_cast<std::uint32_t>(__builtin_popcountll(query[w] ^ codes[j * words + w]));
        distance[j] = d;
    }
}

// The positions t < count, and distances, of the codes within `cut` of the query: branch-free
// stores, as most codes of a visited block lie beyond the cut.
FEDHAP_EMBED_POPCNT
std::size_t scan_within(const std::uint64_t* codes, std::size_t words, std::size_t count, const std::uint64_t* query,
                        std::uint32_t cut, std::uint32_t* position, std::uint32_t* distance) {
    std::size_t kept = 0;
    for (std::size_t t = 0; t < count; ++t) {
        std::uint32_t d = 0;
        if (words == 1)
            d = static_cast<std::uint32_t>(__builtin_popcountll(query[0] ^ codes[t]));
        else
            for (std::size_t w = 0; w < words; ++w)
                d += static_cast<std::uint32_t>(__builtin_popcountll(query[w] ^ codes[t * words + w]));
        position[kept] = static_cast<std::uint32_t>(t);
        distance[kept] = d;
        kept += d <= cut;
    }
    return kept;
}

FEDHAP_EMBED_POPCNT
std::uint32_t hamming(const std::uint64_t* a, const std::uint64_t* b, std::size_t words) {
    std::uint32_t d = 0;
    for (std::size_t w = 0; w < words; ++w) d += static_cast<std::uint32_t>(__builtin_popcountll(a[w] ^ b[w]));
    return d;
}

Neighbours empty_neighbours(std::size_t n, std::size_t k) {
    Neighbours nb;
    nb.k = k;
    nb.index.resize(n * k);
    nb.distance2.resize(n * k);
    return nb;
}

// One query by scanning every code. Counting selection: the cut distance holding the k-th
// neighbour, then the points below it and enough of those at it, all in index order.
struct ScanScratch {
    std::vector<std::uint32_t> distance, count, offset;
};

void scan_query(const PackedCodes& codes, std::size_t q, std::size_t k, ScanScratch& s, std::uint32_t* index,
                float* distance2) {
    const std::size_t n = codes.count;
    s.distance.resize(n);
    s.count.assign(codes.bits + 1, 0u);
    s.offset.resize(codes.bits + 1);
    hamming_scan(codes.words.data(), codes.words_per_code, n, &codes.words[q * codes.words_per_code], s.distance.data());
    for (std::size_t j = 0; j < n; ++j) ++s.count[s.distance[j]];
    --s.count[0];  // the query itself
    std::size_t cut = 0, below = 0;
    while (below + s.count[cut] < k) below += s.count[cut++];
    for (std::size_t d = 0, at = 0; d <= cut; at += s.count[d++]) s.offset[d] = static_cast<std::uint32_t>(at);
    std::size_t ties = k - below;
    for (std::size_t j = 0; j < n; ++j) {
        const std::uint32_t d = s.distance[j];
        if (d > cut || j == q || (d == cut && ties == 0)) continue;
        if (d == cut) --ties;
        index[s.offset[d]] = static_cast<std::uint32_t>(j);
        distance2[s.offset[d]++] = 4.0f * static_cast<float>(d);
    }
}

// The codes partitioned by their nearest pivot (a few hundred codes spread over the set; ties to
// the lower pivot), and within a part by their distance r to it, stored in that order. For a
// query q and a code x of pivot p's part at distance r from p, the triangle inequality bounds
//   d(q, x) ≥ |d(q, p) − r|   and   d(q, x) ≥ (d(q, p) − d(q, p*)) / 2  for any other pivot p*,
// so whole blocks (p, r) are visited in order of that bound, and the search stops once the bound
// exceeds the k-th distance found: clustered codes are compared with their own cluster only.
class PivotIndex {
public:
    PivotIndex(const PackedCodes& codes, std::size_t pivots) : codes_(codes), levels_(codes.bits + 1) {
        const std::size_t n = codes.count, words = codes.words_per_code;
        for (std::size_t p = 0; p < pivots; ++p) {
            const std::uint64_t* row = &codes.words[(p * n / pivots) * words];
            pivots_.insert(pivots_.end(), row, row + words);
        }
        // Part and distance of each code, then a counting sort by block that keeps index order.
        std::vector<std::uint32_t> block(n);
        for (std::size_t i = 0; i < n; ++i) {
            std::uint32_t best = 0, nearest = hamming(&codes.words[i * words], &pivots_[0], words);
            for (std::size_t p = 1; p < pivots; ++p) {
                const std::uint32_t d = hamming(&codes.words[i * words], &pivots_[p * words], words);
                if (d < nearest) nearest = d, best = static_cast<std::uint32_t>(p);
            }
            block[i] = best * static_cast<std::uint32_t>(levels_) + nearest;
        }
        start_.assign(pivots * levels_ + 1, 0u);
        for (std::size_t i = 0; i < n; ++i) ++start_[block[i] + 1];
        for (std::size_t b = 1; b < start_.size(); ++b) start_[b] += start_[b - 1];
        std::vector<std::uint32_t> fill(start_.begin(), start_.end() - 1);
        order_.resize(n);
        sorted_.resize(n * words);
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t to = fill[block[i]]++;
            order_[to] = static_cast<std::uint32_t>(i);
            std::copy_n(&codes.words[i * words], words, &sorted_[to * words]);
        }
    }

    struct Scratch {
        std::vector<std::uint32_t> to_pivot, plane;                  // d(q, p), hyperplane bound
        std::vector<std::pair<std::uint32_t, std::uint32_t>> found;  // (distance, index), distance ≤ bound then
        std::vector<std::uint32_t> at_distance;                      // how many of found at each distance
        std::vector<std::uint32_t> position, distance;               // one block's codes within the cut
    };

    void search(std::size_t q, std::size_t k, Scratch& s, std::uint32_t* index, float* distance2) const {
        const std::size_t words = codes_.words_per_code, pivots = pivots_.size() / words, bits = codes_.bits;
        const std::uint64_t* query = &codes_.words[q * words];
        s.to_pivot.resize(pivots);
        s.plane.resize(pivots);
        std::uint32_t nearest = static_cast<std::uint32_t>(bits);
        for (std::size_t p = 0; p < pivots; ++p) {
            s.to_pivot[p] = hamming(query, &pivots_[p * words], words);
            nearest = std::min(nearest, s.to_pivot[p]);
        }
        for (std::size_t p = 0; p < pivots; ++p) s.plane[p] = (s.to_pivot[p] - nearest + 1) / 2;
        s.found.clear();
        s.at_distance.assign(bits + 1, 0u);
        std::size_t cut = bits + 1;  // the k-th smallest distance found so far (none yet: above any)
        auto visit = [&](std::size_t p, std::size_t r) {
            const std::size_t b = p * levels_ + r, first = start_[b], size = start_[b + 1] - first;
            if (s.distance.size() < size) {
                s.distance.resize(size);
                s.position.resize(size);
            }
            const std::size_t kept = scan_within(&sorted_[first * words], words, size, query,
                                                 static_cast<std::uint32_t>(std::min(cut, bits)), s.position.data(),
                                                 s.distance.data());
            for (std::size_t t = 0; t < kept; ++t) {
                const std::uint32_t j = order_[first + s.position[t]], d = s.distance[t];
                if (j == q) continue;
                s.found.emplace_back(d, j);
                ++s.at_distance[d];
            }
        };
        // Level L visits the blocks whose bound is exactly L; a code beyond the cut is never needed,
        // but one at the cut may be (ties go to the lower index), so level L = cut is visited.
        for (std::size_t level = 0; level <= bits && level <= cut; ++level) {
            for (std::size_t p = 0; p < pivots; ++p) {
                const std::size_t plane = s.plane[p], centre = s.to_pivot[p];
                if (plane > level) continue;
                if (plane == level) {  // the part opens: every ring up to this level at once
                    for (std::size_t r = centre > level ? centre - level : 0; r <= std::min(centre + level, bits); ++r)
                        visit(p, r);
                } else {
                    if (centre >= level) visit(p, centre - level);
                    if (centre + level <= bits && level > 0) visit(p, centre + level);
                }
            }
            std::size_t within = 0;
            for (std::size_t d = 0; d <= bits && d < cut; ++d)
                if ((within += s.at_distance[d]) >= k) cut = d;
        }
        // Every code at distance ≤ cut has been found: keep those, then the first k by (distance, index).
        const auto last =
            std::partition(s.found.begin(), s.found.end(), [cut](const auto& f) { return f.first <= cut; });
        std::sort(s.found.begin(), last);
        for (std::size_t t = 0; t < k; ++t) {
            index[t] = s.found[t].second;
            distance2[t] = 4.0f * static_cast<float>(s.found[t].first);
        }
    }

private:
    const PackedCodes& codes_;
    std::size_t levels_;                 // distances 0..bits
    std::vector<std::uint64_t> pivots_;  // pivots × words
    std::vector<std::uint32_t> start_;   // pivots × levels + 1 block bounds into order_
    std::vector<std::uint32_t> order_;   // stored position → code index
    std::vector<std::uint64_t> sorted_;  // the codes in stored order
};

// About √N / 2 pivots: the parts of N = 70,000 codes hold ~500 codes each.
std::size_t pivot_count(std::size_t n) {
    return std::clamp<std::size_t>(static_cast<std::size_t>(std::sqrt(static_cast<double>(n)) / 2.0), 1, n);
}

}  // namespace

Neighbours hamming_neighbours_by_scan(const PackedCodes& codes, std::size_t k, ThreadPool& pool) {
    Neighbours nb = empty_neighbours(codes.count, k);
    pool.run_blocks(codes.count, 16, [&](std::size_t b, std::size_t e, std::size_t) {
        ScanScratch scratch;
        for (std::size_t q = b; q < e; ++q) scan_query(codes, q, k, scratch, &nb.index[q * k], &nb.distance2[q * k]);
    });
    return nb;
}

Neighbours hamming_neighbours_by_index(const PackedCodes& codes, std::size_t k, ThreadPool& pool) {
    Neighbours nb = empty_neighbours(codes.count, k);
    if (codes.count == 0) return nb;
    const PivotIndex index(codes, pivot_count(codes.count));
    std::vector<PivotIndex::Scratch> scratch(pool.threads());
    pool.run_blocks(codes.count, 64, [&](std::size_t b, std::size_t e, std::size_t slot) {
        for (std::size_t q = b; q < e; ++q) index.search(q, k, scratch[slot], &nb.index[q * k], &nb.distance2[q * k]);
    });
    return nb;
}

}  // namespace fedhap
