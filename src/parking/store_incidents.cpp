// Incidents (PK-9): gate crashes, abandoned vehicles, military/police plates.
#include "parking/store.hpp"
#include "platform/db/query_builder.hpp"

namespace propdesk::parking::store {
namespace {

constexpr const char* kIncidentSelect =
    "SELECT i.id, i.site_id, i.kind, i.plate, i.lane_id, i.visit_id, i.occurred_at, i.description, i.authority,"
    " i.authority_notified_at, i.outcome, i.status, i.snapshot_file_id, i.recorded_by, i.closed_by, i.closed_at,"
    " i.version, COALESCE(l.name, ''), COALESCE(u.name, ''), i.event_id, e.snapshot_id FROM parking_incidents i"
    " LEFT JOIN parking_lanes l ON l.id = i.lane_id LEFT JOIN users u ON u.id = i.recorded_by"
    " LEFT JOIN gate_events e ON e.id = i.event_id";

Incident incident_from(const db::Row& r) {
    Incident i;
    i.id = r.i64(0);
    i.site_id = r.i64(1);
    i.kind = r.str(2);
    i.plate = r.str(3);
    i.lane_id = r.opt_i64(4);
    i.visit_id = r.opt_i64(5);
    i.occurred_at = r.i64(6);
    i.description = r.str(7);
    i.authority = r.str(8);
    i.authority_notified_at = r.opt_i64(9);
    i.outcome = r.str(10);
    i.status = r.str(11);
    i.snapshot_file_id = r.opt_i64(12);
    i.recorded_by = r.opt_i64(13);
    i.closed_by = r.opt_i64(14);
    i.closed_at = r.opt_i64(15);
    i.version = r.i64(16);
    i.lane_name = r.str(17);
    i.recorded_by_name = r.str(18);
    i.event_id = r.opt_i64(19);
    i.snapshot_id = r.opt_i64(20);  // the camera's picture is read through the event
    return i;
}

}  // namespace

int64_t insert_incident(db::Conn& c, const Incident& i, EpochMs now) {
    return c
        .one(
            "INSERT INTO parking_incidents (site_id, kind, plate, lane_id, visit_id, occurred_at, description,"
            " authority, authority_notified_at, outcome, status, snapshot_file_id, event_id, recorded_by, closed_by,"
            " closed_at, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
            " $13, $14, $15, $16, 1, $17, $17) RETURNING id",
            i.site_id, i.kind, i.plate, i.lane_id, i.visit_id, i.occurred_at, i.description, i.authority,
            i.authority_notified_at, i.outcome, i.status, i.snapshot_file_id, i.event_id, i.recorded_by, i.closed_by,
            i.closed_at, now)
        ->i64(0);
}

bool update_incident(db::Conn& c, const Incident& i, int64_t expected_version, EpochMs now) {
    return c.exec(
               "UPDATE parking_incidents SET authority = $1, authority_notified_at = $2, outcome = $3, status = $4,"
               " closed_by = $5, closed_at = $6, snapshot_file_id = $7, version = version + 1, updated_at = $8"
               " WHERE id = $9 AND version = $10",
               i.authority, i.authority_notified_at, i.outcome, i.status, i.closed_by, i.closed_at, i.snapshot_file_id,
               now, i.id, expected_version) == 1;
}

std::optional<Incident> get_incident(db::Conn& c, int64_t id) {
    auto r = c.one(std::string(kIncidentSelect) + " WHERE i.id = $1", id);
    if (!r) return std::nullopt;
    return incident_from(*r);
}

std::vector<Incident> list_incidents(
    db::Conn& c, int64_t site_id, const std::string& kind, const std::string& status, int64_t before_id, int limit) {
    db::Filter f;
    f.where("i.site_id = ?", site_id);
    if (!kind.empty()) f.where("i.kind = ?", kind);
    if (!status.empty()) f.where("i.status = ?", status);
    if (before_id > 0) f.where("i.id < ?", before_id);
    auto sql = std::string(kIncidentSelect) + f.sql() + " ORDER BY i.id DESC LIMIT " + f.param(int64_t{limit});
    std::vector<Incident> out;
    c.each(sql, f.params(), [&](const db::Row& r) { out.push_back(incident_from(r)); });
    return out;
}

bool event_in_site(db::Conn& c, int64_t site_id, int64_t event_id) {
    return c.one("SELECT 1 FROM gate_events WHERE id = $1 AND site_id = $2", event_id, site_id).has_value();
}

}  // namespace propdesk::parking::store
