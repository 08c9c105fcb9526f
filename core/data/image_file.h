#pragma once
// An image file decoded by OpenCV, read by the input-file rule (io/input_file.h) first: OpenCV
// is handed bytes, never a path, so it cannot block on a FIFO or read a device without end.
#ifdef FEDHAP_WITH_OPENCV
#include <opencv2/core/mat.hpp>

#include <string>

namespace fedhap {

// The decoded image (cv::imdecode with `flags`), or an empty Mat when OpenCV cannot decode the
// bytes. Throws InputFileError when the file breaks the rule (not a regular file, over
// input_limits::kImage, unreadable).
cv::Mat read_image_file(const std::string& path, int flags);

}  // namespace fedhap
#endif
