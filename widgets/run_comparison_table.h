#pragma once
// The session's finished runs compared over seeds, as `fedhap compare` prints them: one row per
// configuration (the seed and the name left out), mAP@all mean ± sd, each seed's value, % of the
// configuration's pooled counterpart and the seed-paired difference to a reference configuration
// with its 95 % t-interval. The values are computed in app/workbench (run_comparison.h); this
// view only shows them and asks for another reference.
#include <QString>
#include <QVector>
#include <QWidget>
#include <optional>

class QComboBox;
class QLabel;
class QTableWidget;

namespace fedhap::widgets {

struct RunComparisonRow {
    QString key;      // the configuration without seed and name: what choosing a reference names
    QString label;    // the method and the settings that differ from the reference's, "fedhap · adversarial=false"
    QString details;  // every differing setting, "key: reference → this", one a line (tooltip)
    QVector<quint64> seeds;  // ascending
    QVector<double> maps;    // final mAP@all per seed, in the seeds' order
    QVector<int> run_ids;    // the run behind each seed's value
    double mean = 0.0, sd = 0.0;          // over the seeds; sd with n − 1, 0 for one seed
    std::optional<double> pct_of_pooled;  // mean as % of the pooled configuration's mean
    bool reference = false;
    int pairs = 0;  // seeds shared with the reference; 0: no difference to show
    double diff = 0.0, diff_low = 0.0, diff_high = 0.0;  // mean of this − reference per seed, its 95 % interval
    bool has_interval() const { return pairs >= 2; }
};

struct RunComparisonTable {
    QVector<RunComparisonRow> rows;  // in the order the configurations first finished
    int reference = -1;              // row index; −1 when there are no rows
};

// The table's cell texts.
QString mean_sd_text(const RunComparisonRow& row);    // "0.7200 ± 0.0200", "0.7200 (one seed)"
QString per_seed_text(const RunComparisonRow& row);   // "0.700  0.740  0.720"
QString pct_text(const RunComparisonRow& row);        // "90.0 %" or ""
QString difference_text(const RunComparisonRow& row); // "(reference)", "-0.0500 [-0.1157, +0.0157]", "+0.0300 (one seed)", "no shared seed"

class RunComparisonView : public QWidget {
    Q_OBJECT
public:
    enum Column { Label, Seeds, MeanSd, PerSeed, PctPooled, Difference, Columns };

    explicit RunComparisonView(QWidget* parent = nullptr);
    void set_table(const RunComparisonTable& table);
    const RunComparisonTable& table() const { return table_; }
    QTableWidget* table_widget() const { return grid_; }
    QString csv() const;  // the columns of `fedhap compare --format csv`, with the label as arm

Q_SIGNALS:
    void reference_chosen(const QString& key);

private:
    void choose_row(int row);
    RunComparisonTable table_;
    QLabel* caption_;
    QComboBox* reference_;
    QTableWidget* grid_;
};

}  // namespace fedhap::widgets
