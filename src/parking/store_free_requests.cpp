// Free exits waiting for a manager's approval or the team lead's confirmation (PK-6).
#include "parking/store.hpp"
#include "platform/db/cols.hpp"

namespace propdesk::parking::store {
namespace {

constexpr const char* kRequestSelect =
    "SELECT r.id, r.site_id, r.visit_id, r.lane_id, r.category, r.reason, r.requested_by, r.requested_at,"
    " r.status, r.decided_by, r.decided_at, r.decision_note, r.version, v.plate, COALESCE(l.name, ''),"
    " COALESCE(rb.name, ''), COALESCE(db.name, ''), r.fee_cents"
    " FROM parking_free_requests r JOIN parking_visits v ON v.id = r.visit_id"
    " LEFT JOIN parking_lanes l ON l.id = r.lane_id LEFT JOIN users rb ON rb.id = r.requested_by"
    " LEFT JOIN users db ON db.id = r.decided_by";

FreeRequest request_from(const db::Row& row) {
    db::Cols c{row};
    FreeRequest r;
    r.id = c.i64();
    r.site_id = c.i64();
    r.visit_id = c.i64();
    r.lane_id = c.opt();
    r.category = c.str();
    r.reason = c.str();
    r.requested_by = c.i64();
    r.requested_at = c.i64();
    r.status = c.str();
    r.decided_by = c.opt();
    r.decided_at = c.opt();
    r.decision_note = c.str();
    r.version = c.i64();
    r.plate = c.str();
    r.lane_name = c.str();
    r.requested_by_name = c.str();
    r.decided_by_name = c.str();
    r.fee_cents = c.i64();
    return r;
}

std::optional<FreeRequest> one_request(db::Conn& c, const std::string& where, int64_t id) {
    auto r = c.one(std::string(kRequestSelect) + where, id);
    if (!r) return std::nullopt;
    return request_from(*r);
}

}  // namespace

int64_t insert_free_request(db::Conn& c, const FreeRequest& r, EpochMs now) {
    return c
        .one(
            "INSERT INTO parking_free_requests (site_id, visit_id, lane_id, category, reason, fee_cents, requested_by,"
            " requested_at, status, version, created_at, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 1, $9, $9) RETURNING id",
            r.site_id, r.visit_id, r.lane_id, r.category, r.reason, r.fee_cents, r.requested_by, r.requested_at, now)
        ->i64(0);
}

bool update_free_request(db::Conn& c, const FreeRequest& r, int64_t expected_version, EpochMs now) {
    return c.exec(
               "UPDATE parking_free_requests SET status = $1, decided_by = $2, decided_at = $3, decision_note = $4,"
               " version = version + 1, updated_at = $5 WHERE id = $6 AND version = $7",
               r.status, r.decided_by, r.decided_at, r.decision_note, now, r.id, expected_version) == 1;
}

std::optional<FreeRequest> get_free_request(db::Conn& c, int64_t id) {
    return one_request(c, " WHERE r.id = $1", id);
}

std::optional<FreeRequest> pending_request_of_visit(db::Conn& c, int64_t visit_id) {
    return one_request(c, " WHERE r.visit_id = $1 AND r.status = 'pending'", visit_id);
}

std::optional<FreeRequest> last_request_of_visit(db::Conn& c, int64_t visit_id) {
    return one_request(c, " WHERE r.visit_id = $1 ORDER BY r.id DESC LIMIT 1", visit_id);
}

std::vector<FreeRequest> list_free_requests(
    db::Conn& c, int64_t site_id, const std::string& status, int64_t before_id, int limit) {
    std::vector<db::Value> params{site_id};
    std::string sql = std::string(kRequestSelect) + " WHERE r.site_id = $1";
    if (!status.empty()) {
        params.emplace_back(status);
        sql += " AND r.status = $" + std::to_string(params.size());
    }
    if (before_id > 0) {
        params.emplace_back(before_id);
        sql += " AND r.id < $" + std::to_string(params.size());
    }
    params.emplace_back(int64_t{limit});
    sql += " ORDER BY r.id DESC LIMIT $" + std::to_string(params.size());
    std::vector<FreeRequest> out;
    c.each(sql, params, [&](const db::Row& r) { out.push_back(request_from(r)); });
    return out;
}

}  // namespace propdesk::parking::store
