#pragma once
// The base of every live view: an exportable plot fed by value snapshots. Setters store the
// snapshot and ask for a redraw; redraws are coalesced to at most one per 50 ms (≤ 20 a second),
// so a burst of snapshots never replots per data point. While the view has no data it shows a
// grey hint over its main axis rect.
#include <QString>
#include <QTimer>
#include <QWidget>
#include <memory>

#include "exportable_view.h"

class QCPAxisRect;

namespace fedhap::widgets {

class PlotHint;

class LiveView : public QWidget, public ExportableView {
    Q_OBJECT
public:
    ~LiveView() override;
    void set_hint(const QString& text);  // shown while there is no data
    const QString& hint_text() const { return hint_text_; }
    void flush();  // redraw now if an update is pending (tests, screenshots, exports)
    void restyle();  // redraw in the current plot style (plot_style.h: presentation style)

protected:
    explicit LiveView(QWidget* parent = nullptr);
    void request_redraw();
    // Puts the hint over `rect`. Call it again after QCustomPlot::clearItems, which deletes it.
    void place_hint(QCustomPlot* plot, QCPAxisRect* rect);
    void show_hint(bool no_data);  // the hint text while there is no data, nothing otherwise
    // Draws the stored snapshot and ends with a queued replot (rpQueuedReplot).
    virtual void redraw() = 0;

private:
    void redraw_styled();
    QTimer redraw_timer_;
    std::unique_ptr<PlotHint> hint_;
    QString hint_text_;
};

}  // namespace fedhap::widgets
