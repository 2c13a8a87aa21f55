#include <string>

#include "platform/db/query_builder.hpp"
#include "repair/store.hpp"

namespace propdesk::repair::store {
namespace {

constexpr const char* kOrderSelect =
    "SELECT w.id, w.site_id, w.number, w.title, w.location, w.instructions, w.issued_by, COALESCE(ib.name, ''),"
    " w.issued_at, w.technician_id, COALESCE(t.name, ''), w.due_at, w.status, w.report, w.reported_at,"
    " w.return_reason, w.returned_count, w.inspection_note, w.accepted_by, COALESCE(ab.name, ''), w.accepted_at,"
    " w.signature_file_id, w.archived_at, w.version, w.created_at, w.updated_at FROM work_orders w"
    " LEFT JOIN users ib ON ib.id = w.issued_by LEFT JOIN users t ON t.id = w.technician_id"
    " LEFT JOIN users ab ON ab.id = w.accepted_by";

WorkOrder order_from(const db::Row& r) {
    WorkOrder w;
    w.id = r.i64(0);
    w.site_id = r.i64(1);
    w.number = r.str(2);
    w.title = r.str(3);
    w.location = r.str(4);
    w.instructions = r.str(5);
    w.issued_by = r.i64(6);
    w.issued_by_name = r.str(7);
    w.issued_at = r.i64(8);
    w.technician_id = r.i64(9);
    w.technician_name = r.str(10);
    w.due_at = r.opt_i64(11);
    w.status = r.str(12);
    w.report = r.str(13);
    w.reported_at = r.opt_i64(14);
    w.return_reason = r.str(15);
    w.returned_count = r.i64(16);
    w.inspection_note = r.str(17);
    w.accepted_by = r.opt_i64(18);
    w.accepted_by_name = r.str(19);
    w.accepted_at = r.opt_i64(20);
    w.signature_file_id = r.opt_i64(21);
    w.archived_at = r.opt_i64(22);
    w.version = r.i64(23);
    w.created_at = r.i64(24);
    w.updated_at = r.i64(25);
    return w;
}

}  // namespace

int64_t insert_order(db::Conn& c, const WorkOrder& w, const std::string& search_text, EpochMs now) {
    return c
        .one(
            "INSERT INTO work_orders (site_id, number, title, location, instructions, issued_by, issued_at,"
            " technician_id, due_at, status, search_text, created_at, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
            w.site_id, w.number, w.title, w.location, w.instructions, w.issued_by, w.issued_at, w.technician_id,
            w.due_at, w.status, search_text, now)
        ->i64(0);
}

std::optional<WorkOrder> get_order(db::Conn& c, int64_t id) {
    auto r = c.one(std::string(kOrderSelect) + " WHERE w.id = $1", id);
    if (!r) return std::nullopt;
    return order_from(*r);
}

bool update_order(db::Conn& c, const WorkOrder& w, int64_t expected_version, EpochMs now) {
    return c.exec(
               "UPDATE work_orders SET status = $1, report = $2, reported_at = $3, return_reason = $4,"
               " returned_count = $5, inspection_note = $6, accepted_by = $7, accepted_at = $8,"
               " signature_file_id = $9, archived_at = $10, version = version + 1, updated_at = $11"
               " WHERE id = $12 AND version = $13",
               w.status, w.report, w.reported_at, w.return_reason, w.returned_count, w.inspection_note, w.accepted_by,
               w.accepted_at, w.signature_file_id, w.archived_at, now, w.id, expected_version) == 1;
}

std::vector<WorkOrder> list_orders(db::Conn& c, const OrderQuery& q) {
    db::Filter f;
    f.where("w.site_id = ?", q.site_id);
    f.where_in("w.status", q.statuses);
    if (q.technician_id) f.where("w.technician_id = ?", *q.technician_id);
    if (q.before_id > 0) f.where("w.id < ?", q.before_id);
    if (!q.q.empty()) f.contains("w.search_text", q.q);
    // The SQL first: its LIMIT parameter must be in f.params() before they are passed on.
    auto sql = std::string(kOrderSelect) + f.sql() + " ORDER BY w.id DESC LIMIT " + f.param(int64_t{q.limit});
    std::vector<WorkOrder> out;
    c.each(sql, f.params(), [&](const db::Row& r) { out.push_back(order_from(r)); });
    return out;
}

}  // namespace propdesk::repair::store
