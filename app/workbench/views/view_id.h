#pragma once
// The workbench's views, each named once: its key finds it (object name, export_view, the files
// of an export), its title is its tab's text and the report's caption, its picture names its
// screenshot. Adding a view: a value here, its row in view_id.cpp, its page in MainWindow.
#include <QString>

#include <optional>
#include <vector>

namespace fedhap::workbench {

enum class ViewId { Partition, Curves, Prototypes, Embedding, Retrieval, Runs, Federation, Splits };

struct ViewInfo {
    ViewId id;
    const char* key;      // "curves"
    const char* title;    // "Curves" (untranslated; view_title translates)
    const char* picture;  // screenshot file view-<picture>.png
    bool starts_as_tab;   // Splits is a tab only while a lesson shows it
};

const std::vector<ViewInfo>& all_views();  // in tab order
const ViewInfo& view_info(ViewId id);
QString view_key(ViewId id);
QString view_title(ViewId id);    // as a tab shows it ("Data && split")
QString view_caption(ViewId id);  // as text ("Data & split")
std::optional<ViewId> view_from_key(const QString& key);

}  // namespace fedhap::workbench
