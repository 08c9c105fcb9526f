// fedhap compare: several methods on the same seeds (each seed redraws split and partition), as
// one table: mAP@all mean ± sd, % of each method's own pooled counterpart, and the paired
// difference to a reference method with its 95 % interval.
#include <algorithm>
#include <iostream>
#include <sstream>

#include "command_registry.h"
#include "experiment_options.h"
#include "seed_study.h"
#include "study_table.h"
#include "training_commands.h"

namespace fedhap::cli {
namespace {

std::vector<Method> parse_methods(const std::string& text) {
    std::vector<Method> methods;
    std::stringstream in(text);
    try {
        for (std::string item; std::getline(in, item, ',');)
            if (!item.empty()) methods.push_back(parse_method(item));
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("--methods: ") + e.what());
    }
    if (methods.empty()) throw UsageError("--methods must name at least one method");
    return methods;
}

int run(const std::vector<std::string>& args) {
    ArgParser p("compare", "Runs several methods on the same seeds and budget and prints mAP@all (mean and sample\n"
                           "standard deviation over the seeds, and each seed's value), time and bytes per round.\n"
                           "The seed also redraws the split and the partition; differences to --reference are\n"
                           "taken seed by seed with a 95 % t-interval. With --out, finished cells are kept and\n"
                           "a rerun continues where it stopped.");
    add_experiment_options(p);
    p.option("methods", "LIST", "comma-separated methods", join(method_names(), ","))
        .flag("pooled", "also train each method on the pooled train set and print % of it")
        .option("reference", "M", "method the others are compared with (default: fedavg-ce when compared)");
    add_study_options(p, "<method>[-pooled]");
    if (!p.parse(args)) return 0;
    const bool csv = p.choice("format", {"table", "csv"}) == "csv";
    const ExperimentConfig base = experiment_config_from_options(p);
    const std::vector<Method> methods = parse_methods(p.text("methods"));
    const StudyOptions options = study_options(p);

    std::vector<StudyArm> arms;
    for (Method m : methods) {
        ExperimentConfig c = base;
        if (c.method.method != m) c.method = method_preset(m);  // a config's own switches apply to its own method only
        c.pooled = false;
        arms.push_back({to_string(m), c});
    }
    StudyTableOptions table;
    table.csv = csv;
    if (p.is_set("pooled")) {
        table.pooled_counterpart.assign(arms.size(), -1);
        const std::size_t federated = arms.size();
        for (std::size_t i = 0; i < federated; ++i) {
            if (methods[i] == Method::Centralized) continue;  // pooled already
            ExperimentConfig c = arms[i].config;
            c.pooled = true;
            table.pooled_counterpart[i] = static_cast<int>(arms.size());
            arms.push_back({arms[i].label + "-pooled", c});
        }
        table.pooled_counterpart.resize(arms.size(), -1);
    }
    const std::string reference = p.given("reference") ? to_string(parse_methods(p.text("reference")).front()) : "fedavg-ce";
    for (std::size_t i = 0; i < arms.size(); ++i)
        if (arms[i].label == reference) table.reference = static_cast<int>(i);
    if (p.given("reference") && table.reference < 0) throw UsageError("--reference " + reference + " is not among --methods");

    const std::vector<ArmResult> results = run_study(arms, options);
    print_study_table(std::cout, results, table);
    return study_exit_status(results);
}

const RegisterCommand registered(kCompareCommand.name, kCompareCommand.summary, &run);

}  // namespace
}  // namespace fedhap::cli
