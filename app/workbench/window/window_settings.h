#pragma once
// What the workbench remembers between sessions (QSettings): the experiment in the panel, and the
// window's geometry and dock layout.
class QMainWindow;
class QString;

namespace fedhap::workbench {

class ExperimentPanel;

// Settings written by another version that cannot be read are ignored: the defaults stay. A saved
// dataset path that no longer exists (a deleted folder, an unplugged disk) falls back to the
// default dataset; the returned one-line note says so (empty when nothing was changed).
QString restore_window_settings(QMainWindow& window, ExperimentPanel& panel);
void store_window_settings(const QMainWindow& window, const ExperimentPanel& panel);

}  // namespace fedhap::workbench
