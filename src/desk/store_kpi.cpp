#include "desk/kpi.hpp"
#include "desk/store.hpp"

namespace propdesk::desk::store {

std::vector<kpi::Row> kpi_rows(db::Conn& c, int64_t site_id, EpochMs from, EpochMs to, EpochMs now) {
    std::vector<kpi::Row> out;
    auto s = [](const char* cond, const char* value) {
        return std::string("COALESCE(SUM(CASE WHEN ") + cond + " THEN " + value + " ELSE 0 END), 0)";
    };
    std::string sql =
        "SELECT department_id, recorded_by, (created_at - $2) / 86400000, COUNT(*), " +
        s("category = 'complaint'", "1") + ", " +
        s("category = 'complaint' AND (handled_at IS NOT NULL OR due_at <= $4)", "1") + ", " +
        s("category = 'complaint' AND handled_on_time = 1", "1") + ", " +
        s("dispatched_at IS NOT NULL", "dispatched_at - created_at") + ", " + s("dispatched_at IS NOT NULL", "1") +
        ", " + s("accepted_at IS NOT NULL AND dispatched_at IS NOT NULL", "accepted_at - dispatched_at") + ", " +
        s("accepted_at IS NOT NULL AND dispatched_at IS NOT NULL", "1") + ", " +
        s("completed_at IS NOT NULL AND accepted_at IS NOT NULL", "completed_at - accepted_at") + ", " +
        s("completed_at IS NOT NULL AND accepted_at IS NOT NULL", "1") + ", " +
        s("return_visited_at IS NOT NULL AND completed_at IS NOT NULL", "return_visited_at - completed_at") + ", " +
        s("return_visited_at IS NOT NULL AND completed_at IS NOT NULL", "1") + ", " +
        s("replied_at IS NOT NULL", "replied_at - created_at") + ", " + s("replied_at IS NOT NULL", "1") + ", " +
        s("archived_at IS NOT NULL", "archived_at - created_at") + ", " + s("archived_at IS NOT NULL", "1") +
        " FROM cases WHERE site_id = $1 AND created_at >= $2 AND created_at < $3"
        " GROUP BY department_id, recorded_by, (created_at - $2) / 86400000";
    for (const auto& r : c.query(sql, site_id, from, to, now).rows) {
        kpi::Row row;
        row.department_id = r.opt_i64(0);
        row.staff_id = r.i64(1);
        row.day = r.i64(2);
        auto& k = row.counts;
        k.cases = r.i64(3);
        k.complaints = r.i64(4);
        k.complaints_due = r.i64(5);
        k.complaints_on_time = r.i64(6);
        k.dispatch_ms = r.i64(7);
        k.dispatch_n = r.i64(8);
        k.accept_ms = r.i64(9);
        k.accept_n = r.i64(10);
        k.complete_ms = r.i64(11);
        k.complete_n = r.i64(12);
        k.visit_ms = r.i64(13);
        k.visit_n = r.i64(14);
        k.reply_ms = r.i64(15);
        k.reply_n = r.i64(16);
        k.archive_ms = r.i64(17);
        k.archive_n = r.i64(18);
        out.push_back(row);
    }
    auto visits = c.query(
        "SELECT c.department_id, c.recorded_by, (v.due_at - $2) / 86400000, COUNT(*),"
        " COALESCE(SUM(CASE WHEN v.status = 'done' THEN 1 ELSE 0 END), 0)"
        " FROM return_visits v JOIN cases c ON c.id = v.case_id"
        " WHERE v.site_id = $1 AND v.due_at >= $2 AND v.due_at < $3 AND v.status <> 'cancelled'"
        " AND (v.due_at <= $4 OR v.status = 'done')"
        " GROUP BY c.department_id, c.recorded_by, (v.due_at - $2) / 86400000",
        site_id, from, to, now);
    for (const auto& r : visits.rows) {
        kpi::Row row;
        row.department_id = r.opt_i64(0);
        row.staff_id = r.i64(1);
        row.day = r.i64(2);
        row.counts.visits_due = r.i64(3);
        row.counts.visits_done = r.i64(4);
        out.push_back(row);
    }
    return out;
}

std::vector<Breach> kpi_breaches(db::Conn& c, int64_t site_id, EpochMs from, EpochMs to, EpochMs now, int limit) {
    std::vector<Breach> out;
    auto complaints = c.query(
        "SELECT c.id, c.category, c.caller_name, COALESCE(d.name, ''), COALESCE(us.name, ''), c.due_at, c.handled_at"
        " FROM cases c LEFT JOIN departments d ON d.id = c.department_id LEFT JOIN users us ON us.id = c.recorded_by"
        " WHERE c.site_id = $1 AND c.created_at >= $2 AND c.created_at < $3 AND c.category = 'complaint'"
        " AND (c.handled_on_time = 0 OR (c.handled_at IS NULL AND c.due_at <= $4)) ORDER BY c.id LIMIT $5",
        site_id, from, to, now, limit);
    for (const auto& r : complaints.rows)
        out.push_back({r.is_null(6) ? "complaint_overdue" : "complaint_late", r.i64(0), r.str(1), r.str(2), r.str(3),
                       r.str(4), r.i64(5), r.opt_i64(6)});
    auto visits = c.query(
        "SELECT c.id, c.category, c.caller_name, COALESCE(d.name, ''), COALESCE(us.name, ''), v.due_at"
        " FROM return_visits v JOIN cases c ON c.id = v.case_id LEFT JOIN departments d ON d.id = c.department_id"
        " LEFT JOIN users us ON us.id = c.recorded_by WHERE v.site_id = $1 AND v.due_at >= $2 AND v.due_at < $3"
        " AND v.due_at <= $4 AND v.status IN ('pending', 'escalated') ORDER BY v.id LIMIT $5",
        site_id, from, to, now, limit);
    for (const auto& r : visits.rows)
        out.push_back({"return_visit_missed", r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.i64(5), std::nullopt});
    return out;
}

std::vector<std::pair<int64_t, std::string>> department_names(db::Conn& c, int64_t site_id) {
    std::vector<std::pair<int64_t, std::string>> out;
    for (const auto& r : c.query("SELECT id, name FROM departments WHERE site_id = $1 ORDER BY id", site_id).rows)
        out.emplace_back(r.i64(0), r.str(1));
    return out;
}

std::vector<std::pair<int64_t, std::string>> user_names(db::Conn& c, const std::vector<int64_t>& ids) {
    std::vector<std::pair<int64_t, std::string>> out;
    for (int64_t id : ids)
        if (auto r = c.one("SELECT name FROM users WHERE id = $1", id)) out.emplace_back(id, r->str(0));
    return out;
}

}  // namespace propdesk::desk::store
