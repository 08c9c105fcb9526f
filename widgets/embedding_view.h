#pragma once
// A 2-D map (t-SNE) of codes coloured by class, with the prototypes marked. Hovering a point
// shows its image; clicking it asks for a retrieval with that item as the query.
#include <functional>

#include <QImage>

#include "embedding_points.h"
#include "live_view.h"

class QLabel;
class QCPGraph;
class QCPTextElement;
class QMouseEvent;

namespace fedhap::widgets {

class EmbeddingView : public LiveView {
    Q_OBJECT
public:
    explicit EmbeddingView(QWidget* parent = nullptr);
    ~EmbeddingView() override;
    void set_points(const EmbeddingPoints& points);
    // The image of data point i (same order as the points), asked for on hover only: a whole
    // database's images are not made up front on the GUI thread.
    using ThumbnailSource = std::function<QImage(int)>;
    void set_thumbnail_source(ThumbnailSource source);
    const EmbeddingPoints& points() const { return points_; }
    int point_at(const QPointF& pixel, double radius_px = 8.0) const;  // -1 when none is near

    QCustomPlot* plot() const override { return plot_; }
    QString csv() const override;

Q_SIGNALS:
    void point_clicked(int index);  // a data point (not a prototype)

private:
    void redraw() override;
    void on_mouse_move(QMouseEvent* event);
    QCustomPlot* plot_;
    QCPTextElement* title_;
    QVector<QCPGraph*> class_graphs_, prototype_graphs_;
    QCPGraph* prototype_legend_ = nullptr;
    QLabel* hover_;
    EmbeddingPoints points_;
    ThumbnailSource thumbnail_;
};

}  // namespace fedhap::widgets
