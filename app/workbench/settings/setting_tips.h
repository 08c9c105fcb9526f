#pragma once
// What each experiment setting does, in one line, keyed by its JSON path as visit_config names
// it ("method.lambda_p"): the experiment panel's tooltips, all in one table.
#include <QString>
#include <string>
#include <vector>

namespace fedhap::workbench {

// The line for `key`; asserts in debug builds that the table has it, "" otherwise.
QString setting_tip(const std::string& key);
std::vector<std::string> setting_tip_keys();  // every key of the table, in its order

}  // namespace fedhap::workbench
