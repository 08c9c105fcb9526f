#include "io/npy.h"

#include <cstring>
#include <stdexcept>

#include "data/data_error.h"
#include "data/file_bytes.h"
#include "io/atomic_file.h"

// Element bytes are copied as they are: the .npy data is little-endian, and so is every
// machine this project builds for.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "npy I/O assumes a little-endian host");

namespace fedhap {
namespace {

const char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicSize = 6;

// The header is a Python dict literal, e.g. {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }.
// This reads exactly that subset: quoted strings, True/False, tuples of integers.
class HeaderParser {
public:
    HeaderParser(const std::string& text, const std::string& path) : s_(text), path_(path) {}

    void parse(std::string& descr, bool& fortran, std::vector<std::size_t>& shape) {
        bool has_descr = false, has_order = false, has_shape = false;
        expect('{');
        while (true) {
            skip_space();
            if (peek() == '}') break;
            const std::string key = quoted();
            expect(':');
            skip_space();
            if (key == "descr") {
                descr = quoted();
                has_descr = true;
            } else if (key == "fortran_order") {
                fortran = boolean();
                has_order = true;
            } else if (key == "shape") {
                shape = tuple();
                has_shape = true;
            } else {
                fail("unknown header key '" + key + "'");
            }
            skip_space();
            if (peek() == ',') ++pos_;
        }
        if (!has_descr || !has_order || !has_shape) fail("header lacks descr, fortran_order or shape");
    }

private:
    [[noreturn]] void fail(const std::string& what) const { throw DataError(path_, "malformed .npy header: " + what); }
    char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
    void skip_space() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
    }
    void expect(char c) {
        skip_space();
        if (peek() != c) fail(std::string("expected '") + c + "'");
        ++pos_;
    }
    std::string quoted() {
        skip_space();
        const char q = peek();
        if (q != '\'' && q != '"') fail("expected a quoted string");
        const auto end = s_.find(q, pos_ + 1);
        if (end == std::string::npos) fail("unterminated string");
        std::string out = s_.substr(pos_ + 1, end - pos_ - 1);
        pos_ = end + 1;
        return out;
    }
    bool boolean() {
        for (const char* word : {"True", "False"}) {
            if (s_.compare(pos_, std::strlen(word), word) == 0) {
                pos_ += std::strlen(word);
                return word[0] == 'T';
            }
        }
        fail("expected True or False");
    }
    std::vector<std::size_t> tuple() {
        expect('(');
        std::vector<std::size_t> dims;
        while (true) {
            skip_space();
            if (peek() == ')') break;
            if (peek() < '0' || peek() > '9') fail("bad shape");
            std::size_t v = 0;
            while (peek() >= '0' && peek() <= '9') {
                const std::size_t digit = static_cast<std::size_t>(peek() - '0');
                if (v > (SIZE_MAX - digit) / 10) fail("shape too large");
                v = v * 10 + digit;
                ++pos_;
            }
            dims.push_back(v);
            skip_space();
            if (peek() == ',') ++pos_;
            else if (peek() != ')') fail("bad shape");
        }
        ++pos_;
        return dims;
    }

    const std::string& s_;
    const std::string& path_;
    std::size_t pos_ = 0;
};

bool parse_descr(const std::string& d, NpyType& type) {
    if (d.size() != 3) return false;
    const std::string kind = d.substr(1);
    const bool single = kind == "i1" || kind == "u1" || kind == "b1";
    // Byte order only matters for multi-byte types; '=' is native, i.e. little-endian here.
    if (single ? (d[0] != '|' && d[0] != '<' && d[0] != '>' && d[0] != '=') : (d[0] != '<' && d[0] != '='))
        return false;
    if (kind == "i1") type = NpyType::Int8;
    else if (kind == "u1" || kind == "b1") type = NpyType::UInt8;
    else if (kind == "i4") type = NpyType::Int32;
    else if (kind == "i8") type = NpyType::Int64;
    else if (kind == "f4") type = NpyType::Float32;
    else if (kind == "f8") type = NpyType::Float64;
    else return false;
    return true;
}

// Product of the dims, or SIZE_MAX on overflow.
std::size_t product(const std::vector<std::size_t>& shape) {
    std::size_t n = 1;
    for (auto d : shape) {
        if (d != 0 && n > SIZE_MAX / d) return SIZE_MAX;
        n *= d;
    }
    return n;
}

template <typename T>
T element(const NpyArray& a, std::size_t i) {
    T v;
    std::memcpy(&v, a.bytes.data() + i * sizeof(T), sizeof(T));
    return v;
}

template <typename Out, typename Convert>
std::vector<Out> convert_all(const NpyArray& a, Convert convert) {
    const std::size_t n = a.elements();
    if (a.bytes.size() != n * npy_type_size(a.type))
        throw std::invalid_argument("npy array holds " + std::to_string(a.bytes.size()) + " bytes, its shape needs " +
                                    std::to_string(n * npy_type_size(a.type)));
    std::vector<Out> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = convert(i);
    return out;
}

template <typename T>
NpyArray from_values(NpyType type, std::vector<std::size_t> shape, const std::vector<T>& values) {
    if (product(shape) != values.size())
        throw std::invalid_argument("npy shape holds " + std::to_string(product(shape)) + " elements, " +
                                    std::to_string(values.size()) + " values given");
    NpyArray a;
    a.type = type;
    a.shape = std::move(shape);
    a.bytes.resize(values.size() * sizeof(T));
    if (!values.empty()) std::memcpy(a.bytes.data(), values.data(), a.bytes.size());
    return a;
}

}  // namespace

std::size_t npy_type_size(NpyType type) {
    switch (type) {
        case NpyType::Int8:
        case NpyType::UInt8: return 1;
        case NpyType::Int32:
        case NpyType::Float32: return 4;
        case NpyType::Int64:
        case NpyType::Float64: return 8;
    }
    return 0;
}

std::string npy_type_name(NpyType type) {
    switch (type) {
        case NpyType::Int8: return "|i1";
        case NpyType::UInt8: return "|u1";
        case NpyType::Int32: return "<i4";
        case NpyType::Int64: return "<i8";
        case NpyType::Float32: return "<f4";
        case NpyType::Float64: return "<f8";
    }
    return "?";
}

std::size_t NpyArray::elements() const { return product(shape); }

std::vector<float> NpyArray::to_float() const {
    return convert_all<float>(*this, [&](std::size_t i) -> float {
        switch (type) {
            case NpyType::Int8: return element<std::int8_t>(*this, i);
            case NpyType::UInt8: return element<std::uint8_t>(*this, i);
            case NpyType::Int32: return static_cast<float>(element<std::int32_t>(*this, i));
            case NpyType::Int64: return static_cast<float>(element<std::int64_t>(*this, i));
            case NpyType::Float32: return element<float>(*this, i);
            case NpyType::Float64: return static_cast<float>(element<double>(*this, i));
        }
        return 0.0f;
    });
}

std::vector<std::int64_t> NpyArray::to_int64() const {
    if (!is_integer()) throw std::invalid_argument("npy array of " + npy_type_name(type) + " is not an integer array");
    return convert_all<std::int64_t>(*this, [&](std::size_t i) -> std::int64_t {
        switch (type) {
            case NpyType::Int8: return element<std::int8_t>(*this, i);
            case NpyType::UInt8: return element<std::uint8_t>(*this, i);
            case NpyType::Int32: return element<std::int32_t>(*this, i);
            default: return element<std::int64_t>(*this, i);
        }
    });
}

NpyArray read_npy(const std::string& path) {
    const std::vector<std::uint8_t> file = read_file_bytes(path);
    if (file.size() < kMagicSize + 2 || std::memcmp(file.data(), kMagic, kMagicSize) != 0)
        throw DataError(path, "not a .npy file (bad magic)");
    const unsigned major = file[6], minor = file[7];
    if ((major < 1 || major > 3) || minor != 0)
        throw DataError(path, "unsupported .npy version " + std::to_string(major) + "." + std::to_string(minor));
    const std::size_t len_bytes = major == 1 ? 2 : 4;
    const std::size_t prefix = kMagicSize + 2 + len_bytes;
    if (file.size() < prefix) throw DataError(path, "truncated .npy header");
    std::size_t header_len = 0;
    for (std::size_t i = 0; i < len_bytes; ++i) header_len |= static_cast<std::size_t>(file[8 + i]) << (8 * i);
    if (file.size() - prefix < header_len) throw DataError(path, "truncated .npy header");
    const std::string header(reinterpret_cast<const char*>(file.data() + prefix), header_len);

    std::string descr;
    bool fortran = false;
    NpyArray a;
    HeaderParser(header, path).parse(descr, fortran, a.shape);
    if (!parse_descr(descr, a.type)) throw DataError(path, "unsupported .npy dtype '" + descr + "'");
    if (fortran && a.shape.size() > 1) throw DataError(path, "Fortran-order .npy arrays are not supported");
    const std::size_t n = a.elements();
    if (n == SIZE_MAX || n > SIZE_MAX / npy_type_size(a.type)) throw DataError(path, ".npy shape is too large");
    const std::size_t want = n * npy_type_size(a.type);
    const std::size_t have = file.size() - prefix - header_len;
    if (have < want)
        throw DataError(path, "truncated .npy data (" + std::to_string(have) + " of " + std::to_string(want) + " bytes)");
    if (have > want)
        throw DataError(path, ".npy data is longer than its shape (" + std::to_string(have) + " bytes, shape needs " +
                                  std::to_string(want) + ")");
    a.bytes.assign(file.begin() + static_cast<std::ptrdiff_t>(prefix + header_len), file.end());
    return a;
}

std::string npy_bytes(const NpyArray& array) {
    if (array.bytes.size() != array.elements() * npy_type_size(array.type))
        throw std::invalid_argument("npy array holds " + std::to_string(array.bytes.size()) +
                                    " bytes, its shape needs " +
                                    std::to_string(array.elements() * npy_type_size(array.type)));
    // NumPy's own limit; it also keeps the header within the two-byte length of version 1.0.
    if (array.shape.size() > 32)
        throw std::invalid_argument("npy arrays have at most 32 dimensions, got " + std::to_string(array.shape.size()));
    std::string shape = "(";
    for (std::size_t i = 0; i < array.shape.size(); ++i) shape += (i ? ", " : "") + std::to_string(array.shape[i]);
    shape += array.shape.size() == 1 ? ",)" : ")";
    std::string header = "{'descr': '" + npy_type_name(array.type) + "', 'fortran_order': False, 'shape': " + shape + ", }";
    // Byte for byte what NumPy writes: room for the first dimension to grow to 21 digits, then
    // spaces and a newline so that the data starts on a 64-byte boundary.
    if (!array.shape.empty()) header.append(21 - std::to_string(array.shape[0]).size(), ' ');
    const std::size_t prefix = kMagicSize + 4;
    header.append(63 - (prefix + header.size()) % 64, ' ');
    header += '\n';

    std::string out(kMagic, kMagicSize);
    out += {'\x01', '\0', static_cast<char>(header.size() & 0xff), static_cast<char>(header.size() >> 8)};
    out += header;
    out.append(reinterpret_cast<const char*>(array.bytes.data()), array.bytes.size());
    return out;
}

void write_npy(const std::string& path, const NpyArray& array) { write_file_atomic(path, npy_bytes(array)); }

NpyArray npy_from_floats(std::vector<std::size_t> shape, const std::vector<float>& values) {
    return from_values(NpyType::Float32, std::move(shape), values);
}
NpyArray npy_from_doubles(std::vector<std::size_t> shape, const std::vector<double>& values) {
    return from_values(NpyType::Float64, std::move(shape), values);
}
NpyArray npy_from_int8(std::vector<std::size_t> shape, const std::vector<std::int8_t>& values) {
    return from_values(NpyType::Int8, std::move(shape), values);
}
NpyArray npy_from_uint8(std::vector<std::size_t> shape, const std::vector<std::uint8_t>& values) {
    return from_values(NpyType::UInt8, std::move(shape), values);
}
NpyArray npy_from_int32(std::vector<std::size_t> shape, const std::vector<std::int32_t>& values) {
    return from_values(NpyType::Int32, std::move(shape), values);
}
NpyArray npy_from_int64(std::vector<std::size_t> shape, const std::vector<std::int64_t>& values) {
    return from_values(NpyType::Int64, std::move(shape), values);
}

std::string npy_shape_text(const std::vector<std::size_t>& shape) {
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

}  // namespace fedhap
