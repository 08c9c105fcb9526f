#include "view_export_presenter.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QMainWindow>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTabWidget>

#include "live_view.h"
#include "partition_heatmap_view.h"
#include "qcustomplot_include.h"
#include "warning_box.h"

namespace fedhap::workbench {

ViewExportPresenter::ViewExportPresenter(QMainWindow& window, QTabWidget& tabs, widgets::PartitionHeatmapView& heatmap,
                                         QObject* parent)
    : QObject(parent), window_(window), tabs_(tabs), heatmap_(heatmap) {}

widgets::LiveView* ViewExportPresenter::view_at(int tab) const {
    if (tab == 0) return &heatmap_;
    return qobject_cast<widgets::LiveView*>(tabs_.widget(tab));
}

QString ViewExportPresenter::name_of(int tab) const { return tab == 0 ? QString("partition") : tabs_.widget(tab)->objectName(); }

QString ViewExportPresenter::export_tab(int tab, const QString& path) {
    widgets::LiveView* view = view_at(tab);
    if (!view) return tr("The tab '%1' has nothing to export").arg(name_of(tab));
    view->flush();  // the file shows the newest data, not the last redraw
    return widgets::export_view(*view, path);
}

QString ViewExportPresenter::export_view(const QString& view, const QString& path) {
    for (int i = 0; i < tabs_.count(); ++i)
        if (name_of(i) == view) return export_tab(i, path);
    return tr("No view named '%1'").arg(view);
}

void ViewExportPresenter::export_current(const QString& suffix) {
    const int tab = tabs_.currentIndex();
    if (!view_at(tab)) return;
    const QString name = name_of(tab);
    const QString path = QFileDialog::getSaveFileName(&window_, tr("Export %1").arg(name), name + "." + suffix,
                                                      suffix.toUpper() + QString(" (*.%1)").arg(suffix));
    if (path.isEmpty()) return;
    const QString error = export_tab(tab, path);
    if (!error.isEmpty()) show_warning(&window_, tr("Export failed"), error);
    else window_.statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void ViewExportPresenter::export_all() {
    const QString dir = QFileDialog::getExistingDirectory(&window_, tr("Export every view (PNG, PDF, CSV) into"));
    if (dir.isEmpty()) return;
    QStringList errors;
    for (int i = 0; i < tabs_.count(); ++i)
        for (const char* suffix : {"png", "pdf", "csv"}) {
            const QString error = export_tab(i, QDir(dir).filePath(name_of(i) + "." + suffix));
            if (!error.isEmpty()) errors << error;
        }
    if (!errors.isEmpty()) show_warning(&window_, tr("Export failed"), errors.join("\n"));
    else window_.statusBar()->showMessage(tr("Exported every view to %1").arg(dir), 5000);
}

QStringList ViewExportPresenter::save_screenshots(const QString& dir) {
    QDir().mkpath(dir);
    QStringList written;
    for (int i = 0; i < tabs_.count(); ++i)
        if (widgets::LiveView* v = view_at(i)) v->flush();
    const QString window_file = QDir(dir).filePath("workbench.png");
    QApplication::processEvents();
    if (window_.grab().save(window_file)) written << window_file;
    const int current = tabs_.currentIndex();
    for (int i = 0; i < tabs_.count(); ++i) {
        tabs_.setCurrentIndex(i);
        QApplication::processEvents();  // lay the page out at its real size
        if (widgets::LiveView* v = view_at(i)) v->plot()->replot();
        QString name = tabs_.tabText(i).toLower().remove('&');
        name.replace(QRegularExpression("[^a-z0-9]+"), "-");
        const QString file = QDir(dir).filePath("view-" + name + ".png");
        if (tabs_.widget(i)->grab().save(file)) written << file;
    }
    tabs_.setCurrentIndex(current);
    return written;
}

}  // namespace fedhap::workbench
