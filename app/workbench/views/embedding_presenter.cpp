#include "views/embedding_presenter.h"

#include <algorithm>

#include "views/embedding_controller.h"
#include "embedding_view.h"
#include "views/view_data.h"

namespace fedhap::workbench {
namespace {

// Database codes in the map: the whole Fashion-MNIST database (69,000). The pivot-index k-NN and
// the grid repulsion (core/embed) bring it to tens of seconds on 2 cores.
constexpr std::size_t kEmbeddingSample = 70000;

}  // namespace

EmbeddingPresenter::EmbeddingPresenter(ExperimentController& controller, widgets::EmbeddingView& view, QObject* parent)
    : QObject(parent), controller_(controller), view_(view), embedder_(new EmbeddingController(this)),
      default_hint_(view.hint_text()) {
    connect(&controller_, &ExperimentController::run_started, this, &EmbeddingPresenter::on_started);
    connect(&controller_, &ExperimentController::data_ready, this, [this](int, const RunData& d) {
        run_data_ = d;
        class_names_ = d.data ? class_names(*d.data) : QStringList();
    });
    connect(&controller_, &ExperimentController::round_ended, this, [this](int, const RoundUpdate& u) { prototypes_ = u.prototypes; });
    connect(&controller_, &ExperimentController::codes_ready, this, [this](int, const SharedCodes& c) { embed(c); });
    connect(embedder_, &EmbeddingController::frame, this, [this](int, const EmbeddingFrame& f) { on_frame(f); });
    connect(embedder_, &EmbeddingController::failed, this, [this](int, const QString& e) { on_failed(e); });
    connect(&view_, &widgets::EmbeddingView::point_clicked, this, [this](int i) {
        if (i >= 0 && static_cast<std::size_t>(i) < rows_.size()) Q_EMIT item_picked(rows_[static_cast<std::size_t>(i)]);
    });
}

bool EmbeddingPresenter::busy() const { return embedder_->busy(); }

void EmbeddingPresenter::on_started() {
    embedder_->cancel();
    run_data_ = {};
    prototypes_ = {};
    rows_.clear();
    view_.set_hint(default_hint_);
    view_.set_points({});
}

void EmbeddingPresenter::embed(const SharedCodes& codes) {
    if (!run_data_.data) return;
    const Dataset& data = *run_data_.data;
    const std::size_t n = codes->database_rows.size(), bits = static_cast<std::size_t>(codes->bits);
    if (n < 10 || bits == 0) return;
    const std::size_t sample = std::min(kEmbeddingSample, n);
    EmbeddingJob job;
    job.dims = bits;
    rows_.clear();
    labels_.clear();
    // An even stride over the database: the same rows every round while the sample is fixed.
    for (std::size_t i = 0; i < sample; ++i) {
        const std::size_t pos = i * n / sample, row = codes->database_rows[pos];
        job.data.insert(job.data.end(), codes->database_codes.begin() + static_cast<long>(pos * bits),
                        codes->database_codes.begin() + static_cast<long>((pos + 1) * bits));
        rows_.push_back(row);
        labels_ << data.labels[row];
    }
    const PrototypeSnapshot& p = prototypes_;
    prototype_points_ = 0;
    if (p.bits == codes->bits && p.classes > 0 && p.values.size() == static_cast<std::size_t>(p.classes) * bits) {
        for (int c = 0; c < p.classes; ++c) {
            if (!p.known.empty() && !p.known[static_cast<std::size_t>(c)]) continue;
            job.extra.insert(job.extra.end(), p.values.begin() + static_cast<long>(c * bits),
                             p.values.begin() + static_cast<long>((c + 1) * bits));
            labels_ << c;
            ++prototype_points_;
        }
    }
    const std::size_t total = sample + static_cast<std::size_t>(prototype_points_);
    job.options.perplexity = std::min(30.0, (total - 1) / 3.0 - 1.0);
    job.options.iterations = 1000;
    // A frame of the whole database takes the GUI thread a few hundred ms to draw: fewer of them.
    job.frame_ms = static_cast<int>(std::max<std::size_t>(100, total / 50));
    // Training keeps both cores busy; the map then gets one (the result does not depend on it).
    job.options.threads = controller_.state() == ExperimentController::State::Idle ? 0 : 1;
    source_ = codes->final ? tr("final codes") : tr("round %1 codes").arg(codes->round);
    view_.set_thumbnail_source([data = run_data_.data, rows = rows_](int i) {
        return i >= 0 && static_cast<std::size_t>(i) < rows.size() ? image_of(*data, rows[static_cast<std::size_t>(i)]) : QImage();
    });
    embedder_->embed(std::move(job));
}

void EmbeddingPresenter::on_frame(const EmbeddingFrame& f) {
    widgets::EmbeddingPoints points;
    points.x = f.x;
    points.y = f.y;
    points.labels = labels_;
    points.prototypes = prototype_points_;
    points.class_names = class_names_;
    points.caption = tr("t-SNE of %1 database codes%2 (%3) — iteration %4/%5%6")
                         .arg(rows_.size())
                         .arg(prototype_points_ > 0 ? tr(" + %1 prototypes ◆").arg(prototype_points_) : QString())
                         .arg(source_)
                         .arg(f.iteration)
                         .arg(f.iterations)
                         .arg(f.done ? QString() : tr(" · optimising…"));
    view_.set_points(points);
    if (f.done) Q_EMIT settled();
}

void EmbeddingPresenter::on_failed(const QString& error) {
    view_.set_hint(tr("t-SNE failed: %1").arg(error));
    view_.set_points({});
    Q_EMIT settled();
}

}  // namespace fedhap::workbench
