#include "data/image_file.h"

#ifdef FEDHAP_WITH_OPENCV
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "io/input_file.h"

namespace fedhap {

cv::Mat read_image_file(const std::string& path, int flags) {
    std::vector<std::uint8_t> bytes = read_input_bytes(path, input_limits::kImage);
    if (bytes.empty()) return {};  // imdecode asserts on an empty buffer
    try {
        return cv::imdecode(bytes, flags);
    } catch (const cv::Exception&) {
        return {};  // what imread answers for bytes it cannot decode
    }
}

}  // namespace fedhap
#endif
