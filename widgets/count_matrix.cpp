#include "count_matrix.h"

#include <algorithm>

namespace fedhap::widgets {

int CountMatrix::max_count() const {
    int m = 0;
    for (const auto& row : counts)
        for (int v : row) m = std::max(m, v);
    return m;
}

}  // namespace fedhap::widgets
