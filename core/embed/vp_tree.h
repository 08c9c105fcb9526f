#pragma once
// Vantage-point tree for exact k-nearest-neighbour search in Euclidean space. Hash codes put many
// points at equal (Hamming) distances, so ties are broken by point index: results are fully
// determined by the data and the seed.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace fedhap {

class VpTree {
public:
    // Indexes N × dims row-major points (copied). The seed picks the vantage points.
    VpTree(const float* data, std::size_t n, std::size_t dims, std::uint64_t seed);

    // The k nearest points to row `query`, itself excluded, nearest first: indices and squared
    // distances, k entries each (k < N).
    void search(std::size_t query, std::size_t k, std::uint32_t* index, float* distance2) const;

private:
    struct Node {
        std::uint32_t begin, end;   // the node's points in tree order; begin is the vantage point
        float radius;               // inner points lie at distance ≤ radius, outer ones at ≥ radius
        std::int32_t inner, outer;  // children, −1 if none (a leaf is scanned point by point)
    };
    float distance2(std::uint32_t a, std::uint32_t b) const;  // positions in tree order
    std::int32_t build(std::uint32_t begin, std::uint32_t end, std::uint64_t seed);

    std::size_t n_, dims_;
    std::vector<float> rows_;              // input order while building, then tree order
    std::vector<std::uint32_t> order_;     // tree order → point index
    std::vector<std::uint32_t> position_;  // point index → tree order
    std::vector<std::pair<float, std::uint32_t>> scratch_;
    std::vector<Node> nodes_;
};

// Squared Euclidean distance with a fixed summation order.
float squared_distance(const float* a, const float* b, std::size_t dims);

}  // namespace fedhap
