// The experiment panel holds every value a config file may hold: loading a config and saving it
// again gives the same JSON, with each setting at the edges of its range (experiment/config_limits.h)
// and with values that a fixed-decimals spin box would round.
#include <QtTest>

#include "experiment/config_limits.h"
#include "experiment/experiment_config.h"
#include "experiment_panel.h"

using namespace fedhap;

namespace {

// Every numeric setting at the low (or high) end of its range; every enum at one choice.
ExperimentConfig at_edge(bool high) {
    auto pick = [high](const auto& range) { return high ? range.hi : range.lo; };
    ExperimentConfig c;
    c.name = high ? "edge-high" : "edge-low";
    c.dataset = high ? DatasetKind::Digits : DatasetKind::Mnist;
    c.data_path = high ? "/data/digits.png" : "";
    c.seed = static_cast<std::uint64_t>(pick(limits::seed));
    c.sizes = {static_cast<std::size_t>(pick(limits::per_class)), static_cast<std::size_t>(pick(limits::per_class))};
    auto& p = c.partition;
    p.scheme = high ? PartitionScheme::FeatureNoise : PartitionScheme::Shards;
    p.clients = static_cast<std::size_t>(pick(limits::clients));
    p.alpha = pick(limits::alpha);
    p.min_partition_size = static_cast<std::size_t>(pick(limits::min_partition_size));
    p.self_balancing = high;
    p.classes_per_client = static_cast<std::size_t>(pick(limits::per_client));
    p.shards_per_client = static_cast<std::size_t>(pick(limits::per_client));
    p.noise_sigma = pick(limits::noise_sigma);
    p.seed = c.seed;
    c.net = high ? NetKind::Mlp : NetKind::Cnn;
    c.bits = static_cast<int>(pick(limits::bits));
    c.hidden = static_cast<int>(pick(limits::hidden));
    c.rounds = static_cast<int>(pick(limits::rounds));
    c.local_epochs = static_cast<int>(pick(limits::local_epochs));
    c.batch_size = static_cast<int>(pick(limits::batch_size));
    c.lr = pick(limits::lr);
    c.device = high ? "cuda:7" : "cpu";  // a device this machine lacks must survive too
    c.threads = static_cast<int>(pick(limits::threads));
    c.eval_every = static_cast<int>(pick(limits::eval_every));
    c.eval_database_sample = static_cast<std::size_t>(pick(limits::eval_database_sample));
    c.pooled = high;
    auto& m = c.method;
    m.method = high ? Method::FedProtoHash : Method::LocalOnly;
    m.similarity = high ? SimilarityLoss::Dpsh : SimilarityLoss::None;
    m.prototype_loss = high ? PrototypeLoss::Mse : PrototypeLoss::Bce;
    m.init = high ? PrototypeInit::Random : PrototypeInit::None;
    m.aggregation = high ? PrototypeAggregation::MajorityVote : PrototypeAggregation::Mean;
    m.upload = high ? Upload::PrototypesOnly : Upload::Nothing;
    m.adversarial = !high;
    m.share_discriminator = high;
    m.disc_input = high ? DiscriminatorInput::Direction : DiscriminatorInput::Raw;
    m.lambda_similarity = m.lambda_prototype = m.lambda_adversarial = m.lambda_quantization = pick(limits::lambda);
    m.ce_scale = pick(limits::ce_scale);
    m.ce_margin = pick(limits::ce_margin);
    m.logit_adjust = pick(limits::logit_adjust);
    m.server_momentum = pick(limits::server_momentum);
    m.proto_min_distance = static_cast<int>(pick(limits::proto_min_distance));
    m.disc_real_noise = pick(limits::disc_real_noise);
    m.participation = pick(limits::participation);
    m.fedprox_mu = m.proto_dp_sigma = pick(limits::lambda);
    return c;
}

std::string through_panel(const ExperimentConfig& c) {
    workbench::ExperimentPanel panel;
    panel.set_config(c);
    return config_to_json(panel.config());
}

}  // namespace

class PanelSettingsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void every_setting_at_its_edges_round_trips() {
        for (bool high : {false, true}) {
            const ExperimentConfig c = at_edge(high);
            validate_config(c);  // the test's own configs are valid ones
            QCOMPARE(through_panel(c), config_to_json(c));
        }
    }

    void values_with_many_digits_are_kept_exactly() {
        ExperimentConfig c;
        c.lr = 0.000123456789012345;
        c.partition.alpha = 0.1 + 0.2;  // 0.30000000000000004
        c.method.ce_margin = 1.0 / 3.0;
        c.method.lambda_quantization = 1e-7;
        c.method.participation = 0.123456789;
        c.seed = (1ULL << 53) - 1;
        QCOMPARE(through_panel(c), config_to_json(c));
    }

    void defaults_are_cores() {
        workbench::ExperimentPanel panel;
        QCOMPARE(config_to_json(panel.config()), config_to_json(ExperimentConfig{}));
    }
};

QTEST_MAIN(PanelSettingsTest)
#include "gui_test_panel_settings.moc"
