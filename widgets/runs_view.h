#pragma once
// The runs: this session's and those read from run folders. Tick several to overlay a per-round
// curve (mAP, mean loss or megabytes); the ticked runs are summarised in a table and the first
// two compared setting by setting. Below, the finished runs compared over seeds
// (run_comparison_table.h).
#include <QMap>
#include <QStringList>

#include "live_view.h"
#include "run_comparison_table.h"
#include "run_record.h"

class QComboBox;
class QListWidget;
class QTableWidget;
class QLabel;
class QCPTextElement;

namespace fedhap::widgets {

class RunsView : public LiveView {
    Q_OBJECT
public:
    enum class Curve { Map, Loss, Megabytes };

    explicit RunsView(QWidget* parent = nullptr);
    ~RunsView() override;
    // Adds the run (ticked as `checked` says) or updates the one with its id.
    void upsert_run(const RunRecord& run, bool checked = true);
    // The same for several, with one runs_changed: a run library's pass may bring hundreds, and
    // each runs_changed recomputes the comparison over every run.
    void upsert_runs(const QVector<RunRecord>& runs, bool checked = true);
    const QVector<RunRecord>& runs() const { return runs_; }
    QVector<int> checked_runs() const;
    void set_checked(int id, bool checked);
    void set_curve(Curve curve);
    Curve curve() const;
    int diff_rows() const;
    QTableWidget* summary() const { return summary_; }
    // What the run library could not list under the folders opened, one line each ("runs/x/
    // config.json: is a character device, not a regular file"); shown under the run list, hidden
    // when empty.
    void set_notes(const QStringList& lines);
    QStringList notes() const { return notes_text_; }
    // Each run's final mAP@all as % of its configuration trained pooled, by run id (run_comparison.h).
    void set_pooled_shares(const QMap<int, double>& pct_by_run);
    void set_comparison(const RunComparisonTable& table);
    RunComparisonView* comparison() const { return comparison_; }

    QCustomPlot* plot() const override { return plot_; }
    // Every run's curves per round; the summary of the ticked runs; the comparison over seeds.
    QString csv() const override;

Q_SIGNALS:
    void runs_changed();  // a run was added or updated

private:
    void redraw() override;
    void put_run(const RunRecord& run, bool checked);  // upsert without the signal
    void fill_summary(const QVector<int>& ids);
    void fill_diff(const QVector<int>& ids);
    const RunRecord* find(int id) const;
    QListWidget* list_;
    QLabel* notes_caption_;
    QListWidget* notes_;
    QStringList notes_text_;
    QComboBox* curve_;
    QCustomPlot* plot_;
    QCPTextElement* title_;
    QTableWidget* summary_;
    QTableWidget* diff_;
    QLabel* diff_caption_;
    RunComparisonView* comparison_;
    QVector<RunRecord> runs_;
    QMap<int, double> pooled_shares_;
};

}  // namespace fedhap::widgets
