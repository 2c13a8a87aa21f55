// The figures of the car park's home-page tiles, each the count of a list it links to.
#include "parking/store.hpp"
#include "platform/db/query_builder.hpp"

namespace propdesk::parking::store {

int64_t count_held(db::Conn& c, int64_t site_id) {
    return c.one("SELECT COUNT(*) FROM parking_holds WHERE site_id = $1 AND status = 'held'", site_id)->i64(0);
}

int64_t count_pending_free_requests(db::Conn& c, int64_t site_id, const std::vector<std::string>& categories) {
    db::Filter f;
    f.where("site_id = ?", site_id);
    f.where("status = 'pending'");
    f.where_in("category", categories);
    return c.run("SELECT COUNT(*) FROM parking_free_requests" + f.sql(), f.params()).rows.front().i64(0);
}

int64_t count_unsigned_handovers(db::Conn& c, int64_t site_id) {
    return c.one("SELECT COUNT(*) FROM parking_handovers WHERE site_id = $1 AND status <> 'signed'", site_id)->i64(0);
}

Occupancy occupancy(db::Conn& c, int64_t site_id) {
    Occupancy o;
    o.inside =
        c.one("SELECT COUNT(*) FROM parking_visits WHERE site_id = $1 AND status IN ('inside', 'exiting', 'held')",
              site_id)
            ->i64(0);
    o.capacity = c.one("SELECT COALESCE(SUM(capacity), 0) FROM parking_lots WHERE site_id = $1", site_id)->i64(0);
    return o;
}

std::vector<std::pair<std::string, int64_t>> takings_by_method(db::Conn& c, int64_t site_id, EpochMs from, EpochMs to) {
    std::vector<std::pair<std::string, int64_t>> out;
    c.each(
        "SELECT payment_method, SUM(paid_cents) FROM parking_visits"
        " WHERE site_id = $1 AND paid_at >= $2 AND paid_at < $3 AND payment_method IS NOT NULL"
        " GROUP BY payment_method ORDER BY payment_method",
        std::vector<db::Value>{site_id, from, to}, [&](const db::Row& r) { out.emplace_back(r.str(0), r.i64(1)); });
    return out;
}

}  // namespace propdesk::parking::store
