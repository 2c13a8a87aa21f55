// Paging for the org lists: id order continues after the last id seen (stable while rows are
// added); a chosen sort order pages by offset, with the id as tie-breaker.
#pragma once

#include <string>

#include "org/store.hpp"
#include "platform/db/query_builder.hpp"

namespace propdesk::org::store {

inline void after(db::Filter& f, const ListQuery& q, const std::string& id_col) {
    if (q.order.empty() && q.after_id > 0) f.where(id_col + " > ?", q.after_id);
}

// q.order comes from each route's fixed list of columns, never from the request text.
inline std::string order_limit(db::Filter& f, const ListQuery& q, const std::string& id_col) {
    std::string limit = f.param(int64_t{q.limit});
    if (q.order.empty()) return " ORDER BY " + id_col + " LIMIT " + limit;
    const char* dir = q.descending ? " DESC" : "";
    return " ORDER BY " + q.order + dir + ", " + id_col + dir + " LIMIT " + limit + " OFFSET " + f.param(q.offset);
}

}  // namespace propdesk::org::store
