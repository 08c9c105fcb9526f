#include "retrieval_presenter.h"

#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <exception>
#include <utility>

#include "retrieval_view.h"
#include "view_data.h"

namespace fedhap::workbench {
namespace {

constexpr std::size_t kGallerySize = 12;

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
    connect(&view_, &widgets::RetrievalView::query_requested, this, &RetrievalPresenter::show_query);
}

RetrievalPresenter::~RetrievalPresenter() { build_.waitForFinished(); }

void RetrievalPresenter::on_started() {
    run_data_ = {};
    index_.reset();
    pending_codes_.reset();
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
    show_query(view_.query_index());
}

void RetrievalPresenter::show_query(int q) {
    if (!index_ || q < 0 || static_cast<std::size_t>(q) >= index_->query_rows.size()) return;
    const std::size_t row = index_->query_rows[static_cast<std::size_t>(q)];
    const int label = run_data_.data->labels[row];
    show_ranking(image_of(*run_data_.data, row), tr("query #%1<br><b>%2</b>").arg(q).arg(class_names_.value(label)),
                 rank_query(*index_, static_cast<std::size_t>(q), kGallerySize));
}

void RetrievalPresenter::show_database_item(std::size_t db_row) {
    if (!index_) return;
    const auto& rows = index_->database_rows;
    const auto it = std::lower_bound(rows.begin(), rows.end(), db_row);
    if (it == rows.end() || *it != db_row) return;
    const auto pos = static_cast<std::size_t>(it - rows.begin());
    // One more than the gallery: the item finds itself first, and is left out.
    std::vector<RankedItem> ranked = rank_database_item(*index_, pos, kGallerySize + 1);
    ranked.erase(std::remove_if(ranked.begin(), ranked.end(), [pos](const RankedItem& r) { return r.index == pos; }), ranked.end());
    ranked.resize(std::min(ranked.size(), kGallerySize));
    const int label = run_data_.data->labels[db_row];
    show_ranking(image_of(*run_data_.data, db_row),
                 tr("database item %1<br>(picked on the map)<br><b>%2</b>").arg(db_row).arg(class_names_.value(label)), ranked);
}

void RetrievalPresenter::show_ranking(const QImage& query, const QString& caption, const std::vector<RankedItem>& ranked) {
    widgets::RetrievalResult r;
    r.query_image = query;
    r.query_caption = caption;
    for (const RankedItem& item : ranked) {
        const std::size_t row = index_->database_rows[item.index];
        r.items << widgets::GalleryItem{image_of(*run_data_.data, row), class_names_.value(run_data_.data->labels[row]),
                                       static_cast<int>(item.distance), item.relevant};
    }
    const RetrievalMetrics& m = index_->metrics;
    r.precision_at_radius = QVector<double>(m.precision_at_radius.begin(), m.precision_at_radius.end());
    r.recall_at_radius = QVector<double>(m.recall_at_radius.begin(), m.recall_at_radius.end());
    r.p_at_h2 = m.p_at_h2;
    r.map = m.map;
    r.source = index_->final ? tr("final codes, whole database")
                             : tr("round %1 codes, %2 database items").arg(index_->round).arg(index_->database_rows.size());
    view_.set_result(r);
}

}  // namespace fedhap::workbench
