#pragma once
// Coalesces bursts of data updates into at most one redraw per interval (default 50 ms, i.e.
// ≤ 20 redraws a second), so a view never replots per data point.
#include <QObject>
#include <QTimer>
#include <functional>

namespace fedhap::widgets {

class RedrawLimiter : public QObject {
    Q_OBJECT
public:
    RedrawLimiter(std::function<void()> redraw, QObject* parent, int interval_ms = 50);
    void request();  // the redraw runs once, at most `interval_ms` from now
    void flush();    // redraw now if one is pending (tests, screenshots)

private:
    std::function<void()> redraw_;
    QTimer timer_;
};

}  // namespace fedhap::widgets
