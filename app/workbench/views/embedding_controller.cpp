#include "views/embedding_controller.h"

#include <QElapsedTimer>
#include <exception>

namespace fedhap::workbench {
namespace {

EmbeddingFrame frame_of(const TsneEmbedding& t, int iterations) {
    EmbeddingFrame f;
    const auto& y = t.coordinates();
    f.x.reserve(static_cast<int>(t.size()));
    f.y.reserve(static_cast<int>(t.size()));
    for (std::size_t i = 0; i < t.size(); ++i) {
        f.x << y[2 * i];
        f.y << y[2 * i + 1];
    }
    f.iteration = t.iteration();
    f.iterations = iterations;
    f.done = t.done();
    return f;
}

}  // namespace

void EmbeddingWorker::run(int job_id, const EmbeddingJob& job) {
    if (job_id != latest_job_.load()) return;  // superseded while queued
    try {
        TsneEmbedding tsne(job.data, job.dims, job.options, job.extra);
        Q_EMIT frame(job_id, frame_of(tsne, job.options.iterations));
        QElapsedTimer since_frame;
        since_frame.start();
        while (!tsne.done()) {
            if (job_id != latest_job_.load()) return;
            tsne.step(job.stream_every);
            if (since_frame.elapsed() < job.frame_ms && !tsne.done()) continue;
            Q_EMIT frame(job_id, frame_of(tsne, job.options.iterations));
            since_frame.restart();
        }
    } catch (const std::exception& e) {
        Q_EMIT failed(job_id, QString::fromStdString(e.what()));
    }
}

EmbeddingController::EmbeddingController(QObject* parent)
    : QObject(parent), worker_(new EmbeddingWorker(latest_job_)) {
    qRegisterMetaType<EmbeddingFrame>();
    thread_.setObjectName("fedhap-tsne");
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &EmbeddingWorker::frame, this, [this](int id, const EmbeddingFrame& f) {
        if (id != latest_job_.load()) return;
        busy_ = !f.done;
        Q_EMIT frame(id, f);
    });
    connect(worker_, &EmbeddingWorker::failed, this, [this](int id, const QString& e) {
        if (id != latest_job_.load()) return;
        busy_ = false;
        Q_EMIT failed(id, e);
    });
    thread_.start(QThread::LowPriority);  // training comes first
}

EmbeddingController::~EmbeddingController() {
    cancel();
    thread_.quit();
    thread_.wait();
}

int EmbeddingController::embed(EmbeddingJob job) {
    const int id = latest_job_.fetch_add(1) + 1;
    busy_ = true;
    EmbeddingWorker* worker = worker_;
    QMetaObject::invokeMethod(worker_, [worker, id, job = std::move(job)] { worker->run(id, job); }, Qt::QueuedConnection);
    return id;
}

void EmbeddingController::cancel() {
    latest_job_.fetch_add(1);
    busy_ = false;
}

}  // namespace fedhap::workbench
