#pragma once
// NumPy .npy arrays: the exchange format for codes, labels and embeddings (read by Python
// without any glue). Versions 1.0, 2.0 and 3.0 are read; C order only.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace fedhap {

// Stored element types: '|i1', '|u1' (and '|b1' read as UInt8), '<i4', '<i8', '<f4', '<f8'.
enum class NpyType { Int8, UInt8, Int32, Int64, Float32, Float64 };

std::size_t npy_type_size(NpyType type);
std::string npy_type_name(NpyType type);  // the NumPy descr, e.g. "<f4"

struct NpyArray {
    NpyType type = NpyType::Float32;
    std::vector<std::size_t> shape;   // C order; empty = a scalar (one element)
    std::vector<std::uint8_t> bytes;  // raw little-endian element data

    std::size_t elements() const;
    bool is_integer() const { return type != NpyType::Float32 && type != NpyType::Float64; }
    std::vector<float> to_float() const;         // any numeric type, converted
    std::vector<std::int64_t> to_int64() const;  // integer types; a float array throws std::invalid_argument
};

// A shape as NumPy prints it: "(3, 4)", "(5,)".
std::string npy_shape_text(const std::vector<std::size_t>& shape);

// Throws DataError naming the file: missing, bad magic, unsupported version or dtype, Fortran
// order, malformed header, data shorter or longer than the shape says.
NpyArray read_npy(const std::string& path);
// The file's bytes: version 1.0, byte for byte as NumPy's np.save writes it. Throws
// std::invalid_argument when bytes and shape disagree or there are more than 32 dimensions.
std::string npy_bytes(const NpyArray& array);
// npy_bytes written with write_file_atomic (io/atomic_file.h): DataError on an I/O error.
void write_npy(const std::string& path, const NpyArray& array);

// Each throws std::invalid_argument when the shape's product differs from values.size().
NpyArray npy_from_floats(std::vector<std::size_t> shape, const std::vector<float>& values);
NpyArray npy_from_int8(std::vector<std::size_t> shape, const std::vector<std::int8_t>& values);
NpyArray npy_from_uint8(std::vector<std::size_t> shape, const std::vector<std::uint8_t>& values);
NpyArray npy_from_int32(std::vector<std::size_t> shape, const std::vector<std::int32_t>& values);
NpyArray npy_from_int64(std::vector<std::size_t> shape, const std::vector<std::int64_t>& values);
NpyArray npy_from_doubles(std::vector<std::size_t> shape, const std::vector<double>& values);

}  // namespace fedhap
