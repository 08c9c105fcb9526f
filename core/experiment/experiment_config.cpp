#include "experiment/experiment_config.h"

#include <nlohmann/json.hpp>

#include <set>
#include <sstream>
#include <type_traits>
#include <vector>

#include "experiment/config_fields.h"
#include "io/atomic_file.h"
#include "io/input_file.h"
#include "util/printable_path.h"

namespace fedhap {
namespace {

using nlohmann::json;

std::string fmt(double d) {
    std::ostringstream o;
    o << d;
    return o.str();
}

// An integer of any width or signedness against a range, with no cast that could wrap it into the
// range first (2^64 − 1 as a long long is −1).
template <typename I>
bool in_range(const limits::IntRange& r, I v) {
    if constexpr (std::is_unsigned_v<I>)
        return v <= static_cast<unsigned long long>(r.hi) && static_cast<long long>(v) >= r.lo;
    else
        return r.contains(v);
}

template <typename I>
std::string range_fault(const limits::IntRange& r, I got) {
    return "must be in " + std::to_string(r.lo) + ".." + std::to_string(r.hi) + " (got " + std::to_string(got) + ")";
}
std::string range_fault(const limits::RealRange& r, double got) {
    return "must be in [" + fmt(r.lo) + ", " + fmt(r.hi) + "] (got " + fmt(got) + ")";
}

// Keeps the dotted path of the section being visited, for one-line errors "<origin>: <key>: <fault>".
class KeyPath {
public:
    explicit KeyPath(std::string origin) : origin_(std::move(origin)) {}
    std::string key(const std::string& k) const { return path_.empty() ? k : path_ + "." + k; }
    [[noreturn]] void fail(const std::string& k, const std::string& fault) const {
        throw ConfigError(origin_ + ": " + key(k) + ": " + fault);
    }
    template <typename F>
    void nested(const std::string& k, F&& f) {
        const std::string saved = path_;
        path_ = key(k);
        f();
        path_ = saved;
    }

private:
    std::string origin_, path_;
};

// Reads a JSON object: each key's type and range, then refuses the keys nobody asked for.
class JsonReader {
public:
    JsonReader(const json& top, const std::string& origin) : where_(origin) {
        if (!top.is_object()) where_.fail("the top level", "must be an object");
        stack_.push_back({&top, {}});
    }
    template <typename F>
    void section(const std::string& k, F&& f) {
        static const json empty = json::object();
        const json* v = find(k);
        if (v && !v->is_object()) where_.fail(k, "must be an object");
        where_.nested(k, [&] {
            stack_.push_back({v ? v : &empty, {}});
            f();
            finish();
            stack_.pop_back();
        });
    }
    void method_name(const std::string& k, MethodOptions& m) {
        Method method = Method::FedHap;
        choice(k, method, parse_method);
        m = method_preset(method);  // the method's own defaults, then any switch given
    }
    void text(const std::string& k, std::string& out) {
        if (const json* v = find(k)) {
            if (!v->is_string()) where_.fail(k, "must be a string");
            out = v->get<std::string>();
        }
    }
    template <typename E>
    void choice(const std::string& k, E& out, E (*parse)(const std::string&)) {
        std::string s;
        if (!find(k)) return;
        text(k, s);
        try {
            out = parse(s);
        } catch (const std::invalid_argument& e) {
            where_.fail(k, e.what());
        }
    }
    void boolean(const std::string& k, bool& out) {
        if (const json* v = find(k)) {
            if (!v->is_boolean()) where_.fail(k, "must be true or false");
            out = v->get<bool>();
        }
    }
    void real(const std::string& k, double& out, const limits::RealRange& r) {
        if (const json* v = find(k)) {
            if (!v->is_number()) where_.fail(k, "must be a number");
            const double d = v->get<double>();
            if (!r.contains(d)) where_.fail(k, range_fault(r, d));
            out = d;
        }
    }
    template <typename I>
    void integer(const std::string& k, I& out, const limits::IntRange& r) {
        if (const json* v = find(k)) {
            // Checked before the cast, so 2^32 + 1 is refused instead of wrapping to 1.
            if (!v->is_number_integer()) where_.fail(k, "must be an integer");
            if (v->is_number_unsigned()) {
                const auto n = v->get<unsigned long long>();
                if (!in_range(r, n)) where_.fail(k, range_fault(r, n));
                out = static_cast<I>(n);
            } else {
                const auto n = v->get<long long>();
                if (!in_range(r, n)) where_.fail(k, range_fault(r, n));
                out = static_cast<I>(n);
            }
        }
    }
    void finish() const {
        const auto& [j, used] = stack_.back();
        for (auto it = j->begin(); it != j->end(); ++it)
            if (!used.count(it.key())) where_.fail(it.key(), "unknown key");
    }

private:
    const json* find(const std::string& k) {
        auto& [j, used] = stack_.back();
        used.insert(k);
        const auto it = j->find(k);
        return it == j->end() ? nullptr : &*it;
    }
    KeyPath where_;
    std::vector<std::pair<const json*, std::set<std::string>>> stack_;
};

// Writes every key, so a saved file documents every setting.
class JsonWriter {
public:
    json out = json::object();
    template <typename F>
    void section(const std::string& k, F&& f) {
        json* saved = current_;
        current_ = &(*current_)[k];
        *current_ = json::object();
        f();
        current_ = saved;
    }
    void method_name(const std::string& k, const MethodOptions& m) { (*current_)[k] = to_string(m.method); }
    void text(const std::string& k, const std::string& v) { (*current_)[k] = v; }
    template <typename E, typename Parse>
    void choice(const std::string& k, const E& v, Parse) { (*current_)[k] = to_string(v); }
    void boolean(const std::string& k, bool v) { (*current_)[k] = v; }
    void real(const std::string& k, double v, const limits::RealRange&) { (*current_)[k] = v; }
    template <typename I>
    void integer(const std::string& k, I v, const limits::IntRange&) { (*current_)[k] = v; }

private:
    json* current_ = &out;
};

// Checks the ranges of a config built in code (the CLI's overrides, the workbench's panel).
class RangeChecker {
public:
    explicit RangeChecker(const std::string& origin) : where_(origin) {}
    template <typename F>
    void section(const std::string& k, F&& f) { where_.nested(k, f); }
    void method_name(const std::string&, const MethodOptions&) {}
    void text(const std::string&, const std::string&) {}
    template <typename E, typename Parse>
    void choice(const std::string&, const E&, Parse) {}
    void boolean(const std::string&, bool) {}
    void real(const std::string& k, double v, const limits::RealRange& r) {
        if (!r.contains(v)) where_.fail(k, range_fault(r, v));
    }
    template <typename I>
    void integer(const std::string& k, I v, const limits::IntRange& r) {
        if (!in_range(r, v)) where_.fail(k, range_fault(r, v));
    }

private:
    KeyPath where_;
};

}  // namespace

void validate_config(const ExperimentConfig& c, const std::string& origin_in) {
    const std::string origin = printable_path(origin_in);  // a file name, kept on one line
    RangeChecker ranges(origin);
    visit_config(c, ranges);
    auto fail = [&](const std::string& key, const std::string& fault) { throw ConfigError(origin + ": " + key + ": " + fault); };
    if (c.method.method == Method::Centralized && c.method.upload == Upload::Nothing)
        fail("method.upload", "centralized training needs its weights");
    const std::string& d = c.device;
    const bool cuda_n = d.rfind("cuda:", 0) == 0 && d.size() > 5 && d.find_first_not_of("0123456789", 5) == std::string::npos;
    if (d != "auto" && d != "cpu" && d != "cuda" && !cuda_n) fail("training.device", "must be auto, cpu, cuda or cuda:N (got '" + d + "')");
}

ExperimentConfig config_from_json(const std::string& text, const std::string& origin_in) {
    const std::string origin = printable_path(origin_in);  // a file name, kept on one line
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        throw ConfigError(origin + ": not valid JSON (byte " + std::to_string(e.byte) + ")");
    } catch (const json::exception&) {  // e.g. a number too large for a double (1e999)
        throw ConfigError(origin + ": not valid JSON (a number out of range)");
    }
    ExperimentConfig c;
    JsonReader reader(j, origin);
    visit_config(c, reader);
    reader.finish();
    c.partition.seed = c.seed;
    validate_config(c, origin);
    return c;
}

std::string config_to_json(const ExperimentConfig& c) {
    JsonWriter writer;
    visit_config(c, writer);
    return writer.out.dump(2) + "\n";
}

ExperimentConfig load_config_file(const std::string& path) {
    std::string text;
    try {
        text = read_input_file(path, input_limits::kConfig);
    } catch (const InputFileError& e) {
        throw ConfigError(e.what());  // callers catch ConfigError for every fault of a config
    }
    return config_from_json(text, path);
}

void save_config_file(const std::string& path, const ExperimentConfig& config) { write_file_atomic(path, config_to_json(config)); }

}  // namespace fedhap
