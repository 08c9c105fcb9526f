#include "views/report_writer.h"

#include <QFileInfo>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

namespace fedhap::workbench {
namespace {

QString table_html(const ReportTable& t) {
    if (t.rows.isEmpty()) return QObject::tr("<p><i>(none)</i></p>");
    QString html = "<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>";
    for (const QString& h : t.header) html += "<th bgcolor='#e8e8e8'>" + h.toHtmlEscaped() + "</th>";
    html += "</tr>";
    for (const QStringList& row : t.rows) {
        html += "<tr>";
        for (const QString& cell : row) html += "<td>" + cell.toHtmlEscaped() + "</td>";
        html += "</tr>";
    }
    return html + "</table>";
}

}  // namespace

QString write_report_pdf(const QString& path, const ReportContent& c) {
    QPdfWriter pdf(path);
    if (!QFileInfo(QFileInfo(path).absolutePath()).isWritable()) return QObject::tr("%1: cannot write there").arg(path);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    pdf.setResolution(150);
    pdf.setTitle(c.title);
    pdf.setCreator("FedHAP Workbench");

    QTextDocument doc;
    doc.setPageSize(pdf.pageLayout().paintRectPixels(pdf.resolution()).size());
    QFont font = doc.defaultFont();
    font.setPointSizeF(9);
    doc.setDefaultFont(font);
    const double text_width = doc.pageSize().width() - 2 * doc.documentMargin();

    QString html = "<h1>" + c.title.toHtmlEscaped() + "</h1><p>" + c.subtitle.toHtmlEscaped() + "</p>";
    if (!c.lesson_html.isEmpty()) html += c.lesson_html;
    html += QObject::tr("<h2>Runs</h2>") + table_html(c.summary);
    html += QObject::tr("<h2>Experiment</h2><pre>") + c.config_json.toHtmlEscaped() + "</pre>";
    for (int i = 0; i < c.view_images.size(); ++i) {
        const QImage image(c.view_images[i]);
        if (image.isNull()) return QObject::tr("%1: cannot read the picture").arg(c.view_images[i]);
        const QUrl url(QString("view-%1.png").arg(i));
        doc.addResource(QTextDocument::ImageResource, url, image);
        const double width = std::min(text_width, image.width() * 1.0);
        html += QString("<h2 style='page-break-before: always'>%1</h2><p><img src='%2' width='%3'></p>")
                    .arg(c.view_captions.value(i).toHtmlEscaped(), url.toString())
                    .arg(static_cast<int>(width));
    }
    html += QObject::tr("<h2 style='page-break-before: always'>Rounds of the current run</h2>") + table_html(c.rounds);
    doc.setHtml(html);
    doc.print(&pdf);
    return {};
}

}  // namespace fedhap::workbench
