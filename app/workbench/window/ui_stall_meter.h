#pragma once
// Measures how long the GUI thread is blocked: a 5 ms timer records how late each tick fires.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <vector>

namespace fedhap::workbench {

class UiStallMeter : public QObject {
    Q_OBJECT
public:
    explicit UiStallMeter(QObject* parent = nullptr, int interval_ms = 5);
    void start();
    void stop();
    double percentile_ms(double p) const;  // p in [0, 100]; 0 when nothing was measured
    double max_ms() const;
    std::size_t samples() const { return lateness_ms_.size(); }

private:
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 last_ns_ = 0;
    int interval_ms_;
    std::vector<double> lateness_ms_;
};

}  // namespace fedhap::workbench
