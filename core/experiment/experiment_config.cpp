#include "experiment/experiment_config.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fedhap {
namespace {

using nlohmann::json;

// Reads one JSON object, remembering which keys were used so that unknown keys are refused.
class Section {
public:
    Section(const json& j, std::string path, const std::string& origin) : j_(j), path_(std::move(path)), origin_(origin) {
        if (!j_.is_object()) fail(path_.empty() ? "the top level" : path_, "must be an object");
    }
    [[noreturn]] void fail(const std::string& key, const std::string& fault) const {
        throw ConfigError(origin_ + ": " + key + ": " + fault);
    }
    std::string key(const std::string& k) const { return path_.empty() ? k : path_ + "." + k; }
    const json* find(const std::string& k) {
        used_.insert(k);
        const auto it = j_.find(k);
        return it == j_.end() ? nullptr : &*it;
    }
    Section child(const std::string& k) {
        static const json empty = json::object();
        const json* v = find(k);
        return Section(v ? *v : empty, key(k), origin_);
    }
    void text(const std::string& k, std::string& out) {
        if (const json* v = find(k)) {
            if (!v->is_string()) fail(key(k), "must be a string");
            out = v->get<std::string>();
        }
    }
    template <typename E, typename Parse>
    void choice(const std::string& k, E& out, Parse parse) {
        std::string s;
        if (!find_exists(k)) return;
        text(k, s);
        try {
            out = parse(s);
        } catch (const std::invalid_argument& e) {
            fail(key(k), e.what());
        }
    }
    void boolean(const std::string& k, bool& out) {
        if (const json* v = find(k)) {
            if (!v->is_boolean()) fail(key(k), "must be true or false");
            out = v->get<bool>();
        }
    }
    void real(const std::string& k, double& out, double lo, double hi) {
        if (const json* v = find(k)) {
            if (!v->is_number()) fail(key(k), "must be a number");
            const double d = v->get<double>();
            if (!(d >= lo && d <= hi)) fail(key(k), "must be in [" + fmt(lo) + ", " + fmt(hi) + "] (got " + fmt(d) + ")");
            out = d;
        }
    }
    template <typename I>
    void integer(const std::string& k, I& out, long long lo, long long hi) {
        if (const json* v = find(k)) {
            if (!v->is_number_integer()) fail(key(k), "must be an integer");
            const long long n = v->get<long long>();
            if (n < lo || n > hi) fail(key(k), "must be in " + std::to_string(lo) + ".." + std::to_string(hi) + " (got " + std::to_string(n) + ")");
            out = static_cast<I>(n);
        }
    }
    void finish() const {
        for (auto it = j_.begin(); it != j_.end(); ++it)
            if (!used_.count(it.key())) fail(key(it.key()), "unknown key");
    }

private:
    bool find_exists(const std::string& k) {
        used_.insert(k);
        return j_.contains(k);
    }
    static std::string fmt(double d) {
        std::ostringstream o;
        o << d;
        return o.str();
    }
    const json& j_;
    std::string path_;
    const std::string& origin_;
    std::set<std::string> used_;
};

constexpr long long kBig = 1'000'000'000;

void read_method(Section s, MethodOptions& m) {
    Method method = Method::FedHap;
    s.choice("name", method, parse_method);
    m = method_preset(method);  // the method's own defaults, then any switch given
    s.choice("similarity", m.similarity, parse_similarity_loss);
    s.choice("prototype_loss", m.prototype_loss, parse_prototype_loss);
    s.choice("init", m.init, parse_prototype_init);
    s.choice("proto_agg", m.aggregation, parse_prototype_aggregation);
    s.choice("upload", m.upload, parse_upload);
    s.boolean("adversarial", m.adversarial);
    s.boolean("share_disc", m.share_discriminator);
    s.real("lambda_sim", m.lambda_similarity, 0, 1e6);
    s.real("lambda_p", m.lambda_prototype, 0, 1e6);
    s.real("lambda_a", m.lambda_adversarial, 0, 1e6);
    s.real("lambda_q", m.lambda_quantization, 0, 1e6);
    s.real("ce_scale", m.ce_scale, 1e-6, 1e6);
    s.real("ce_margin", m.ce_margin, 0, 2);
    s.real("logit_adjust", m.logit_adjust, 0, 100);
    s.real("server_momentum", m.server_momentum, 0, 0.999);
    s.integer("proto_min_distance", m.proto_min_distance, -1, 128);
    s.real("disc_real_noise", m.disc_real_noise, 0, 10);
    s.real("participation", m.participation, 1e-9, 1);
    s.real("fedprox_mu", m.fedprox_mu, 0, 1e6);
    s.real("proto_dp_sigma", m.proto_dp_sigma, 0, 1e6);
    s.finish();
}

json method_json(const MethodOptions& m) {
    return {{"name", to_string(m.method)},
            {"similarity", to_string(m.similarity)},
            {"prototype_loss", to_string(m.prototype_loss)},
            {"init", to_string(m.init)},
            {"proto_agg", to_string(m.aggregation)},
            {"upload", to_string(m.upload)},
            {"adversarial", m.adversarial},
            {"share_disc", m.share_discriminator},
            {"lambda_sim", m.lambda_similarity},
            {"lambda_p", m.lambda_prototype},
            {"lambda_a", m.lambda_adversarial},
            {"lambda_q", m.lambda_quantization},
            {"ce_scale", m.ce_scale},
            {"ce_margin", m.ce_margin},
            {"logit_adjust", m.logit_adjust},
            {"server_momentum", m.server_momentum},
            {"proto_min_distance", m.proto_min_distance},
            {"disc_real_noise", m.disc_real_noise},
            {"participation", m.participation},
            {"fedprox_mu", m.fedprox_mu},
            {"proto_dp_sigma", m.proto_dp_sigma}};
}

}  // namespace

void validate_config(const ExperimentConfig& c, const std::string& origin) {
    auto fail = [&](const std::string& key, const std::string& fault) { throw ConfigError(origin + ": " + key + ": " + fault); };
    if (c.bits < 1 || c.bits > 128) fail("model.bits", "must be in 1..128");
    if (c.method.method == Method::Centralized && c.method.upload == Upload::Nothing)
        fail("method.upload", "centralized training needs its weights");
    const std::string& d = c.device;
    const bool cuda_n = d.rfind("cuda:", 0) == 0 && d.size() > 5 && d.find_first_not_of("0123456789", 5) == std::string::npos;
    if (d != "auto" && d != "cpu" && d != "cuda" && !cuda_n) fail("training.device", "must be auto, cpu, cuda or cuda:N (got '" + d + "')");
    if (c.partition.clients < 1) fail("partition.clients", "must be at least 1");
}

ExperimentConfig config_from_json(const std::string& text, const std::string& origin) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        throw ConfigError(origin + ": not valid JSON (byte " + std::to_string(e.byte) + ")");
    }
    ExperimentConfig c;
    Section top(j, "", origin);
    top.text("name", c.name);
    top.integer("seed", c.seed, 0, (1LL << 53));
    {
        Section s = top.child("dataset");
        s.choice("name", c.dataset, parse_dataset_kind);
        s.text("path", c.data_path);
        s.integer("query_per_class", c.sizes.query_per_class, 1, kBig);
        s.integer("train_per_class", c.sizes.train_per_class, 1, kBig);
        s.finish();
    }
    {
        Section s = top.child("partition");
        s.choice("scheme", c.partition.scheme, parse_partition_scheme);
        s.integer("clients", c.partition.clients, 1, 100000);
        s.real("alpha", c.partition.alpha, 1e-9, 1e9);
        s.integer("min_size", c.partition.min_partition_size, 0, kBig);
        s.boolean("balance", c.partition.self_balancing);
        s.integer("classes_per_client", c.partition.classes_per_client, 1, 100000);
        s.integer("shards_per_client", c.partition.shards_per_client, 1, 100000);
        s.real("noise_sigma", c.partition.noise_sigma, 0, 10);
        s.finish();
    }
    {
        Section s = top.child("model");
        s.choice("net", c.net, parse_net_kind);
        s.integer("bits", c.bits, 1, 128);
        s.integer("hidden", c.hidden, 1, 65536);
        s.finish();
    }
    {
        Section s = top.child("training");
        s.integer("rounds", c.rounds, 1, 100000);
        s.integer("local_epochs", c.local_epochs, 1, 10000);
        s.integer("batch_size", c.batch_size, 1, 1 << 20);
        s.real("lr", c.lr, 1e-12, 10);
        s.text("device", c.device);
        s.integer("threads", c.threads, 0, 1024);
        s.integer("eval_every", c.eval_every, 0, 100000);
        s.integer("eval_database_sample", c.eval_database_sample, 0, kBig);
        s.finish();
    }
    read_method(top.child("method"), c.method);
    top.finish();
    c.partition.seed = c.seed;
    validate_config(c, origin);
    return c;
}

std::string config_to_json(const ExperimentConfig& c) {
    const json j = {
        {"name", c.name},
        {"seed", c.seed},
        {"dataset", {{"name", to_string(c.dataset)}, {"path", c.data_path}, {"query_per_class", c.sizes.query_per_class},
                     {"train_per_class", c.sizes.train_per_class}}},
        {"partition", {{"scheme", to_string(c.partition.scheme)}, {"clients", c.partition.clients}, {"alpha", c.partition.alpha},
                       {"min_size", c.partition.min_partition_size}, {"balance", c.partition.self_balancing},
                       {"classes_per_client", c.partition.classes_per_client},
                       {"shards_per_client", c.partition.shards_per_client}, {"noise_sigma", c.partition.noise_sigma}}},
        {"model", {{"net", to_string(c.net)}, {"bits", c.bits}, {"hidden", c.hidden}}},
        {"training", {{"rounds", c.rounds}, {"local_epochs", c.local_epochs}, {"batch_size", c.batch_size}, {"lr", c.lr},
                      {"device", c.device}, {"threads", c.threads}, {"eval_every", c.eval_every},
                      {"eval_database_sample", c.eval_database_sample}}},
        {"method", method_json(c.method)},
    };
    return j.dump(2) + "\n";
}

ExperimentConfig load_config_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw ConfigError(path + ": cannot open the config file");
    std::stringstream text;
    text << in.rdbuf();
    return config_from_json(text.str(), path);
}

void save_config_file(const std::string& path, const ExperimentConfig& config) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << config_to_json(config);
        if (!out.flush()) throw std::runtime_error(path + ": cannot write");
    }
    std::filesystem::rename(tmp, path);
}

}  // namespace fedhap
