#include "platform/db/query_builder.hpp"

namespace propdesk::db {

// strpos is PostgreSQL's; the SQLite backend defines the same function (sqlite_db.cpp). A plain
// substring search is several times cheaper than LIKE '%…%' row by row, and needs no escaping.
Filter& Filter::contains(std::string_view column, const std::string& folded_term) {
    return where("strpos(" + std::string(column) + ", ?) > 0", folded_term);
}

std::string Filter::sql() const {
    std::string out;
    for (size_t i = 0; i < conds_.size(); ++i) out += (i == 0 ? " WHERE " : " AND ") + conds_[i];
    return out;
}

std::string Filter::param(Value v) {
    params_.push_back(std::move(v));
    return "$" + std::to_string(params_.size());
}

}  // namespace propdesk::db
