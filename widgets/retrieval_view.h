#pragma once
// Retrieval at a glance: a query, its top-k gallery ranked by Hamming distance with ✓/× borders,
// and the precision–recall curve over Hamming radius with P@H≤2.
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
    void set_query_index(int index);  // moves the picker without asking for a query
    int query_index() const;
    void set_result(const RetrievalResult& result);
    const RetrievalResult& result() const { return result_; }

    QCustomPlot* plot() const override { return plot_; }
    QString csv() const override;

Q_SIGNALS:
    void query_requested(int index);  // an index into the query set

private:
    void redraw() override;
    QLabel* query_image_;
    QLabel* query_caption_;
    QSpinBox* query_index_;
    QPushButton* random_;
    QGridLayout* gallery_;
    QLabel* gallery_caption_;
    QCustomPlot* plot_;
    QCPGraph* pr_;
    QCPTextElement* pr_title_;
    RetrievalResult result_;
};

}  // namespace fedhap::widgets
