#include "desk/kpi.hpp"
#include "desk/rules.hpp"
#include "desk/store.hpp"

namespace propdesk::desk::store {

std::vector<kpi::Row> kpi_rows(db::Conn& c, int64_t site_id, const std::vector<EpochMs>& day_starts, EpochMs now) {
    const EpochMs from = day_starts.front(), to = day_starts.back();
    kpi::Accumulator acc(day_starts);
    // Read from the covering index cases_site_created alone and added up here: cheaper than
    // eighteen CASE sums and a GROUP BY in SQL (bench/RESULTS.md).
    c.each(
        "SELECT category, department_id, recorded_by, created_at, due_at, handled_at, handled_on_time, dispatched_at,"
        " accepted_at, completed_at, return_visited_at, replied_at, archived_at, target_due_at, status FROM cases"
        " WHERE site_id = $1 AND created_at >= $2 AND created_at < $3",
        std::vector<db::Value>{site_id, from, to}, [&](const db::Row& r) {
            kpi::CaseTimes t;
            t.complaint = std::get_if<std::string>(&r.at(0)) && std::get<std::string>(r.at(0)) == "complaint";
            t.created_at = r.i64(3);
            t.due_at = r.i64(4);
            t.handled_at = r.opt_i64(5);
            if (auto h = r.opt_i64(6)) t.handled_on_time = *h != 0;
            t.dispatched_at = r.opt_i64(7);
            t.accepted_at = r.opt_i64(8);
            t.completed_at = r.opt_i64(9);
            t.return_visited_at = r.opt_i64(10);
            t.replied_at = r.opt_i64(11);
            t.archived_at = r.opt_i64(12);
            t.target_due_at = r.i64(13);
            t.status = r.str(14);
            acc.add(r.opt_i64(1), r.i64(2), t.created_at, kpi::of_case(t, now));
        });
    // A return visit counts in the period where it fell due, or where it was made if that was
    // earlier (a call made today for a visit due tomorrow counts today): two disjoint ranges.
    auto visit = [&](const db::Row& r) {
        EpochMs due = r.i64(2);
        bool done = std::get_if<std::string>(&r.at(3)) && std::get<std::string>(r.at(3)) == "done";
        auto done_at = r.opt_i64(4);
        EpochMs at = done && done_at && *done_at < due ? *done_at : due;
        if (at < from || at >= to) return;
        auto counts = kpi::of_visit(due, done, now);
        if (counts.visits_due || counts.visits_done) acc.add(r.opt_i64(0), r.i64(1), at, counts);
    };
    const std::string visits =
        "SELECT c.department_id, c.recorded_by, v.due_at, v.status, v.done_at FROM return_visits v"
        " JOIN cases c ON c.id = v.case_id WHERE v.site_id = $1 AND v.status <> 'cancelled' AND ";
    c.each(visits + "v.due_at >= $2 AND v.due_at < $3", std::vector<db::Value>{site_id, from, to}, visit);
    c.each(visits + "v.done_at >= $2 AND v.done_at < $3 AND v.due_at >= $3", std::vector<db::Value>{site_id, from, to},
           visit);
    return acc.rows();
}

std::vector<Breach> kpi_breaches(db::Conn& c, int64_t site_id, EpochMs from, EpochMs to, EpochMs now, int limit) {
    std::vector<Breach> out;
    // Late (a completion or reply past the deadline it is judged by), or open now past it: never
    // handled, or reopened and not finished in time (rules::on_time).
    auto complaints = c.query(
        "SELECT c.id, c.category, c.caller_name, COALESCE(d.name, ''), COALESCE(us.name, ''), c.target_due_at,"
        " c.handled_at, c.status FROM cases c LEFT JOIN departments d ON d.id = c.department_id"
        " LEFT JOIN users us ON us.id = c.recorded_by"
        " WHERE c.site_id = $1 AND c.created_at >= $2 AND c.created_at < $3 AND c.category = 'complaint'"
        " AND (c.handled_on_time = 0 OR (c.status IN ('recorded', 'dispatched', 'in_progress')"
        " AND c.target_due_at < $4)) ORDER BY c.id LIMIT $5",
        site_id, from, to, now, limit);
    for (const auto& r : complaints.rows)
        out.push_back({rules::is_open(r.str(7)) ? "complaint_overdue" : "complaint_late", r.i64(0), r.str(1), r.str(2),
                       r.str(3), r.str(4), r.i64(5), r.opt_i64(6)});
    auto visits = c.query(
        "SELECT c.id, c.category, c.caller_name, COALESCE(d.name, ''), COALESCE(us.name, ''), v.due_at"
        " FROM return_visits v JOIN cases c ON c.id = v.case_id LEFT JOIN departments d ON d.id = c.department_id"
        " LEFT JOIN users us ON us.id = c.recorded_by WHERE v.site_id = $1 AND v.due_at >= $2 AND v.due_at < $3"
        " AND v.due_at <= $4 AND v.status IN ('pending', 'escalated') ORDER BY v.id LIMIT $5",
        site_id, from, to, now, limit);
    for (const auto& r : visits.rows)
        out.push_back(
            {"return_visit_missed", r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.i64(5), std::nullopt});
    return out;
}

std::vector<std::pair<int64_t, std::string>> department_names(db::Conn& c, int64_t site_id) {
    std::vector<std::pair<int64_t, std::string>> out;
    for (const auto& r : c.query("SELECT id, name FROM departments WHERE site_id = $1 ORDER BY id", site_id).rows)
        out.emplace_back(r.i64(0), r.str(1));
    return out;
}

}  // namespace propdesk::desk::store
