#pragma once
// Plain value type fed to the retrieval view: one query, its top-k gallery, and the PR curve
// over Hamming radius of the whole query set.
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
    // r = 0..bits, means over the query set.
    QVector<double> precision_at_radius, recall_at_radius;
    double p_at_h2 = -1.0;  // −1: not computed yet
    double map = -1.0;
    QString source;         // which codes: "round 5 (database sample)"

    bool empty() const { return items.isEmpty(); }
};

}  // namespace fedhap::widgets
