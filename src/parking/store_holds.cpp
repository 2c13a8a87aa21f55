// Held vehicles (PK-8): the hold, its evidence and its escalations.
#include "parking/store.hpp"
#include "platform/db/cols.hpp"
#include "platform/db/query_builder.hpp"

namespace propdesk::parking::store {
namespace {

using db::Cols;

constexpr const char* kHoldSelect =
    "SELECT h.id, h.site_id, h.visit_id, h.lane_id, h.reason, h.note, h.held_at, h.held_by, h.status,"
    " h.verified_by, h.verification_note, h.licence_file_id, h.id_file_id, h.statement_file_id, h.released_at,"
    " h.version, v.plate, COALESCE(l.name, ''), COALESCE(hb.name, ''), COALESCE(vb.name, '')"
    " FROM parking_holds h JOIN parking_visits v ON v.id = h.visit_id LEFT JOIN parking_lanes l ON l.id = h.lane_id"
    " LEFT JOIN users hb ON hb.id = h.held_by LEFT JOIN users vb ON vb.id = h.verified_by";

Hold hold_from(const db::Row& row) {
    Cols c{row};
    Hold h;
    h.id = c.i64();
    h.site_id = c.i64();
    h.visit_id = c.i64();
    h.lane_id = c.opt();
    h.reason = c.str();
    h.note = c.str();
    h.held_at = c.i64();
    h.held_by = c.opt();
    h.status = c.str();
    h.verified_by = c.opt();
    h.verification_note = c.str();
    h.licence_file_id = c.opt();
    h.id_file_id = c.opt();
    h.statement_file_id = c.opt();
    h.released_at = c.opt();
    h.version = c.i64();
    h.plate = c.str();
    h.lane_name = c.str();
    h.held_by_name = c.str();
    h.verified_by_name = c.str();
    return h;
}

std::vector<Hold> holds(db::Conn& c, const std::string& where, const std::vector<db::Value>& params) {
    std::vector<Hold> out;
    c.each(std::string(kHoldSelect) + where, params, [&](const db::Row& r) { out.push_back(hold_from(r)); });
    return out;
}

}  // namespace

int64_t insert_hold(db::Conn& c, const Hold& h, EpochMs now) {
    return c
        .one(
            "INSERT INTO parking_holds (site_id, visit_id, lane_id, reason, note, held_at, held_by, status,"
            " version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'held', 1, $8, $8) RETURNING id",
            h.site_id, h.visit_id, h.lane_id, h.reason, h.note, h.held_at, h.held_by, now)
        ->i64(0);
}

bool update_hold(db::Conn& c, const Hold& h, int64_t expected_version, EpochMs now) {
    return c.exec(
               "UPDATE parking_holds SET status = $1, verified_by = $2, verification_note = $3,"
               " licence_file_id = $4, id_file_id = $5, statement_file_id = $6, released_at = $7,"
               " version = version + 1, updated_at = $8 WHERE id = $9 AND version = $10",
               h.status, h.verified_by, h.verification_note, h.licence_file_id, h.id_file_id, h.statement_file_id,
               h.released_at, now, h.id, expected_version) == 1;
}

std::optional<Hold> get_hold(db::Conn& c, int64_t id) {
    auto v = holds(c, " WHERE h.id = $1", {id});
    if (v.empty()) return std::nullopt;
    return std::move(v.front());
}

std::optional<Hold> open_hold_of_visit(db::Conn& c, int64_t visit_id) {
    auto v = holds(c, " WHERE h.visit_id = $1 AND h.status = 'held' ORDER BY h.id DESC", {visit_id});
    if (v.empty()) return std::nullopt;
    return std::move(v.front());
}

std::optional<Hold> last_hold_of_visit(db::Conn& c, int64_t visit_id) {
    auto v = holds(c, " WHERE h.visit_id = $1 ORDER BY h.id DESC LIMIT 1", {visit_id});
    if (v.empty()) return std::nullopt;
    return std::move(v.front());
}

std::vector<Hold> list_holds(db::Conn& c, int64_t site_id, const std::string& status, int64_t before_id, int limit) {
    db::Filter f;
    f.where("h.site_id = ?", site_id);
    if (!status.empty()) f.where("h.status = ?", status);
    if (before_id > 0) f.where("h.id < ?", before_id);
    std::string where = f.sql() + " ORDER BY h.id DESC LIMIT " + f.param(int64_t{limit});
    return holds(c, where, f.params());
}

std::vector<Hold> holds_between(db::Conn& c, int64_t site_id, EpochMs from, EpochMs to) {
    // A hold still open from an earlier shift belongs on this one too: the team lead hands it on.
    return holds(c,
                 " WHERE h.site_id = $1 AND ((h.held_at >= $2 AND h.held_at < $3) OR"
                 " (h.held_at < $2 AND (h.released_at IS NULL OR h.released_at >= $2))) ORDER BY h.id",
                 {site_id, from, to});
}

int64_t insert_escalation(db::Conn& c, int64_t hold_id, int64_t site_id, const Escalation& e) {
    return c
        .one(
            "INSERT INTO parking_hold_escalations (hold_id, site_id, escalated_to, note, at, by_user)"
            " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            hold_id, site_id, e.escalated_to, e.note, e.at, e.by_user)
        ->i64(0);
}

std::vector<Escalation> escalations_of(db::Conn& c, int64_t hold_id) {
    std::vector<Escalation> out;
    c.each(
        "SELECT e.id, e.escalated_to, e.note, e.at, e.by_user, COALESCE(u.name, '') FROM parking_hold_escalations e"
        " LEFT JOIN users u ON u.id = e.by_user WHERE e.hold_id = $1 ORDER BY e.id",
        std::vector<db::Value>{hold_id}, [&](const db::Row& r) {
            Cols c{r};
            Escalation e;
            e.id = c.i64();
            e.escalated_to = c.str();
            e.note = c.str();
            e.at = c.i64();
            e.by_user = c.i64();
            e.by_name = c.str();
            out.push_back(std::move(e));
        });
    return out;
}

}  // namespace propdesk::parking::store
