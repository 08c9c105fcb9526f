#pragma once
// A small "--name value" / "--flag" parser for the fedhap subcommands.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "experiment/config_limits.h"

namespace fedhap::cli {

// Bad command line: main prints it with the usage hint and exits 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// "a | b | c": a choice list for an option's help, from core's name table.
std::string join(const std::vector<std::string>& items, const std::string& separator);

class ArgParser {
public:
    ArgParser(std::string command, std::string summary);

    // --name VALUE. An empty default means "not given" unless the option is passed.
    ArgParser& option(const std::string& name, const std::string& value_name, const std::string& help,
                      const std::string& default_value = "");
    ArgParser& flag(const std::string& name, const std::string& help);

    // Returns false when --help was asked (help already printed to stdout).
    bool parse(const std::vector<std::string>& args);

    bool given(const std::string& name) const;  // passed on the command line
    bool is_set(const std::string& flag) const;
    std::string text(const std::string& name) const;
    double real(const std::string& name) const;
    long long integer(const std::string& name) const;
    std::size_t count(const std::string& name) const;  // non-negative integer
    // A number within a setting's range (experiment/config_limits.h): refused, not wrapped, outside it.
    long long integer_in(const std::string& name, const limits::IntRange& range) const;
    double real_in(const std::string& name, const limits::RealRange& range) const;
    // text(name) must be one of `choices`.
    std::string choice(const std::string& name, const std::vector<std::string>& choices) const;

    std::string help_text() const;

private:
    struct Spec {
        std::string value_name, help, default_value;
        bool is_flag = false;
    };
    const Spec& spec(const std::string& name) const;
    std::string command_, summary_;
    std::vector<std::string> order_;
    std::map<std::string, Spec> specs_;
    std::map<std::string, std::string> values_;
};

}  // namespace fedhap::cli
