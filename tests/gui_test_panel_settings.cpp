// The experiment panel holds every value a config file may hold: loading a config and saving it
// again gives the same JSON, with each setting at the edges of its range (experiment/config_limits.h)
// and with values that a fixed-decimals spin box would round.
#include <QtTest>

#include "experiment/config_fields.h"
#include "experiment/config_limits.h"
#include "experiment/experiment_config.h"
#include "settings/experiment_panel.h"

using namespace fedhap;

namespace {

// Sets every number to the low (or high) end of its range and every flag to `high`, through the
// one list of settings, so a new setting is covered without being named here.
struct EdgeSetter {
    bool high;
    template <typename F>
    void section(const char*, F&& f) { f(); }
    void method_name(const char*, MethodOptions&) {}
    void text(const char*, std::string&) {}
    template <typename E, typename Parse>
    void choice(const char*, E&, Parse) {}
    void boolean(const char*, bool& v) { v = high; }
    template <typename I>
    void integer(const char*, I& v, const limits::IntRange& r) { v = static_cast<I>(high ? r.hi : r.lo); }
    void real(const char*, double& v, const limits::RealRange& r) { v = high ? r.hi : r.lo; }
};

// Every numeric setting at the low (or high) end of its range; every enum at one choice.
ExperimentConfig at_edge(bool high) {
    ExperimentConfig c;
    EdgeSetter edges{high};
    visit_config(c, edges);
    c.name = high ? "edge-high" : "edge-low";
    c.dataset = high ? DatasetKind::Digits : DatasetKind::Mnist;
    c.data_path = high ? "/data/digits.png" : "";
    c.partition.scheme = high ? PartitionScheme::FeatureNoise : PartitionScheme::Shards;
    c.partition.seed = c.seed;
    c.net = high ? NetKind::Mlp : NetKind::Cnn;
    c.lr_schedule = high ? LrSchedule::Cosine : LrSchedule::Constant;
    c.device = high ? "cuda:7" : "cpu";  // a device this machine lacks must survive too
    auto& m = c.method;
    m.method = high ? Method::FedProtoHash : Method::LocalOnly;
    m.similarity = high ? SimilarityLoss::Dpsh : SimilarityLoss::None;
    m.prototype_loss = high ? PrototypeLoss::Mse : PrototypeLoss::Bce;
    m.init = high ? PrototypeInit::Random : PrototypeInit::None;
    m.aggregation = high ? PrototypeAggregation::MajorityVote : PrototypeAggregation::SmoothedMean;
    m.upload = high ? Upload::PrototypesOnly : Upload::Nothing;
    m.disc_input = high ? DiscriminatorInput::Direction : DiscriminatorInput::Raw;
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
