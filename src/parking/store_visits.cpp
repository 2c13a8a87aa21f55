// Stays: the lines of 車輛出入登記表 (PK-3, PK-5, PK-6) and the cash behind a handover (PK-11).
#include <string>

#include "parking/rules.hpp"
#include "parking/store.hpp"
#include "platform/db/cols.hpp"
#include "platform/db/query_builder.hpp"

namespace propdesk::parking::store {
namespace {

using db::Cols;

const std::string kVisitColumns =
    "SELECT v.id, v.site_id, v.lot_id, v.plate, v.plate_key, v.status, v.category, v.card_id, v.pass_no,"
    " v.pass_returned, v.entry_lane_id, v.entry_at, v.entry_method, v.entry_by, v.damage_note, v.goods_checked,"
    " v.goods_flag, v.refusal_reason, v.exit_lane_id, v.exit_at, v.exit_method, v.exit_by, v.charged_as,"
    " v.visitor_reason, v.tariff_id, v.fee_cents, v.paid_cents, v.payment_method, v.payment_ref, v.paid_at,"
    " v.paid_by, v.receipt_no, v.free_category, v.approved_by, v.remarks, v.version, v.created_at,"
    " v.pass_lost_note, v.received_cents, v.change_cents, v.payment_scheme";

const std::string kVisitSelect =
    kVisitColumns +
    ", COALESCE(el.name, ''), COALESCE(xl.name, ''), COALESCE(k.card_no, ''), COALESCE(eb.name, ''),"
    " COALESCE(xb.name, ''), COALESCE(pb.name, ''), COALESCE(ab.name, '')"
    " FROM parking_visits v LEFT JOIN parking_lanes el ON el.id = v.entry_lane_id"
    " LEFT JOIN parking_lanes xl ON xl.id = v.exit_lane_id LEFT JOIN parking_cards k ON k.id = v.card_id"
    " LEFT JOIN users eb ON eb.id = v.entry_by LEFT JOIN users xb ON xb.id = v.exit_by"
    " LEFT JOIN users pb ON pb.id = v.paid_by LEFT JOIN users ab ON ab.id = v.approved_by";
// The gate decides on the stay alone; the names are for pages.
const std::string kVisitBare = kVisitColumns + ", '', '', '', '', '', '', '' FROM parking_visits v";

Visit visit_from(const db::Row& row) {
    Cols c{row};
    Visit v;
    v.id = c.i64();
    v.site_id = c.i64();
    v.lot_id = c.i64();
    v.plate = c.str();
    v.plate_key = c.str();
    v.status = c.str();
    v.category = c.str();
    v.card_id = c.opt();
    v.pass_no = c.opt_str();
    v.pass_returned = c.flag();
    v.entry_lane_id = c.opt();
    v.entry_at = c.opt();
    v.entry_method = c.str();
    v.entry_by = c.opt();
    v.damage_note = c.str();
    v.goods_checked = c.flag();
    v.goods_flag = c.str();
    v.refusal_reason = c.str();
    v.exit_lane_id = c.opt();
    v.exit_at = c.opt();
    v.exit_method = c.str();
    v.exit_by = c.opt();
    v.charged_as = c.str();
    v.visitor_reason = c.str();
    v.tariff_id = c.opt();
    v.fee_cents = c.i64();
    v.paid_cents = c.i64();
    v.payment_method = c.opt_str();
    v.payment_ref = c.str();
    v.paid_at = c.opt();
    v.paid_by = c.opt();
    v.receipt_no = c.opt_str();
    v.free_category = c.opt_str();
    v.approved_by = c.opt();
    v.remarks = c.str();
    v.version = c.i64();
    v.created_at = c.i64();
    v.pass_lost_note = c.str();
    v.received_cents = c.i64();
    v.change_cents = c.i64();
    v.payment_scheme = c.str();
    v.entry_lane_name = c.str();
    v.exit_lane_name = c.str();
    v.card_no = c.str();
    v.entry_by_name = c.str();
    v.exit_by_name = c.str();
    v.paid_by_name = c.str();
    v.approved_by_name = c.str();
    return v;
}

std::optional<Visit> one_visit(db::Conn& c,
                               const std::string& where,
                               const std::vector<db::Value>& params,
                               const std::string& select = kVisitSelect) {
    auto r = c.run(select + where, params);
    if (r.rows.empty()) return std::nullopt;
    return visit_from(r.rows.front());
}

}  // namespace

int64_t insert_visit(db::Conn& c, const Visit& v, EpochMs now) {
    return c
        .one(
            "INSERT INTO parking_visits (site_id, lot_id, plate, plate_key, status, category, card_id, pass_no,"
            " pass_returned, entry_lane_id, entry_at, entry_method, entry_by, damage_note, goods_checked, goods_flag,"
            " refusal_reason, exit_lane_id, exit_at, exit_method, exit_by, charged_as, visitor_reason, tariff_id,"
            " fee_cents, paid_cents, payment_method, payment_ref, paid_at, paid_by, receipt_no, free_category,"
            " approved_by, remarks, pass_lost_note, received_cents, change_cents, payment_scheme, version, created_at,"
            " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,"
            " $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, 1,"
            " $39, $39) RETURNING id",
            v.site_id, v.lot_id, v.plate, rules::plate_key(v.plate), v.status, v.category, v.card_id, v.pass_no,
            v.pass_returned, v.entry_lane_id, v.entry_at, v.entry_method, v.entry_by, v.damage_note, v.goods_checked,
            v.goods_flag, v.refusal_reason, v.exit_lane_id, v.exit_at, v.exit_method, v.exit_by, v.charged_as,
            v.visitor_reason, v.tariff_id, v.fee_cents, v.paid_cents, v.payment_method, v.payment_ref, v.paid_at,
            v.paid_by, v.receipt_no, v.free_category, v.approved_by, v.remarks, v.pass_lost_note, v.received_cents,
            v.change_cents, v.payment_scheme, now)
        ->i64(0);
}

bool update_visit(db::Conn& c, const Visit& v, int64_t expected_version, EpochMs now) {
    std::vector<db::Value> p{v.status,
                             db::Conn::to_value(v.card_id),
                             db::Conn::to_value(v.pass_no),
                             v.pass_returned,
                             db::Conn::to_value(v.entry_lane_id),
                             db::Conn::to_value(v.entry_at),
                             v.entry_method,
                             db::Conn::to_value(v.entry_by),
                             v.damage_note,
                             v.goods_checked,
                             v.goods_flag,
                             v.refusal_reason,
                             db::Conn::to_value(v.exit_lane_id),
                             db::Conn::to_value(v.exit_at),
                             v.exit_method,
                             db::Conn::to_value(v.exit_by),
                             v.charged_as,
                             v.visitor_reason,
                             db::Conn::to_value(v.tariff_id),
                             v.fee_cents,
                             v.paid_cents,
                             db::Conn::to_value(v.payment_method),
                             v.payment_ref,
                             db::Conn::to_value(v.paid_at),
                             db::Conn::to_value(v.paid_by),
                             db::Conn::to_value(v.receipt_no),
                             db::Conn::to_value(v.free_category),
                             db::Conn::to_value(v.approved_by),
                             v.remarks,
                             v.pass_lost_note,
                             v.received_cents,
                             v.change_cents,
                             v.payment_scheme,
                             now,
                             v.id,
                             expected_version};
    return c.run(
                "UPDATE parking_visits SET status = $1, card_id = $2, pass_no = $3, pass_returned = $4,"
                " entry_lane_id = $5, entry_at = $6, entry_method = $7, entry_by = $8, damage_note = $9,"
                " goods_checked = $10, goods_flag = $11, refusal_reason = $12, exit_lane_id = $13, exit_at = $14,"
                " exit_method = $15, exit_by = $16, charged_as = $17, visitor_reason = $18, tariff_id = $19,"
                " fee_cents = $20, paid_cents = $21, payment_method = $22, payment_ref = $23, paid_at = $24,"
                " paid_by = $25, receipt_no = $26, free_category = $27, approved_by = $28, remarks = $29,"
                " pass_lost_note = $30, received_cents = $31, change_cents = $32, payment_scheme = $33,"
                " version = version + 1, updated_at = $34 WHERE id = $35 AND version = $36",
                p)
               .affected == 1;
}

void set_pass_no(db::Conn& c, int64_t id, const std::string& pass_no) {
    c.exec("UPDATE parking_visits SET pass_no = $1 WHERE id = $2", pass_no, id);
}

std::optional<Visit> get_visit(db::Conn& c, int64_t id) {
    return one_visit(c, " WHERE v.id = $1", {id});
}

std::optional<Visit> open_visit(db::Conn& c, int64_t site_id, const std::string& plate_key) {
    // A stay the camera let out offline with its fee due has its exit time: the car is gone (PK-7).
    return one_visit(c,
                     " WHERE v.site_id = $1 AND v.plate_key = $2 AND v.status IN ('inside', 'exiting', 'held')"
                     " AND v.exit_at IS NULL",
                     {site_id, plate_key}, kVisitBare);
}

std::optional<Visit> waiting_at_lane(db::Conn& c, int64_t site_id, int64_t lane_id) {
    // The open-stays index's own condition, so the search stays within the cars now inside.
    return one_visit(c,
                     " WHERE v.site_id = $1 AND v.status IN ('inside', 'exiting', 'held') AND v.exit_at IS NULL"
                     " AND v.status <> 'inside' AND v.exit_lane_id = $2"
                     " ORDER BY CASE v.status WHEN 'held' THEN 0 ELSE 1 END, v.id LIMIT 1",
                     {site_id, lane_id}, kVisitBare);
}

std::vector<Visit> list_visits(db::Conn& c, const VisitQuery& q) {
    db::Filter f;
    f.where("v.site_id = ?", q.site_id);
    if (!q.plate_key.empty()) f.where("v.plate_key LIKE ?", q.plate_key + "%");
    if (q.from) {
        std::string p = f.param(*q.from);
        f.where("(v.entry_at >= " + p + " OR v.exit_at >= " + p + ")");
    }
    if (q.to) {
        std::string p = f.param(*q.to);
        f.where("(v.entry_at < " + p + " OR (v.entry_at IS NULL AND v.exit_at < " + p + "))");
    }
    if (q.lane_id) {
        std::string p = f.param(*q.lane_id);
        f.where("(v.entry_lane_id = " + p + " OR v.exit_lane_id = " + p + ")");
    }
    if (!q.card_no.empty()) f.where("k.card_no = ?", q.card_no);
    f.where_in("v.category", q.categories);
    f.where_in("v.status", q.statuses);
    if (q.attendant_id) {
        std::string p = f.param(*q.attendant_id);
        f.where("(v.entry_by = " + p + " OR v.exit_by = " + p + " OR v.paid_by = " + p + ")");
    }
    if (q.before_id > 0) f.where("v.id < ?", q.before_id);
    std::string sql = kVisitSelect + f.sql() + " ORDER BY v.id DESC LIMIT " + f.param(int64_t{q.limit});
    std::vector<Visit> out;
    c.each(sql, f.params(), [&](const db::Row& r) { out.push_back(visit_from(r)); });
    return out;
}

std::vector<Visit> cash_at_lanes(
    db::Conn& c, int64_t site_id, const std::vector<int64_t>& lane_ids, EpochMs from, EpochMs to) {
    db::Filter f;
    f.where("v.site_id = ?", site_id);
    f.where("v.payment_method = 'cash'");
    f.where("v.paid_at >= ?", from);
    f.where("v.paid_at < ?", to);
    std::vector<Visit> out;
    if (lane_ids.empty()) return out;
    f.where_in("v.exit_lane_id", lane_ids);
    c.each(kVisitSelect + f.sql() + " ORDER BY v.paid_at, v.id", f.params(),
           [&](const db::Row& r) { out.push_back(visit_from(r)); });
    return out;
}

void insert_orphan_exit(db::Conn& c, const Lane& lane, const std::string& plate, EpochMs exit_at, EpochMs now) {
    c.exec(
        "INSERT INTO parking_orphan_exits (site_id, lot_id, lane_id, plate, plate_key, exit_at, created_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7)",
        lane.site_id, lane.lot_id, lane.id, plate, rules::plate_key(plate), exit_at, now);
}

std::optional<OrphanExit> orphan_exit_after(db::Conn& c, int64_t site_id, const std::string& plate_key, EpochMs at) {
    auto r = c.one(
        "SELECT id, lane_id, exit_at FROM parking_orphan_exits WHERE site_id = $1 AND plate_key = $2"
        " AND visit_id IS NULL AND exit_at >= $3 ORDER BY exit_at, id LIMIT 1",
        site_id, plate_key, at);
    if (!r) return std::nullopt;
    return OrphanExit{r->i64(0), r->i64(1), r->i64(2)};
}

void match_orphan_exit(db::Conn& c, int64_t orphan_id, int64_t visit_id) {
    c.exec("UPDATE parking_orphan_exits SET visit_id = $1 WHERE id = $2", visit_id, orphan_id);
}

std::optional<Visit> exit_unknown_stay(db::Conn& c, int64_t site_id, const std::string& plate_key, EpochMs at) {
    return one_visit(c,
                     " WHERE v.site_id = $1 AND v.plate_key = $2 AND v.status = 'exited' AND v.exit_at IS NULL"
                     " AND v.entry_at IS NOT NULL AND v.entry_at <= $3 ORDER BY v.entry_at DESC LIMIT 1",
                     {site_id, plate_key, at}, kVisitBare);
}

int64_t inside_count(db::Conn& c, int64_t lot_id) {
    // Through the site's open stays (parking_visits_open): no index of its own to write at every
    // entry and exit.
    return c
        .one(
            "SELECT COUNT(*) FROM parking_visits v JOIN parking_lots l ON l.id = $1 WHERE v.site_id = l.site_id"
            " AND v.status IN ('inside', 'exiting', 'held') AND v.exit_at IS NULL AND v.lot_id = $1"
            " AND v.entry_at IS NOT NULL",
            lot_id)
        ->i64(0);
}

}  // namespace propdesk::parking::store
