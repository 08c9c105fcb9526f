#include "views/view_export_presenter.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QMainWindow>
#include <QStatusBar>
#include <QTabWidget>

#include "live_view.h"
#include "partition_heatmap_view.h"
#include "qcustomplot_include.h"
#include "window/warning_box.h"

namespace fedhap::workbench {

ViewExportPresenter::ViewExportPresenter(QMainWindow& window, QTabWidget& tabs, widgets::PartitionHeatmapView& heatmap,
                                         QObject* parent)
    : QObject(parent), window_(window), tabs_(tabs), heatmap_(heatmap) {}

widgets::LiveView* ViewExportPresenter::view_at(int tab) const {
    if (view_of_tab(tab) == ViewId::Partition) return &heatmap_;
    return qobject_cast<widgets::LiveView*>(tabs_.widget(tab));
}

std::optional<ViewId> ViewExportPresenter::view_of_tab(int tab) const {
    return tab >= 0 && tab < tabs_.count() ? view_from_key(tabs_.widget(tab)->objectName()) : std::nullopt;
}

QString ViewExportPresenter::export_tab(int tab, const QString& path) {
    widgets::LiveView* view = view_at(tab);
    if (!view) return tr("The tab '%1' has nothing to export").arg(tabs_.tabText(tab).remove('&'));
    view->flush();  // the file shows the newest data, not the last redraw
    return widgets::export_view(*view, path);
}

QString ViewExportPresenter::export_view(ViewId view, const QString& path) {
    for (int i = 0; i < tabs_.count(); ++i)
        if (view_of_tab(i) == view) return export_tab(i, path);
    return tr("The view '%1' is not shown now").arg(view_caption(view));
}

void ViewExportPresenter::export_current(const QString& suffix) {
    const int tab = tabs_.currentIndex();
    if (!view_at(tab)) return;
    const std::optional<ViewId> id = view_of_tab(tab);
    if (!id) return;
    const QString name = view_key(*id);
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
    for (int i = 0; i < tabs_.count(); ++i) {
        const std::optional<ViewId> id = view_of_tab(i);
        if (!id) continue;
        for (const char* suffix : {"png", "pdf", "csv"}) {
            const QString error = export_tab(i, QDir(dir).filePath(view_key(*id) + "." + suffix));
            if (!error.isEmpty()) errors << error;
        }
    }
    if (!errors.isEmpty()) show_warning(&window_, tr("Export failed"), errors.join("\n"));
    else window_.statusBar()->showMessage(tr("Exported every view to %1").arg(dir), 5000);
}

QStringList ViewExportPresenter::save_screenshots(const QString& dir, std::vector<std::optional<ViewId>>* views) {
    QDir().mkpath(dir);
    QStringList written;
    for (int i = 0; i < tabs_.count(); ++i)
        if (widgets::LiveView* v = view_at(i)) v->flush();
    const QString window_file = QDir(dir).filePath("workbench.png");
    QApplication::processEvents();
    if (window_.grab().save(window_file)) {
        written << window_file;
        if (views) views->push_back(std::nullopt);
    }
    const int current = tabs_.currentIndex();
    for (int i = 0; i < tabs_.count(); ++i) {
        tabs_.setCurrentIndex(i);
        QApplication::processEvents();  // lay the page out at its real size
        if (widgets::LiveView* v = view_at(i)) v->plot()->replot();
        const std::optional<ViewId> id = view_of_tab(i);
        if (!id) continue;
        const QString file = QDir(dir).filePath("view-" + QString::fromLatin1(view_info(*id).picture) + ".png");
        if (tabs_.widget(i)->grab().save(file)) {
            written << file;
            if (views) views->push_back(id);
        }
    }
    tabs_.setCurrentIndex(current);
    return written;
}

}  // namespace fedhap::workbench
