#pragma once
// What makes two retrieval items relevant to each other: the same class (single-label) or at
// least one shared class (multi-label, stored as multi-hot bitmasks in 64-bit words).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace fedhap {

class LabelSet {
public:
    // One class id per item; any integer works as an id.
    static LabelSet single(std::vector<std::int64_t> ids);
    // count × classes values in row order, each 0 or 1 (anything else throws std::invalid_argument).
    static LabelSet multi_hot(std::size_t count, std::size_t classes, const std::vector<std::int64_t>& values);

    std::size_t count() const { return count_; }
    bool multi_label() const { return multi_; }
    std::size_t classes() const { return classes_; }  // multi-label only; 0 for single-label
    std::size_t words_per_item() const { return words_; }
    const std::vector<std::int64_t>& ids() const { return ids_; }        // single-label
    const std::vector<std::uint64_t>& masks() const { return masks_; }  // multi-label
    const std::uint64_t* mask(std::size_t i) const { return masks_.data() + i * words_; }

    // Item i of this set and item j of `other` are relevant to each other.
    bool relevant(std::size_t i, const LabelSet& other, std::size_t j) const;

private:
    std::size_t count_ = 0, classes_ = 0, words_ = 0;
    bool multi_ = false;
    std::vector<std::int64_t> ids_;
    std::vector<std::uint64_t> masks_;
};

// Throws std::invalid_argument unless the two sets can be compared: both single-label, or both
// multi-label over the same number of classes. `what` names them in the message.
void check_comparable(const LabelSet& a, const LabelSet& b, const char* what_a, const char* what_b);

}  // namespace fedhap
