#include "data/query_image.h"

#include <stdexcept>

#include "data/data_error.h"
#include "data/image_file.h"

#ifdef FEDHAP_WITH_OPENCV
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#endif

namespace fedhap {

#ifdef FEDHAP_WITH_OPENCV

std::vector<std::uint8_t> load_query_image(const std::string& path, int channels, int height, int width) {
    if ((channels != 1 && channels != 3) || height <= 0 || width <= 0)
        throw std::invalid_argument("query image: cannot produce " + std::to_string(channels) + " channels of " +
                                    std::to_string(width) + "×" + std::to_string(height));
    cv::Mat img = read_image_file(path, cv::IMREAD_UNCHANGED);
    if (img.empty()) throw DataError(path, "not an image OpenCV can read");
    if (img.depth() != CV_8U) img.convertTo(img, CV_8U, img.depth() == CV_16U ? 1.0 / 257 : 1.0);
    cv::Mat conv;
    if (channels == 1) {
        if (img.channels() == 1) conv = img;
        else cv::cvtColor(img, conv, img.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    } else {
        if (img.channels() == 1) cv::cvtColor(img, conv, cv::COLOR_GRAY2RGB);
        else cv::cvtColor(img, conv, img.channels() == 4 ? cv::COLOR_BGRA2RGB : cv::COLOR_BGR2RGB);
    }
    if (conv.cols != width || conv.rows != height) cv::resize(conv, conv, cv::Size(width, height), 0, 0, cv::INTER_AREA);
    if (!conv.isContinuous()) conv = conv.clone();
    // Interleaved HWC → planar CHW, as Dataset stores images.
    const std::size_t plane = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    std::vector<std::uint8_t> pixels(plane * static_cast<std::size_t>(channels));
    for (std::size_t p = 0; p < plane; ++p)
        for (int ch = 0; ch < channels; ++ch) pixels[static_cast<std::size_t>(ch) * plane + p] = conv.data[p * static_cast<std::size_t>(channels) + static_cast<std::size_t>(ch)];
    return pixels;
}

#else

std::vector<std::uint8_t> load_query_image(const std::string& path, int, int, int) {
    throw DataError(path, "reading an image file needs OpenCV; this build has FEDHAP_WITH_OPENCV=OFF");
}

#endif

}  // namespace fedhap
