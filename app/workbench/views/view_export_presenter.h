#pragma once
// Exports the views: one to a file (PNG, PDF or CSV by suffix), the current tab or every view
// through file dialogs, and screenshots of the window and of each tab. A tab's page is found by
// its object name, the view's key (view_id.h); the data and split page exports its heat map.
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

#include "views/view_id.h"

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

    // Returns an error message, empty on success.
    QString export_view(ViewId view, const QString& path);
    void export_current(const QString& suffix);  // asks for the file
    void export_all();                           // asks for the folder
    // One PNG of the window (workbench.png) and one per tab (view-<picture>.png) into `dir`;
    // returns the files written, and with `views` the view of each (none for the window).
    QStringList save_screenshots(const QString& dir, std::vector<std::optional<ViewId>>* views = nullptr);
    std::optional<ViewId> view_of_tab(int tab) const;

private:
    widgets::LiveView* view_at(int tab) const;
    QString export_tab(int tab, const QString& path);

    QMainWindow& window_;
    QTabWidget& tabs_;
    widgets::PartitionHeatmapView& heatmap_;
};

}  // namespace fedhap::workbench
