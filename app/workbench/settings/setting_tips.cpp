#include "settings/setting_tips.h"

#include <QCoreApplication>
#include <algorithm>
#include <iterator>

namespace fedhap::workbench {
namespace {

struct Tip {
    const char* key;
    const char* text;
};

// FedHAP = federated hashing with global prototypes: each client sends up one prototype code
// per class with its model update, the server aggregates global prototypes, and a local
// discriminator pulls each client's codes towards them (method/method_options.h).
constexpr Tip kTips[] = {
    {"name", QT_TRANSLATE_NOOP("SettingTips", "A name for this experiment, saved in its JSON file and shown in the runs list")},
    {"seed", QT_TRANSLATE_NOOP("SettingTips", "Seed of the retrieval split, the partition, the initial weights and training: the same seed gives the same run")},
    {"dataset.name", QT_TRANSLATE_NOOP("SettingTips", "Which dataset to load (train and test parts are joined, then split for retrieval)")},
    {"dataset.path", QT_TRANSLATE_NOOP("SettingTips", "Where the dataset lies; empty: its default location")},
    {"dataset.query_per_class", QT_TRANSLATE_NOOP("SettingTips", "Query images per class, drawn from the test part; the rest is the retrieval database")},
    {"dataset.train_per_class", QT_TRANSLATE_NOOP("SettingTips", "Training images per class, drawn from the database and split over the clients")},
    {"partition.scheme", QT_TRANSLATE_NOOP("SettingTips", "How the train part is split over the clients: IID or one of the non-IID label or feature skews")},
    {"partition.clients", QT_TRANSLATE_NOOP("SettingTips", "Number of clients (data silos) that train together")},
    {"partition.alpha", QT_TRANSLATE_NOOP("SettingTips", "Dirichlet concentration: small values give each client few classes (stronger label skew)")},
    {"partition.min_size", QT_TRANSLATE_NOOP("SettingTips", "The split is redrawn until every client has at least this many samples")},
    {"partition.balance", QT_TRANSLATE_NOOP("SettingTips", "Self-balancing Dirichlet split: a client already above the mean size gets no more samples")},
    {"partition.classes_per_client", QT_TRANSLATE_NOOP("SettingTips", "Pathological split: how many classes each client holds")},
    {"partition.shards_per_client", QT_TRANSLATE_NOOP("SettingTips", "Shard split (FedAvg's sort-and-shard): how many label-sorted shards each client gets")},
    {"partition.noise_sigma", QT_TRANSLATE_NOOP("SettingTips", "Feature-noise split: Gaussian noise σ on the last client's images; client i gets σ·i/(K−1)")},
    {"model.net", QT_TRANSLATE_NOOP("SettingTips", "The hashing network: cnn for images, mlp for feature vectors")},
    {"model.bits", QT_TRANSLATE_NOOP("SettingTips", "Code length B: bits per hash code and per prototype (16, 32, 48, 64 are usual)")},
    {"model.hidden", QT_TRANSLATE_NOOP("SettingTips", "Units of the hidden layer before the B-bit hash layer")},
    {"training.rounds", QT_TRANSLATE_NOOP("SettingTips", "Federated rounds: train locally, send up, aggregate, send the global model and prototypes down")},
    {"training.local_epochs", QT_TRANSLATE_NOOP("SettingTips", "Epochs each client trains on its own data per round")},
    {"training.batch_size", QT_TRANSLATE_NOOP("SettingTips", "Batch size of local training")},
    {"training.lr", QT_TRANSLATE_NOOP("SettingTips", "Adam learning rate of local training")},
    {"training.lr_schedule", QT_TRANSLATE_NOOP("SettingTips", "constant: the same learning rate every round; cosine: decays from it towards 0 over the rounds")},
    {"training.device", QT_TRANSLATE_NOOP("SettingTips", "Where LibTorch trains: cpu, a CUDA GPU, or auto (CUDA when there is one)")},
    {"training.threads", QT_TRANSLATE_NOOP("SettingTips", "CPU cores to use (0: all); clients of a round train in parallel")},
    {"training.eval_every", QT_TRANSLATE_NOOP("SettingTips", "Rounds between mAP evaluations (0: only at the end); each sends new codes to the views")},
    {"training.eval_database_sample", QT_TRANSLATE_NOOP("SettingTips", "Database items the per-round mAP uses (0: all); the final evaluation always uses all")},
    {"training.pooled", QT_TRANSLATE_NOOP("SettingTips", "Train the same method, switches and budget on the pooled train set: this method's own upper reference")},
    {"method.name", QT_TRANSLATE_NOOP("SettingTips", "The federated method; picking one loads its preset of the switches below (fedhap: federated hashing with global prototypes)")},
    {"method.similarity", QT_TRANSLATE_NOOP("SettingTips", "Pairwise similarity loss on each batch (dpsh: same-class pairs close, others far)")},
    {"method.prototype_loss", QT_TRANSLATE_NOOP("SettingTips", "Pulls each code towards its class's global prototype (ce: cosine cross-entropy over all prototypes)")},
    {"method.init", QT_TRANSLATE_NOOP("SettingTips", "The global prototypes before round 1: Hadamard (CSQ) centres, random balanced codes, or none")},
    {"method.proto_agg", QT_TRANSLATE_NOOP("SettingTips", "How the server turns the clients' per-class prototypes into global ones (fixed: never changes them; smoothed-mean: FedNH-style real directions)")},
    {"method.upload", QT_TRANSLATE_NOOP("SettingTips", "What clients send up: weights and/or class prototypes ('prototypes' keeps each backbone local)")},
    {"method.adversarial", QT_TRANSLATE_NOOP("SettingTips", "FedHAP's local discriminator: tells global prototypes from local codes, and the network learns to fool it")},
    {"method.share_disc", QT_TRANSLATE_NOOP("SettingTips", "Send the discriminator up too, so the server averages one shared discriminator")},
    {"method.disc_input", QT_TRANSLATE_NOOP("SettingTips", "What the discriminator sees: raw codes, or only their directions (so it cannot judge by magnitude)")},
    {"method.lambda_sim", QT_TRANSLATE_NOOP("SettingTips", "Weight of the pairwise similarity loss")},
    {"method.lambda_p", QT_TRANSLATE_NOOP("SettingTips", "λp: weight of the pull towards the global prototypes")},
    {"method.lambda_a", QT_TRANSLATE_NOOP("SettingTips", "λa: weight of the adversarial (fool-the-discriminator) loss")},
    {"method.lambda_q", QT_TRANSLATE_NOOP("SettingTips", "λq: weight of the quantization loss mean((|u|−1)²), which pushes codes towards ±1")},
    {"method.ce_scale", QT_TRANSLATE_NOOP("SettingTips", "s: scale of the cosine cross-entropy's logits (larger: sharper)")},
    {"method.ce_margin", QT_TRANSLATE_NOOP("SettingTips", "m: margin subtracted from the true class's cosine in the cross-entropy")},
    {"method.logit_adjust", QT_TRANSLATE_NOOP("SettingTips", "τ: adds τ·log(prior) of the client's own classes to the logits, so absent classes push weakly")},
    {"method.absent_logit_scale", QT_TRANSLATE_NOOP("SettingTips", "FedRS α: scales the logits of classes this client has no sample of (1: off; smaller: they push its codes less)")},
    {"method.lambda_ntd", QT_TRANSLATE_NOOP("SettingTips", "FedNTD: weight of distilling the round's global model's view of the classes other than each sample's own (0: off)")},
    {"method.ntd_temperature", QT_TRANSLATE_NOOP("SettingTips", "T of the not-true distillation's softmax (larger: softer targets)")},
    {"method.lambda_decorr", QT_TRANSLATE_NOOP("SettingTips", "Weight of the bit-decorrelation term (FedDecorr): mean square correlation between code bits over a batch (0: off)")},
    {"method.proto_smoothing", QT_TRANSLATE_NOOP("SettingTips", "ρ of the smoothed-mean aggregation: P ← normalise(ρ·P + (1−ρ)·mean of the clients' directions)")},
    {"method.server_momentum", QT_TRANSLATE_NOOP("SettingTips", "FedAvgM: the server applies β-momentum to the averaged update (0: plain averaging)")},
    {"method.proto_min_distance", QT_TRANSLATE_NOOP("SettingTips", "Separation guard: a new global prototype closer than this many bits to another class's is not taken (auto: bits/4)")},
    {"method.disc_real_noise", QT_TRANSLATE_NOOP("SettingTips", "Std of the noise added to the prototypes the discriminator sees as real")},
    {"method.participation", QT_TRANSLATE_NOOP("SettingTips", "Fraction of clients sampled to train each round")},
    {"method.fedprox_mu", QT_TRANSLATE_NOOP("SettingTips", "FedProx: μ/2·‖w − w_global‖² keeps local weights near the global ones (0: off)")},
    {"method.proto_dp_sigma", QT_TRANSLATE_NOOP("SettingTips", "Gaussian noise σ on each uploaded prototype, for privacy (0: off)")},
};

}  // namespace

QString setting_tip(const std::string& key) {
    const auto* tip = std::find_if(std::begin(kTips), std::end(kTips), [&](const Tip& t) { return key == t.key; });
    Q_ASSERT_X(tip != std::end(kTips), "setting_tip", key.c_str());
    return tip == std::end(kTips) ? QString() : QCoreApplication::translate("SettingTips", tip->text);
}

std::vector<std::string> setting_tip_keys() {
    std::vector<std::string> keys;
    for (const Tip& t : kTips) keys.emplace_back(t.key);
    return keys;
}

}  // namespace fedhap::workbench
