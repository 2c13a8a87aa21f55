#include "repair/kpi.hpp"
#include "repair/store.hpp"

namespace propdesk::repair::store {

void kpi_jobs(db::Conn& c, int64_t site_id, EpochMs from, EpochMs to, const std::function<void(const kpi::Facts&)>& f) {
    // Every column is in repairs_site_requested, so the scan never reads the rows themselves.
    kpi::Facts facts;
    c.each(
        "SELECT requested_at, technician_id, first_arrived_at, completed_at, first_time_fix, return_visit_due_at,"
        " visits_answered, visits_satisfied, mode, due_at, closed_at FROM repairs WHERE site_id = $1"
        " AND requested_at >= $2 AND requested_at < $3",
        std::vector<db::Value>{site_id, from, to}, [&](const db::Row& r) {
            facts.requested_at = r.i64(0);
            facts.technician_id = r.opt_i64(1);
            facts.first_arrived_at = r.opt_i64(2);
            facts.completed_at = r.opt_i64(3);
            auto ftf = r.opt_i64(4);
            facts.first_time_fix = ftf ? std::optional<bool>(*ftf != 0) : std::nullopt;
            facts.return_visit_due_at = r.opt_i64(5);
            facts.visits_answered = r.i64(6);
            facts.visits_satisfied = r.i64(7);
            facts.immediate = r.str(8) == "immediate";
            facts.due_at = r.i64(9);
            facts.closed_at = r.opt_i64(10);
            f(facts);
        });
}

void kpi_arrivals(
    db::Conn& c, int64_t site_id, EpochMs from, EpochMs to, const std::function<void(const kpi::ArrivalFact&)>& f) {
    kpi::ArrivalFact a;
    c.each(
        "SELECT arrived_at, technician_id, mode, punctuality FROM repair_arrivals WHERE site_id = $1"
        " AND arrived_at >= $2 AND arrived_at < $3",
        std::vector<db::Value>{site_id, from, to}, [&](const db::Row& r) {
            a.arrived_at = r.i64(0);
            a.technician_id = r.i64(1);
            a.mode = r.str(2);
            a.punctuality = r.str(3);
            f(a);
        });
}

}  // namespace propdesk::repair::store
