#include "lesson_panel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace fedhap::widgets {
namespace {

QLabel* wrapped(const char* name) {
    auto* l = new QLabel;
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setTextFormat(Qt::RichText);
    return l;
}

}  // namespace

LessonPanel::LessonPanel(QWidget* parent) : QWidget(parent) {
    title_ = wrapped("lesson_title");
    counter_ = wrapped("lesson_counter");
    heading_ = wrapped("lesson_heading");
    text_ = wrapped("lesson_text");
    text_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    activity_ = wrapped("lesson_activity");
    before_caption_ = wrapped("lesson_before_caption");
    before_ = new QLabel;
    before_->setObjectName("lesson_before");
    before_->setAlignment(Qt::AlignCenter);
    next_ = new QPushButton(tr("Next"));
    next_->setObjectName("lesson_next");
    next_->setToolTip(tr("Go on to the next step (Space or Page Down)"));
    export_ = new QPushButton(tr("Export report…"));
    export_->setToolTip(tr("Write this lesson's steps and every view into one PDF"));
    close_ = new QPushButton(tr("End lesson"));
    presenting_ = new QCheckBox(tr("Presentation mode"));
    presenting_->setToolTip(tr("Full screen, larger text and markers, a colour-blind-safe palette (F11)"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(counter_);
    layout->addSpacing(6);
    layout->addWidget(heading_);
    layout->addWidget(text_, 1);
    layout->addWidget(activity_);
    layout->addWidget(before_caption_);
    layout->addWidget(before_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(close_);
    buttons->addStretch(1);
    buttons->addWidget(next_);
    layout->addLayout(buttons);
    layout->addWidget(presenting_);
    layout->addWidget(export_, 0, Qt::AlignLeft);
    setMinimumWidth(280);

    connect(next_, &QPushButton::clicked, this, &LessonPanel::next_requested);
    connect(export_, &QPushButton::clicked, this, &LessonPanel::export_requested);
    connect(close_, &QPushButton::clicked, this, &LessonPanel::close_requested);
    connect(presenting_, &QCheckBox::toggled, this, &LessonPanel::presentation_toggled);
    // Anywhere in the window while the lesson shows; a text field that takes the key keeps it.
    for (const QKeySequence& key : {QKeySequence(Qt::Key_Space), QKeySequence(Qt::Key_PageDown)}) {
        auto* shortcut = new QShortcut(key, this, nullptr, nullptr, Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, [this] {
            if (isVisible() && next_->isEnabled()) Q_EMIT next_requested();
        });
    }
    set_before({}, {});
}

void LessonPanel::set_lesson(const QString& title, int steps) {
    title_->setText(QString("<h2>%1</h2>").arg(title.toHtmlEscaped()));
    counter_->setProperty("steps", steps);
    set_before({}, {});
}

void LessonPanel::set_step(int index, const QString& heading, const QString& text) {
    counter_->setText(tr("Step %1 of %2").arg(index + 1).arg(counter_->property("steps").toInt()));
    heading_->setText(QString("<h3>%1</h3>").arg(heading.toHtmlEscaped()));
    text_->setText(text);
}

void LessonPanel::set_activity(const QString& text, bool ready) {
    activity_->setText(text.isEmpty() ? QString() : QString("<i>%1</i>").arg(text.toHtmlEscaped()));
    next_->setEnabled(ready);
}

void LessonPanel::set_before(const QPixmap& picture, const QString& caption) {
    before_picture_ = picture;
    before_caption_->setText(caption.isEmpty() ? QString() : QString("<b>%1</b>").arg(caption.toHtmlEscaped()));
    before_caption_->setVisible(!picture.isNull());
    before_->setVisible(!picture.isNull());
    show_before();
}

void LessonPanel::set_last_step(bool last) { next_->setText(last ? tr("Finish") : tr("Next")); }

void LessonPanel::set_presenting(bool on) {
    const QSignalBlocker block(presenting_);
    presenting_->setChecked(on);
}

QString LessonPanel::heading() const { return heading_->text(); }
QString LessonPanel::text() const { return text_->text(); }
bool LessonPanel::next_enabled() const { return next_->isEnabled(); }

void LessonPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    show_before();
}

void LessonPanel::show_before() {
    if (before_picture_.isNull()) return;
    const int w = std::max(100, width() - 24);
    before_->setPixmap(before_picture_.scaled(w, w * 3 / 4, Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

}  // namespace fedhap::widgets
