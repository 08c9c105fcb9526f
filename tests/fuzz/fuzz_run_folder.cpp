// The run-folder files a resume reads: checkpoint.bin and metrics.jsonl (first byte picks).
#include <cstdint>
#include <fstream>
#include <stdexcept>

#include "experiment/run_directory.h"
#include "fuzz_input_file.h"

using namespace fedhap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static RunDirectory run(fuzz::scratch_folder().file("run"));
    const bool checkpoint = data[0] % 2 == 0;
    {
        std::ofstream out(run.file(checkpoint ? "checkpoint.bin" : "metrics.jsonl"), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
    }
    try {
        if (checkpoint) {
            const Checkpoint c = run.read_checkpoint();
            if (c.round < 0) __builtin_trap();
        } else {
            run.start_metrics(data[0] / 2 % 5);
        }
    } catch (const std::exception&) {
    }
    return 0;
}
