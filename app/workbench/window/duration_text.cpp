#include "window/duration_text.h"

namespace fedhap::workbench {

QString duration_text(double seconds) {
    const int s = static_cast<int>(seconds + 0.5);
    return s >= 60 ? QString("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar('0')) : QString("%1 s").arg(s);
}

}  // namespace fedhap::workbench
