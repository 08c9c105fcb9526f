#include "runs/run_folder_scan.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "runs/run_folder.h"
#include "util/printable_path.h"

namespace fedhap::workbench {
namespace {

using FolderId = std::pair<dev_t, ino_t>;  // one folder, whichever link or mount reaches it

constexpr int kUnreadableNamed = 20;  // folders that cannot be listed, named before "and N more"

// "1 other path", "40 other paths".
QString counted(int n, const QString& one, const QString& many) { return QString("%1 %2").arg(n).arg(n == 1 ? one : many); }

QString shown_text(const QString& shown) { return QString::fromStdString(printable_path(shown.toStdString())); }

struct Sub {
    std::string name;
    FolderId id;
};

class Walk {
public:
    Walk(const RunScanLimits& limits, const std::atomic<bool>* stop) : limits_(limits), stop_(stop) {}

    // `path` as it is named to the user: `shown`; `depth` levels below the opened folder.
    void visit(const QString& path, const QString& shown, int depth) {
        if (stop_ && stop_->load()) return;
        if (folders_ >= limits_.max_folders) {
            cut(QObject::tr("stopped after searching %1 folders: run folders further on are not listed").arg(limits_.max_folders));
            return;
        }
        ++folders_;
        if (is_run_folder(path)) {
            found_.push_back({path, shown});
            return;  // a run folder's own folders (prototypes/) hold no runs
        }
        std::vector<Sub> subs;
        if (const int err = list_subfolders(path, subs)) {
            const QString why = QString::fromLocal8Bit(std::strerror(err));
            if (depth == 0) root_error_ = QObject::tr("%1: cannot be searched: %2").arg(shown_text(path), why);
            else if (unreadable_.size() < kUnreadableNamed) unreadable_ << QObject::tr("%1: cannot be searched: %2").arg(shown_text(shown), why);
            else ++unreadable_more_;
            return;
        }
        if (depth >= limits_.max_depth) {
            if (!subs.empty() && deeper_++ == 0) deeper_example_ = shown;
            return;
        }
        // Marked before any is entered: a link below one sibling to another is the repeat, not
        // the sibling itself.
        std::vector<bool> fresh(subs.size());
        for (std::size_t i = 0; i < subs.size(); ++i) {
            const QString sub_shown = shown + "/" + QFile::decodeName(subs[i].name.c_str());
            if (const auto first = first_shown_.find(subs[i].id); first != first_shown_.end()) {
                again_[first->second] << sub_shown;
                continue;
            }
            first_shown_.emplace(subs[i].id, sub_shown);
            fresh[i] = true;
        }
        for (std::size_t i = 0; i < subs.size(); ++i)
            if (fresh[i]) {
                const QString name = QFile::decodeName(subs[i].name.c_str());
                visit(QDir(path).filePath(name), shown + "/" + name, depth + 1);
            }
    }

    void mark_root(const FolderId& id, const QString& shown) { first_shown_.emplace(id, shown); }

    struct Found {
        QString path, shown;
    };
    const std::vector<Found>& found() const { return found_; }
    bool cut_short() const { return !cut_note_.isEmpty(); }
    const QString& root_error() const { return root_error_; }

    QStringList notes() const {
        QStringList out;
        for (const auto& [first, others] : again_) {
            QStringList named = others.mid(0, limits_.max_same_named);
            for (QString& n : named) n = shown_text(n);
            out << QObject::tr("%1: reached again through %2 (%3); searched once")
                       .arg(shown_text(first), counted(static_cast<int>(others.size()), QObject::tr("other path"), QObject::tr("other paths")),
                            named.join(", ") + (others.size() > named.size() ? QStringLiteral(", …") : QString()));
        }
        out << unreadable_;
        if (unreadable_more_ > 0)
            out << QObject::tr("… and %1 that cannot be searched")
                       .arg(counted(unreadable_more_, QObject::tr("more folder"), QObject::tr("more folders")));
        if (deeper_ > 0)
            out << QObject::tr("%1 %2 levels down %3 folders not searched (the search goes %2 levels deep), e.g. %4")
                       .arg(counted(deeper_, QObject::tr("folder"), QObject::tr("folders")))
                       .arg(limits_.max_depth)
                       .arg(deeper_ == 1 ? QObject::tr("holds") : QObject::tr("hold"))
                       .arg(shown_text(deeper_example_));
        if (!cut_note_.isEmpty()) out << cut_note_;
        return out;
    }

private:
    // The non-hidden folders in `path` (links followed), sorted by name; errno when it cannot be listed.
    int list_subfolders(const QString& path, std::vector<Sub>& subs) {
        DIR* dir = ::opendir(QFile::encodeName(path).constData());  // O_DIRECTORY: a FIFO is refused, never opened
        if (!dir) return errno;
        const int fd = ::dirfd(dir);
        while (const dirent* e = ::readdir(dir)) {
            if (entries_ >= limits_.max_entries) {
                cut(QObject::tr("stopped after looking at %1 folder entries: run folders further on are not listed").arg(limits_.max_entries));
                break;
            }
            ++entries_;
            if (e->d_name[0] == '.') continue;  // ".", ".." and hidden folders, as QDir leaves them out
            if (e->d_type != DT_DIR && e->d_type != DT_LNK && e->d_type != DT_UNKNOWN) continue;
            struct stat st {};
            if (::fstatat(fd, e->d_name, &st, 0) != 0 || !S_ISDIR(st.st_mode)) continue;  // a dangling link is no folder
            subs.push_back({e->d_name, {st.st_dev, st.st_ino}});
        }
        ::closedir(dir);
        std::sort(subs.begin(), subs.end(), [](const Sub& a, const Sub& b) { return a.name < b.name; });
        return 0;
    }

    void cut(const QString& note) {
        if (cut_note_.isEmpty()) cut_note_ = note;
    }

    const RunScanLimits& limits_;
    const std::atomic<bool>* stop_;
    int folders_ = 0, entries_ = 0;
    std::vector<Found> found_;
    std::map<FolderId, QString> first_shown_;
    std::map<QString, QStringList> again_;  // first path shown -> the other paths to the same folder
    QStringList unreadable_;
    int unreadable_more_ = 0;
    int deeper_ = 0;
    QString deeper_example_;
    QString cut_note_;
    QString root_error_;
};

}  // namespace

RunFolderScan scan_run_folders(const QString& path, const RunScanLimits& limits, const std::atomic<bool>* stop) {
    RunFolderScan scan;
    struct stat st {};
    if (path.isEmpty() || ::stat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        scan.error = QObject::tr("%1: not a folder").arg(shown_text(path));
        return scan;
    }
    const QString absolute = QDir(path).absolutePath();
    QString root_name = QFileInfo(absolute).fileName();
    if (root_name.isEmpty()) root_name = absolute;  // "/"
    Walk walk(limits, stop);
    walk.mark_root({st.st_dev, st.st_ino}, root_name);
    walk.visit(absolute, root_name, 0);
    if (!walk.root_error().isEmpty()) {
        scan.error = walk.root_error();
        return scan;
    }
    scan.root = QFileInfo(absolute).canonicalFilePath();
    scan.cut_short = walk.cut_short();
    scan.notes = walk.notes();
    const auto& found = walk.found();
    scan.runs_found = static_cast<int>(found.size());
    const std::size_t keep = std::min(found.size(), static_cast<std::size_t>(std::max(limits.max_runs, 0)));
    const std::size_t from = limits.keep_last ? found.size() - keep : 0;
    for (std::size_t i = from; i < from + keep; ++i) {
        const QString canonical = QFileInfo(found[i].path).canonicalFilePath();
        if (canonical.isEmpty()) continue;  // removed since it was seen
        scan.runs << canonical;
        scan.shown << found[i].shown;
    }
    if (found.size() > keep)
        scan.notes.prepend(QObject::tr("showing the %1 %2 of %3%4 run folders under %5")
                               .arg(limits.keep_last ? QObject::tr("last") : QObject::tr("first"))
                               .arg(keep)
                               .arg(scan.cut_short ? QStringLiteral("≥ ") : QString())
                               .arg(found.size())
                               .arg(shown_text(absolute)));
    return scan;
}

}  // namespace fedhap::workbench
