#pragma once
// Retrieval at a glance: a query (from the query set, or an image file), its top-k gallery ranked
// by Hamming distance with ✓/× borders, and the precision–recall curves over Hamming radius of
// the whole query set and of the picked query, with P@H≤2.
#include "live_view.h"
#include "retrieval_result.h"

class QLabel;
class QSpinBox;
class QPushButton;
class QGridLayout;
class QCPGraph;
class QCPTextElement;

namespace fedhap::widgets {

class RetrievalView : public LiveView {
    Q_OBJECT
public:
    explicit RetrievalView(QWidget* parent = nullptr);
    ~RetrievalView() override;
    void set_query_count(int count);  // the query picker's range; 0 disables it
    int query_index() const;
    void set_result(const RetrievalResult& result);
    const RetrievalResult& result() const { return result_; }

    QCustomPlot* plot() const override { return plot_; }
    QString csv() const override;

    // The PR curves as drawn: the whole query set's, and the picked query's (empty without one).
    QCPGraph* set_curve() const { return pr_; }
    QCPGraph* query_curve() const { return query_pr_; }

Q_SIGNALS:
    void query_requested(int index);  // an index into the query set
    void image_file_chosen(const QString& path);  // "Query from an image file…"

private:
    void redraw() override;
    QLabel* query_image_;
    QLabel* query_caption_;
    QSpinBox* query_index_;
    QPushButton* random_;
    QPushButton* from_file_;
    QGridLayout* gallery_;
    QLabel* gallery_caption_;
    QCustomPlot* plot_;
    QCPGraph* pr_;
    QCPGraph* query_pr_;
    QCPTextElement* pr_title_;
    RetrievalResult result_;
};

}  // namespace fedhap::widgets
