#include "embed/quadtree.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "embed/cpu_clones.h"
#include "util/thread_pool.h"

namespace fedhap {
namespace {

constexpr std::int32_t kLeafSize = 8;    // up to this many points are summed one by one
constexpr std::int32_t kGroupSize = 64;  // the largest cells whose points share an interaction list
constexpr int kLanes = 16;               // the evaluation loop's vector width
constexpr int kMaxDepth = 40;            // beyond float resolution: coincident points share a leaf

// Σ m w and Σ m w² (p − x) over an interaction list (a multiple of kLanes long), w = 1/(1+|p−x|²).
// Fixed lanes: vectorisable without reassociation, and the same sums on every run and CPU.
FEDHAP_EMBED_AVX2
void interact(float px, float py, const float* x, const float* y, const float* mass, std::size_t size, float* force,
              float* z) {
    float sz[kLanes] = {}, sx[kLanes] = {}, sy[kLanes] = {};
    for (std::size_t j = 0; j < size; j += kLanes)
        for (int l = 0; l < kLanes; ++l) {
            const float dx = px - x[j + l], dy = py - y[j + l];
            const float w = 1.0f / (1.0f + dx * dx + dy * dy), mw = mass[j + l] * w, mww = mw * w;
            sz[l] += mw;
            sx[l] += mww * dx;
            sy[l] += mww * dy;
        }
    for (int l = 1; l < kLanes; ++l) {
        sz[0] += sz[l];
        sx[0] += sx[l];
        sy[0] += sy[l];
    }
    force[0] = sx[0];
    force[1] = sy[0];
    *z = sz[0];
}

}  // namespace

QuadTree::QuadTree(const float* y, std::size_t n) : points_(y, y + 2 * n), index_(n) {
    std::iota(index_.begin(), index_.end(), 0u);
    if (n == 0) return;
    float lo[2] = {y[0], y[1]}, hi[2] = {y[0], y[1]};
    for (std::size_t i = 0; i < n; ++i)
        for (int a = 0; a < 2; ++a) {
            lo[a] = std::min(lo[a], y[2 * i + a]);
            hi[a] = std::max(hi[a], y[2 * i + a]);
        }
    const float half = 0.5f * std::max(hi[0] - lo[0], hi[1] - lo[1]) * (1.0f + 1e-5f) + 1e-30f;
    nodes_.reserve(2 * n / kLeafSize + 16);
    nodes_.emplace_back();
    Scratch scratch{std::vector<float>(2 * n), std::vector<std::uint32_t>(n), std::vector<std::uint8_t>(n)};
    build(0, 0, static_cast<std::int32_t>(n), 0.5f * (lo[0] + hi[0]), 0.5f * (lo[1] + hi[1]), half, 0, false, scratch);
}

void QuadTree::build(std::int32_t id, std::int32_t begin, std::int32_t end, float cx, float cy, float half, int depth,
                     bool grouped, Scratch& scratch) {
    const std::int32_t count = end - begin;
    nodes_[id] = {0.0f, 0.0f, 4.0f * half * half, static_cast<float>(count), -1, 0, begin, end};
    // Quadrant of each point (bit 0: right of cx, bit 1: above cy); coincident points stop the split.
    std::int32_t in[4] = {0, 0, 0, 0};
    bool leaf = count <= kLeafSize || depth == kMaxDepth, same = true;
    for (std::int32_t i = begin; i < end && !leaf; ++i) {
        const float x = points_[2 * i], y = points_[2 * i + 1];
        const int q = (x >= cx) + 2 * (y >= cy);
        scratch.quadrant[i] = static_cast<std::uint8_t>(q);
        ++in[q];
        same = same && x == points_[2 * begin] && y == points_[2 * begin + 1];
    }
    leaf = leaf || same;
    if (!grouped && (count <= kGroupSize || leaf)) {
        groups_.push_back(id);
        grouped = true;
    }
    if (leaf) {
        double sx = 0.0, sy = 0.0;
        for (std::int32_t i = begin; i < end; ++i) {
            sx += points_[2 * i];
            sy += points_[2 * i + 1];
        }
        nodes_[id].x = static_cast<float>(sx / count);
        nodes_[id].y = static_cast<float>(sy / count);
        return;
    }

    // Stable counting sort of the range by quadrant: no data-dependent branches.
    std::int32_t bounds[5] = {begin};
    for (int q = 0; q < 4; ++q) bounds[q + 1] = bounds[q] + in[q];
    std::int32_t next[4] = {bounds[0], bounds[1], bounds[2], bounds[3]};
    for (std::int32_t i = begin; i < end; ++i) {
        const std::int32_t to = next[scratch.quadrant[i]]++;
        scratch.points[2 * to] = points_[2 * i];
        scratch.points[2 * to + 1] = points_[2 * i + 1];
        scratch.index[to] = index_[i];
    }
    std::copy(scratch.points.begin() + 2 * begin, scratch.points.begin() + 2 * end, points_.begin() + 2 * begin);
    std::copy(scratch.index.begin() + begin, scratch.index.begin() + end, index_.begin() + begin);

    const float h = 0.5f * half;
    const float centres[4][2] = {{cx - h, cy - h}, {cx + h, cy - h}, {cx - h, cy + h}, {cx + h, cy + h}};
    const auto first = static_cast<std::int32_t>(nodes_.size());
    std::int32_t children = 0;
    for (int q = 0; q < 4; ++q) children += in[q] > 0;
    nodes_.resize(nodes_.size() + static_cast<std::size_t>(children));
    nodes_[id].child = first;
    nodes_[id].children = children;
    double sx = 0.0, sy = 0.0;
    for (int q = 0, slot = first; q < 4; ++q) {
        if (in[q] == 0) continue;
        build(slot, bounds[q], bounds[q + 1], centres[q][0], centres[q][1], h, depth + 1, grouped, scratch);
        sx += static_cast<double>(nodes_[slot].x) * in[q];
        sy += static_cast<double>(nodes_[slot].y) * in[q];
        ++slot;
    }
    nodes_[id].x = static_cast<float>(sx / count);
    nodes_[id].y = static_cast<float>(sy / count);
}

struct QuadTree::Interactions {
    std::vector<float> x, y, mass;
    void add(float px, float py, float m) {
        x.push_back(px);
        y.push_back(py);
        mass.push_back(m);
    }
};

void QuadTree::repel_group(const Node& group, float theta2, Interactions& list, float* force, double* z) const {
    float lo[2] = {points_[2 * group.begin], points_[2 * group.begin + 1]}, hi[2] = {lo[0], lo[1]};
    for (std::int32_t t = group.begin; t < group.end; ++t)
        for (int a = 0; a < 2; ++a) {
            lo[a] = std::min(lo[a], points_[2 * t + a]);
            hi[a] = std::max(hi[a], points_[2 * t + a]);
        }
    list.x.clear();
    list.y.clear();
    list.mass.clear();
    std::int32_t stack[4 * kMaxDepth + 8];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
        const Node& node = nodes_[stack[--top]];
        const float dx = std::max({lo[0] - node.x, node.x - hi[0], 0.0f});
        const float dy = std::max({lo[1] - node.y, node.y - hi[1], 0.0f});
        if (node.width2 < theta2 * (dx * dx + dy * dy))
            list.add(node.x, node.y, node.count);
        else if (node.child < 0)
            for (std::int32_t t = node.begin; t < node.end; ++t) list.add(points_[2 * t], points_[2 * t + 1], 1.0f);
        else
            for (std::int32_t c = 0; c < node.children; ++c) stack[top++] = node.child + c;
    }
    while (list.x.size() % kLanes != 0) list.add(0.0f, 0.0f, 0.0f);  // massless padding

    const std::size_t size = list.x.size();
    for (std::int32_t q = group.begin; q < group.end; ++q) {
        float sum = 0.0f;
        const std::uint32_t i = index_[q];
        interact(points_[2 * q], points_[2 * q + 1], list.x.data(), list.y.data(), list.mass.data(), size,
                 &force[2 * i], &sum);
        // The list holds q itself (its leaf is never summarised): it added w = 1 and no force.
        z[i] = static_cast<double>(sum) - 1.0;
    }
}

void QuadTree::repulsion(float theta, ThreadPool& pool, float* force, double* z) const {
    pool.run_blocks(groups_.size(), 4, [&](std::size_t b, std::size_t e, std::size_t) {
        Interactions list;
        for (std::size_t g = b; g < e; ++g) repel_group(nodes_[groups_[g]], theta * theta, list, force, z);
    });
}

}  // namespace fedhap
