#include "data/digits_sheet_loader.h"

#include "data/data_error.h"
#include "data/image_file.h"
#include "data/idx_loader.h"

#ifdef FEDHAP_WITH_OPENCV
#include <opencv2/imgcodecs.hpp>
#endif

namespace fedhap {

#ifdef FEDHAP_WITH_OPENCV

Dataset load_digits_sheet(const std::string& png_path) {
    constexpr int kCell = 20, kCols = 100, kRows = 50, kRowsPerDigit = 5;
    const cv::Mat sheet = read_image_file(png_path, cv::IMREAD_GRAYSCALE);
    if (sheet.empty()) throw DataError(png_path, "unreadable image");
    if (sheet.cols != kCell * kCols || sheet.rows != kCell * kRows)
        throw DataError(png_path, "is " + std::to_string(sheet.cols) + "x" + std::to_string(sheet.rows) +
                                      ", expected the 2000x1000 digits sheet");
    Dataset d;
    d.name = "digits";
    d.channels = 1;
    d.height = d.width = kCell;
    d.class_names = digit_class_names();
    d.pixels.resize(static_cast<std::size_t>(kRows) * kCols * kCell * kCell);
    std::size_t k = 0;
    for (int r = 0; r < kRows; ++r)
        for (int c = 0; c < kCols; ++c, ++k) {
            for (int y = 0; y < kCell; ++y)
                for (int x = 0; x < kCell; ++x)
                    d.pixels[k * kCell * kCell + y * kCell + x] = sheet.at<std::uint8_t>(r * kCell + y, c * kCell + x);
            d.labels.push_back(r / kRowsPerDigit);
        }
    return d;
}

#else

Dataset load_digits_sheet(const std::string& png_path) {
    throw DataError(png_path, "the digits sheet needs OpenCV; this build has FEDHAP_WITH_OPENCV=OFF");
}

#endif

}  // namespace fedhap
