#pragma once
// Plain value type fed to the retrieval view: one query, its top-k gallery, and the PR curves
// over Hamming radius of the whole query set and of this query.
#include <QImage>
#include <QString>
#include <QVector>

namespace fedhap::widgets {

struct GalleryItem {
    QImage image;
    QString caption;  // e.g. the class name
    int distance = 0;
    bool relevant = false;
};

struct RetrievalResult {
    QImage query_image;
    QString query_caption;
    QVector<GalleryItem> items;  // ranked: nearest first
    bool labelled = true;        // false: a query of unknown class (an image file), no ✓/×
    // r = 0..bits, means over the query set.
    QVector<double> precision_at_radius, recall_at_radius;
    double p_at_h2 = -1.0;  // −1: not computed yet
    // r = 0..bits, of this query alone; empty when it has no curve (unlabelled, or picked on the map).
    QVector<double> query_precision_at_radius, query_recall_at_radius;
    QString query_curve_name;  // its legend entry, e.g. "query #5"
    double map = -1.0;
    QString source;         // which codes: "round 5 (database sample)"

    bool empty() const { return items.isEmpty(); }
};

}  // namespace fedhap::widgets
