// Online backup of a live SQLite database (the SQLite backup API): consistent while the server runs.
#pragma once

#include <functional>
#include <string>

namespace propdesk::db {

// Copies the database at source_path into dest_path, calling progress(done_pages, total_pages).
void sqlite_backup(const std::string& source_path,
                   const std::string& dest_path,
                   const std::function<void(int, int)>& progress = {});

}  // namespace propdesk::db
