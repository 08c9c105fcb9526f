#pragma once
// The commands that train, and so need LibTorch. They live in the trainer executable
// (fedhap-train); the light `fedhap` lists them in its help and hands them over (see entry.h).
#include <string>

namespace fedhap::cli {

struct CommandInfo {
    const char* name;
    const char* summary;
};

inline constexpr CommandInfo kRunCommand{"run", "train and evaluate one federated hashing experiment"};
inline constexpr CommandInfo kCompareCommand{"compare", "run several methods on the same split and print a table"};
inline constexpr CommandInfo kAblateCommand{"ablate", "turn FedHAP's parts off one at a time and print what each is worth"};
inline constexpr CommandInfo kSweepCommand{"sweep", "a resumable grid of configurations x seeds, with results CSV and plot"};
inline constexpr CommandInfo kServeCommand{"serve", "the server of a cross-silo run: silos join from other processes or machines"};
inline constexpr CommandInfo kJoinCommand{"join", "one silo of a cross-silo run: trains on its own data, talks to the server"};
inline constexpr CommandInfo kTrainingCommands[] = {kRunCommand,   kCompareCommand, kAblateCommand,
                                                    kSweepCommand, kServeCommand,   kJoinCommand};

inline bool is_training_command(const std::string& name) {
    for (const auto& c : kTrainingCommands)
        if (name == c.name) return true;
    return false;
}

}  // namespace fedhap::cli
