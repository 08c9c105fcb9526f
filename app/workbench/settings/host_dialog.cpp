#include "settings/host_dialog.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace fedhap::workbench {
namespace {

QWidget* with_browse(QLineEdit* edit, bool folder) {
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    auto* browse = new QPushButton(QObject::tr("Browse…"));
    QObject::connect(browse, &QPushButton::clicked, edit, [edit, folder] {
        const QString path = folder ? QFileDialog::getExistingDirectory(edit, QObject::tr("Run folder"))
                                    : QFileDialog::getOpenFileName(edit, QObject::tr("Secret file"));
        if (!path.isEmpty()) edit->setText(path);
    });
    layout->addWidget(browse);
    return row;
}

}  // namespace

std::optional<HostSettings> ask_host_settings(QWidget* parent, int clients, const HostSettings& previous) {
    QDialog dialog(parent);
    dialog.setWindowTitle(QObject::tr("Host a federation"));
    dialog.setMinimumWidth(620);
    auto* form = new QFormLayout(&dialog);
    auto* intro = new QLabel(QObject::tr(
        "This window becomes the server of the experiment in the panel; its %1 clients are silos that join "
        "with <tt>fedhap join --server ADDRESS --silo K</tt>, here or on other machines. Gloo neither encrypts "
        "nor authenticates: keep 127.0.0.1, or use a secret file and an SSH tunnel or WireGuard.").arg(clients));
    intro->setWordWrap(true);
    form->addRow(intro);
    auto* listen = new QLineEdit(previous.listen);
    listen->setObjectName("host_listen");
    form->addRow(QObject::tr("Listen on"), listen);
    auto* timeout = new QDoubleSpinBox;
    timeout->setRange(0.1, 7 * 86400.0);
    timeout->setDecimals(1);
    timeout->setSuffix(" s");
    timeout->setValue(previous.round_timeout_seconds);
    form->addRow(QObject::tr("Round timeout"), timeout);
    auto* secret = new QLineEdit(previous.secret_file);
    form->addRow(QObject::tr("Secret file"), with_browse(secret, false));
    auto* folder = new QLineEdit(previous.run_folder);
    folder->setPlaceholderText(QObject::tr("optional: where the run folder goes"));
    form->addRow(QObject::tr("Run folder"), with_browse(folder, true));
    auto* local = new QSpinBox;
    local->setObjectName("host_local_silos");
    local->setRange(0, clients);
    local->setValue(previous.local_silos > 0 ? std::min(previous.local_silos, clients) : clients);
    local->setToolTip(QObject::tr("Silo processes to start on this machine once the server listens (0: they join from elsewhere)"));
    form->addRow(QObject::tr("Start silos here"), local);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(QObject::tr("Host"));
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted) return std::nullopt;
    HostSettings s;
    s.listen = listen->text().trimmed();
    s.round_timeout_seconds = timeout->value();
    s.secret_file = secret->text().trimmed();
    s.run_folder = folder->text().trimmed();
    s.local_silos = local->value();
    return s;
}

}  // namespace fedhap::workbench
