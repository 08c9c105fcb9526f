// .npy code and label files (fedhap eval, embed).
#include <cstdint>
#include <stdexcept>

#include "fuzz_input_file.h"
#include "io/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const fedhap::NpyArray a = fedhap::read_npy(fedhap::fuzz::input_file("npy", data, size));
        if (a.bytes.size() != a.elements() * fedhap::npy_type_size(a.type)) __builtin_trap();
        a.to_float();
    } catch (const std::exception&) {
    }
    return 0;
}
