// What became of the cars waiting at a lane (paid, released, freed, refused a free exit, held):
// written with the change, read by the live feed and by the booth (issue 13).
#include "parking/store.hpp"

namespace propdesk::parking::store {
namespace {

constexpr const char* kChangeSelect =
    "SELECT ch.id, ch.site_id, ch.lane_id, ch.visit_id, ch.plate, ch.kind, ch.by_user, ch.created_at,"
    " COALESCE(u.name, '') FROM parking_lane_changes ch LEFT JOIN users u ON u.id = ch.by_user";

std::vector<LaneChange> changes(db::Conn& c, const std::string& where, const std::vector<db::Value>& params) {
    std::vector<LaneChange> out;
    c.each(std::string(kChangeSelect) + where, params, [&](const db::Row& r) {
        out.push_back(LaneChange{r.i64(0), r.i64(1), r.opt_i64(2), r.i64(3), r.str(4), r.str(5), r.opt_i64(6), r.i64(7),
                                 r.str(8)});
    });
    return out;
}

}  // namespace

int64_t insert_lane_change(db::Conn& c, const LaneChange& ch) {
    return c
        .one(
            "INSERT INTO parking_lane_changes (site_id, lane_id, visit_id, plate, kind, by_user, created_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            ch.site_id, ch.lane_id, ch.visit_id, ch.plate, ch.kind, ch.by_user, ch.created_at)
        ->i64(0);
}

std::vector<LaneChange> lane_changes_after(db::Conn& c, int64_t after_id, int limit) {
    return changes(c, " WHERE ch.id > $1 ORDER BY ch.id LIMIT $2", {after_id, int64_t{limit}});
}

std::optional<LaneChange> last_lane_change(db::Conn& c, int64_t lane_id) {
    auto out = changes(c, " WHERE ch.lane_id = $1 ORDER BY ch.id DESC LIMIT 1", {lane_id});
    if (out.empty()) return std::nullopt;
    return out.front();
}

int64_t newest_lane_change_id(db::Conn& c) {
    return c.one("SELECT COALESCE(MAX(id), 0) FROM parking_lane_changes")->i64(0);
}

}  // namespace propdesk::parking::store
