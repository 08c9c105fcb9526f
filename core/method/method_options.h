#pragma once
// Every federated method is a preset of the same switches, so users can study each.
#include <string>
#include <vector>

namespace fedhap {

enum class Method { Centralized, LocalOnly, FedAvgDpsh, FedAvgCsq, FedAvgCe, FedProxDpsh, FedProtoHash, FedHap };
enum class SimilarityLoss { None, Dpsh };
enum class PrototypeLoss { None, Bce, Mse, Ce };
enum class PrototypeInit { Hadamard, Random, None };
// How the server turns the clients' local prototypes p_c^k (class means of u) into P_c. FedHAP's
// rule is written as sign(Σ_k n_c^k p_c^k), which equals the sign of the count-weighted mean;
// to keep the three switches distinct, "count-weighted-sign" votes with the clients' binary
// prototypes, each weighted by its count. A tie keeps the previous bit.
enum class PrototypeAggregation {
    CountWeightedSign,      // P_c = sign(Σ_k n_c^k sign(p_c^k))
    CountWeightedMeanSign,  // P_c = sign(Σ_k n_c^k p_c^k)
    MajorityVote,           // P_c = sign(Σ_k sign(p_c^k))
    Mean,                   // P_c = Σ_k n_c^k p_c^k / Σ_k n_c^k, real-valued (FedProto)
    // FedNH-style: the count-weighted mean of the clients' unit class means, folded into the
    // previous direction, P_c ← normalise(ρ·P_c + (1−ρ)·mean), kept real-valued at norm √B.
    SmoothedMean,
    Fixed,                  // prototypes never change (CSQ centres)
};
enum class Upload { WeightsAndPrototypes, PrototypesOnly, WeightsOnly, Nothing };
// What the discriminator sees of a code and of a prototype. Raw ±1 prototypes against tanh codes
// can be told apart by magnitude alone, which only pushes codes to saturate; on directions
// (each vector scaled to norm √B) it can only judge where a client's codes point.
enum class DiscriminatorInput { Raw, Direction };

// The member defaults are FedHAP's, chosen by measurement (docs/RESULTS.md): the cosine
// cross-entropy to all prototypes with logit adjustment beat DPSH + BCE pull, and the
// discriminator judges directions.
struct MethodOptions {
    Method method = Method::FedHap;
    SimilarityLoss similarity = SimilarityLoss::None;
    PrototypeLoss prototype_loss = PrototypeLoss::Ce;
    PrototypeInit init = PrototypeInit::Hadamard;
    PrototypeAggregation aggregation = PrototypeAggregation::CountWeightedSign;
    Upload upload = Upload::WeightsAndPrototypes;
    bool adversarial = true;
    bool share_discriminator = false;
    // Measured (Dir α = 0.1, seeds 0–2): on raw codes the discriminator lowered mAP on
    // every seed; on directions it no longer does (docs/RESULTS.md).
    DiscriminatorInput disc_input = DiscriminatorInput::Direction;
    double lambda_similarity = 1.0;
    double lambda_prototype = 1.0;
    double lambda_adversarial = 0.1;
    double lambda_quantization = 0.01;
    double ce_scale = 8.0;           // s of the cosine cross-entropy
    double ce_margin = 0.2;          // m of the cosine cross-entropy
    // Logit adjustment of the cosine cross-entropy by the client's own class prior π (smoothed):
    // logits + τ·log π. Classes a client lacks then push its codes only weakly (label skew).
    // τ = 0.75, measured (docs/RESULTS.md): as good as τ = 1 at Dirichlet α = 0.1, and far better
    // with two classes per client, where τ = 1 silences the other eight classes.
    double logit_adjust = 0.75;
    // FedRS, restricted softmax: the logits of classes this client has no sample of are scaled by
    // α (1: off), so a client's codes are not pushed away from classes it never sees.
    double absent_logit_scale = 1.0;
    // Not-true distillation (FedNTD): the round's global model is a frozen teacher; the client's
    // cosine logits over the classes other than the true one are pulled (KL, temperature T)
    // towards the teacher's, so it keeps what the global model knows of classes it lacks.
    double lambda_not_true = 0.0;
    double ntd_temperature = 1.0;
    // FedDecorr-like: penalises the correlation between code bits over a batch (mean square of
    // the off-diagonal correlations), against the dimensional collapse label skew causes.
    double lambda_decorrelation = 0.0;
    double proto_smoothing = 0.9;    // ρ of the smoothed-mean aggregation
    double server_momentum = 0.0;    // FedAvgM: the server applies β-momentum to the averaged update
    // Separation guard: an aggregated binary prototype that would come closer than this many bits
    // to another class's prototype is not taken (the class keeps its previous one). −1: bits/4.
    // Sign-of-mean prototypes otherwise collapse (measured: min distance 16 → 1 after round 1).
    int proto_min_distance = -1;
    double disc_real_noise = 0.05;   // std of the noise on real (prototype) samples
    double participation = 1.0;      // fraction of clients sampled each round
    double fedprox_mu = 0.0;
    double proto_dp_sigma = 0.0;     // Gaussian noise on each uploaded prototype
};

// The defaults of `method` (every switch set as that method defines it).
MethodOptions method_preset(Method method);

// Each switch's names, in one table per enum: the JSON files, the CLI and the workbench's choices
// all use these. parse_* throws std::invalid_argument naming the accepted names.
Method parse_method(const std::string& text);
std::string to_string(Method m);
std::vector<std::string> method_names();
SimilarityLoss parse_similarity_loss(const std::string& text);
std::string to_string(SimilarityLoss v);
std::vector<std::string> similarity_loss_names();
PrototypeLoss parse_prototype_loss(const std::string& text);
std::string to_string(PrototypeLoss v);
std::vector<std::string> prototype_loss_names();
PrototypeInit parse_prototype_init(const std::string& text);
std::string to_string(PrototypeInit v);
std::vector<std::string> prototype_init_names();
PrototypeAggregation parse_prototype_aggregation(const std::string& text);
std::string to_string(PrototypeAggregation v);
std::vector<std::string> prototype_aggregation_names();
Upload parse_upload(const std::string& text);
std::string to_string(Upload v);
std::vector<std::string> upload_names();
DiscriminatorInput parse_discriminator_input(const std::string& text);
std::string to_string(DiscriminatorInput v);
std::vector<std::string> discriminator_input_names();

// Uses weights aggregation (one global model) / exchanges prototypes.
inline bool shares_weights(Upload u) { return u == Upload::WeightsAndPrototypes || u == Upload::WeightsOnly; }
inline bool shares_prototypes(Upload u) { return u == Upload::WeightsAndPrototypes || u == Upload::PrototypesOnly; }

}  // namespace fedhap
