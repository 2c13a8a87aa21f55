// FD-I: the desk's figures for a period, summed from per-department, per-staff, per-day counts.
// Pure: the store counts rows, this adds them up and works out rates and averages.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "desk/rules.hpp"
#include "platform/time/clock.hpp"

namespace propdesk::desk::kpi {

// Counts for one group of cases (recorded in the period) and return visits (due in the period).
struct Counts {
    int64_t cases = 0;
    int64_t complaints = 0;
    int64_t complaints_due = 0;      // handled, or past the deadline they are judged by
    int64_t complaints_on_time = 0;  // handled within it, every time, and not open again past it
    int64_t visits_due = 0;          // return visits due in the period, by now
    int64_t visits_done = 0;         // of those, called back with an answer
    // Time in each step: total ms and how many cases reached it.
    int64_t dispatch_ms = 0, dispatch_n = 0;  // recorded → dispatched
    int64_t accept_ms = 0, accept_n = 0;      // dispatched → accepted
    int64_t complete_ms = 0, complete_n = 0;  // accepted → completed
    int64_t visit_ms = 0, visit_n = 0;        // completed → return visited
    int64_t reply_ms = 0, reply_n = 0;        // recorded → replied at the desk
    int64_t archive_ms = 0, archive_n = 0;    // recorded → archived
    void add(const Counts& o);
};

struct Row {
    std::optional<int64_t> department_id;
    int64_t staff_id = 0;  // who recorded the case
    int64_t day = 0;       // days since the period's first day
    Counts counts;
};

struct Group {
    std::optional<int64_t> id;
    Counts counts;
};

struct Summary {
    Counts total;
    std::vector<Group> departments;  // by id; the group without id holds undispatched cases
    std::vector<Group> staff;
    std::vector<Counts> days;  // one per day of the period
};

Summary summarise(const std::vector<Row>& rows, int64_t days_in_period);

// What one case adds to its group's counts, as of now.
struct CaseTimes {
    bool complaint = false;
    std::string status;
    // target_due_at: the deadline a complaint is judged by (fixed at its first dispatch).
    EpochMs created_at = 0, due_at = 0, target_due_at = 0;
    std::optional<EpochMs> handled_at, dispatched_at, accepted_at, completed_at, return_visited_at, replied_at,
        archived_at;
    std::optional<bool> handled_on_time;
};
Counts of_case(const CaseTimes& t, EpochMs now);
// What one return visit adds: due by now (or done early) counts as due; done counts as done.
Counts of_visit(EpochMs due_at, bool done, EpochMs now);

// Adds contributions up by department, staff member and day of a period. day_starts holds the
// first instant of each local day of the period, then the instant the period ends: where the
// clocks change a day lasts 23 or 25 hours.
class Accumulator {
  public:
    explicit Accumulator(std::vector<EpochMs> day_starts) : day_starts_(std::move(day_starts)) {}
    void add(std::optional<int64_t> department_id, int64_t staff_id, EpochMs at, const Counts& c);
    std::vector<Row> rows() const;

  private:
    std::vector<EpochMs> day_starts_;
    std::map<std::tuple<std::optional<int64_t>, int64_t, int64_t>, Counts> groups_;
};

rules::Rate complaints_on_time(const Counts& c);
rules::Rate return_visit_rate(const Counts& c);

// The step averages in minutes (nullopt where no case reached the step), in this order:
// dispatch, accept, complete, return_visit, reply, archive.
struct Averages {
    std::optional<int64_t> dispatch, accept, complete, return_visit, reply, archive;
};
Averages averages_minutes(const Counts& c);

}  // namespace propdesk::desk::kpi
