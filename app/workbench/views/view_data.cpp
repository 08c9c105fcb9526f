#include "views/view_data.h"

#include <cmath>
#include <limits>

#include "eval/code_stats.h"
#include "eval/packed_codes.h"

namespace fedhap::workbench {

QStringList class_names(const Dataset& data) {
    QStringList names;
    for (const auto& n : data.class_names) names << QString::fromStdString(n);
    return names;
}

QImage image_of(const Dataset& data, std::size_t row) {
    if (row >= data.size()) return {};
    const std::uint8_t* p = data.image(row);
    const int w = data.width, h = data.height, plane = w * h;
    if (data.channels == 1) {
        QImage img(w, h, QImage::Format_Grayscale8);
        for (int y = 0; y < h; ++y) std::copy(p + y * w, p + (y + 1) * w, img.scanLine(y));
        return img;
    }
    QImage img(w, h, QImage::Format_RGB888);  // planes are C-major: gather one pixel per plane
    for (int y = 0; y < h; ++y) {
        uchar* line = img.scanLine(y);
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 3; ++c) line[x * 3 + c] = p[std::min(c, data.channels - 1) * plane + y * w + x];
    }
    return img;
}

widgets::PrototypeMatrix to_prototype_matrix(const PrototypeSnapshot& s, const QStringList& names) {
    widgets::PrototypeMatrix m;
    m.round = s.round;
    m.classes = s.classes;
    m.bits = s.bits;
    m.class_names = names;
    if (s.classes <= 0 || s.bits <= 0 || s.values.size() != static_cast<std::size_t>(s.classes) * s.bits) return {};
    m.values = QVector<float>(s.values.begin(), s.values.end());
    for (int c = 0; c < s.classes; ++c) m.known << (s.known.empty() || s.known[static_cast<std::size_t>(c)] != 0);
    for (std::size_t i = 0; i < s.values.size(); ++i) m.flipped << (i < s.flipped.size() && s.flipped[i] != 0);
    const PackedCodes codes = pack_codes(static_cast<std::size_t>(s.classes), static_cast<std::size_t>(s.bits), s.values);
    for (auto d : pairwise_hamming(codes)) m.distances << static_cast<int>(d);
    return m;
}

void TrainingHistory::reset(int total_rounds) {
    curves_ = {};
    curves_.total_rounds = total_rounds;
}

void TrainingHistory::add(const RoundMetrics& m) {
    widgets::TrainingCurves& c = curves_;
    const int i = static_cast<int>(c.rounds.size());
    c.rounds << m.round;
    c.mean_loss << m.loss;
    for (const auto& r : m.clients)
        while (c.client_loss.size() <= r.client)
            c.client_loss << QVector<double>(i, std::numeric_limits<double>::quiet_NaN());
    for (auto& v : c.client_loss) v << std::numeric_limits<double>::quiet_NaN();  // sat this round out…
    for (const auto& r : m.clients) c.client_loss[r.client][i] = r.loss;  // …unless it trained
    if (m.map) {
        c.map_rounds << m.round;
        c.map << *m.map;
    }
    c.bytes_up << static_cast<double>(m.bytes_up);
    c.bytes_down << static_cast<double>(m.bytes_down);
}

bool TrainingHistory::add_final_map(int round, double map) {
    if (!curves_.map_rounds.isEmpty() && curves_.map_rounds.last() >= round) return false;
    curves_.map_rounds << round;
    curves_.map << map;
    return true;
}

}  // namespace fedhap::workbench
