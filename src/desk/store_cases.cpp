#include <string>

#include "desk/rules.hpp"
#include "desk/store.hpp"
#include "platform/db/query_builder.hpp"

namespace propdesk::desk::store {
namespace {

constexpr const char* kCaseSelect =
    "SELECT c.id, c.site_id, c.channel, c.category, c.unit_id, COALESCE(b.name || ' ' || u.number, ''),"
    " c.resident_id, c.caller_name, c.caller_phone, c.content, c.status, c.department_id, COALESCE(d.name, ''),"
    " c.due_at, c.overdue_at, c.escalated_at, c.responsibility, c.reply, c.feedback, c.repair_request_id,"
    " c.reopen_count, c.recorded_by, COALESCE(us.name, ''), c.read_back_at, c.dispatched_at, c.accepted_at,"
    " c.completed_at, c.return_visited_at, c.replied_at, c.archived_at, c.handled_at, c.handled_on_time,"
    " c.version, c.created_at, c.updated_at, c.target_due_at,"
    // FD-C: the reason of the last unsatisfied visit, looked up only for a case ever reopened.
    " CASE WHEN c.reopen_count > 0 THEN COALESCE((SELECT rv.note FROM return_visits rv WHERE rv.case_id = c.id"
    " AND rv.outcome = 'not_satisfied' ORDER BY rv.id DESC LIMIT 1), '') ELSE '' END"
    " FROM cases c LEFT JOIN units u ON u.id = c.unit_id LEFT JOIN buildings b ON b.id = u.building_id"
    " LEFT JOIN departments d ON d.id = c.department_id LEFT JOIN users us ON us.id = c.recorded_by";

Case case_from(const db::Row& r) {
    Case v;
    v.id = r.i64(0);
    v.site_id = r.i64(1);
    v.channel = r.str(2);
    v.category = r.str(3);
    v.unit_id = r.opt_i64(4);
    v.unit_label = r.str(5);
    v.resident_id = r.opt_i64(6);
    v.caller_name = r.str(7);
    v.caller_phone = r.str(8);
    v.content = r.str(9);
    v.status = r.str(10);
    v.department_id = r.opt_i64(11);
    v.department_name = r.str(12);
    v.due_at = r.i64(13);
    v.overdue_at = r.opt_i64(14);
    v.escalated_at = r.opt_i64(15);
    v.responsibility = r.opt_str(16);
    v.reply = r.str(17);
    v.feedback = r.str(18);
    v.repair_request_id = r.opt_i64(19);
    v.reopen_count = r.i64(20);
    v.recorded_by = r.i64(21);
    v.recorded_by_name = r.str(22);
    v.read_back_at = r.i64(23);
    v.dispatched_at = r.opt_i64(24);
    v.accepted_at = r.opt_i64(25);
    v.completed_at = r.opt_i64(26);
    v.return_visited_at = r.opt_i64(27);
    v.replied_at = r.opt_i64(28);
    v.archived_at = r.opt_i64(29);
    v.handled_at = r.opt_i64(30);
    if (auto h = r.opt_i64(31)) v.handled_on_time = *h != 0;
    v.version = r.i64(32);
    v.created_at = r.i64(33);
    v.updated_at = r.i64(34);
    v.target_due_at = r.i64(35);
    v.reopen_reason = r.str(36);
    return v;
}

std::optional<int64_t> opt_bool(const std::optional<bool>& b) {
    if (!b) return std::nullopt;
    return *b ? 1 : 0;
}

constexpr const char* kVisitSelect =
    "SELECT v.id, v.case_id, v.site_id, v.status, v.due_at, v.attempts, v.outcome, v.note, v.done_by,"
    " COALESCE(us.name, ''), v.done_at, v.escalated_at, v.version, v.created_at, v.updated_at, c.category,"
    " c.caller_name, COALESCE(b.name || ' ' || u.number, ''), v.overdue_at, c.caller_phone"
    " FROM return_visits v JOIN cases c ON c.id = v.case_id LEFT JOIN users us ON us.id = v.done_by"
    " LEFT JOIN units u ON u.id = c.unit_id LEFT JOIN buildings b ON b.id = u.building_id";

ReturnVisit visit_from(const db::Row& r) {
    ReturnVisit v;
    v.id = r.i64(0);
    v.case_id = r.i64(1);
    v.site_id = r.i64(2);
    v.status = r.str(3);
    v.due_at = r.i64(4);
    v.attempts = r.i64(5);
    v.outcome = r.opt_str(6);
    v.note = r.str(7);
    v.done_by = r.opt_i64(8);
    v.done_by_name = r.str(9);
    v.done_at = r.opt_i64(10);
    v.escalated_at = r.opt_i64(11);
    v.version = r.i64(12);
    v.created_at = r.i64(13);
    v.updated_at = r.i64(14);
    v.case_category = r.str(15);
    v.caller_name = r.str(16);
    v.unit_label = r.str(17);
    v.overdue_at = r.opt_i64(18);
    v.caller_phone = r.str(19);
    return v;
}

}  // namespace

Policy get_policy(db::Conn& c, int64_t site_id) {
    Policy p;
    p.site_id = site_id;
    auto r = c.one(
        "SELECT return_visit_hours, max_unreachable, inquiry_hours, repair_hours, complaint_hours,"
        " suggestion_hours, praise_hours, other_hours, version, updated_at FROM desk_policies WHERE site_id = $1",
        site_id);
    if (!r) return p;
    p.return_visit_hours = r->i64(0);
    p.max_unreachable = r->i64(1);
    p.inquiry_hours = r->i64(2);
    p.repair_hours = r->i64(3);
    p.complaint_hours = r->i64(4);
    p.suggestion_hours = r->i64(5);
    p.praise_hours = r->i64(6);
    p.other_hours = r->i64(7);
    p.version = r->i64(8);
    p.updated_at = r->i64(9);
    return p;
}

bool save_policy(db::Conn& c, const Policy& p, int64_t expected_version, EpochMs now) {
    if (expected_version == 0) {  // the first save; one made meanwhile by someone else wins
        return c.exec(
                   "INSERT INTO desk_policies (site_id, return_visit_hours, max_unreachable, inquiry_hours,"
                   " repair_hours, complaint_hours, suggestion_hours, praise_hours, other_hours, version, created_at,"
                   " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10)"
                   " ON CONFLICT (site_id) DO NOTHING",
                   p.site_id, p.return_visit_hours, p.max_unreachable, p.inquiry_hours, p.repair_hours,
                   p.complaint_hours, p.suggestion_hours, p.praise_hours, p.other_hours, now) == 1;
    }
    return c.exec(
               "UPDATE desk_policies SET return_visit_hours = $1, max_unreachable = $2, inquiry_hours = $3,"
               " repair_hours = $4, complaint_hours = $5, suggestion_hours = $6, praise_hours = $7,"
               " other_hours = $8, version = version + 1, updated_at = $9 WHERE site_id = $10 AND version = $11",
               p.return_visit_hours, p.max_unreachable, p.inquiry_hours, p.repair_hours, p.complaint_hours,
               p.suggestion_hours, p.praise_hours, p.other_hours, now, p.site_id, expected_version) == 1;
}

std::optional<std::string> unit_label(db::Conn& c, int64_t site_id, int64_t unit_id) {
    auto r = c.one(
        "SELECT b.name || ' ' || u.number FROM units u JOIN buildings b ON b.id = u.building_id"
        " WHERE u.id = $1 AND u.site_id = $2",
        unit_id, site_id);
    if (!r) return std::nullopt;
    return r->str(0);
}

bool department_in_site(db::Conn& c, int64_t site_id, int64_t department_id) {
    return c.one("SELECT 1 FROM departments WHERE id = $1 AND site_id = $2", department_id, site_id).has_value();
}

std::optional<Caller> resident_caller(db::Conn& c, int64_t site_id, int64_t resident_id) {
    auto r = c.one("SELECT name, phones FROM residents WHERE id = $1 AND site_id = $2", resident_id, site_id);
    if (!r) return std::nullopt;
    std::string phones = r->str(1);
    return Caller{r->str(0), phones.substr(0, phones.find(','))};
}

int64_t insert_case(db::Conn& c, const Case& v, EpochMs now, std::optional<std::string> search_text) {
    if (!search_text) {
        Case labelled = v;
        if (v.unit_id && v.unit_label.empty()) labelled.unit_label = unit_label(c, v.site_id, *v.unit_id).value_or("");
        search_text = rules::search_text(labelled);
    }
    return c
        .one(
            "INSERT INTO cases (site_id, channel, category, unit_id, resident_id, caller_name, caller_phone, content,"
            " status, department_id, due_at, responsibility, recorded_by, read_back_at, search_text, created_at,"
            " updated_at, target_due_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
            " $16, $16, $17) RETURNING id",
            v.site_id, v.channel, v.category, v.unit_id, v.resident_id, v.caller_name, v.caller_phone, v.content,
            v.status, v.department_id, v.due_at, v.responsibility, v.recorded_by, v.read_back_at, *search_text, now,
            v.target_due_at ? v.target_due_at : v.due_at)
        ->i64(0);
}

std::optional<Case> get_case(db::Conn& c, int64_t id) {
    auto r = c.one(std::string(kCaseSelect) + " WHERE c.id = $1", id);
    if (!r) return std::nullopt;
    return case_from(*r);
}

bool update_case(db::Conn& c, const Case& v, int64_t expected_version, EpochMs now) {
    return c.exec(
               "UPDATE cases SET status = $1, department_id = $2, due_at = $3, overdue_at = $4, escalated_at = $5,"
               " responsibility = $6, reply = $7, feedback = $8, reopen_count = $9, dispatched_at = $10,"
               " accepted_at = $11, completed_at = $12, return_visited_at = $13, replied_at = $14,"
               " archived_at = $15, handled_at = $16, handled_on_time = $17, repair_request_id = $18,"
               " target_due_at = $19, version = version + 1, updated_at = $20 WHERE id = $21 AND version = $22",
               v.status, v.department_id, v.due_at, v.overdue_at, v.escalated_at, v.responsibility, v.reply, v.feedback,
               v.reopen_count, v.dispatched_at, v.accepted_at, v.completed_at, v.return_visited_at, v.replied_at,
               v.archived_at, v.handled_at, opt_bool(v.handled_on_time), v.repair_request_id, v.target_due_at, now,
               v.id, expected_version) == 1;
}

namespace {

// One filter for a list and its count, so a home page's figure is the list it links to.
db::Filter case_filter(const CaseQuery& q) {
    db::Filter f;
    f.where("c.site_id = ?", q.site_id);
    f.where_in("c.status", q.statuses);
    if (!q.category.empty()) f.where("c.category = ?", q.category);
    f.where_in("c.department_id", q.department_ids);
    if (q.unit_id) f.where("c.unit_id = ?", *q.unit_id);
    if (!q.phone.empty()) f.where("c.caller_phone = ?", q.phone);
    if (q.from) f.where("c.created_at >= ?", *q.from);
    if (q.to) f.where("c.created_at < ?", *q.to);
    if (q.overdue_only) f.where("c.overdue_at IS NOT NULL AND c.status IN ('recorded', 'dispatched', 'in_progress')");
    if (!q.q.empty()) f.contains("c.search_text", q.q);
    return f;
}

// A list by deadline pages by offset, the id breaking ties; else newest first, after an id.
std::string order_and_page(
    db::Filter& f, bool by_due, bool descending, int64_t before_id, int64_t offset, int limit, const char* table) {
    std::string t = table;
    if (!by_due) {
        if (before_id > 0) f.where(t + ".id < ?", before_id);
        return f.sql() + " ORDER BY " + t + ".id DESC LIMIT " + f.param(int64_t{limit});
    }
    const char* dir = descending ? " DESC" : "";
    std::string limit_param = f.param(int64_t{limit});  // before the offset's: placeholders number in order
    return f.sql() + " ORDER BY " + t + ".due_at" + dir + ", " + t + ".id" + dir + " LIMIT " + limit_param +
           " OFFSET " + f.param(offset);
}

}  // namespace

std::vector<Case> list_cases(db::Conn& c, const CaseQuery& q) {
    auto f = case_filter(q);
    auto sql =
        std::string(kCaseSelect) + order_and_page(f, q.by_due, q.descending, q.before_id, q.offset, q.limit, "c");
    std::vector<Case> out;
    out.reserve(static_cast<size_t>(q.limit));
    c.each(sql, f.params(), [&](const db::Row& r) { out.push_back(case_from(r)); });
    return out;
}

int64_t count_cases(db::Conn& c, const CaseQuery& q) {
    auto f = case_filter(q);
    return c.run("SELECT COUNT(*) FROM cases c" + f.sql(), f.params()).rows.front().i64(0);
}

int64_t add_event(db::Conn& c,
                  int64_t case_id,
                  const std::string& kind,
                  std::optional<int64_t> actor_id,
                  std::optional<int64_t> department_id,
                  const std::string& note,
                  EpochMs at) {
    return c
        .one(
            "INSERT INTO case_events (case_id, kind, actor_id, department_id, note, at) VALUES ($1, $2, $3, $4, $5, $6)"
            " RETURNING id",
            case_id, kind, actor_id, department_id, note, at)
        ->i64(0);
}

std::vector<CaseEvent> events_of(db::Conn& c, int64_t case_id) {
    auto r = c.query(
        "SELECT e.id, e.case_id, e.kind, e.actor_id, COALESCE(us.name, ''), e.department_id, COALESCE(d.name, ''),"
        " e.note, e.at FROM case_events e LEFT JOIN users us ON us.id = e.actor_id"
        " LEFT JOIN departments d ON d.id = e.department_id WHERE e.case_id = $1 ORDER BY e.id",
        case_id);
    std::vector<CaseEvent> out;
    for (const auto& row : r.rows)
        out.push_back({row.i64(0), row.i64(1), row.str(2), row.opt_i64(3), row.str(4), row.opt_i64(5), row.str(6),
                       row.str(7), row.i64(8)});
    return out;
}

int64_t insert_return_visit(db::Conn& c, const ReturnVisit& v, EpochMs now) {
    return c
        .one(
            "INSERT INTO return_visits (case_id, site_id, status, due_at, created_at, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
            v.case_id, v.site_id, v.status, v.due_at, now)
        ->i64(0);
}

std::optional<ReturnVisit> open_return_visit(db::Conn& c, int64_t case_id) {
    auto r = c.one(std::string(kVisitSelect) +
                       " WHERE v.case_id = $1 AND v.status IN ('pending', 'escalated') ORDER BY v.id DESC LIMIT 1",
                   case_id);
    if (!r) return std::nullopt;
    return visit_from(*r);
}

std::vector<ReturnVisit> return_visits_of(db::Conn& c, int64_t case_id) {
    std::vector<ReturnVisit> out;
    for (const auto& row : c.query(std::string(kVisitSelect) + " WHERE v.case_id = $1 ORDER BY v.id", case_id).rows)
        out.push_back(visit_from(row));
    return out;
}

void update_return_visit(db::Conn& c, const ReturnVisit& v, EpochMs now) {
    c.exec(
        "UPDATE return_visits SET status = $1, attempts = $2, outcome = $3, note = $4, done_by = $5, done_at = $6,"
        " escalated_at = $7, overdue_at = $8, version = version + 1, updated_at = $9 WHERE id = $10",
        v.status, v.attempts, v.outcome, v.note, v.done_by, v.done_at, v.escalated_at, v.overdue_at, now, v.id);
}

namespace {

db::Filter visit_filter(const VisitQuery& q) {
    db::Filter f;
    f.where("v.site_id = ?", q.site_id);
    f.where_in("v.status", q.statuses);
    if (!q.outcome.empty()) f.where("v.outcome = ?", q.outcome);
    if (!q.category.empty()) f.where("c.category = ?", q.category);
    if (q.overdue_at) f.where("v.status IN ('pending', 'escalated') AND v.due_at < ?", *q.overdue_at);
    if (q.due_before) f.where("v.due_at < ?", *q.due_before);
    return f;
}

}  // namespace

std::vector<ReturnVisit> list_return_visits(db::Conn& c, const VisitQuery& q) {
    auto f = visit_filter(q);
    auto sql =
        std::string(kVisitSelect) + order_and_page(f, q.by_due, q.descending, q.before_id, q.offset, q.limit, "v");
    std::vector<ReturnVisit> out;
    c.each(sql, f.params(), [&](const db::Row& r) { out.push_back(visit_from(r)); });
    return out;
}

int64_t count_return_visits(db::Conn& c, const VisitQuery& q) {
    auto f = visit_filter(q);
    return c.run("SELECT COUNT(*) FROM return_visits v JOIN cases c ON c.id = v.case_id" + f.sql(), f.params())
        .rows.front()
        .i64(0);
}

std::vector<Case> unflagged_overdue(db::Conn& c, EpochMs now, int limit) {
    std::vector<Case> out;
    c.each(std::string(kCaseSelect) +
               " WHERE c.overdue_at IS NULL AND c.status IN ('recorded', 'dispatched', 'in_progress')"
               " AND c.due_at < $1 ORDER BY c.due_at LIMIT $2",
           std::vector<db::Value>{now, int64_t{limit}}, [&](const db::Row& r) { out.push_back(case_from(r)); });
    return out;
}

std::vector<ReturnVisit> unflagged_overdue_visits(db::Conn& c, EpochMs now, int limit) {
    std::vector<ReturnVisit> out;
    c.each(std::string(kVisitSelect) +
               " WHERE v.overdue_at IS NULL AND v.status IN ('pending', 'escalated') AND v.due_at < $1"
               " ORDER BY v.due_at LIMIT $2",
           std::vector<db::Value>{now, int64_t{limit}}, [&](const db::Row& r) { out.push_back(visit_from(r)); });
    return out;
}

bool flag_visit_overdue(db::Conn& c, int64_t visit_id, EpochMs now) {
    return c.exec(
               "UPDATE return_visits SET overdue_at = $1, version = version + 1, updated_at = $1"
               " WHERE id = $2 AND overdue_at IS NULL AND status IN ('pending', 'escalated')",
               now, visit_id) == 1;
}

std::vector<int64_t> users_in_department(db::Conn& c, int64_t site_id, int64_t department_id) {
    std::vector<int64_t> out;
    for (const auto& row : c.query("SELECT DISTINCT u.id FROM user_site_roles r JOIN users u ON u.id = r.user_id"
                                   " WHERE r.site_id = $1 AND r.department_id = $2 AND u.active = 1 ORDER BY u.id",
                                   site_id, department_id)
                               .rows)
        out.push_back(row.i64(0));
    return out;
}

}  // namespace propdesk::desk::store
