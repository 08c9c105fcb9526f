#pragma once
// A cross-silo run as its server sees it: a table of the silos (joined, answered or left out,
// bytes and round-trip time of the last exchange, the last problem) over their label
// histograms as stacked bars, one per silo.
#include "federation_status.h"
#include "live_view.h"

class QLabel;
class QTableWidget;

namespace fedhap::widgets {

class FederationView : public LiveView {
    Q_OBJECT
public:
    explicit FederationView(QWidget* parent = nullptr);
    void set_status(const FederationStatus& status);
    const FederationStatus& status() const { return status_; }
    QTableWidget* table() const { return table_; }

    QCustomPlot* plot() const override { return plot_; }
    QString csv() const override;  // the table, one silo per line

private:
    void redraw() override;
    void fill_table();
    QLabel* caption_;
    QTableWidget* table_;
    QCustomPlot* plot_;
    FederationStatus status_;
};

}  // namespace fedhap::widgets
