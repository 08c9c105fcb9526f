#include "crosssilo/silo_protocol.h"

#include <nlohmann/json.hpp>

#include "nn/hash_net.h"

namespace fedhap {

namespace silo_keys {
std::string generation(int silo) { return "fedhap/silo/" + std::to_string(silo) + "/generation"; }
std::string link_prefix(int silo, std::int64_t generation) {
    return "fedhap/silo/" + std::to_string(silo) + "/" + std::to_string(generation) + "/";
}
}  // namespace silo_keys

Bytes encode(const FederationBrief& brief) {
    const nlohmann::json j = {{"config", nlohmann::json::parse(config_to_json(brief.config))},
                              {"classes", brief.classes},
                              {"channels", brief.net.channels},
                              {"height", brief.net.height},
                              {"width", brief.net.width}};
    const std::string text = j.dump();
    return Bytes(text.begin(), text.end());
}

FederationBrief decode_brief(const Bytes& bytes) {
    const auto j = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("config") || !j.contains("classes"))
        throw std::invalid_argument("the server's config message is not the expected JSON");
    FederationBrief b;
    b.config = config_from_json(j.at("config").dump(), "server config");
    b.classes = j.at("classes").get<int>();
    b.net = NetSpec{b.config.net, j.at("channels").get<int>(), j.at("height").get<int>(), j.at("width").get<int>(),
                    b.config.bits, b.config.hidden};
    if (b.classes < 2 || b.classes > 100000 || b.net.channels < 1 || b.net.height < 1 || b.net.width < 1 ||
        b.net.channels * static_cast<std::int64_t>(b.net.height) * b.net.width > (1 << 24))
        throw std::invalid_argument("the server's config message has an impossible data shape");
    return b;
}

std::size_t message_limit(const NetSpec& net, int classes) {
    torch::NoGradGuard no_grad;
    const auto weights = static_cast<std::size_t>(parameter_count(*HashNet(net)));
    const auto disc = static_cast<std::size_t>(parameter_count(*Discriminator(net.bits, classes)));
    const std::size_t floats = weights + disc + 2 * static_cast<std::size_t>(classes) * static_cast<std::size_t>(net.bits);
    return 4 * floats + 16 * static_cast<std::size_t>(classes) + (64 << 10);
}

}  // namespace fedhap
