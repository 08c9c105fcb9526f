#include "arg_parser.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <sstream>

namespace fedhap::cli {

ArgParser::ArgParser(std::string command, std::string summary)
    : command_(std::move(command)), summary_(std::move(summary)) {}

ArgParser& ArgParser::option(const std::string& name, const std::string& value_name, const std::string& help,
                             const std::string& default_value) {
    order_.push_back(name);
    specs_[name] = Spec{value_name, help, default_value, false};
    return *this;
}

ArgParser& ArgParser::flag(const std::string& name, const std::string& help) {
    order_.push_back(name);
    specs_[name] = Spec{"", help, "", true};
    return *this;
}

bool ArgParser::parse(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string a = args[i];
        if (a == "--help" || a == "-h") {
            std::cout << help_text();
            return false;
        }
        if (a.rfind("--", 0) != 0) throw UsageError("unexpected argument '" + a + "'");
        std::string name = a.substr(2), value;
        const auto eq = name.find('=');
        const bool inline_value = eq != std::string::npos;
        if (inline_value) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const auto it = specs_.find(name);
        if (it == specs_.end()) throw UsageError("unknown option --" + name + " for '" + command_ + "'");
        if (it->second.is_flag) {
            if (inline_value) throw UsageError("--" + name + " takes no value");
            values_[name] = "1";
            continue;
        }
        if (!inline_value) {
            if (i + 1 >= args.size()) throw UsageError("--" + name + " needs a value (" + it->second.value_name + ")");
            value = args[++i];
        }
        values_[name] = value;
    }
    return true;
}

const ArgParser::Spec& ArgParser::spec(const std::string& name) const {
    const auto it = specs_.find(name);
    if (it == specs_.end()) throw std::logic_error("option --" + name + " was never declared");
    return it->second;
}

bool ArgParser::given(const std::string& name) const {
    spec(name);
    return values_.count(name) > 0;
}

bool ArgParser::is_set(const std::string& name) const { return given(name); }

std::string ArgParser::text(const std::string& name) const {
    const auto it = values_.find(name);
    return it != values_.end() ? it->second : spec(name).default_value;
}

double ArgParser::real(const std::string& name) const {
    const std::string s = text(name);
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0' || errno != 0 || !std::isfinite(v))
        throw UsageError("--" + name + " expects a number, got '" + s + "'");
    return v;
}

long long ArgParser::integer(const std::string& name) const {
    const std::string s = text(name);
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0' || errno != 0)
        throw UsageError("--" + name + " expects an integer, got '" + s + "'");
    return v;
}

std::size_t ArgParser::count(const std::string& name) const {
    const long long v = integer(name);
    if (v < 0) throw UsageError("--" + name + " must not be negative (got " + std::to_string(v) + ")");
    return static_cast<std::size_t>(v);
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

long long ArgParser::integer_in(const std::string& name, const limits::IntRange& range) const {
    const long long v = integer(name);
    if (!range.contains(v))
        throw UsageError("--" + name + " must be in " + std::to_string(range.lo) + ".." + std::to_string(range.hi) +
                         " (got " + text(name) + ")");
    return v;
}

double ArgParser::real_in(const std::string& name, const limits::RealRange& range) const {
    const double v = real(name);
    if (!range.contains(v)) {
        std::ostringstream m;
        m << "--" << name << " must be in [" << range.lo << ", " << range.hi << "] (got " << text(name) << ")";
        throw UsageError(m.str());
    }
    return v;
}

std::string ArgParser::choice(const std::string& name, const std::vector<std::string>& choices) const {
    const std::string v = text(name);
    for (const auto& c : choices)
        if (v == c) return v;
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
    throw UsageError("--" + name + " must be one of " + list + " (got '" + v + "')");
}

std::string ArgParser::help_text() const {
    std::ostringstream out;
    out << "usage: fedhap " << command_ << " [options]\n\n" << summary_ << "\n\noptions:\n";
    for (const auto& name : order_) {
        const Spec& s = specs_.at(name);
        std::string left = "  --" + name + (s.is_flag ? "" : " " + s.value_name);
        out << left << std::string(left.size() < 30 ? 30 - left.size() : 1, ' ') << s.help;
        if (!s.default_value.empty()) out << " [default: " << s.default_value << "]";
        out << "\n";
    }
    out << std::string("  --help").append(22, ' ') << "show this help\n";  // in the 30-wide column above
    return out.str();
}

}  // namespace fedhap::cli
