#include "embed/vp_tree.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

#include "util/random.h"

namespace fedhap {
namespace {

constexpr std::uint32_t kBucket = 16;  // nodes of up to this many points are scanned, not split

}  // namespace

float squared_distance(const float* a, const float* b, std::size_t dims) {
    // Eight fixed lanes: vectorisable without reassociation, and exact for ±1 codes.
    float s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    std::size_t i = 0;
    for (; i + 8 <= dims; i += 8)
        for (int l = 0; l < 8; ++l) {
            const float t = a[i + l] - b[i + l];
            s[l] += t * t;
        }
    for (; i < dims; ++i) {
        const float t = a[i] - b[i];
        s[0] += t * t;
    }
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

VpTree::VpTree(const float* data, std::size_t n, std::size_t dims, std::uint64_t seed)
    : n_(n), dims_(dims), order_(n), position_(n), scratch_(n) {
    if (n >= std::numeric_limits<std::int32_t>::max())
        throw std::invalid_argument("too many points for the neighbour search");
    rows_.assign(data, data + n * dims);
    std::iota(order_.begin(), order_.end(), 0u);
    nodes_.reserve(2 * n / kBucket + 2);
    build(0, static_cast<std::uint32_t>(n), seed);
    scratch_.clear();
    scratch_.shrink_to_fit();

    // Store the rows in tree order: a search then reads each leaf from consecutive memory.
    std::vector<float> rows(rows_.size());
    for (std::size_t p = 0; p < n; ++p) std::copy_n(&rows_[order_[p] * dims], dims, &rows[p * dims]);
    rows_.swap(rows);
    for (std::size_t p = 0; p < n; ++p) position_[order_[p]] = static_cast<std::uint32_t>(p);
}

float VpTree::distance2(std::uint32_t a, std::uint32_t b) const {
    return squared_distance(&rows_[std::size_t{a} * dims_], &rows_[std::size_t{b} * dims_], dims_);
}

std::int32_t VpTree::build(std::uint32_t begin, std::uint32_t end, std::uint64_t seed) {
    const auto id = static_cast<std::int32_t>(nodes_.size());
    nodes_.push_back({begin, end, 0.0f, -1, -1});
    const std::uint32_t count = end - begin;
    if (count <= kBucket) return id;
    // While building, rows are still in input order: distances go by point index.
    Rng rng(seed);
    std::swap(order_[begin], order_[begin + rng.below(count)]);
    const std::uint32_t vantage = order_[begin];
    for (std::uint32_t p = begin + 1; p < end; ++p) scratch_[p] = {distance2(vantage, order_[p]), order_[p]};
    // A full sort by (distance, index) is the same with every standard library, unlike nth_element.
    std::sort(scratch_.begin() + begin + 1, scratch_.begin() + end);
    for (std::uint32_t p = begin + 1; p < end; ++p) order_[p] = scratch_[p].second;
    const std::uint32_t median = begin + 1 + (count - 1) / 2;  // inner: [begin + 1, median)
    nodes_[id].radius = std::sqrt(scratch_[median].first);
    const std::int32_t inner = build(begin + 1, median, 2 * seed + 1);
    const std::int32_t outer = build(median, end, 2 * seed + 2);
    nodes_[id].inner = inner;
    nodes_[id].outer = outer;
    return id;
}

void VpTree::search(std::size_t query, std::size_t k, std::uint32_t* index, float* distance2_out) const {
    if (k >= n_)
        throw std::invalid_argument("asked for " + std::to_string(k) + " neighbours among " + std::to_string(n_) +
                                    " points");
    if (k == 0) return;
    const std::uint32_t q = position_[query];
    // Max-heap of the best k by (squared distance, index); tau is the distance to beat.
    std::vector<std::pair<float, std::uint32_t>> heap;
    heap.reserve(k + 1);
    float tau = std::numeric_limits<float>::infinity();
    auto consider = [&](std::uint32_t p, float d2) {
        const std::pair<float, std::uint32_t> candidate{d2, order_[p]};
        if (heap.size() == k && !(candidate < heap.front())) return;
        heap.push_back(candidate);
        std::push_heap(heap.begin(), heap.end());
        if (heap.size() > k) {
            std::pop_heap(heap.begin(), heap.end());
            heap.pop_back();
        }
        if (heap.size() == k) tau = std::sqrt(heap.front().first);
    };
    // Depth-first, each pending subtree with a lower bound on its distances from the query,
    // checked again when it is popped since tau may have shrunk meanwhile.
    std::pair<std::int32_t, float> stack[128];
    int top = 0;
    stack[top++] = {0, 0.0f};
    while (top > 0) {
        const auto [id, bound] = stack[--top];
        if (!(bound < tau)) continue;
        const Node& node = nodes_[id];
        if (node.inner < 0 && node.outer < 0) {
            for (std::uint32_t p = node.begin; p < node.end; ++p)
                if (p != q) consider(p, distance2(q, p));
            continue;
        }
        const float d2 = distance2(q, node.begin);
        if (node.begin != q) consider(node.begin, d2);
        // A side is worth a visit only if it can hold a point strictly closer than tau (an equal
        // one would not replace a kept point); the nearer side goes on the stack last.
        const float d = std::sqrt(d2);
        const std::pair<std::int32_t, float> inner{node.inner, std::max(0.0f, d - node.radius)},
            outer{node.outer, std::max(0.0f, node.radius - d)};
        const auto& near = d < node.radius ? inner : outer;
        const auto& far = d < node.radius ? outer : inner;
        if (far.first >= 0 && far.second < tau) stack[top++] = far;
        if (near.first >= 0 && near.second < tau) stack[top++] = near;
    }
    std::sort_heap(heap.begin(), heap.end());
    for (std::size_t i = 0; i < k; ++i) {
        index[i] = heap[i].second;
        distance2_out[i] = heap[i].first;
    }
}

}  // namespace fedhap
