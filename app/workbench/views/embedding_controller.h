#pragma once
// t-SNE on a thread of its own (RAII: cancel, quit, wait). It streams intermediate coordinates
// every few iterations so the map animates; a newer job cancels the running one, and
// coordinates of a cancelled job are dropped by job id.
#include <QObject>
#include <QThread>
#include <QVector>
#include <atomic>
#include <memory>
#include <vector>

#include "embed/tsne.h"

namespace fedhap::workbench {

struct EmbeddingJob {
    std::vector<float> data;   // N × dims (codes)
    std::size_t dims = 0;
    std::vector<float> extra;  // M × dims (prototypes), embedded with the data
    TsneOptions options;
    int stream_every = 25;     // iterations between updates, at least
    int frame_ms = 100;        // and at least this long: a map of the whole database redraws slowly
};

struct EmbeddingFrame {
    QVector<double> x, y;  // N + M points
    int iteration = 0, iterations = 0;
    bool done = false;
};

class EmbeddingWorker : public QObject {
    Q_OBJECT
public:
    explicit EmbeddingWorker(const std::atomic<int>& latest_job) : latest_job_(latest_job) {}
    void run(int job_id, const EmbeddingJob& job);  // returns early once a newer job is queued

Q_SIGNALS:
    void frame(int job_id, const fedhap::workbench::EmbeddingFrame& frame);
    void failed(int job_id, const QString& error);

private:
    const std::atomic<int>& latest_job_;
};

class EmbeddingController : public QObject {
    Q_OBJECT
public:
    explicit EmbeddingController(QObject* parent = nullptr);
    ~EmbeddingController() override;
    int embed(EmbeddingJob job);  // cancels the running job; returns the new job's id
    void cancel();
    bool busy() const { return busy_; }

Q_SIGNALS:
    void frame(int job_id, const fedhap::workbench::EmbeddingFrame& frame);
    void failed(int job_id, const QString& error);

private:
    QThread thread_;
    std::atomic<int> latest_job_{0};
    EmbeddingWorker* worker_;
    bool busy_ = false;
};

}  // namespace fedhap::workbench

Q_DECLARE_METATYPE(fedhap::workbench::EmbeddingFrame)
