#pragma once
// The t-SNE map of the newest codes: an even sample of the database (the same rows every round
// while the sample size is fixed) plus the global prototypes, embedded on a thread of its own and
// streamed into the view as it converges. A click on a point picks that database item.
#include <QObject>
#include <QStringList>
#include <QVector>
#include <vector>

#include "run/experiment_controller.h"

namespace fedhap::widgets {
class EmbeddingView;
}

namespace fedhap::workbench {

class EmbeddingController;
struct EmbeddingFrame;

class EmbeddingPresenter : public QObject {
    Q_OBJECT
public:
    EmbeddingPresenter(ExperimentController& controller, widgets::EmbeddingView& view, QObject* parent = nullptr);
    bool busy() const;  // a t-SNE is running

Q_SIGNALS:
    void settled();  // the t-SNE of the newest codes finished (or failed)
    void item_picked(std::size_t database_row);

private:
    void on_started();
    void embed(const SharedCodes& codes);
    void on_frame(const EmbeddingFrame& frame);
    void on_failed(const QString& error);

    ExperimentController& controller_;
    widgets::EmbeddingView& view_;
    EmbeddingController* embedder_;
    QString default_hint_;

    // The current run.
    RunData run_data_;
    QStringList class_names_;
    PrototypeSnapshot prototypes_;  // of the last round

    // The points being embedded: sampled database rows, then the prototypes.
    std::vector<std::size_t> rows_;
    QVector<int> labels_;
    int prototype_points_ = 0;
    QString source_;  // which codes, for the caption
};

}  // namespace fedhap::workbench
