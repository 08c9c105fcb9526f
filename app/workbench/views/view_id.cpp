#include "views/view_id.h"

#include <QCoreApplication>

namespace fedhap::workbench {

const std::vector<ViewInfo>& all_views() {
    static const std::vector<ViewInfo> views = {
        {ViewId::Partition, "partition", QT_TRANSLATE_NOOP("ViewId", "Data && split"), "data-split", true},
        {ViewId::Curves, "curves", QT_TRANSLATE_NOOP("ViewId", "Curves"), "curves", true},
        {ViewId::Prototypes, "prototypes", QT_TRANSLATE_NOOP("ViewId", "Prototypes"), "prototypes", true},
        {ViewId::Embedding, "embedding", QT_TRANSLATE_NOOP("ViewId", "Embedding"), "embedding", true},
        {ViewId::Retrieval, "retrieval", QT_TRANSLATE_NOOP("ViewId", "Retrieval"), "retrieval", true},
        {ViewId::Runs, "runs", QT_TRANSLATE_NOOP("ViewId", "Runs"), "runs", true},
        {ViewId::Federation, "federation", QT_TRANSLATE_NOOP("ViewId", "Federation"), "federation", true},
        {ViewId::Splits, "splits", QT_TRANSLATE_NOOP("ViewId", "Splits side by side"), "splits-side-by-side", false},
    };
    return views;
}

const ViewInfo& view_info(ViewId id) {
    for (const ViewInfo& v : all_views())
        if (v.id == id) return v;
    return all_views().front();  // not reached: every ViewId has its row (view_id.h)
}

QString view_key(ViewId id) { return QString::fromLatin1(view_info(id).key); }

QString view_title(ViewId id) { return QCoreApplication::translate("ViewId", view_info(id).title); }

QString view_caption(ViewId id) { return view_title(id).replace("&&", "&"); }

std::optional<ViewId> view_from_key(const QString& key) {
    for (const ViewInfo& v : all_views())
        if (key == QLatin1String(v.key)) return v.id;
    return std::nullopt;
}

}  // namespace fedhap::workbench
