#pragma once
// Retrieval with the newest codes: builds a Hamming index off the GUI thread (one build at a
// time; of the codes that arrive meanwhile only the newest are kept), then ranks the picked
// query, or a database item picked on the map, for the gallery and the PR curve.
#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QStringList>
#include <memory>
#include <vector>

#include "experiment_controller.h"
#include "retrieval_index.h"

namespace fedhap::widgets {
class RetrievalView;
}

namespace fedhap::workbench {

class RetrievalPresenter : public QObject {
    Q_OBJECT
public:
    RetrievalPresenter(ExperimentController& controller, widgets::RetrievalView& view, QObject* parent = nullptr);
    ~RetrievalPresenter() override;  // waits for a running build

    void show_query(int query);
    void show_database_item(std::size_t database_row);  // that item as the query

private:
    void on_started();
    void build_index(const SharedCodes& codes);
    void on_index_built();
    void show_ranking(const QImage& query, const QString& caption, const std::vector<RankedItem>& ranked);

    ExperimentController& controller_;
    widgets::RetrievalView& view_;
    RunData run_data_;
    QStringList class_names_;
    QFutureWatcher<std::shared_ptr<const RetrievalIndex>> build_;
    int build_run_ = 0;          // the run the index being built belongs to
    SharedCodes pending_codes_;  // arrived while an index was being built
    std::shared_ptr<const RetrievalIndex> index_;
};

}  // namespace fedhap::workbench
