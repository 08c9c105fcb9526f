#pragma once
// The lesson beside the live views: which lesson and step, the step's explanation, what the
// step is doing (training…), a kept "before" picture, and Next (Space or Page Down, which
// presentation clickers send). Plain Qt: the lesson itself is driven from app/workbench.
#include <QPixmap>
#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;

namespace fedhap::widgets {

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(QWidget* parent = nullptr);
    void set_lesson(const QString& title, int steps);
    void set_step(int index, const QString& heading, const QString& text);  // index from 0
    // What the step is doing; `ready`: Next may be pressed.
    void set_activity(const QString& text, bool ready);
    void set_before(const QPixmap& picture, const QString& caption);  // a null picture hides it
    void set_last_step(bool last);  // Next reads "Finish"
    void set_presenting(bool on);   // the check box, without a signal

    QString heading() const;
    QString text() const;
    bool next_enabled() const;
    const QPixmap& before() const { return before_picture_; }

Q_SIGNALS:
    void next_requested();
    void export_requested();
    void close_requested();
    void presentation_toggled(bool on);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void show_before();
    QLabel *title_, *counter_, *heading_, *text_, *activity_, *before_caption_, *before_;
    QPushButton *next_, *export_, *close_;
    QCheckBox* presenting_;
    QPixmap before_picture_;
};

}  // namespace fedhap::widgets
