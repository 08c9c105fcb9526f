#include "window/ui_stall_meter.h"

#include <algorithm>
#include <cmath>

namespace fedhap::workbench {

UiStallMeter::UiStallMeter(QObject* parent, int interval_ms) : QObject(parent), interval_ms_(interval_ms) {
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(interval_ms);
    connect(&timer_, &QTimer::timeout, this, [this] {
        const qint64 now = clock_.nsecsElapsed();
        lateness_ms_.push_back(std::max(0.0, (now - last_ns_) / 1e6 - interval_ms_));
        last_ns_ = now;
    });
}

void UiStallMeter::start() {
    lateness_ms_.clear();
    clock_.start();
    last_ns_ = 0;
    timer_.start();
}

void UiStallMeter::stop() { timer_.stop(); }

double UiStallMeter::percentile_ms(double p) const {
    if (lateness_ms_.empty()) return 0.0;
    std::vector<double> v = lateness_ms_;
    const auto k = static_cast<std::size_t>(std::clamp(std::ceil(p / 100.0 * v.size()) - 1, 0.0, v.size() - 1.0));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
    return v[k];
}

double UiStallMeter::max_ms() const {
    return lateness_ms_.empty() ? 0.0 : *std::max_element(lateness_ms_.begin(), lateness_ms_.end());
}

}  // namespace fedhap::workbench
