#include "retrieval_view.h"

#include <QFileDialog>
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
const char* const kRelevantColour = "#2ca02c";
const char* const kIrrelevantColour = "#d62728";
const char* const kUnlabelledColour = "#8c8c8c";  // an image file's neighbours: relevance unknown

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
    from_file_ = new QPushButton(tr("Query from an image file…"));
    from_file_->setObjectName("query_from_file");
    from_file_->setToolTip(tr("Any PNG/JPEG/…: brought to the data's size and colours (shown as the network sees it), "
                              "encoded with the model of the codes shown, and ranked against their database"));
    query_box->addWidget(query_title);
    query_box->addWidget(query_image_, 0, Qt::AlignHCenter);
    query_box->addWidget(query_caption_);
    query_box->addWidget(query_index_);
    query_box->addWidget(random_);
    query_box->addWidget(from_file_);
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
    pr_->setName(tr("whole query set (mean)"));
    query_pr_ = new QCPGraph(plot_->xAxis, plot_->yAxis);
    query_pr_->setPen(QPen(QColor(255, 127, 14), 2, Qt::DashLine));
    query_pr_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, 6));
    // The curves run from high precision at low recall down to the right: the lower left is free.
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignLeft | Qt::AlignBottom);
    place_hint(plot_, plot_->axisRect());

    auto* layout = new QHBoxLayout(this);
    layout->addLayout(query_box);
    layout->addLayout(gallery_box, 2);
    layout->addWidget(plot_, 3);

    connect(query_index_, &QSpinBox::valueChanged, this, &RetrievalView::query_requested);
    // After an image query the picker still shows the last index: Enter there brings it back.
    connect(query_index_, &QSpinBox::editingFinished, this, [this] {
        if (!result_.labelled && query_index_->isEnabled()) Q_EMIT query_requested(query_index_->value());
    });
    connect(random_, &QPushButton::clicked, this, [this] {
        if (query_index_->maximum() > 0) query_index_->setValue(static_cast<int>(QRandomGenerator::global()->bounded(query_index_->maximum() + 1)));
    });
    connect(from_file_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Query from an image file"), QString(),
            tr("Images (*.png *.jpg *.jpeg *.bmp *.pgm *.ppm *.tif *.tiff *.webp);;All files (*)"));
        if (!path.isEmpty()) Q_EMIT image_file_chosen(path);
    });
    set_query_count(0);
    set_hint(tr("Retrieval needs codes: they arrive with the first evaluation.\n"
                "Then pick a query, click a point in the Embedding view,\n"
                "or query with an image file of your own."));
    redraw();
}

RetrievalView::~RetrievalView() = default;

void RetrievalView::set_query_count(int count) {
    const QSignalBlocker block(query_index_);
    query_index_->setRange(0, std::max(0, count - 1));
    query_index_->setEnabled(count > 0);
    random_->setEnabled(count > 0);
    from_file_->setEnabled(count > 0);  // it needs codes (and their model) too
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
        const char* colour = !r.labelled ? kUnlabelledColour : g.relevant ? kRelevantColour : kIrrelevantColour;
        tile->setStyleSheet(QString("QLabel { border: 4px solid %1; background: white; }").arg(colour));
        tile->setToolTip(g.caption);
        const QString mark = !r.labelled ? QString() : QString("<span style='color:%1'>%2</span> ").arg(colour, g.relevant ? "✓" : "×");
        auto* caption = new QLabel(QString("%1d=%2<br><small>%3</small>").arg(mark).arg(g.distance).arg(g.caption.toHtmlEscaped()));
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
    if (r.empty())
        gallery_caption_->clear();
    else if (!r.labelled)
        gallery_caption_->setText(tr("<b>Top %1 by Hamming distance</b> — the query is unlabelled: no ✓/×, and no PR curve of its own")
                                      .arg(r.items.size()));
    else
        gallery_caption_->setText(tr("<b>Top %1 by Hamming distance</b> — %2 of %1 relevant (✓ same class, × other class)")
                                      .arg(r.items.size())
                                      .arg(hits));
    pr_->setData(r.recall_at_radius, r.precision_at_radius);
    query_pr_->setData(r.query_recall_at_radius, r.query_precision_at_radius);
    query_pr_->setName(r.query_curve_name);
    // The legend names only the curves drawn.
    if (r.query_precision_at_radius.isEmpty()) query_pr_->removeFromLegend();
    else query_pr_->addToLegend();
    plot_->legend->setVisible(!r.precision_at_radius.isEmpty());
    QString title = tr("Precision–recall over Hamming radius");
    if (r.p_at_h2 >= 0) title += tr("\nP@H≤2 = %1").arg(r.p_at_h2, 0, 'f', 3);
    if (r.map >= 0) title += tr("   mAP = %1").arg(r.map, 0, 'f', 3);
    if (r.p_at_h2 >= 0 || r.map >= 0) title += tr(" (query set)");
    if (!r.source.isEmpty()) title += tr("\n(%1)").arg(r.source);  // its own line: the title stays within a narrow plot
    pr_title_->setText(title);
    show_hint(r.precision_at_radius.isEmpty());
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString RetrievalView::csv() const {
    // The picked query's columns stay empty when it has no curve.
    const auto cell = [](const QVector<double>& v, int i) { return i < v.size() ? QString::number(v[i], 'g', 8) : QString(); };
    QString out = "radius,precision,recall,query_precision,query_recall\n";
    for (int i = 0; i < result_.precision_at_radius.size(); ++i)
        out += QString("%1,%2,%3,%4,%5\n")
                   .arg(i)
                   .arg(cell(result_.precision_at_radius, i), cell(result_.recall_at_radius, i),
                        cell(result_.query_precision_at_radius, i), cell(result_.query_recall_at_radius, i));
    out += "\nrank,distance,relevant,caption\n";
    for (int i = 0; i < result_.items.size(); ++i)
        out += QString("%1,%2,%3,%4\n")
                   .arg(i + 1)
                   .arg(result_.items[i].distance)
                   .arg(!result_.labelled ? QString() : QString::number(result_.items[i].relevant ? 1 : 0))
                   .arg(result_.items[i].caption);
    return out;
}

}  // namespace fedhap::widgets
