#pragma once
// Barnes–Hut quadtree for the repulsive forces of a 2-D t-SNE embedding: a cell far enough away
// (width < θ · distance to its centre of mass) acts as one heavy point. Rebuilt every iteration,
// so it is stored flat: nodes in one array, points copied in tree order next to each other.
// Nearby points walk the tree together: a small cell's points share one interaction list, built
// with the distance from the cell's points' bounding box (so each point gets a list at least as
// accurate as its own walk would give), then evaluated point by point in a vectorised loop.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace fedhap {

class ThreadPool;

class QuadTree {
public:
    QuadTree(const float* y, std::size_t n);  // y: N × 2 row-major

    // For every point i, with w_ij = 1 / (1 + |y_i − y_j|²) over j ≠ i:
    //   force[2i..2i+1] = Σ_j w_ij² (y_i − y_j),   z[i] = Σ_j w_ij.
    // Each point's sums are taken in a fixed order, whatever the thread count.
    void repulsion(float theta, ThreadPool& pool, float* force, double* z) const;

private:
    struct Node {
        float x, y;               // centre of mass
        float width2;             // squared side of the cell
        float count;              // points below
        std::int32_t child;       // first child, −1 for a leaf
        std::int32_t children;    // children (stored one after another)
        std::int32_t begin, end;  // the node's points in tree order
    };
    struct Interactions;  // a group's far cells and near points, as x, y, mass arrays
    struct Scratch {      // room for sorting a node's points into its quadrants
        std::vector<float> points;
        std::vector<std::uint32_t> index;
        std::vector<std::uint8_t> quadrant;
    };
    void build(std::int32_t id, std::int32_t begin, std::int32_t end, float cx, float cy, float half, int depth,
               bool grouped, Scratch& scratch);
    void repel_group(const Node& group, float theta2, Interactions& list, float* force, double* z) const;

    std::vector<Node> nodes_;
    std::vector<std::int32_t> groups_;  // nodes whose points share an interaction list
    std::vector<float> points_;         // tree order, x y interleaved
    std::vector<std::uint32_t> index_;  // tree order → point index
};

}  // namespace fedhap
