#include "views/retrieval_presenter.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <exception>
#include <utility>

#include "retrieval_view.h"
#include "views/view_data.h"

namespace fedhap::workbench {
namespace {

constexpr std::size_t kGallerySize = 12;

QVector<double> to_qvector(const std::vector<double>& v) { return QVector<double>(v.begin(), v.end()); }

}  // namespace

RetrievalPresenter::RetrievalPresenter(ExperimentController& controller, widgets::RetrievalView& view, QObject* parent)
    : QObject(parent), controller_(controller), view_(view) {
    connect(&controller_, &ExperimentController::run_started, this, &RetrievalPresenter::on_started);
    connect(&controller_, &ExperimentController::data_ready, this, [this](int, const RunData& d) {
        run_data_ = d;
        class_names_ = d.data ? class_names(*d.data) : QStringList();
    });
    connect(&controller_, &ExperimentController::codes_ready, this, [this](int, const SharedCodes& c) {
        if (run_data_.data) build_index(c);
    });
    connect(&build_, &QFutureWatcherBase::finished, this, &RetrievalPresenter::on_index_built);
    connect(&encode_, &QFutureWatcherBase::finished, this, &RetrievalPresenter::on_image_encoded);
    connect(&view_, &widgets::RetrievalView::query_requested, this, &RetrievalPresenter::show_query);
    connect(&view_, &widgets::RetrievalView::image_file_chosen, this, &RetrievalPresenter::show_image_file);
}

RetrievalPresenter::~RetrievalPresenter() {
    build_.waitForFinished();
    encode_.waitForFinished();
}

void RetrievalPresenter::on_started() {
    run_data_ = {};
    index_.reset();
    pending_codes_.reset();
    image_file_.clear();  // an encoding still running is then ignored
    encode_again_ = false;
    view_.set_result({});
    view_.set_query_count(0);
}

void RetrievalPresenter::build_index(const SharedCodes& codes) {
    if (build_.isRunning()) {
        pending_codes_ = codes;  // only the newest waiting codes matter
        return;
    }
    build_run_ = controller_.run_id();
    const std::shared_ptr<const Dataset> data = run_data_.data;
    build_.setFuture(QtConcurrent::run([codes, data]() -> std::shared_ptr<const RetrievalIndex> {
        try {
            return build_retrieval_index(*codes, *data);
        } catch (const std::exception&) {
            return nullptr;
        }
    }));
}

void RetrievalPresenter::on_index_built() {
    const auto built = build_.result();
    const int built_run = build_run_;  // before the next build takes the field
    if (pending_codes_) build_index(std::exchange(pending_codes_, nullptr));
    if (!built || built_run != controller_.run_id()) return;
    index_ = built;
    view_.set_query_count(static_cast<int>(index_->query_rows.size()));
    if (image_file_.isEmpty())
        show_query(view_.query_index());
    else
        start_image_encoding();  // the file again, with the model of the new codes
}

void RetrievalPresenter::show_query(int q) {
    if (!index_ || q < 0 || static_cast<std::size_t>(q) >= index_->query_rows.size()) return;
    image_file_.clear();
    const std::size_t row = index_->query_rows[static_cast<std::size_t>(q)];
    const int label = run_data_.data->labels[row];
    widgets::RetrievalResult r =
        ranking_result(image_of(*run_data_.data, row), tr("query #%1<br><b>%2</b>").arg(q).arg(class_names_.value(label)),
                       rank_query(*index_, static_cast<std::size_t>(q), kGallerySize));
    const RetrievalMetrics mine = query_metrics(*index_, static_cast<std::size_t>(q));
    r.query_precision_at_radius = to_qvector(mine.precision_at_radius);
    r.query_recall_at_radius = to_qvector(mine.recall_at_radius);
    r.query_curve_name = tr("query #%1 (P@H≤2 = %2)").arg(q).arg(mine.p_at_h2, 0, 'f', 3);
    view_.set_result(r);
}

void RetrievalPresenter::show_database_item(std::size_t db_row) {
    if (!index_) return;
    const auto& rows = index_->database_rows;
    const auto it = std::lower_bound(rows.begin(), rows.end(), db_row);
    if (it == rows.end() || *it != db_row) return;
    image_file_.clear();
    const auto pos = static_cast<std::size_t>(it - rows.begin());
    // One more than the gallery: the item finds itself first, and is left out.
    std::vector<RankedItem> ranked = rank_database_item(*index_, pos, kGallerySize + 1);
    ranked.erase(std::remove_if(ranked.begin(), ranked.end(), [pos](const RankedItem& r) { return r.index == pos; }), ranked.end());
    ranked.resize(std::min(ranked.size(), kGallerySize));
    const int label = run_data_.data->labels[db_row];
    view_.set_result(ranking_result(image_of(*run_data_.data, db_row),
                                    tr("database item %1<br>(picked on the map)<br><b>%2</b>").arg(db_row).arg(class_names_.value(label)),
                                    ranked));
}

void RetrievalPresenter::show_image_file(const QString& path) {
    if (!index_ || !run_data_.data || path.isEmpty()) return;  // the view offers files only once codes exist
    image_file_ = path;
    start_image_encoding();
}

void RetrievalPresenter::start_image_encoding() {
    if (encode_.isRunning()) {
        encode_again_ = true;  // one encoding at a time; the newest request follows it
        return;
    }
    // Built here, on the GUI thread, while index_ holds the current run's codes: see ImageQueryEncoder.
    const std::shared_ptr<ImageQueryEncoder> encoder = index_->weights ? std::make_shared<ImageQueryEncoder>(index_->net) : nullptr;
    const std::shared_ptr<const Dataset> like = run_data_.data;
    const std::shared_ptr<const std::vector<float>> weights = index_->weights;
    const QString path = image_file_;
    encode_.setFuture(QtConcurrent::run([path, like, encoder, weights] {
        if (!encoder) {
            ImageQuery q;
            q.path = path;
            q.error = tr("these codes came without the model that made them");
            return q;
        }
        return encode_image_file(path, *like, *encoder, weights);
    }));
}

void RetrievalPresenter::on_image_encoded() {
    const ImageQuery q = encode_.result();
    if (std::exchange(encode_again_, false)) {
        if (!image_file_.isEmpty() && index_) start_image_encoding();
        return;
    }
    if (!index_ || q.path != image_file_) return;  // another query was picked meanwhile
    if (q.weights != index_->weights) {  // newer codes arrived: encode with their model
        start_image_encoding();
        return;
    }
    show_image_query(q);
}

void RetrievalPresenter::show_image_query(const ImageQuery& q) {
    const QString name = QFileInfo(q.path).fileName().toHtmlEscaped();
    if (!q.error.isEmpty()) {
        widgets::RetrievalResult r = ranking_result({}, tr("<b>%1</b><br>could not be used:<br>%2").arg(name, q.error.toHtmlEscaped()), {});
        view_.set_result(r);
        return;
    }
    const QString layout = tr("%1×%2 %3").arg(q.image.width).arg(q.image.height).arg(q.image.channels == 1 ? tr("grey") : tr("RGB"));
    widgets::RetrievalResult r = ranking_result(image_of(q.image, 0),
                                                tr("image file <b>%1</b><br>unlabelled; shown as the network sees it (%2)").arg(name, layout),
                                                rank_unlabelled_code(*index_, q.code, kGallerySize));
    r.labelled = false;
    view_.set_result(r);
}

widgets::RetrievalResult RetrievalPresenter::ranking_result(const QImage& query, const QString& caption,
                                                            const std::vector<RankedItem>& ranked) const {
    widgets::RetrievalResult r;
    r.query_image = query;
    r.query_caption = caption;
    for (const RankedItem& item : ranked) {
        const std::size_t row = index_->database_rows[item.index];
        r.items << widgets::GalleryItem{image_of(*run_data_.data, row), class_names_.value(run_data_.data->labels[row]),
                                       static_cast<int>(item.distance), item.relevant};
    }
    const RetrievalMetrics& m = index_->metrics;
    r.precision_at_radius = to_qvector(m.precision_at_radius);
    r.recall_at_radius = to_qvector(m.recall_at_radius);
    r.p_at_h2 = m.p_at_h2;
    r.map = m.map;
    r.source = index_->final ? tr("final codes, whole database")
                             : tr("round %1 codes, %2 database items").arg(index_->round).arg(index_->database_rows.size());
    return r;
}

}  // namespace fedhap::workbench
