#include "platform/db/sqlite_backup.hpp"

#include <sqlite3.h>

#include <stdexcept>
#include <thread>

namespace propdesk::db {

void sqlite_backup(const std::string& source_path,
                   const std::string& dest_path,
                   const std::function<void(int, int)>& progress) {
    sqlite3* src = nullptr;
    sqlite3* dst = nullptr;
    auto close_both = [&] {
        sqlite3_close(src);
        sqlite3_close(dst);
    };
    if (sqlite3_open_v2(source_path.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
        sqlite3_open_v2(dest_path.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        std::string msg = sqlite3_errmsg(dst ? dst : src);
        close_both();
        throw std::runtime_error("backup: cannot open: " + msg);
    }
    sqlite3_busy_timeout(src, 5000);
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) {
        std::string msg = sqlite3_errmsg(dst);
        close_both();
        throw std::runtime_error("backup: " + msg);
    }
    int rc;
    // Small steps let the server keep writing between them.
    while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        if (progress) progress(sqlite3_backup_pagecount(b) - sqlite3_backup_remaining(b), sqlite3_backup_pagecount(b));
        if (rc != SQLITE_OK) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (progress) progress(sqlite3_backup_pagecount(b), sqlite3_backup_pagecount(b));
    sqlite3_backup_finish(b);
    std::string msg = rc == SQLITE_DONE ? "" : sqlite3_errstr(rc);
    close_both();
    if (rc != SQLITE_DONE) throw std::runtime_error("backup failed: " + msg);
}

}  // namespace propdesk::db
