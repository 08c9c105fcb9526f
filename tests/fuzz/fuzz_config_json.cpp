// Experiment JSON as a user, a script or another tool writes it.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "experiment/experiment_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const fedhap::ExperimentConfig c = fedhap::config_from_json(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
        // What loads must write back and load again to the same config.
        if (fedhap::config_to_json(fedhap::config_from_json(fedhap::config_to_json(c))) != fedhap::config_to_json(c)) __builtin_trap();
    } catch (const std::exception&) {
    }
    return 0;
}
