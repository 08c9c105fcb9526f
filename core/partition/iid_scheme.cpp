#include "partition/schemes.h"

namespace fedhap::schemes {

// Shuffle, then deal out contiguous runs whose sizes differ by at most one.
Groups iid(std::size_t n, std::size_t clients, Rng& rng) {
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    rng.shuffle(order);
    Groups out(clients);
    std::size_t at = 0;
    for (std::size_t k = 0; k < clients; ++k) {
        const std::size_t size = n / clients + (k < n % clients ? 1 : 0);
        out[k].assign(order.begin() + static_cast<std::ptrdiff_t>(at), order.begin() + static_cast<std::ptrdiff_t>(at + size));
        at += size;
    }
    return out;
}

}  // namespace fedhap::schemes
