#pragma once
// Little-endian byte writer and bounds-checked reader for the binary messages (fl/messages.cpp,
// crosssilo/). A reader throws std::invalid_argument on anything that runs past the end.
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace fedhap {

class ByteWriter {
public:
    template <typename T>
    void put(T v) {
        const auto* p = reinterpret_cast<const std::uint8_t*>(&v);
        out.insert(out.end(), p, p + sizeof(T));
    }
    template <typename T>
    void put_array(const std::vector<T>& v) {
        put<std::uint64_t>(v.size());
        const auto* p = reinterpret_cast<const std::uint8_t*>(v.data());
        out.insert(out.end(), p, p + v.size() * sizeof(T));
    }
    std::vector<std::uint8_t> out;
};

class ByteReader {
public:
    // `what` names the message in errors ("message: truncated").
    explicit ByteReader(const std::vector<std::uint8_t>& b, std::string what = "message") : b_(b), what_(std::move(what)) {}
    std::size_t remaining() const { return b_.size() - at_; }
    template <typename T>
    T get() {
        need(sizeof(T));
        T v;
        std::memcpy(&v, b_.data() + at_, sizeof(T));
        at_ += sizeof(T);
        return v;
    }
    template <typename T>
    std::vector<T> get_array() {
        const auto n = get<std::uint64_t>();
        if (n > (b_.size() - at_) / sizeof(T)) throw std::invalid_argument(what_ + ": array runs past the end");
        std::vector<T> v(n);
        if (n > 0) std::memcpy(v.data(), b_.data() + at_, n * sizeof(T));  // (an empty vector's data() may be null)
        at_ += n * sizeof(T);
        return v;
    }
    void finish() const {
        if (at_ != b_.size()) throw std::invalid_argument(what_ + ": trailing bytes");
    }

private:
    void need(std::size_t n) const {
        if (b_.size() - at_ < n) throw std::invalid_argument(what_ + ": truncated");
    }
    const std::vector<std::uint8_t>& b_;
    std::string what_;
    std::size_t at_ = 0;
};

}  // namespace fedhap
