#pragma once
// One PDF a class or a lab notebook can keep: a title, an optional lesson script, the experiment
// file, the runs' summary table, a picture of every view and the per-round table.
#include <QString>
#include <QStringList>
#include <QVector>

namespace fedhap::workbench {

struct ReportTable {
    QStringList header;
    QVector<QStringList> rows;
};

struct ReportContent {
    QString title;
    QString subtitle;     // e.g. the date and the machine
    QString lesson_html;  // the lesson's steps; empty when the report is not a lesson's
    QString config_json;
    ReportTable summary;  // one row per run
    QStringList view_images, view_captions;  // PNG files, in order
    ReportTable rounds;   // the current run, one row per round
};

// Writes `content` as an A4 PDF at `path`; returns an error message, empty on success.
QString write_report_pdf(const QString& path, const ReportContent& content);

}  // namespace fedhap::workbench
