// fedhap — the headless twin of the workbench: one subcommand per task.
#include <algorithm>
#include <exception>
#include <iostream>

#include "arg_parser.h"
#include "command_registry.h"
#include "data/image_datasets.h"
#include "entry.h"
#include "training_commands.h"
#include "util/printable_path.h"

namespace fedhap::cli {

std::vector<Command>& commands() {
    static std::vector<Command> all;
    return all;
}

}  // namespace fedhap::cli

namespace {

void print_usage(std::ostream& out) {
    auto list = fedhap::cli::commands();
    // The light executable lists the trainer's commands too.
    for (const auto& t : fedhap::cli::kTrainingCommands)
        if (std::none_of(list.begin(), list.end(), [&](const auto& c) { return c.name == t.name; }))
            list.push_back({t.name, t.summary, nullptr});
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    out << "usage: fedhap <command> [options]   (fedhap <command> --help for its options)\n\n"
           "Federated deep hashing with global prototypes (FedHAP, reconstruction): headless tools.\n\n"
           "commands:\n";
    for (const auto& c : list) out << "  " << c.name << std::string(c.name.size() < 12 ? 12 - c.name.size() : 1, ' ') << c.summary << "\n";
    out << "\n  --version   print versions and devices\n  --help      show this help\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        print_usage(std::cout);
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") return fedhap::cli::print_version(argv);
    if (!fedhap::cli::has_command(argv[1])) fedhap::cli::hand_over(argv);
    fedhap::cli::prepare_process();
    for (const auto& c : fedhap::cli::commands()) {
        if (c.name != args[0]) continue;
        try {
            return c.run(std::vector<std::string>(args.begin() + 1, args.end()));
        } catch (const fedhap::ImageSupportMissing&) {
            fedhap::cli::hand_over(argv);  // an image dataset: the trainer decodes it
        } catch (const fedhap::cli::UsageError& e) {
            std::cerr << "fedhap " << c.name << ": " << fedhap::printable_path(e.what()) << " (see fedhap " << c.name << " --help)\n";
            return 2;
        } catch (const std::exception& e) {
            // Escaped once more as a whole: whatever a message quotes (a path, a JSON value), it
            // stays one line (the readers escape the paths they name already; that is idempotent).
            std::cerr << "fedhap " << c.name << ": " << fedhap::printable_path(e.what()) << "\n";
            return 1;
        }
    }
    std::cerr << "fedhap: unknown command '" << fedhap::printable_path(args[0]) << "' (see fedhap --help)\n";
    return 2;
}
