#pragma once
// The runs of this session: tick several to overlay their mAP curves; the first two ticked are
// compared setting by setting. Below, the finished runs compared over seeds (run_comparison_table.h).
#include "live_view.h"
#include "run_comparison_table.h"
#include "run_record.h"

class QListWidget;
class QTableWidget;
class QLabel;
class QCPTextElement;

namespace fedhap::widgets {

class RunsView : public LiveView {
    Q_OBJECT
public:
    explicit RunsView(QWidget* parent = nullptr);
    ~RunsView() override;
    void upsert_run(const RunRecord& run);  // adds it (ticked) or updates the one with its id
    const QVector<RunRecord>& runs() const { return runs_; }
    QVector<int> checked_runs() const;
    void set_checked(int id, bool checked);
    int diff_rows() const;
    void set_comparison(const RunComparisonTable& table);
    RunComparisonView* comparison() const { return comparison_; }

    QCustomPlot* plot() const override { return plot_; }
    // Every run's mAP curve; after a blank line, the comparison over seeds when there is one.
    QString csv() const override;

private:
    void redraw() override;
    QListWidget* list_;
    QCustomPlot* plot_;
    QTableWidget* diff_;
    QLabel* diff_caption_;
    RunComparisonView* comparison_;
    QVector<RunRecord> runs_;
};

}  // namespace fedhap::widgets
