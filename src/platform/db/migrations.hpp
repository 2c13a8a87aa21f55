// Numbered migrations (migrations/NNNN_name.sql), applied in order at start and recorded.
// A file named NNNN_name.sqlite.sql or NNNN_name.postgres.sql applies to that backend only.
// {{ID}} expands to each backend's never-reused auto-increment primary key.
#pragma once

#include <string>
#include <vector>

#include "platform/db/db.hpp"

namespace propdesk::db {

struct EmbeddedMigration {
    const char* file_name;
    const char* sql;
};
const std::vector<EmbeddedMigration>& embedded_migrations();

struct Migration {
    int version;
    std::string name;
    std::string sql;  // already expanded for the backend
};

// Migrations for this backend, in version order.
std::vector<Migration> migrations_for(Backend backend);
// Applies those not yet recorded; returns how many were applied.
int migrate(Db& db, int64_t now_ms);

}  // namespace propdesk::db
