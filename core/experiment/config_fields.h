#pragma once
// Every experiment setting, named once: its JSON section and key, its member and its range. The
// JSON reader, the JSON writer and the validator are visitors of this one list, so adding a
// setting means adding a member, a range in config_limits.h and one line here (plus its widget).
#include "experiment/config_limits.h"
#include "experiment/experiment_config.h"

namespace fedhap {

// Config is ExperimentConfig or const ExperimentConfig. A visitor provides:
//   section(key, f)        visit the settings f visits inside the object `key`
//   method_name(key, m)    the method's name; a reader loads that method's preset into m first
//   text / boolean(key, v), integer(key, v, IntRange), real(key, v, RealRange),
//   choice(key, v, parse)  an enum, by the names its parse/to_string functions know
template <typename Config, typename Visitor>
void visit_config(Config& c, Visitor& v) {
    v.text("name", c.name);
    v.integer("seed", c.seed, limits::seed);
    v.section("dataset", [&] {
        v.choice("name", c.dataset, parse_dataset_kind);
        v.text("path", c.data_path);
        v.integer("query_per_class", c.sizes.query_per_class, limits::per_class);
        v.integer("train_per_class", c.sizes.train_per_class, limits::per_class);
    });
    v.section("partition", [&] {
        auto& p = c.partition;
        v.choice("scheme", p.scheme, parse_partition_scheme);
        v.integer("clients", p.clients, limits::clients);
        v.real("alpha", p.alpha, limits::alpha);
        v.integer("min_size", p.min_partition_size, limits::min_partition_size);
        v.boolean("balance", p.self_balancing);
        v.integer("classes_per_client", p.classes_per_client, limits::per_client);
        v.integer("shards_per_client", p.shards_per_client, limits::per_client);
        v.real("noise_sigma", p.noise_sigma, limits::noise_sigma);
    });
    v.section("model", [&] {
        v.choice("net", c.net, parse_net_kind);
        v.integer("bits", c.bits, limits::bits);
        v.integer("hidden", c.hidden, limits::hidden);
    });
    v.section("training", [&] {
        v.integer("rounds", c.rounds, limits::rounds);
        v.integer("local_epochs", c.local_epochs, limits::local_epochs);
        v.integer("batch_size", c.batch_size, limits::batch_size);
        v.real("lr", c.lr, limits::lr);
        v.choice("lr_schedule", c.lr_schedule, parse_lr_schedule);
        v.text("device", c.device);
        v.integer("threads", c.threads, limits::threads);
        v.integer("eval_every", c.eval_every, limits::eval_every);
        v.integer("eval_database_sample", c.eval_database_sample, limits::eval_database_sample);
        v.boolean("pooled", c.pooled);
    });
    v.section("method", [&] {
        auto& m = c.method;
        v.method_name("name", m);
        v.choice("similarity", m.similarity, parse_similarity_loss);
        v.choice("prototype_loss", m.prototype_loss, parse_prototype_loss);
        v.choice("init", m.init, parse_prototype_init);
        v.choice("proto_agg", m.aggregation, parse_prototype_aggregation);
        v.choice("upload", m.upload, parse_upload);
        v.boolean("adversarial", m.adversarial);
        v.boolean("share_disc", m.share_discriminator);
        v.choice("disc_input", m.disc_input, parse_discriminator_input);
        v.real("lambda_sim", m.lambda_similarity, limits::lambda);
        v.real("lambda_p", m.lambda_prototype, limits::lambda);
        v.real("lambda_a", m.lambda_adversarial, limits::lambda);
        v.real("lambda_q", m.lambda_quantization, limits::lambda);
        v.real("ce_scale", m.ce_scale, limits::ce_scale);
        v.real("ce_margin", m.ce_margin, limits::ce_margin);
        v.real("logit_adjust", m.logit_adjust, limits::logit_adjust);
        v.real("absent_logit_scale", m.absent_logit_scale, limits::absent_logit_scale);
        v.real("lambda_ntd", m.lambda_not_true, limits::lambda);
        v.real("ntd_temperature", m.ntd_temperature, limits::ntd_temperature);
        v.real("lambda_decorr", m.lambda_decorrelation, limits::lambda);
        v.real("proto_smoothing", m.proto_smoothing, limits::proto_smoothing);
        v.real("server_momentum", m.server_momentum, limits::server_momentum);
        v.integer("proto_min_distance", m.proto_min_distance, limits::proto_min_distance);
        v.real("disc_real_noise", m.disc_real_noise, limits::disc_real_noise);
        v.real("participation", m.participation, limits::participation);
        v.real("fedprox_mu", m.fedprox_mu, limits::lambda);
        v.real("proto_dp_sigma", m.proto_dp_sigma, limits::lambda);
    });
}

}  // namespace fedhap
