#include "window/window_settings.h"

#include <QFileInfo>
#include <QMainWindow>
#include <QSettings>
#include <exception>

#include "settings/experiment_panel.h"

namespace fedhap::workbench {

QString restore_window_settings(QMainWindow& window, ExperimentPanel& panel) {
    QSettings st;
    const QString json = st.value("experiment/json").toString();
    if (json.isEmpty()) return {};
    QString note;
    try {
        ExperimentConfig c = config_from_json(json.toStdString(), "saved settings");
        const QString data_path = QString::fromStdString(c.data_path);
        if (!data_path.isEmpty() && !QFileInfo::exists(data_path)) {
            const ExperimentConfig defaults;
            c.dataset = defaults.dataset;
            c.data_path = defaults.data_path;
            note = QObject::tr("The saved dataset %1 no longer exists: the default dataset is loaded instead.").arg(data_path);
        }
        const QSignalBlocker block(&panel);  // the window loads the data once, afterwards
        panel.set_config(c);
    } catch (const std::exception&) {
        return {};
    }
    window.restoreState(st.value("window/state").toByteArray());
    window.restoreGeometry(st.value("window/geometry").toByteArray());
    return note;
}

void store_window_settings(const QMainWindow& window, const ExperimentPanel& panel) {
    QSettings st;
    st.setValue("experiment/json", QString::fromStdString(config_to_json(panel.config())));
    st.setValue("window/state", window.saveState());
    st.setValue("window/geometry", window.saveGeometry());
}

}  // namespace fedhap::workbench
