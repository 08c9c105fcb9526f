#pragma once
// One look for every plot: the class palette, axis styling and the "nothing to show yet" hint.
#include <QColor>
#include <QString>

class QCustomPlot;
class QCPAxisRect;
class QCPItemText;

namespace fedhap::widgets {

// A colour per class (Tableau 10, repeating with a darker shade past ten classes).
QColor class_color(int cls);

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
