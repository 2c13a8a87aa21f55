#include "repair/kpi.hpp"

#include <algorithm>

namespace propdesk::repair::kpi {
namespace {
void add_rate(Rate& a, const Rate& b) {
    a.numerator += b.numerator;
    a.denominator += b.denominator;
}
}  // namespace

void Counts::add(const Counts& o) {
    requests += o.requests;
    responded += o.responded;
    response_ms += o.response_ms;
    add_rate(on_time_immediate, o.on_time_immediate);
    add_rate(on_time_appointment, o.on_time_appointment);
    late_arrivals += o.late_arrivals;
    completed += o.completed;
    add_rate(first_time_fix, o.first_time_fix);
    add_rate(satisfaction, o.satisfaction);
    add_rate(return_visits, o.return_visits);
    sampled += o.sampled;
}

Counts of_job(const Facts& f, EpochMs now) {
    Counts c;
    c.requests = 1;
    if (f.immediate && f.first_arrived_at) {
        c.responded = 1;
        c.response_ms = *f.first_arrived_at - f.requested_at;
    }
    if (f.immediate && !f.first_arrived_at && (f.closed_at || now > f.due_at)) {
        c.on_time_immediate = {0, 1};
        c.late_arrivals = 1;
    }
    if (f.completed_at || f.visits_answered > 0) {
        c.completed = 1;
        c.return_visits.denominator = 1;
        if (f.first_time_fix) c.first_time_fix = {*f.first_time_fix ? 1 : 0, 1};
    }
    if (f.return_visit_due_at) c.sampled = 1;
    if (f.visits_answered > 0) {
        c.return_visits.numerator = 1;
        c.satisfaction = {f.visits_satisfied, f.visits_answered};
    }
    return c;
}

Counts of_arrival(const ArrivalFact& a) {
    Counts c;
    Rate r{a.punctuality == "on_time" ? 1 : 0, 1};
    if (a.mode == "immediate")
        c.on_time_immediate = r;
    else
        c.on_time_appointment = r;
    if (a.punctuality == "late") c.late_arrivals = 1;
    return c;
}

std::optional<int64_t> response_minutes(const Counts& c) {
    if (c.responded == 0) return std::nullopt;
    return (c.response_ms / c.responded + 30'000) / 60'000;
}

Accumulator::Accumulator(std::vector<EpochMs> day_starts)
    : day_starts_(std::move(day_starts)), days_(day_starts_.empty() ? 0 : day_starts_.size() - 1) {}

void Accumulator::add(int64_t technician_id, EpochMs at, const Counts& c) {
    total_.add(c);
    technicians_[technician_id].add(c);
    auto it = std::upper_bound(day_starts_.begin(), day_starts_.end(), at);
    if (it == day_starts_.begin()) return;
    auto day = static_cast<size_t>(std::distance(day_starts_.begin(), it) - 1);
    if (day < days_.size()) days_[day].add(c);
}

}  // namespace propdesk::repair::kpi
