// Who is on post at which lane, the shift handover register (FM-RW528) and the passes counted
// by the peak-hour view (PK-10, PK-11).
#include "parking/store.hpp"

namespace propdesk::parking::store {
namespace {

constexpr const char* kHandoverSelect =
    "SELECT h.id, h.site_id, h.shift_date, h.shift, h.post, h.period_start, h.period_end, h.handed_by, h.taken_by,"
    " h.duty_notes, h.radios, h.keys_count, h.batons, h.torches, h.tickets, h.cash_cents, h.system_cash_cents,"
    " h.difference_note, h.remarks, h.status, h.handed_at, h.taken_at, h.supervisor_id, h.signed_at, h.version,"
    " COALESCE(hb.name, ''), COALESCE(tb.name, ''), COALESCE(sv.name, '') FROM parking_handovers h"
    " LEFT JOIN users hb ON hb.id = h.handed_by LEFT JOIN users tb ON tb.id = h.taken_by"
    " LEFT JOIN users sv ON sv.id = h.supervisor_id";

Handover handover_from(const db::Row& r) {
    Handover h;
    h.id = r.i64(0);
    h.site_id = r.i64(1);
    h.shift_date = r.str(2);
    h.shift = r.str(3);
    h.post = r.str(4);
    h.period_start = r.i64(5);
    h.period_end = r.i64(6);
    h.handed_by = r.i64(7);
    h.taken_by = r.opt_i64(8);
    h.duty_notes = r.str(9);
    h.radios = r.i64(10);
    h.keys = r.i64(11);
    h.batons = r.i64(12);
    h.torches = r.i64(13);
    h.tickets = r.i64(14);
    h.cash_cents = r.i64(15);
    h.system_cash_cents = r.i64(16);
    h.difference_note = r.str(17);
    h.remarks = r.str(18);
    h.status = r.str(19);
    h.handed_at = r.i64(20);
    h.taken_at = r.opt_i64(21);
    h.supervisor_id = r.opt_i64(22);
    h.signed_at = r.opt_i64(23);
    h.version = r.i64(24);
    h.handed_by_name = r.str(25);
    h.taken_by_name = r.str(26);
    h.supervisor_name = r.str(27);
    return h;
}

}  // namespace

// One post at a time: taking a lane ends whatever post the attendant held before.
int64_t take_post(db::Conn& c, int64_t site_id, int64_t lane_id, int64_t user_id, EpochMs now) {
    leave_post(c, site_id, user_id, now);
    return c
        .one("INSERT INTO parking_posts (site_id, lane_id, user_id, started_at) VALUES ($1, $2, $3, $4) RETURNING id",
             site_id, lane_id, user_id, now)
        ->i64(0);
}

void leave_post(db::Conn& c, int64_t site_id, int64_t user_id, EpochMs now) {
    c.exec("UPDATE parking_posts SET ended_at = $1 WHERE site_id = $2 AND user_id = $3 AND ended_at IS NULL", now,
           site_id, user_id);
}

std::vector<Post> posts_on_duty(db::Conn& c, int64_t site_id) {
    std::vector<Post> out;
    c.each(
        "SELECT p.id, p.lane_id, p.user_id, u.name, l.name, p.started_at FROM parking_posts p"
        " JOIN users u ON u.id = p.user_id JOIN parking_lanes l ON l.id = p.lane_id"
        " WHERE p.site_id = $1 AND p.ended_at IS NULL ORDER BY p.lane_id, p.started_at, p.id",
        std::vector<db::Value>{site_id}, [&](const db::Row& r) {
            out.push_back(Post{r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), r.i64(5)});
        });
    return out;
}

int64_t insert_handover(db::Conn& c, const Handover& h, EpochMs now) {
    return c
        .one(
            "INSERT INTO parking_handovers (site_id, shift_date, shift, post, period_start, period_end, handed_by,"
            " duty_notes, radios, keys_count, batons, torches, tickets, cash_cents, system_cash_cents,"
            " difference_note, remarks, status, handed_at, version, created_at, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 1, $20,"
            " $20) RETURNING id",
            h.site_id, h.shift_date, h.shift, h.post, h.period_start, h.period_end, h.handed_by, h.duty_notes, h.radios,
            h.keys, h.batons, h.torches, h.tickets, h.cash_cents, h.system_cash_cents, h.difference_note, h.remarks,
            h.status, h.handed_at, now)
        ->i64(0);
}

// Only the steps after handing over change a record: taking over, then the supervisor's signature
// (with the system's cash recomputed and the difference explained).
bool update_handover(db::Conn& c, const Handover& h, int64_t expected_version, EpochMs now) {
    return c.exec(
               "UPDATE parking_handovers SET taken_by = $1, taken_at = $2, status = $3, supervisor_id = $4,"
               " signed_at = $5, system_cash_cents = $6, difference_note = $7, version = version + 1,"
               " updated_at = $8 WHERE id = $9 AND version = $10",
               h.taken_by, h.taken_at, h.status, h.supervisor_id, h.signed_at, h.system_cash_cents, h.difference_note,
               now, h.id, expected_version) == 1;
}

std::optional<Handover> get_handover(db::Conn& c, int64_t id) {
    auto r = c.one(std::string(kHandoverSelect) + " WHERE h.id = $1", id);
    if (!r) return std::nullopt;
    return handover_from(*r);
}

std::optional<Handover> handover_of(
    db::Conn& c, int64_t site_id, const std::string& shift_date, const std::string& shift, const std::string& post) {
    auto r = c.one(std::string(kHandoverSelect) +
                       " WHERE h.site_id = $1 AND h.shift_date = $2 AND h.shift = $3"
                       " AND h.post = $4",
                   site_id, shift_date, shift, post);
    if (!r) return std::nullopt;
    return handover_from(*r);
}

std::vector<Handover> list_handovers(db::Conn& c, int64_t site_id, int64_t before_id, int limit) {
    std::vector<Handover> out;
    std::vector<db::Value> params{site_id};
    std::string sql = std::string(kHandoverSelect) + " WHERE h.site_id = $1";
    if (before_id > 0) {
        params.emplace_back(before_id);
        sql += " AND h.id < $2";
    }
    params.emplace_back(int64_t{limit});
    sql += " ORDER BY h.id DESC LIMIT $" + std::to_string(params.size());
    c.each(sql, params, [&](const db::Row& r) { out.push_back(handover_from(r)); });
    return out;
}

// A refused car never passed the barrier, so it is not counted as an entry.
std::vector<LanePass> lane_passes(db::Conn& c, int64_t site_id, EpochMs from, EpochMs to) {
    std::vector<LanePass> out;
    c.each(
        "SELECT entry_lane_id, entry_at FROM parking_visits WHERE site_id = $1 AND entry_at >= $2 AND entry_at < $3"
        " AND entry_lane_id IS NOT NULL AND status <> 'refused'"
        " UNION ALL SELECT exit_lane_id, exit_at FROM parking_visits WHERE site_id = $1 AND exit_at >= $2"
        " AND exit_at < $3 AND exit_lane_id IS NOT NULL",
        std::vector<db::Value>{site_id, from, to}, [&](const db::Row& r) {
            out.push_back(LanePass{r.i64(0), r.i64(1)});
        });
    return out;
}

}  // namespace propdesk::parking::store

namespace propdesk::parking::store {

std::optional<Post> post_by_id(db::Conn& c, int64_t site_id, int64_t post_id) {
    for (auto& p : posts_on_duty(c, site_id))
        if (p.id == post_id) return p;
    return std::nullopt;
}

void end_post(db::Conn& c, int64_t post_id, EpochMs now) {
    c.exec("UPDATE parking_posts SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL", now, post_id);
}

bool note_peak_alert(db::Conn& c, int64_t lane_id, EpochMs hour_start, int64_t passes, int64_t on_post, EpochMs now) {
    return c.exec(
               "INSERT INTO parking_peak_alerts (lane_id, hour_start, passes, on_post, created_at)"
               " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
               lane_id, hour_start, passes, on_post, now) == 1;
}

}  // namespace propdesk::parking::store
