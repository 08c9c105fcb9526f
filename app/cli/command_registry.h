#pragma once
// Each fedhap subcommand registers itself from its own *_command.cpp file.
#include <string>
#include <vector>

namespace fedhap::cli {

using CommandFn = int (*)(const std::vector<std::string>& args);

struct Command {
    std::string name, summary;
    CommandFn run;
};

std::vector<Command>& commands();

struct RegisterCommand {
    RegisterCommand(std::string name, std::string summary, CommandFn run) {
        commands().push_back({std::move(name), std::move(summary), run});
    }
};

}  // namespace fedhap::cli
