#pragma once
// A view the user can export: its plot (PNG, PDF) and the data behind it (CSV).
#include <QString>

class QCustomPlot;

namespace fedhap::widgets {

class ExportableView {
public:
    virtual ~ExportableView() = default;
    virtual QCustomPlot* plot() const = 0;
    virtual QString csv() const = 0;  // header line + one line per data row
};

// Writes `path` by its suffix: .png, .pdf (the plot) or .csv (the data). Returns an error
// message, empty on success.
QString export_view(const ExportableView& view, const QString& path);

}  // namespace fedhap::widgets
