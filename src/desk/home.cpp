#include "desk/home.hpp"

#include "desk/store.hpp"

namespace propdesk::desk {

namespace {

const std::vector<std::string> kOpen{"recorded", "dispatched", "in_progress"};
const char* kOpenQuery = "status=recorded,dispatched,in_progress";

}  // namespace

std::optional<home::Section> home_section(db::Conn& c, const auth::Principal& who, const home::Today& t) {
    using auth::Role;
    int64_t site = t.site_id;
    bool desk = who.can(auth::Permission::cases_write, site);
    bool manager = who.holds(site, Role::site_manager) || who.holds(site, Role::cs_manager);
    home::Section s{"desk", {}};
    auto cases = [&](store::CaseQuery q) {
        q.site_id = site;
        return store::count_cases(c, q);
    };
    auto visits = [&](store::VisitQuery q) {
        q.site_id = site;
        return store::count_return_visits(c, q);
    };
    if (desk) {
        // FD-A: calls recorded and not yet sent on or answered.
        store::CaseQuery recorded;
        recorded.statuses = {"recorded"};
        s.tiles.push_back(home::waiting("desk.recorded", cases(recorded), "/cases?status=recorded"));
        // FD-C: return visits to make today (and any left from before).
        store::VisitQuery due;
        due.statuses = {"pending"};
        due.due_before = t.day_end;
        s.tiles.push_back(home::waiting("desk.visitsDue", visits(due), "/return-visits?tab=pending"));
        store::CaseQuery overdue;
        overdue.overdue_only = true;
        s.tiles.push_back(home::late("desk.overdue", cases(overdue), "/cases?overdue=true"));
    }
    if (manager) {
        store::CaseQuery open;
        open.statuses = kOpen;
        s.tiles.push_back({"desk.open", cases(open), false, "", std::string("/cases?") + kOpenQuery, {}, {}});
        store::CaseQuery complaints = open;
        complaints.category = "complaint";
        s.tiles.push_back(home::waiting("desk.complaints", cases(complaints),
                                        std::string("/cases?category=complaint&") + kOpenQuery));
    }
    if (who.holds(site, Role::butler)) {
        // FD-C: visits handed to the butler after unanswered calls, and the complaints behind them.
        store::VisitQuery escalated;
        escalated.statuses = {"escalated"};
        s.tiles.push_back(home::waiting("desk.escalated", visits(escalated), "/return-visits?tab=escalated"));
        store::VisitQuery results;
        results.statuses = {"done"};
        results.category = "complaint";
        s.tiles.push_back(
            {"desk.complaintVisits", visits(results), false, "", "/return-visits?tab=done&category=complaint", {}, {}});
    }
    // FD-B: a department's own queue, for those who work cases without recording them.
    auto departments = who.departments_in(site);
    if (!desk && who.can(auth::Permission::cases_work, site) && !departments.empty()) {
        store::CaseQuery queue;
        queue.statuses = {"dispatched", "in_progress"};
        queue.department_ids = departments;
        s.tiles.push_back(home::waiting("desk.queue", cases(queue), "/queue"));
        queue.statuses = {};
        queue.overdue_only = true;
        s.tiles.push_back(home::late("desk.queueOverdue", cases(queue), "/queue?overdue=true"));
    }
    return s;
}

}  // namespace propdesk::desk
