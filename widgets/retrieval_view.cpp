#include "retrieval_view.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QVBoxLayout>

#include "plot_style.h"
#include "qcustomplot_include.h"

namespace fedhap::widgets {
namespace {

constexpr int kTile = 84;  // pixels of a gallery image
constexpr int kColumns = 4;

QPixmap tile_pixmap(const QImage& image, int size) {
    if (image.isNull()) return {};
    // Integer upscaling without smoothing keeps small images crisp.
    const int factor = std::max(1, size / std::max(1, image.width()));
    return QPixmap::fromImage(image.scaled(image.size() * factor));
}

}  // namespace

RetrievalView::RetrievalView(QWidget* parent) : LiveView(parent) {
    // Left: the query and its picker.
    auto* query_box = new QVBoxLayout;
    auto* query_title = new QLabel(tr("<b>Query</b>"));
    query_image_ = new QLabel;
    query_image_->setFixedSize(kTile + 16, kTile + 16);
    query_image_->setAlignment(Qt::AlignCenter);
    query_image_->setStyleSheet("QLabel { border: 3px solid #444; background: white; }");
    query_caption_ = new QLabel;
    query_caption_->setWordWrap(true);
    query_caption_->setAlignment(Qt::AlignCenter);
    query_index_ = new QSpinBox;
    query_index_->setPrefix(tr("query #"));
    query_index_->setObjectName("query_index");
    random_ = new QPushButton(tr("Random query"));
    query_box->addWidget(query_title);
    query_box->addWidget(query_image_, 0, Qt::AlignHCenter);
    query_box->addWidget(query_caption_);
    query_box->addWidget(query_index_);
    query_box->addWidget(random_);
    query_box->addStretch(1);

    // Middle: the gallery.
    auto* gallery_box = new QVBoxLayout;
    gallery_caption_ = new QLabel;
    gallery_caption_->setWordWrap(true);
    gallery_ = new QGridLayout;
    gallery_->setSpacing(6);
    gallery_box->addWidget(gallery_caption_);
    gallery_box->addLayout(gallery_);
    gallery_box->addStretch(1);

    // Right: precision–recall over Hamming radius.
    plot_ = new QCustomPlot;
    plot_->setMinimumWidth(320);
    plot_->plotLayout()->insertRow(0);
    pr_title_ = new QCPTextElement(plot_, tr("Precision–recall over Hamming radius"),
                                   QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    plot_->plotLayout()->addElement(0, 0, pr_title_);
    style_axis_rect(plot_->axisRect());
    plot_->xAxis->setLabel(tr("recall"));
    plot_->yAxis->setLabel(tr("precision"));
    plot_->xAxis->setRange(0, 1.02);
    plot_->yAxis->setRange(0, 1.02);
    pr_ = new QCPGraph(plot_->xAxis, plot_->yAxis);
    pr_->setPen(QPen(QColor(31, 119, 180), 2));
    pr_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    place_hint(plot_, plot_->axisRect());

    auto* layout = new QHBoxLayout(this);
    layout->addLayout(query_box);
    layout->addLayout(gallery_box, 2);
    layout->addWidget(plot_, 3);

    connect(query_index_, &QSpinBox::valueChanged, this, &RetrievalView::query_requested);
    connect(random_, &QPushButton::clicked, this, [this] {
        if (query_index_->maximum() > 0) query_index_->setValue(static_cast<int>(QRandomGenerator::global()->bounded(query_index_->maximum() + 1)));
    });
    set_query_count(0);
    set_hint(tr("Retrieval needs codes: they arrive with the first evaluation.\n"
                "Then pick a query, or click a point in the Embedding view."));
    redraw();
}

RetrievalView::~RetrievalView() = default;

void RetrievalView::set_query_count(int count) {
    const QSignalBlocker block(query_index_);
    query_index_->setRange(0, std::max(0, count - 1));
    query_index_->setEnabled(count > 0);
    random_->setEnabled(count > 0);
}

void RetrievalView::set_query_index(int index) {
    const QSignalBlocker block(query_index_);
    query_index_->setValue(index);
}

int RetrievalView::query_index() const { return query_index_->value(); }

void RetrievalView::set_result(const RetrievalResult& result) {
    result_ = result;
    request_redraw();
}

void RetrievalView::redraw() {
    const RetrievalResult& r = result_;
    query_image_->setPixmap(tile_pixmap(r.query_image, kTile));
    query_caption_->setText(r.query_caption);
    while (QLayoutItem* item = gallery_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (int i = 0; i < r.items.size(); ++i) {
        const GalleryItem& g = r.items[i];
        auto* tile = new QLabel;
        tile->setPixmap(tile_pixmap(g.image, kTile));
        tile->setFixedSize(kTile + 12, kTile + 12);
        tile->setAlignment(Qt::AlignCenter);
        tile->setStyleSheet(QString("QLabel { border: 4px solid %1; background: white; }").arg(g.relevant ? "#2ca02c" : "#d62728"));
        tile->setToolTip(g.caption);
        auto* caption = new QLabel(QString("<span style='color:%1'>%2</span> d=%3<br><small>%4</small>")
                                       .arg(g.relevant ? "#2ca02c" : "#d62728", g.relevant ? "✓" : "×")
                                       .arg(g.distance)
                                       .arg(g.caption.toHtmlEscaped()));
        caption->setAlignment(Qt::AlignCenter);
        auto* cell = new QWidget;
        auto* v = new QVBoxLayout(cell);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(1);
        v->addWidget(tile, 0, Qt::AlignHCenter);
        v->addWidget(caption);
        gallery_->addWidget(cell, i / kColumns, i % kColumns);
    }
    const int hits = static_cast<int>(std::count_if(r.items.begin(), r.items.end(), [](const GalleryItem& g) { return g.relevant; }));
    gallery_caption_->setText(r.empty() ? QString()
                                        : tr("<b>Top %1 by Hamming distance</b> — %2 of %1 relevant (✓ same class, × other class)")
                                              .arg(r.items.size())
                                              .arg(hits));
    pr_->setData(r.recall_at_radius, r.precision_at_radius);
    QString title = tr("Precision–recall over Hamming radius");
    if (r.p_at_h2 >= 0) title += tr("\nP@H≤2 = %1").arg(r.p_at_h2, 0, 'f', 3);
    if (r.map >= 0) title += tr("   mAP = %1").arg(r.map, 0, 'f', 3);
    if (!r.source.isEmpty()) title += tr("\n(%1)").arg(r.source);  // its own line: the title stays within a narrow plot
    pr_title_->setText(title);
    show_hint(r.precision_at_radius.isEmpty());
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString RetrievalView::csv() const {
    QString out = "radius,precision,recall\n";
    for (int i = 0; i < result_.precision_at_radius.size(); ++i)
        out += QString("%1,%2,%3\n").arg(i).arg(result_.precision_at_radius[i], 0, 'g', 8).arg(result_.recall_at_radius.value(i), 0, 'g', 8);
    out += "\nrank,distance,relevant,caption\n";
    for (int i = 0; i < result_.items.size(); ++i)
        out += QString("%1,%2,%3,%4\n").arg(i + 1).arg(result_.items[i].distance).arg(result_.items[i].relevant ? 1 : 0).arg(result_.items[i].caption);
    return out;
}

}  // namespace fedhap::widgets
