#include "run_summary_output.h"

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

namespace fedhap::cli {

void print_run_summary(const RunSummary& s, const std::string& format, const std::string& out_dir) {
    if (format == "json") {
        std::cout << nlohmann::json{{"method", s.method},       {"device", s.device},         {"rounds", s.rounds},
                                    {"stopped", s.stopped},     {"map_all", s.map_all},       {"p_at_h2", s.p_at_h2},
                                    {"seconds", s.seconds},     {"train_images_per_s", s.train_images_per_s},
                                    {"encode_images_per_s", s.encode_images_per_s},
                                    {"bytes_up", s.bytes_up},   {"bytes_down", s.bytes_down}}
                         .dump()
                  << "\n";
    } else {
        std::printf("method            %s (%s)\n", s.method.c_str(), s.device.c_str());
        std::printf("rounds            %d%s\n", s.rounds, s.stopped ? " (stopped)" : "");
        if (!s.stopped) std::printf("mAP@all           %.4f\nP@H<=2            %.4f\n", s.map_all, s.p_at_h2);
        std::printf("seconds           %.1f\n", s.seconds);
        std::printf("training          %.0f images/s\n", s.train_images_per_s);
        if (!s.stopped) std::printf("encoding          %.0f images/s\n", s.encode_images_per_s);
        std::printf("bytes up / down   %.2f MB / %.2f MB in all\n", s.bytes_up / 1e6, s.bytes_down / 1e6);
        if (!out_dir.empty()) std::printf("run folder        %s\n", out_dir.c_str());
    }
}

}  // namespace fedhap::cli
