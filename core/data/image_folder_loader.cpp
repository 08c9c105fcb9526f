#include "data/image_folder_loader.h"

#include <algorithm>
#include <filesystem>

#include "data/data_error.h"
#include "data/image_file.h"

#ifdef FEDHAP_WITH_OPENCV
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#endif

namespace fedhap {

#ifdef FEDHAP_WITH_OPENCV
namespace {

bool is_image_name(const std::filesystem::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    static const char* known[] = {".png", ".jpg", ".jpeg", ".bmp", ".pgm", ".ppm", ".tif", ".tiff", ".webp"};
    return std::any_of(std::begin(known), std::end(known), [&](const char* k) { return ext == k; });
}

}  // namespace

Dataset load_image_folder(const std::string& root, const ImageFolderOptions& options) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(root, ec)) throw DataError(root, "not a folder");
    std::vector<fs::path> class_dirs;
    for (const auto& e : fs::directory_iterator(root, ec))
        if (e.is_directory()) class_dirs.push_back(e.path());
    if (class_dirs.empty()) throw DataError(root, "empty folder: expected one sub-folder per class");
    std::sort(class_dirs.begin(), class_dirs.end());

    Dataset d;
    d.name = fs::path(root).filename().string();
    d.width = options.width;
    d.height = options.height;
    d.channels = options.channels;
    for (std::size_t c = 0; c < class_dirs.size(); ++c) {
        d.class_names.push_back(class_dirs[c].filename().string());
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(class_dirs[c], ec))
            if (e.is_regular_file() && is_image_name(e.path())) files.push_back(e.path());
        if (files.empty()) throw DataError(class_dirs[c].string(), "empty folder: no images in this class");
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            cv::Mat img = read_image_file(f.string(), cv::IMREAD_UNCHANGED);
            if (img.empty()) throw DataError(f.string(), "unreadable image");
            if (img.depth() != CV_8U) img.convertTo(img, CV_8U, img.depth() == CV_16U ? 1.0 / 257 : 1.0);
            if (d.channels == 0) d.channels = img.channels() == 1 ? 1 : 3;
            if (d.width == 0) { d.width = img.cols; d.height = img.rows; }
            cv::Mat conv;
            if (d.channels == 1) {
                if (img.channels() == 1) conv = img;
                else cv::cvtColor(img, conv, img.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
            } else {
                if (img.channels() == 1) cv::cvtColor(img, conv, cv::COLOR_GRAY2RGB);
                else cv::cvtColor(img, conv, img.channels() == 4 ? cv::COLOR_BGRA2RGB : cv::COLOR_BGR2RGB);
            }
            if (conv.cols != d.width || conv.rows != d.height)
                cv::resize(conv, conv, cv::Size(d.width, d.height), 0, 0, cv::INTER_AREA);
            if (!conv.isContinuous()) conv = conv.clone();
            // Interleaved HWC → planar CHW.
            const std::size_t plane = static_cast<std::size_t>(d.width) * d.height;
            const std::size_t base = d.pixels.size();
            d.pixels.resize(base + plane * d.channels);
            for (std::size_t p = 0; p < plane; ++p)
                for (int ch = 0; ch < d.channels; ++ch)
                    d.pixels[base + ch * plane + p] = conv.data[p * d.channels + ch];
            d.labels.push_back(static_cast<std::int32_t>(c));
        }
    }
    return d;
}

#else

Dataset load_image_folder(const std::string& root, const ImageFolderOptions&) {
    throw DataError(root, "image folders need OpenCV; this build has FEDHAP_WITH_OPENCV=OFF");
}

#endif

}  // namespace fedhap
