#pragma once
// Exports the views: one by name to a file (PNG, PDF or CSV by suffix), the current tab or every
// view through file dialogs, and screenshots of the window and of each tab. The first tab (data
// and split) exports its heat map, under the name "partition".
#include <QObject>
#include <QString>
#include <QStringList>

class QMainWindow;
class QTabWidget;

namespace fedhap::widgets {
class LiveView;
class PartitionHeatmapView;
}  // namespace fedhap::widgets

namespace fedhap::workbench {

class ViewExportPresenter : public QObject {
    Q_OBJECT
public:
    ViewExportPresenter(QMainWindow& window, QTabWidget& tabs, widgets::PartitionHeatmapView& heatmap,
                        QObject* parent = nullptr);

    // `view`: "partition", "curves", "prototypes", "embedding", "retrieval", "runs" or "federation". Returns an
    // error message, empty on success.
    QString export_view(const QString& view, const QString& path);
    void export_current(const QString& suffix);  // asks for the file
    void export_all();                           // asks for the folder
    // One PNG of the window and one per tab into `dir`; returns the files written.
    QStringList save_screenshots(const QString& dir);

private:
    widgets::LiveView* view_at(int tab) const;
    QString name_of(int tab) const;
    QString export_tab(int tab, const QString& path);

    QMainWindow& window_;
    QTabWidget& tabs_;
    widgets::PartitionHeatmapView& heatmap_;
};

}  // namespace fedhap::workbench
