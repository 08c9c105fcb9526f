#include "eval/label_set.h"

#include <stdexcept>
#include <string>

namespace fedhap {

LabelSet LabelSet::single(std::vector<std::int64_t> ids) {
    LabelSet s;
    s.count_ = ids.size();
    s.ids_ = std::move(ids);
    return s;
}

LabelSet LabelSet::multi_hot(std::size_t count, std::size_t classes, const std::vector<std::int64_t>& values) {
    if (classes == 0) throw std::invalid_argument("multi-hot labels need at least one class");
    if (values.size() != count * classes)
        throw std::invalid_argument(std::to_string(values.size()) + " label values for " + std::to_string(count) +
                                    " items of " + std::to_string(classes) + " classes");
    LabelSet s;
    s.count_ = count;
    s.classes_ = classes;
    s.words_ = (classes + 63) / 64;
    s.multi_ = true;
    s.masks_.assign(count * s.words_, 0);
    for (std::size_t i = 0; i < count; ++i) {
        for (std::size_t c = 0; c < classes; ++c) {
            const std::int64_t v = values[i * classes + c];
            if (v != 0 && v != 1)
                throw std::invalid_argument("multi-hot label of item " + std::to_string(i) + " holds " +
                                            std::to_string(v) + " (only 0 and 1 are allowed)");
            if (v) s.masks_[i * s.words_ + c / 64] |= std::uint64_t{1} << (c % 64);
        }
    }
    return s;
}

bool LabelSet::relevant(std::size_t i, const LabelSet& other, std::size_t j) const {
    if (!multi_) return ids_[i] == other.ids_[j];
    for (std::size_t w = 0; w < words_; ++w)
        if (mask(i)[w] & other.mask(j)[w]) return true;
    return false;
}

void check_comparable(const LabelSet& a, const LabelSet& b, const char* what_a, const char* what_b) {
    if (a.multi_label() != b.multi_label())
        throw std::invalid_argument(std::string(what_a) + " are " + (a.multi_label() ? "multi-hot" : "class ids") +
                                    " but " + what_b + " are " + (b.multi_label() ? "multi-hot" : "class ids"));
    if (a.classes() != b.classes())
        throw std::invalid_argument(std::string(what_a) + " have " + std::to_string(a.classes()) + " classes, " +
                                    what_b + " have " + std::to_string(b.classes()));
}

}  // namespace fedhap
