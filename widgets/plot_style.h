#pragma once
// One look for every plot: the class palette, axis styling and the "nothing to show yet" hint.
#include <QColor>
#include <QString>

class QCustomPlot;
class QCPAxisRect;
class QCPItemText;

namespace fedhap::widgets {

// A colour per class (Tableau 10, repeating with a darker shade past ten classes); in presentation
// style a colour-blind-safe palette (Paul Tol's "muted" nine and a dark grey).
QColor class_color(int cls);

// Presentation style, for a projector: the colour-blind-safe palette, thicker lines, larger
// markers and axis text. Views pick it up at their next redraw (LiveView::restyle).
void set_presentation_style(bool on);
bool presentation_style();
// Applies the current style's line, marker and font scale to what `plot` holds; idempotent
// (the plot's own sizes are kept on each item and scaled from).
void apply_presentation_scale(QCustomPlot* plot);

// Light grid, no top/right clutter, readable tick labels.
void style_axis_rect(QCPAxisRect* rect);

// A centred grey message over `rect` for empty states; visible while `text` is non-empty.
class PlotHint {
public:
    PlotHint(QCustomPlot* plot, QCPAxisRect* rect);
    void show(const QString& text);
    void hide() { show(QString()); }

private:
    QCPItemText* item_;
};

}  // namespace fedhap::widgets
