#include "exportable_view.h"

#include <QFile>
#include <QFileInfo>
#include <QObject>

#include "qcustomplot_include.h"

namespace fedhap::widgets {

QString export_view(const ExportableView& view, const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    QCustomPlot* plot = view.plot();
    if (suffix == "png") return plot->savePng(path, 0, 0, 2.0) ? QString() : QObject::tr("Cannot write %1").arg(path);
    if (suffix == "pdf") return plot->savePdf(path) ? QString() : QObject::tr("Cannot write %1").arg(path);
    if (suffix == "csv") {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
            return QObject::tr("Cannot write %1: %2").arg(path, f.errorString());
        f.write(view.csv().toUtf8());
        return QString();
    }
    return QObject::tr("Unknown export format '%1' (use .png, .pdf or .csv)").arg(suffix);
}

}  // namespace fedhap::widgets
