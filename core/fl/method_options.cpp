#include "fl/method_options.h"

#include <stdexcept>

namespace fedhap {
namespace {

template <typename E>
struct Name {
    E value;
    const char* text;
};

template <typename E, std::size_t N>
E parse(const Name<E> (&names)[N], const std::string& text, const char* what) {
    std::string list;
    for (const auto& n : names) {
        if (text == n.text) return n.value;
        list += (list.empty() ? "" : ", ") + std::string(n.text);
    }
    throw std::invalid_argument("unknown " + std::string(what) + " '" + text + "' (expected " + list + ")");
}

template <typename E, std::size_t N>
std::string name_of(const Name<E> (&names)[N], E value) {
    for (const auto& n : names)
        if (n.value == value) return n.text;
    return "?";
}

constexpr Name<Method> kMethods[] = {
    {Method::Centralized, "centralized"}, {Method::LocalOnly, "local-only"},     {Method::FedAvgDpsh, "fedavg-dpsh"},
    {Method::FedAvgCsq, "fedavg-csq"},    {Method::FedProxDpsh, "fedprox-dpsh"}, {Method::FedProtoHash, "fedproto-hash"},
    {Method::FedHap, "fedhap"}};
constexpr Name<SimilarityLoss> kSimilarity[] = {{SimilarityLoss::None, "none"}, {SimilarityLoss::Dpsh, "dpsh"}};
constexpr Name<PrototypeLoss> kProtoLoss[] = {
    {PrototypeLoss::None, "none"}, {PrototypeLoss::Bce, "bce"}, {PrototypeLoss::Mse, "mse"}, {PrototypeLoss::Ce, "ce"}};
constexpr Name<PrototypeInit> kInit[] = {
    {PrototypeInit::Hadamard, "hadamard"}, {PrototypeInit::Random, "random"}, {PrototypeInit::None, "none"}};
constexpr Name<PrototypeAggregation> kAgg[] = {{PrototypeAggregation::CountWeightedSign, "count-weighted-sign"},
                                               {PrototypeAggregation::CountWeightedMeanSign, "mean-sign"},
                                               {PrototypeAggregation::MajorityVote, "majority-vote"},
                                               {PrototypeAggregation::Mean, "mean"},
                                               {PrototypeAggregation::Fixed, "fixed"}};
constexpr Name<Upload> kUpload[] = {{Upload::WeightsAndPrototypes, "weights+prototypes"},
                                    {Upload::PrototypesOnly, "prototypes"},
                                    {Upload::WeightsOnly, "weights"},
                                    {Upload::Nothing, "nothing"}};

}  // namespace

MethodOptions method_preset(Method method) {
    MethodOptions o;
    o.method = method;
    if (method != Method::FedHap) o.logit_adjust = 0.0;
    switch (method) {
        case Method::Centralized:
        case Method::FedAvgDpsh:
        case Method::FedProxDpsh:
        case Method::LocalOnly:
            o.similarity = SimilarityLoss::Dpsh;
            o.prototype_loss = PrototypeLoss::None;
            o.init = PrototypeInit::None;
            o.adversarial = false;
            o.upload = method == Method::LocalOnly ? Upload::Nothing : Upload::WeightsOnly;
            o.fedprox_mu = method == Method::FedProxDpsh ? 0.01 : 0.0;
            break;
        case Method::FedAvgCsq:
            o.prototype_loss = PrototypeLoss::Bce;
            o.aggregation = PrototypeAggregation::Fixed;
            o.adversarial = false;
            o.upload = Upload::WeightsOnly;
            break;
        case Method::FedProtoHash:
            o.similarity = SimilarityLoss::Dpsh;
            o.prototype_loss = PrototypeLoss::Mse;
            o.init = PrototypeInit::None;
            o.aggregation = PrototypeAggregation::Mean;
            o.adversarial = false;
            o.upload = Upload::PrototypesOnly;
            break;
        case Method::FedHap: break;  // the struct's defaults
    }
    return o;
}

Method parse_method(const std::string& t) { return parse(kMethods, t, "method"); }
std::string to_string(Method v) { return name_of(kMethods, v); }
std::vector<std::string> method_names() {
    std::vector<std::string> out;
    for (const auto& n : kMethods) out.emplace_back(n.text);
    return out;
}
SimilarityLoss parse_similarity_loss(const std::string& t) { return parse(kSimilarity, t, "similarity loss"); }
std::string to_string(SimilarityLoss v) { return name_of(kSimilarity, v); }
PrototypeLoss parse_prototype_loss(const std::string& t) { return parse(kProtoLoss, t, "prototype loss"); }
std::string to_string(PrototypeLoss v) { return name_of(kProtoLoss, v); }
PrototypeInit parse_prototype_init(const std::string& t) { return parse(kInit, t, "prototype init"); }
std::string to_string(PrototypeInit v) { return name_of(kInit, v); }
PrototypeAggregation parse_prototype_aggregation(const std::string& t) { return parse(kAgg, t, "prototype aggregation"); }
std::string to_string(PrototypeAggregation v) { return name_of(kAgg, v); }
Upload parse_upload(const std::string& t) { return parse(kUpload, t, "upload"); }
std::string to_string(Upload v) { return name_of(kUpload, v); }

}  // namespace fedhap
