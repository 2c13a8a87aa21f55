#include <string>

#include "platform/db/cols.hpp"
#include "platform/db/query_builder.hpp"
#include "repair/rules.hpp"
#include "repair/store.hpp"

namespace propdesk::repair::store {
namespace {

constexpr const char* kRepairSelect =
    "SELECT r.id, r.site_id, r.case_id, r.channel, r.unit_id, COALESCE(b.name || ' ' || u.number, ''),"
    " r.caller_name, r.caller_phone, r.location, r.description, r.mode, r.simple, r.requested_at, r.slot_start,"
    " r.slot_end, r.due_at, r.status, r.technician_id, COALESCE(t.name, ''), r.assigned_by, r.assigned_at,"
    " r.arrived_at, r.first_arrived_at, r.first_on_time, r.proposal_solution, r.proposal_materials,"
    " r.proposal_minutes, r.proposal_price_cents, r.proposed_at, r.consent_at, r.consent_note, r.started_at,"
    " r.completed_at, r.work_done, r.restored, r.cleaned, r.opinion, r.signature_file_id, r.signed_by,"
    " r.charge_cents, r.adjustment_cents, r.adjustment_reason, r.total_cents, r.receipt_no, r.visit_count,"
    " r.no_one_home_count, r.reopen_count, r.first_time_fix, r.return_visit_due_at, r.return_visit_outcome,"
    " r.return_visited_at, r.visits_answered, r.visits_satisfied, r.close_reason, r.closed_at, r.created_by, "
    "COALESCE(cb.name, ''), r.version,"
    " r.created_at, r.updated_at, r.arrival_missed_at, r.materials_cents, r.charge_reason"
    " FROM repairs r LEFT JOIN units u ON u.id = r.unit_id LEFT JOIN buildings b ON b.id = u.building_id"
    " LEFT JOIN users t ON t.id = r.technician_id LEFT JOIN users cb ON cb.id = r.created_by";

using db::Cols;

Repair repair_from(const db::Row& row) {
    Cols c{row};
    Repair r;
    r.id = c.i64();
    r.site_id = c.i64();
    r.case_id = c.i64();
    r.channel = c.str();
    r.unit_id = c.opt();
    r.unit_label = c.str();
    r.caller_name = c.str();
    r.caller_phone = c.str();
    r.location = c.str();
    r.description = c.str();
    r.mode = c.str();
    r.simple = c.flag();
    r.requested_at = c.i64();
    r.slot_start = c.opt();
    r.slot_end = c.opt();
    r.due_at = c.i64();
    r.status = c.str();
    r.technician_id = c.opt();
    r.technician_name = c.str();
    r.assigned_by = c.opt();
    r.assigned_at = c.opt();
    r.arrived_at = c.opt();
    r.first_arrived_at = c.opt();
    r.first_on_time = c.opt_flag();
    r.proposal_solution = c.str();
    r.proposal_materials = c.str();
    r.proposal_minutes = c.opt();
    r.proposal_price_cents = c.opt();
    r.proposed_at = c.opt();
    r.consent_at = c.opt();
    r.consent_note = c.str();
    r.started_at = c.opt();
    r.completed_at = c.opt();
    r.work_done = c.str();
    r.restored = c.flag();
    r.cleaned = c.flag();
    r.opinion = c.str();
    r.signature_file_id = c.opt();
    r.signed_by = c.str();
    r.charge_cents = c.i64();
    r.adjustment_cents = c.i64();
    r.adjustment_reason = c.str();
    r.total_cents = c.i64();
    r.receipt_no = c.opt_str();
    r.visit_count = c.i64();
    r.no_one_home_count = c.i64();
    r.reopen_count = c.i64();
    r.first_time_fix = c.opt_flag();
    r.return_visit_due_at = c.opt();
    r.return_visit_outcome = c.opt_str();
    r.return_visited_at = c.opt();
    r.visits_answered = c.i64();
    r.visits_satisfied = c.i64();
    r.close_reason = c.str();
    r.closed_at = c.opt();
    r.created_by = c.i64();
    r.created_by_name = c.str();
    r.version = c.i64();
    r.created_at = c.i64();
    r.updated_at = c.i64();
    r.arrival_missed_at = c.opt();
    r.materials_cents = c.i64();
    r.charge_reason = c.str();
    return r;
}

std::optional<int64_t> flag(const std::optional<bool>& b) {
    if (!b) return std::nullopt;
    return *b ? 1 : 0;
}

constexpr const char* kOpenStatuses = "('assigned', 'on_site', 'rebook', 'proposed', 'consented', 'in_progress')";

std::vector<Repair> many(db::Conn& c, const std::string& sql, const std::vector<db::Value>& params) {
    std::vector<Repair> out;
    out.reserve(64);
    c.each(sql, params, [&](const db::Row& r) { out.push_back(repair_from(r)); });
    return out;
}

}  // namespace

int64_t insert_repair(db::Conn& c, const Repair& r, EpochMs now) {
    return c
        .one(
            "INSERT INTO repairs (site_id, case_id, channel, unit_id, caller_name, caller_phone, location, description,"
            " mode, simple, requested_at, slot_start, slot_end, due_at, status, created_by, search_text, created_at,"
            " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,"
            " $18) RETURNING id",
            r.site_id, r.case_id, r.channel, r.unit_id, r.caller_name, r.caller_phone, r.location, r.description,
            r.mode, r.simple, r.requested_at, r.slot_start, r.slot_end, r.due_at, r.status, r.created_by,
            rules::search_text(r), now)
        ->i64(0);
}

std::optional<Repair> get_repair(db::Conn& c, int64_t id) {
    auto r = c.one(std::string(kRepairSelect) + " WHERE r.id = $1", id);
    if (!r) return std::nullopt;
    return repair_from(*r);
}

bool update_repair(db::Conn& c, const Repair& r, int64_t expected_version, EpochMs now) {
    std::vector<db::Value> p{r.mode,
                             int64_t{r.simple},
                             r.slot_start ? db::Value{*r.slot_start} : db::Value{db::Null{}},
                             r.slot_end ? db::Value{*r.slot_end} : db::Value{db::Null{}},
                             r.due_at,
                             r.status,
                             db::Conn::to_value(r.technician_id),
                             db::Conn::to_value(r.assigned_by),
                             db::Conn::to_value(r.assigned_at),
                             db::Conn::to_value(r.arrived_at),
                             db::Conn::to_value(r.first_arrived_at),
                             db::Conn::to_value(flag(r.first_on_time)),
                             r.proposal_solution,
                             r.proposal_materials,
                             db::Conn::to_value(r.proposal_minutes),
                             db::Conn::to_value(r.proposal_price_cents),
                             db::Conn::to_value(r.proposed_at),
                             db::Conn::to_value(r.consent_at),
                             r.consent_note,
                             db::Conn::to_value(r.started_at),
                             db::Conn::to_value(r.completed_at),
                             r.work_done,
                             int64_t{r.restored},
                             int64_t{r.cleaned},
                             r.opinion,
                             db::Conn::to_value(r.signature_file_id),
                             r.signed_by,
                             r.charge_cents,
                             r.adjustment_cents,
                             r.adjustment_reason,
                             r.total_cents,
                             db::Conn::to_value(r.receipt_no),
                             r.visit_count,
                             r.no_one_home_count,
                             r.reopen_count,
                             db::Conn::to_value(flag(r.first_time_fix)),
                             db::Conn::to_value(r.return_visit_due_at),
                             db::Conn::to_value(r.return_visit_outcome),
                             db::Conn::to_value(r.return_visited_at),
                             r.visits_answered,
                             r.visits_satisfied,
                             r.close_reason,
                             db::Conn::to_value(r.closed_at),
                             db::Conn::to_value(r.arrival_missed_at),
                             r.materials_cents,
                             r.charge_reason,
                             now,
                             r.id,
                             expected_version};
    return c.run(
                "UPDATE repairs SET mode = $1, simple = $2, slot_start = $3, slot_end = $4, due_at = $5,"
                " status = $6, technician_id = $7, assigned_by = $8, assigned_at = $9, arrived_at = $10,"
                " first_arrived_at = $11, first_on_time = $12, proposal_solution = $13, proposal_materials = $14,"
                " proposal_minutes = $15, proposal_price_cents = $16, proposed_at = $17, consent_at = $18,"
                " consent_note = $19, started_at = $20, completed_at = $21, work_done = $22, restored = $23,"
                " cleaned = $24, opinion = $25, signature_file_id = $26, signed_by = $27, charge_cents = $28,"
                " adjustment_cents = $29, adjustment_reason = $30, total_cents = $31, receipt_no = $32,"
                " visit_count = $33, no_one_home_count = $34, reopen_count = $35, first_time_fix = $36,"
                " return_visit_due_at = $37, return_visit_outcome = $38, return_visited_at = $39,"
                " visits_answered = $40, visits_satisfied = $41, close_reason = $42, closed_at = $43,"
                " arrival_missed_at = $44, materials_cents = $45, charge_reason = $46, version = version + 1,"
                " updated_at = $47 WHERE id = $48 AND version = $49",
                p)
               .affected == 1;
}

namespace {

// One filter for the register and its count, so a home page's figure is the list it links to.
db::Filter repair_filter(const RepairQuery& q) {
    db::Filter f;
    f.where("r.site_id = ?", q.site_id);
    f.where_in("r.status", q.statuses);
    if (!q.mode.empty()) f.where("r.mode = ?", q.mode);
    if (q.technician_id) f.where("r.technician_id = ?", *q.technician_id);
    if (q.unit_id) f.where("r.unit_id = ?", *q.unit_id);
    if (q.from) f.where("r.requested_at >= ?", *q.from);
    if (q.to) f.where("r.requested_at < ?", *q.to);
    if (q.overdue_at) {
        // As the job's `overdue` flag: an appointment has its 5 minutes' grace.
        f.where("r.status IN ('recorded', 'assigned')");
        std::string now = f.param(*q.overdue_at);
        std::string grace = f.param(*q.overdue_at - rules::kToleranceMs);
        f.where("((r.mode = 'immediate' AND r.due_at < " + now + ") OR (r.mode = 'appointment' AND r.due_at < " +
                grace + "))");
    }
    if (!q.q.empty()) f.contains("r.search_text", q.q);
    return f;
}

}  // namespace

std::vector<Repair> list_repairs(db::Conn& c, const RepairQuery& q) {
    auto f = repair_filter(q);
    if (q.before_id > 0) f.where("r.id < ?", q.before_id);
    auto sql = std::string(kRepairSelect) + f.sql() + " ORDER BY r.id DESC LIMIT " + f.param(int64_t{q.limit});
    return many(c, sql, f.params());
}

int64_t count_repairs(db::Conn& c, const RepairQuery& q) {
    auto f = repair_filter(q);
    return c.run("SELECT COUNT(*) FROM repairs r" + f.sql(), f.params()).rows.front().i64(0);
}

std::vector<Repair> unflagged_missed_arrivals(db::Conn& c, EpochMs now, int limit) {
    return many(
        c,
        std::string(kRepairSelect) +
            " WHERE r.arrival_missed_at IS NULL AND r.mode = 'immediate' AND r.status IN ('recorded', 'assigned')"
            " AND r.due_at < $1 ORDER BY r.due_at LIMIT $2",
        {now, int64_t{limit}});
}

std::vector<Repair> open_jobs(
    db::Conn& c, int64_t site_id, int64_t technician_id, int limit, std::optional<JobsAfter> after) {
    std::string sql =
        std::string(kRepairSelect) + " WHERE r.technician_id = $1 AND r.site_id = $2 AND r.status IN " + kOpenStatuses;
    std::vector<db::Value> params{technician_id, site_id, int64_t{limit}};
    if (after) {
        sql += " AND (r.due_at > $4 OR (r.due_at = $4 AND r.id > $5))";
        params.push_back(after->due_at);
        params.push_back(after->id);
    }
    return many(c, sql + " ORDER BY r.due_at, r.id LIMIT $3", params);
}

std::vector<Repair> recent_jobs(db::Conn& c, int64_t site_id, int64_t technician_id, int limit) {
    return many(c,
                std::string(kRepairSelect) + " WHERE r.technician_id = $1 AND r.site_id = $2 AND r.status NOT IN " +
                    kOpenStatuses + " ORDER BY r.id DESC LIMIT $3",
                {technician_id, site_id, int64_t{limit}});
}

int64_t add_event(db::Conn& c,
                  std::optional<int64_t> repair_id,
                  std::optional<int64_t> work_order_id,
                  const std::string& kind,
                  std::optional<int64_t> actor_id,
                  const std::string& note,
                  EpochMs at) {
    return c
        .one(
            "INSERT INTO repair_events (repair_id, work_order_id, kind, actor_id, note, at)"
            " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            repair_id, work_order_id, kind, actor_id, note, at)
        ->i64(0);
}

namespace {
std::vector<Event> events_where(db::Conn& c, const char* column, int64_t id) {
    std::vector<Event> out;
    c.each(std::string("SELECT e.id, e.kind, e.actor_id, COALESCE(us.name, ''), e.note, e.at FROM repair_events e"
                       " LEFT JOIN users us ON us.id = e.actor_id WHERE e.") +
               column + " = $1 ORDER BY e.id",
           std::vector<db::Value>{id}, [&](const db::Row& r) {
               out.push_back({r.i64(0), r.str(1), r.opt_i64(2), r.str(3), r.str(4), r.i64(5)});
           });
    return out;
}

constexpr const char* kArrivalSelect =
    "SELECT a.id, a.repair_id, a.site_id, a.technician_id, COALESCE(us.name, ''), a.mode, a.expected_at,"
    " a.arrived_at, a.punctuality, a.outcome, a.waited_ms, a.left_at FROM repair_arrivals a"
    " LEFT JOIN users us ON us.id = a.technician_id";

Arrival arrival_from(const db::Row& row) {
    Cols c{row};
    Arrival a;
    a.id = c.i64();
    a.repair_id = c.i64();
    a.site_id = c.i64();
    a.technician_id = c.i64();
    a.technician_name = c.str();
    a.mode = c.str();
    a.expected_at = c.i64();
    a.arrived_at = c.i64();
    a.punctuality = c.str();
    a.outcome = c.opt_str();
    a.waited_ms = c.opt();
    a.left_at = c.opt();
    return a;
}
}  // namespace

std::vector<Event> events_of_repair(db::Conn& c, int64_t repair_id) {
    return events_where(c, "repair_id", repair_id);
}

std::vector<Event> events_of_order(db::Conn& c, int64_t work_order_id) {
    return events_where(c, "work_order_id", work_order_id);
}

int64_t insert_arrival(db::Conn& c, const Arrival& a) {
    return c
        .one(
            "INSERT INTO repair_arrivals (repair_id, site_id, technician_id, mode, expected_at, arrived_at,"
            " punctuality) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            a.repair_id, a.site_id, a.technician_id, a.mode, a.expected_at, a.arrived_at, a.punctuality)
        ->i64(0);
}

std::optional<Arrival> last_arrival(db::Conn& c, int64_t repair_id) {
    auto r = c.one(std::string(kArrivalSelect) + " WHERE a.repair_id = $1 ORDER BY a.id DESC LIMIT 1", repair_id);
    if (!r) return std::nullopt;
    return arrival_from(*r);
}

void mark_no_one_home(db::Conn& c, int64_t arrival_id, int64_t waited_ms, EpochMs left_at) {
    c.exec("UPDATE repair_arrivals SET outcome = 'no_one_home', waited_ms = $1, left_at = $2 WHERE id = $3", waited_ms,
           left_at, arrival_id);
}

std::vector<Arrival> arrivals_of(db::Conn& c, int64_t repair_id) {
    std::vector<Arrival> out;
    c.each(std::string(kArrivalSelect) + " WHERE a.repair_id = $1 ORDER BY a.id", std::vector<db::Value>{repair_id},
           [&](const db::Row& r) { out.push_back(arrival_from(r)); });
    return out;
}

int64_t insert_material(db::Conn& c, const Material& m) {
    return c
        .one(
            "INSERT INTO repair_materials (repair_id, source, name, quantity, quality_ok, quality_note,"
            " resident_decision, place, amount_cents, receipt_file_id, recorded_by, recorded_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
            m.repair_id, m.source, m.name, m.quantity, flag(m.quality_ok), m.quality_note, m.resident_decision, m.place,
            m.amount_cents, m.receipt_file_id, m.recorded_by, m.recorded_at)
        ->i64(0);
}

std::vector<Material> materials_of(db::Conn& c, int64_t repair_id) {
    std::vector<Material> out;
    c.each(
        "SELECT m.id, m.repair_id, m.source, m.name, m.quantity, m.quality_ok, m.quality_note, m.resident_decision,"
        " m.place, m.amount_cents, m.receipt_file_id, m.charged, m.recorded_by, COALESCE(us.name, ''), m.recorded_at"
        " FROM repair_materials m LEFT JOIN users us ON us.id = m.recorded_by WHERE m.repair_id = $1 ORDER BY m.id",
        std::vector<db::Value>{repair_id}, [&](const db::Row& row) {
            Cols c{row};
            Material m;
            m.id = c.i64();
            m.repair_id = c.i64();
            m.source = c.str();
            m.name = c.str();
            m.quantity = c.str();
            m.quality_ok = c.opt_flag();
            m.quality_note = c.str();
            m.resident_decision = c.str();
            m.place = c.str();
            m.amount_cents = c.opt();
            m.receipt_file_id = c.opt();
            m.charged = c.flag();
            m.recorded_by = c.i64();
            m.recorded_by_name = c.str();
            m.recorded_at = c.i64();
            out.push_back(std::move(m));
        });
    return out;
}

void mark_materials_charged(db::Conn& c, int64_t repair_id, const std::vector<int64_t>& material_ids) {
    for (int64_t id : material_ids)
        c.exec("UPDATE repair_materials SET charged = 1 WHERE id = $1 AND repair_id = $2", id, repair_id);
}

void insert_charges(db::Conn& c, int64_t repair_id, const std::vector<ChargeLine>& lines) {
    for (const auto& l : lines)
        c.exec(
            "INSERT INTO repair_charges (repair_id, price_item_id, code, name, unit, unit_price_cents, quantity,"
            " amount_cents) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            repair_id, l.price_item_id, l.code, l.name, l.unit, l.unit_price_cents, l.quantity, l.amount_cents);
}

namespace {
std::vector<ChargeLine> lines_of(db::Conn& c, const std::string& sql, const std::vector<db::Value>& params) {
    std::vector<ChargeLine> out;
    c.each(sql, params, [&](const db::Row& r) {
        out.push_back({r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4), r.i64(5), r.i64(6), r.i64(7)});
    });
    return out;
}
}  // namespace

std::vector<ChargeLine> charges_of(db::Conn& c, int64_t repair_id) {
    return lines_of(c,
                    "SELECT id, price_item_id, code, name, unit, unit_price_cents, quantity, amount_cents"
                    " FROM repair_charges WHERE repair_id = $1 ORDER BY id",
                    {repair_id});
}

void replace_quote_lines(db::Conn& c, int64_t repair_id, EpochMs proposed_at, const std::vector<ChargeLine>& lines) {
    c.exec("UPDATE repair_quote_lines SET superseded_at = $1 WHERE repair_id = $2 AND superseded_at IS NULL",
           proposed_at, repair_id);
    for (const auto& l : lines)
        c.exec(
            "INSERT INTO repair_quote_lines (repair_id, proposed_at, price_item_id, code, name, unit,"
            " unit_price_cents, quantity, amount_cents) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            repair_id, proposed_at, l.price_item_id, l.code, l.name, l.unit, l.unit_price_cents, l.quantity,
            l.amount_cents);
}

std::vector<ChargeLine> quote_lines_of(db::Conn& c, int64_t repair_id) {
    return lines_of(c,
                    "SELECT id, price_item_id, code, name, unit, unit_price_cents, quantity, amount_cents"
                    " FROM repair_quote_lines WHERE repair_id = $1 AND superseded_at IS NULL ORDER BY id",
                    {repair_id});
}

bool user_has_role(db::Conn& c, int64_t site_id, int64_t user_id, const std::string& role) {
    return c
        .one(
            "SELECT 1 FROM user_site_roles r JOIN users u ON u.id = r.user_id WHERE r.site_id = $1 AND r.user_id = $2"
            " AND r.role = $3 AND u.active = 1",
            site_id, user_id, role)
        .has_value();
}

std::string user_name(db::Conn& c, int64_t user_id) {
    auto r = c.one("SELECT name FROM users WHERE id = $1", user_id);
    return r ? r->str(0) : "";
}

std::vector<Worker> workers(db::Conn& c, int64_t site_id) {
    std::vector<Worker> out;
    c.each(
        "SELECT u.id, u.name, MIN(r.role), u.login FROM user_site_roles r JOIN users u ON u.id = r.user_id"
        " WHERE r.site_id = $1 AND r.role IN ('technician', 'eng_lead') AND u.active = 1"
        " GROUP BY u.id, u.name, u.login ORDER BY u.name, u.id",
        std::vector<db::Value>{site_id}, [&](const db::Row& r) {
            out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3)});
        });
    return out;
}

std::vector<Repair> site_open_jobs(db::Conn& c, int64_t site_id) {
    return many(c,
                std::string(kRepairSelect) + " WHERE r.site_id = $1 AND r.technician_id IS NOT NULL AND r.status IN " +
                    kOpenStatuses + " ORDER BY r.technician_id, r.due_at, r.id",
                {site_id});
}

std::optional<int64_t> engineering_department(db::Conn& c, int64_t site_id) {
    auto r =
        c.one("SELECT id FROM departments WHERE site_id = $1 AND kind = 'engineering' ORDER BY id LIMIT 1", site_id);
    if (!r) return std::nullopt;
    return r->i64(0);
}

}  // namespace propdesk::repair::store
