#pragma once
// A small seeded generator with its own distributions, so that a seed gives the same splits
// with any standard library (std:: distributions are implementation-defined).
#include <cstdint>
#include <vector>

namespace fedhap {

class Rng {
public:
    explicit Rng(std::uint64_t seed);
    std::uint64_t next_u64();                 // xoshiro256**
    double uniform();                         // [0, 1)
    std::uint64_t below(std::uint64_t n);     // uniform in [0, n), unbiased
    double normal();                          // standard normal (Marsaglia polar)
    double gamma(double shape);               // Gamma(shape, 1), Marsaglia–Tsang
    std::vector<double> dirichlet(double alpha, std::size_t k);  // symmetric Dir(alpha)

    template <typename T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
    }

private:
    std::uint64_t s_[4];
    bool has_spare_ = false;
    double spare_ = 0.0;
};

}  // namespace fedhap
