#pragma once
// Retrieval with the newest codes: builds a Hamming index off the GUI thread (one build at a
// time; of the codes that arrive meanwhile only the newest are kept), then ranks the picked
// query, a database item picked on the map, or an image file, for the gallery and the PR curves.
#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QStringList>
#include <memory>
#include <vector>

#include "run/experiment_controller.h"
#include "views/image_query.h"
#include "views/retrieval_index.h"

namespace fedhap::widgets {
class RetrievalView;
struct RetrievalResult;
}

namespace fedhap::workbench {

class RetrievalPresenter : public QObject {
    Q_OBJECT
public:
    RetrievalPresenter(ExperimentController& controller, widgets::RetrievalView& view, QObject* parent = nullptr);
    ~RetrievalPresenter() override;  // waits for a running build or encoding

    void show_query(int query);
    void show_database_item(std::size_t database_row);  // that item as the query
    // The image file as the query: encoded off the GUI thread with the model of the codes shown,
    // and again whenever newer codes arrive, until another query is picked.
    void show_image_file(const QString& path);

private:
    void on_started();
    void build_index(const SharedCodes& codes);
    void on_index_built();
    void start_image_encoding();
    void on_image_encoded();
    widgets::RetrievalResult ranking_result(const QImage& query, const QString& caption, const std::vector<RankedItem>& ranked) const;
    void show_image_query(const ImageQuery& query);

    ExperimentController& controller_;
    widgets::RetrievalView& view_;
    RunData run_data_;
    QStringList class_names_;
    QFutureWatcher<std::shared_ptr<const RetrievalIndex>> build_;
    int build_run_ = 0;          // the run the index being built belongs to
    SharedCodes pending_codes_;  // arrived while an index was being built
    std::shared_ptr<const RetrievalIndex> index_;
    QString image_file_;  // non-empty: the current query is this file
    QFutureWatcher<ImageQuery> encode_;
    bool encode_again_ = false;  // the file or the model changed while an encoding ran
};

}  // namespace fedhap::workbench
