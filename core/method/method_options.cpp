#include "method/method_options.h"

#include "util/name_table.h"

namespace fedhap {
namespace {

constexpr NamedValue<Method> kMethods[] = {
    {Method::Centralized, "centralized"},     {Method::LocalOnly, "local-only"}, {Method::FedAvgDpsh, "fedavg-dpsh"},
    {Method::FedAvgCsq, "fedavg-csq"},        {Method::FedAvgCe, "fedavg-ce"},   {Method::FedProxDpsh, "fedprox-dpsh"},
    {Method::FedProtoHash, "fedproto-hash"}, {Method::FedHap, "fedhap"}};
constexpr NamedValue<SimilarityLoss> kSimilarity[] = {{SimilarityLoss::None, "none"}, {SimilarityLoss::Dpsh, "dpsh"}};
constexpr NamedValue<PrototypeLoss> kProtoLoss[] = {
    {PrototypeLoss::None, "none"}, {PrototypeLoss::Bce, "bce"}, {PrototypeLoss::Mse, "mse"}, {PrototypeLoss::Ce, "ce"}};
constexpr NamedValue<PrototypeInit> kInit[] = {
    {PrototypeInit::Hadamard, "hadamard"}, {PrototypeInit::Random, "random"}, {PrototypeInit::None, "none"}};
constexpr NamedValue<PrototypeAggregation> kAgg[] = {{PrototypeAggregation::CountWeightedSign, "count-weighted-sign"},
                                               {PrototypeAggregation::CountWeightedMeanSign, "mean-sign"},
                                               {PrototypeAggregation::MajorityVote, "majority-vote"},
                                               {PrototypeAggregation::Mean, "mean"},
                                               {PrototypeAggregation::SmoothedMean, "smoothed-mean"},
                                               {PrototypeAggregation::Fixed, "fixed"}};
constexpr NamedValue<Upload> kUpload[] = {{Upload::WeightsAndPrototypes, "weights+prototypes"},
                                    {Upload::PrototypesOnly, "prototypes"},
                                    {Upload::WeightsOnly, "weights"},
                                    {Upload::Nothing, "nothing"}};
constexpr NamedValue<DiscriminatorInput> kDiscInput[] = {{DiscriminatorInput::Raw, "raw"},
                                                         {DiscriminatorInput::Direction, "direction"}};

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
        case Method::FedAvgCe:
            // Fixed Hadamard centres, nothing but weights exchanged: CSQ pulls with BCE, fedavg-ce
            // with FedHAP's own cosine cross-entropy — the strongest simple baseline.
            o.prototype_loss = method == Method::FedAvgCsq ? PrototypeLoss::Bce : PrototypeLoss::Ce;
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

Method parse_method(const std::string& t) { return parse_name(kMethods, t, "method"); }
std::string to_string(Method v) { return name_of(kMethods, v); }
std::vector<std::string> method_names() { return names_of(kMethods); }
SimilarityLoss parse_similarity_loss(const std::string& t) { return parse_name(kSimilarity, t, "similarity loss"); }
std::string to_string(SimilarityLoss v) { return name_of(kSimilarity, v); }
std::vector<std::string> similarity_loss_names() { return names_of(kSimilarity); }
PrototypeLoss parse_prototype_loss(const std::string& t) { return parse_name(kProtoLoss, t, "prototype loss"); }
std::string to_string(PrototypeLoss v) { return name_of(kProtoLoss, v); }
std::vector<std::string> prototype_loss_names() { return names_of(kProtoLoss); }
PrototypeInit parse_prototype_init(const std::string& t) { return parse_name(kInit, t, "prototype init"); }
std::string to_string(PrototypeInit v) { return name_of(kInit, v); }
std::vector<std::string> prototype_init_names() { return names_of(kInit); }
PrototypeAggregation parse_prototype_aggregation(const std::string& t) { return parse_name(kAgg, t, "prototype aggregation"); }
std::string to_string(PrototypeAggregation v) { return name_of(kAgg, v); }
std::vector<std::string> prototype_aggregation_names() { return names_of(kAgg); }
Upload parse_upload(const std::string& t) { return parse_name(kUpload, t, "upload"); }
std::string to_string(Upload v) { return name_of(kUpload, v); }
std::vector<std::string> upload_names() { return names_of(kUpload); }

DiscriminatorInput parse_discriminator_input(const std::string& t) { return parse_name(kDiscInput, t, "discriminator input"); }
std::string to_string(DiscriminatorInput v) { return name_of(kDiscInput, v); }
std::vector<std::string> discriminator_input_names() { return names_of(kDiscInput); }

}  // namespace fedhap
