#include "views/image_query.h"

#include <torch/torch.h>

#include <exception>
#include <stdexcept>

#include "data/query_image.h"
#include "experiment/code_encoder.h"
#include "nn/hash_net.h"
#include "nn/weights.h"

namespace fedhap::workbench {

struct ImageQueryEncoder::Network {
    HashNet model;
};

Dataset read_image_query(const QString& path, const Dataset& like) {
    Dataset one;
    one.name = path.toStdString();
    one.channels = like.channels;
    one.height = like.height;
    one.width = like.width;
    one.pixels = load_query_image(path.toStdString(), like.channels, like.height, like.width);
    one.labels = {-1};
    return one;
}

ImageQueryEncoder::ImageQueryEncoder(const NetSpec& net) : net_(net), network_(new Network{HashNet(net)}) {}

ImageQueryEncoder::~ImageQueryEncoder() = default;

std::vector<float> ImageQueryEncoder::encode(const std::vector<float>& weights, const Dataset& image) {
    if (image.size() != 1 || image.channels != net_.channels || image.height != net_.height || image.width != net_.width)
        throw std::invalid_argument("image query: the image is not in the network's input layout");
    load_weights(*network_->model, weights);
    return encode_images(network_->model, image, {0}, torch::kCPU, 1, 1);
}

ImageQuery encode_image_file(const QString& path, const Dataset& like, ImageQueryEncoder& encoder,
                             const std::shared_ptr<const std::vector<float>>& weights) {
    ImageQuery q;
    q.path = path;
    q.weights = weights;
    try {
        if (!weights) throw std::invalid_argument("these codes came without their model");
        q.image = read_image_query(path, like);
        q.code = encoder.encode(*weights, q.image);
    } catch (const std::exception& e) {
        q.error = QString::fromStdString(e.what());
        q.code.clear();
    }
    return q;
}

}  // namespace fedhap::workbench
