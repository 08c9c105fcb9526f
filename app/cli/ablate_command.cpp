// fedhap ablate: FedHAP's parts one at a time — each switch turned off, on, or to its alternative —
// on the same seeds, with the paired difference to the full method and its 95 % interval.
#include <iostream>
#include <sstream>

#include "command_registry.h"
#include "experiment_options.h"
#include "seed_study.h"
#include "study_table.h"
#include "training_commands.h"

namespace fedhap::cli {
namespace {

struct Variant {
    const char* name;
    const char* what;
    void (*change)(MethodOptions&);
};

// Each changes one switch of the method under study (fedhap's defaults unless the config says
// otherwise); "fedavg-ce" changes the three that make FedHAP differ from the fixed-centre baseline.
const Variant kVariants[] = {
    {"no-discriminator", "adversarial: false", [](MethodOptions& m) { m.adversarial = false; }},
    {"shared-discriminator", "share_disc: true", [](MethodOptions& m) { m.share_discriminator = true; }},
    {"disc-on-raw-codes", "disc_input: raw (the discriminator sees magnitudes too)",
     [](MethodOptions& m) { m.disc_input = DiscriminatorInput::Raw; }},
    {"fixed-prototypes", "proto_agg: fixed (no learned prototypes)", [](MethodOptions& m) { m.aggregation = PrototypeAggregation::Fixed; }},
    {"mean-sign", "proto_agg: mean-sign", [](MethodOptions& m) { m.aggregation = PrototypeAggregation::CountWeightedMeanSign; }},
    {"majority-vote", "proto_agg: majority-vote", [](MethodOptions& m) { m.aggregation = PrototypeAggregation::MajorityVote; }},
    {"no-guard", "proto_min_distance: 0", [](MethodOptions& m) { m.proto_min_distance = 0; }},
    {"no-logit-adjust", "logit_adjust: 0", [](MethodOptions& m) { m.logit_adjust = 0.0; }},
    {"random-init", "init: random", [](MethodOptions& m) { m.init = PrototypeInit::Random; }},
    {"lambda-a-x3", "lambda_a: 3x", [](MethodOptions& m) { m.lambda_adversarial *= 3; }},
    {"lambda-a-x0.1", "lambda_a: 0.1x", [](MethodOptions& m) { m.lambda_adversarial *= 0.1; }},
    {"no-quantization", "lambda_q: 0", [](MethodOptions& m) { m.lambda_quantization = 0.0; }},
    {"server-momentum", "server_momentum: 0.9", [](MethodOptions& m) { m.server_momentum = 0.9; }},
    {"no-discriminator+momentum", "adversarial: false, server_momentum: 0.9",
     [](MethodOptions& m) {
         m.adversarial = false;
         m.server_momentum = 0.9;
     }},
    {"restricted-softmax", "absent_logit_scale: 0.5 (FedRS)", [](MethodOptions& m) { m.absent_logit_scale = 0.5; }},
    {"not-true-distillation", "lambda_ntd: 1 (FedNTD, T = 1)", [](MethodOptions& m) { m.lambda_not_true = 1.0; }},
    {"decorrelation", "lambda_decorr: 1 (FedDecorr-like)", [](MethodOptions& m) { m.lambda_decorrelation = 1.0; }},
    {"smoothed-prototypes", "proto_agg: smoothed-mean, rho 0.9 (FedNH-style)",
     [](MethodOptions& m) {
         m.aggregation = PrototypeAggregation::SmoothedMean;
         m.proto_smoothing = 0.9;
     }},
    {"fedavg-ce", "no discriminator, fixed prototypes, no logit adjustment",
     [](MethodOptions& m) {
         m.adversarial = false;
         m.aggregation = PrototypeAggregation::Fixed;
         m.logit_adjust = 0.0;
     }},
};

std::string variant_list() {
    std::string out;
    for (const auto& v : kVariants) out += std::string(out.empty() ? "" : ",") + v.name;
    return out;
}

int run(const std::vector<std::string>& args) {
    ArgParser p("ablate", "Changes FedHAP's switches one at a time on the same seeds and prints each variant's\n"
                          "mAP@all and its paired difference to the full method (95 % t-interval): a negative\n"
                          "difference means the part that was turned off helps (or the one turned on hurts).\nVariants:\n" +
                              [] {
                                  std::string s;
                                  for (const auto& v : kVariants) s += std::string("  ") + v.name + ": " + v.what + "\n";
                                  return s;
                              }());
    add_experiment_options(p);
    p.option("variants", "LIST", "comma-separated variants", variant_list());
    add_study_options(p, "<variant>");
    if (!p.parse(args)) return 0;
    const bool csv = p.choice("format", {"table", "csv"}) == "csv";
    ExperimentConfig base = experiment_config_from_options(p);
    base.pooled = false;
    const StudyOptions options = study_options(p);

    std::vector<StudyArm> arms{{to_string(base.method.method), base}};
    std::stringstream in(p.text("variants"));
    for (std::string name; std::getline(in, name, ',');) {
        if (name.empty()) continue;
        const Variant* v = nullptr;
        for (const auto& k : kVariants)
            if (name == k.name) v = &k;
        if (!v) throw UsageError("--variants: unknown variant '" + name + "' (expected " + variant_list() + ")");
        ExperimentConfig c = base;
        v->change(c.method);
        arms.push_back({name, c});
    }
    StudyTableOptions table;
    table.csv = csv;
    table.reference = 0;
    const std::vector<ArmResult> results = run_study(arms, options);
    print_study_table(std::cout, results, table);
    return study_exit_status(results);
}

const RegisterCommand registered(kAblateCommand.name, kAblateCommand.summary, &run);

}  // namespace
}  // namespace fedhap::cli
