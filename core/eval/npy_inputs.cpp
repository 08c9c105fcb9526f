#include "eval/npy_inputs.h"

#include <stdexcept>

#include "data/data_error.h"
#include "io/npy.h"

namespace fedhap {

PackedCodes read_codes_npy(const std::string& path) {
    const NpyArray a = read_npy(path);
    if (a.shape.size() != 2) throw DataError(path, "codes must be a 2-D array (items x bits), got shape " + npy_shape_text(a.shape));
    try {
        if (a.type == NpyType::Int8 && a.shape[1] >= 1 && a.shape[1] <= kMaxCodeBits)
            return pack_int8_codes(a.shape[0], a.shape[1], reinterpret_cast<const std::int8_t*>(a.bytes.data()));
        return pack_codes(a.shape[0], a.shape[1], a.to_float());  // other types, and the refusals
    } catch (const std::invalid_argument& e) {
        throw DataError(path, e.what());
    }
}

LabelSet read_labels_npy(const std::string& path) {
    const NpyArray a = read_npy(path);
    if (a.shape.size() == 1) {
        if (!a.is_integer()) throw DataError(path, "class-id labels must be integers, got dtype " + npy_type_name(a.type));
        return LabelSet::single(a.to_int64());
    }
    if (a.shape.size() != 2)
        throw DataError(path, "labels must be 1-D class ids or 2-D multi-hot, got shape " + npy_shape_text(a.shape));
    std::vector<std::int64_t> values;
    if (a.is_integer()) {
        values = a.to_int64();
    } else {
        // Multi-hot is often saved as 0.0/1.0 floats.
        for (float v : a.to_float()) {
            if (v != 0.0f && v != 1.0f)
                throw DataError(path, "multi-hot labels must be 0 or 1, found " + std::to_string(v));
            values.push_back(v == 1.0f);
        }
    }
    try {
        return LabelSet::multi_hot(a.shape[0], a.shape[1], values);
    } catch (const std::invalid_argument& e) {
        throw DataError(path, e.what());
    }
}

}  // namespace fedhap
