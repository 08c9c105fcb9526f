#include "live_view.h"

#include "plot_style.h"

namespace fedhap::widgets {

namespace {
constexpr int kRedrawIntervalMs = 50;
}

LiveView::LiveView(QWidget* parent) : QWidget(parent) {
    redraw_timer_.setSingleShot(true);
    redraw_timer_.setInterval(kRedrawIntervalMs);
    connect(&redraw_timer_, &QTimer::timeout, this, [this] { redraw_styled(); });
}

LiveView::~LiveView() = default;

void LiveView::set_hint(const QString& text) {
    hint_text_ = text;
    request_redraw();
}

void LiveView::request_redraw() {
    if (!redraw_timer_.isActive()) redraw_timer_.start();  // a pending redraw already takes this update
}

void LiveView::flush() {
    if (!redraw_timer_.isActive()) return;
    redraw_timer_.stop();
    redraw_styled();
}

void LiveView::restyle() { request_redraw(); }

void LiveView::redraw_styled() {
    redraw();
    apply_presentation_scale(plot());  // before the redraw's queued replot draws it
}

void LiveView::place_hint(QCustomPlot* plot, QCPAxisRect* rect) { hint_ = std::make_unique<PlotHint>(plot, rect); }

void LiveView::show_hint(bool no_data) {
    if (hint_) hint_->show(no_data ? hint_text_ : QString());
}

}  // namespace fedhap::widgets
