#pragma once
// qcustomplot.h uses Qt's `signals`/`slots`/`foreach` keywords, which QT_NO_KEYWORDS (needed so
// LibTorch headers compile) removes: map them for this one header. Include this, never
// <qcustomplot.h> directly.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef foreach
