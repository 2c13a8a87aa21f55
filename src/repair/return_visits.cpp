// MT-4.0: the desk's return visit of a job's case decides the job: satisfied closes the loop;
// not satisfied reopens it for a new visit, and engineering and the technician hear of it.
#include "desk/hooks.hpp"
#include "repair/api.hpp"
#include "repair/api_common.hpp"
#include "repair/store.hpp"

namespace propdesk::repair {

namespace {
void answered(db::Conn& c,
              const http::Request& req,
              const desk::Case& v,
              const std::string& outcome,
              const std::string& note,
              EpochMs now) {
    if (!v.repair_request_id) return;
    auto found = store::get_repair(c, *v.repair_request_id);
    if (!found || found->status != "completed") return;
    Repair r = *found;
    const Repair before = r;
    auto zone = detail::zone_of(c, r.site_id);
    r.return_visit_outcome = outcome;
    r.return_visited_at = now;
    r.visits_answered += 1;
    if (outcome == "satisfied") r.visits_satisfied += 1;
    std::optional<int64_t> actor = req.principal.user_id;
    if (outcome == "satisfied") {
        r.status = "return_visited";
        store::add_event(c, r.id, std::nullopt, "return_visit", actor, outcome + (note.empty() ? "" : ": " + note),
                         now);
    } else {
        // Not fixed after all: a new visit is booked; it no longer counts as a first-time fix.
        r.status = "rebook";
        r.reopen_count += 1;
        r.first_time_fix = false;
        r.arrived_at = std::nullopt;
        r.started_at = std::nullopt;
        store::add_event(c, r.id, std::nullopt, "return_visit", actor, outcome + (note.empty() ? "" : ": " + note),
                         now);
        store::add_event(c, r.id, std::nullopt, "reopened", actor, note, now);
        std::vector<int64_t> told = detail::engineering_heads(c, r.site_id);
        if (r.technician_id) told.push_back(*r.technician_id);
        detail::alert(c, r, {"repair_reopened", "回訪不滿意，需再上門 " + rules::repair_number(r.id), note}, told,
                      actor, now);
    }
    if (!store::update_repair(c, r, before.version, now)) throw AppError::stale();
    detail::audit_repair(c, req, now, *store::get_repair(c, r.id), "return_visit", before, zone);
}
}  // namespace

void register_return_visit_hook() {
    desk::hooks::on_return_visit_answered(answered);
}

void register_routes(http::Router& router, Context& ctx) {
    register_request_routes(router, ctx);
    register_step_routes(router, ctx);
    register_catalog_routes(router, ctx);
    register_order_routes(router, ctx);
    register_kpi_routes(router, ctx);
    register_return_visit_hook();
}

}  // namespace propdesk::repair
