// The desk's SQL: cases, their events, return visits, policies and the KPI counts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "desk/model.hpp"
#include "org/store.hpp"
#include "platform/db/db.hpp"

namespace propdesk::desk::store {

Policy get_policy(db::Conn& c, int64_t site_id);
// Saves p when the stored version is expected_version (0: none saved yet); false when stale.
bool save_policy(db::Conn& c, const Policy& p, int64_t expected_version, EpochMs now);

// "第1座 12A" for a unit, or nullopt when it is not a unit of that site.
std::optional<std::string> unit_label(db::Conn& c, int64_t site_id, int64_t unit_id);
bool department_in_site(db::Conn& c, int64_t site_id, int64_t department_id);
// A resident of the site as a caller: their name and first phone.
struct Caller {
    std::string name;
    std::string phone;
};
std::optional<Caller> resident_caller(db::Conn& c, int64_t site_id, int64_t resident_id);

// search_text: rules::search_text(v), worked out before the transaction where it matters (the
// folding is the costliest part of a create); when absent it is worked out here.
int64_t insert_case(db::Conn& c, const Case& v, EpochMs now, std::optional<std::string> search_text = std::nullopt);
std::optional<Case> get_case(db::Conn& c, int64_t id);
// Writes every field a step may change when the stored version is expected_version; false when stale.
bool update_case(db::Conn& c, const Case& v, int64_t expected_version, EpochMs now);

struct CaseQuery {
    int64_t site_id = 0;
    std::vector<std::string> statuses;
    std::string category;
    std::vector<int64_t> department_ids;
    std::optional<int64_t> unit_id;
    std::string phone;                // normalised digits: the caller's phone
    std::string q;                    // folded text
    std::optional<EpochMs> from, to;  // recorded in [from, to)
    bool overdue_only = false;
    // Newest first, continuing below before_id (0: from the newest); or by deadline (FD-B: the
    // department's queue), continuing after `offset` rows.
    int64_t before_id = 0;
    bool by_due = false;
    bool descending = false;
    int64_t offset = 0;
    int limit = 51;
};
std::vector<Case> list_cases(db::Conn& c, const CaseQuery& q);
// How many cases the same filters find, all pages (cursor and limit ignored).
int64_t count_cases(db::Conn& c, const CaseQuery& q);

int64_t add_event(db::Conn& c,
                  int64_t case_id,
                  const std::string& kind,
                  std::optional<int64_t> actor_id,
                  std::optional<int64_t> department_id,
                  const std::string& note,
                  EpochMs at);
std::vector<CaseEvent> events_of(db::Conn& c, int64_t case_id);

int64_t insert_return_visit(db::Conn& c, const ReturnVisit& v, EpochMs now);
// The case's pending or escalated visit, if any.
std::optional<ReturnVisit> open_return_visit(db::Conn& c, int64_t case_id);
std::vector<ReturnVisit> return_visits_of(db::Conn& c, int64_t case_id);
void update_return_visit(db::Conn& c, const ReturnVisit& v, EpochMs now);

struct VisitQuery {
    int64_t site_id = 0;
    std::vector<std::string> statuses;
    std::string outcome;
    std::string category;               // the case's
    std::optional<EpochMs> overdue_at;  // waiting for an answer past due at this instant
    std::optional<EpochMs> due_before;  // due before this instant (the end of today)
    // As CaseQuery: newest first, or by due time (FD-C: the calls to make, overdue ones first).
    int64_t before_id = 0;
    bool by_due = false;
    bool descending = false;
    int64_t offset = 0;
    int limit = 51;
};
std::vector<ReturnVisit> list_return_visits(db::Conn& c, const VisitQuery& q);
int64_t count_return_visits(db::Conn& c, const VisitQuery& q);

// Open cases past their deadline that the overdue job has not flagged yet, oldest deadline first.
std::vector<Case> unflagged_overdue(db::Conn& c, EpochMs now, int limit);
// FD-C: visits still waiting for their answer past due and not flagged yet, oldest first; and
// flagging one (false when another server flagged it, or it was answered, meanwhile).
std::vector<ReturnVisit> unflagged_overdue_visits(db::Conn& c, EpochMs now, int limit);
bool flag_visit_overdue(db::Conn& c, int64_t visit_id, EpochMs now);

// Active users of a site holding one of `roles`, or sitting in `department_id`.
using org::store::users_with_roles;  // org owns staff and their roles
std::vector<int64_t> users_in_department(db::Conn& c, int64_t site_id, int64_t department_id);

}  // namespace propdesk::desk::store

namespace propdesk::desk::kpi {
struct Row;
}

namespace propdesk::desk::store {

// FD-I counts for cases recorded and return visits due in the period, as of now, grouped by
// department, recording staff member and day of the period. day_starts: each local day's first
// instant, then the period's end (as kpi::Accumulator takes them).
std::vector<kpi::Row> kpi_rows(db::Conn& c, int64_t site_id, const std::vector<EpochMs>& day_starts, EpochMs now);

struct Breach {
    std::string kind;  // complaint_late, complaint_overdue, return_visit_missed
    int64_t case_id = 0;
    std::string category;
    std::string caller_name;
    std::string department_name;
    std::string recorded_by_name;
    EpochMs due_at = 0;
    std::optional<EpochMs> handled_at;
};
std::vector<Breach> kpi_breaches(db::Conn& c, int64_t site_id, EpochMs from, EpochMs to, EpochMs now, int limit);

// Names of the site's departments and staff, for the KPI tables.
std::vector<std::pair<int64_t, std::string>> department_names(db::Conn& c, int64_t site_id);
using org::store::user_names;

}  // namespace propdesk::desk::store
