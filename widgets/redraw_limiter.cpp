#include "redraw_limiter.h"

namespace fedhap::widgets {

RedrawLimiter::RedrawLimiter(std::function<void()> redraw, QObject* parent, int interval_ms)
    : QObject(parent), redraw_(std::move(redraw)) {
    timer_.setSingleShot(true);
    timer_.setInterval(interval_ms);
    connect(&timer_, &QTimer::timeout, this, [this] { redraw_(); });
}

void RedrawLimiter::request() {
    if (!timer_.isActive()) timer_.start();
}

void RedrawLimiter::flush() {
    if (!timer_.isActive()) return;
    timer_.stop();
    redraw_();
}

}  // namespace fedhap::widgets
