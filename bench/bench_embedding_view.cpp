// How long the GUI thread spends on one frame of the t-SNE view (set the points, redraw, replot)
// at 1,500, 5,000 and 69,000 points in ten classes: the cost of an animated whole-database map.
// Offscreen, 1200 × 800; median of 9 frames after 2 warm-ups.
#include <QApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "embedding_view.h"
#include "qcustomplot_include.h"

using fedhap::widgets::EmbeddingPoints;
using fedhap::widgets::EmbeddingView;

namespace {

EmbeddingPoints clustered(int n, int classes, std::mt19937& rng, double spread) {
    std::normal_distribution<double> noise(0.0, spread);
    EmbeddingPoints p;
    for (int c = 0; c < classes; ++c) p.class_names << QString("class %1").arg(c);
    for (int i = 0; i < n; ++i) {
        const int c = i % classes;
        p.x << 30 * std::cos(c * 0.63) + noise(rng);
        p.y << 30 * std::sin(c * 0.63) + noise(rng);
        p.labels << c;
    }
    return p;
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    EmbeddingView view;
    view.resize(1200, 800);
    view.show();
    std::mt19937 rng(1);
    std::printf("points  frame_ms_median  frame_ms_max\n");
    for (int n : {1500, 5000, 69000}) {
        std::vector<double> ms;
        for (int frame = 0; frame < 11; ++frame) {
            const EmbeddingPoints p = clustered(n, 10, rng, 6.0 + frame);  // every frame moves the points
            QElapsedTimer t;
            t.start();
            view.set_points(p);
            view.flush();
            view.plot()->replot(QCustomPlot::rpImmediateRefresh);
            if (frame >= 2) ms.push_back(t.nsecsElapsed() / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        std::printf("%6d  %15.1f  %12.1f\n", n, ms[ms.size() / 2], ms.back());
    }
    return 0;
}
