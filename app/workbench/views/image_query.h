#pragma once
// A query from outside the dataset: an image file brought to the run's image layout and encoded
// by the model that encoded the database it is ranked against, so its distances compare like
// with like. Plain header; LibTorch stays in the .cpp.
#include <QString>
#include <memory>
#include <vector>

#include "data/dataset.h"
#include "nn/net_spec.h"

namespace fedhap::workbench {

// The file as one image in `like`'s layout (channels, height, width); its class is unknown, so
// its one label is −1. Throws DataError naming the file.
Dataset read_image_query(const QString& path, const Dataset& like);

// A private network for encoding image queries with a run's weights, so encoding never touches
// the run's own models. Build it on the GUI thread: building draws initial weights from
// LibTorch's global generator, which a run seeds and draws from while it starts (on the training
// thread, after ExperimentController::start on the GUI thread). Built while the current run has
// already sent codes, or while none runs, it cannot shift a run's initial weights. encode()
// draws nothing and may run on any one thread at a time.
class ImageQueryEncoder {
public:
    explicit ImageQueryEncoder(const NetSpec& net);
    ~ImageQueryEncoder();
    ImageQueryEncoder(const ImageQueryEncoder&) = delete;
    ImageQueryEncoder& operator=(const ImageQueryEncoder&) = delete;

    // The relaxed code (bits values in (−1, 1)) of image 0 of `image` under `weights`
    // (nn/weights.h order), on the calling thread with one LibTorch thread. Throws
    // std::invalid_argument when the weights or the image do not fit the network.
    std::vector<float> encode(const std::vector<float>& weights, const Dataset& image);

private:
    struct Network;
    NetSpec net_;
    std::unique_ptr<Network> network_;
};

// One image file read and encoded: what the retrieval view shows and ranks.
struct ImageQuery {
    QString path;
    Dataset image;                                      // the file as the network saw it
    std::vector<float> code;                            // relaxed, bits values
    std::shared_ptr<const std::vector<float>> weights;  // the model that encoded it
    QString error;                                      // non-empty: the file could not be used
};

// read_image_query + encode; never throws (the fault is in `error`).
ImageQuery encode_image_file(const QString& path, const Dataset& like, ImageQueryEncoder& encoder,
                             const std::shared_ptr<const std::vector<float>>& weights);

}  // namespace fedhap::workbench
