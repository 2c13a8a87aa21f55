// MT-1: repair figures for a period: response time, on-time arrival (immediate and appointment
// apart), first-time fix, satisfaction and the return-visit rate against the policy. Pure: the
// store streams facts from covering indexes, this adds them up per technician and day.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "desk/rules.hpp"
#include "platform/time/clock.hpp"

namespace propdesk::repair::kpi {

using Rate = desk::rules::Rate;

// A job requested in the period, as it stands now.
struct Facts {
    EpochMs requested_at = 0;
    bool immediate = false;
    std::optional<int64_t> technician_id;
    EpochMs due_at = 0;
    std::optional<EpochMs> first_arrived_at;
    std::optional<EpochMs> completed_at;
    std::optional<EpochMs> closed_at;
    std::optional<bool> first_time_fix;
    std::optional<EpochMs> return_visit_due_at;  // sampled for a visit
    int64_t visits_answered = 0;                 // every answer, across revisits
    int64_t visits_satisfied = 0;
};
// A check-in during the period.
struct ArrivalFact {
    EpochMs arrived_at = 0;
    int64_t technician_id = 0;
    std::string mode;
    std::string punctuality;
};

struct Counts {
    int64_t requests = 0;
    int64_t responded = 0;  // immediate requests reached at least once: the response time is theirs
    int64_t response_ms = 0;
    Rate on_time_immediate;
    Rate on_time_appointment;
    int64_t late_arrivals = 0;
    int64_t completed = 0;
    Rate first_time_fix;  // of completed jobs
    Rate satisfaction;    // satisfied of every return visit answered
    Rate return_visits;   // completed jobs visited at least once, against the policy's percentage
    int64_t sampled = 0;  // chosen for a visit
    void add(const Counts& o);
};
// As of now: an immediate job nobody reached by its deadline, or closed before any visit, is a
// late arrival (MT-3.1), counted with the job; one reached is counted with its arrivals.
Counts of_job(const Facts& f, EpochMs now);
Counts of_arrival(const ArrivalFact& a);
std::optional<int64_t> response_minutes(const Counts& c);

// Counts per technician (jobs without one under 0) and per local day of the period; day_starts
// as report::Period holds them.
class Accumulator {
  public:
    explicit Accumulator(std::vector<EpochMs> day_starts);
    void add(int64_t technician_id, EpochMs at, const Counts& c);
    const Counts& total() const { return total_; }
    const std::map<int64_t, Counts>& technicians() const { return technicians_; }
    const std::vector<Counts>& days() const { return days_; }

  private:
    std::vector<EpochMs> day_starts_;
    Counts total_;
    std::map<int64_t, Counts> technicians_;
    std::vector<Counts> days_;
};

}  // namespace propdesk::repair::kpi
