// MT-4.0: the desk's return visit of a job's case decides the job: satisfied closes the loop;
// not satisfied reopens it for a new visit (completed → rebook, in the rules' lifecycle), and
// engineering and the technician hear of it. The application hands this to the desk at start-up.
#include "repair/api.hpp"
#include "repair/api_common.hpp"
#include "repair/store.hpp"

namespace propdesk::repair {

void return_visit_answered(db::Conn& c,
                           const http::Request& req,
                           const desk::Case& v,
                           const std::string& outcome,
                           const std::string& note,
                           EpochMs now) {
    if (!v.repair_request_id) return;
    auto found = store::get_repair(c, *v.repair_request_id);
    if (!found) return;
    bool satisfied = outcome == "satisfied";
    auto next = rules::next_status(found->status, rules::Action::return_visit, satisfied);
    if (!next) return;  // the job was not waiting for its visit (closed meanwhile)
    const Repair before = *found;
    Repair r = rules::visit_answered(before, satisfied, now);
    r.status = *next;
    std::optional<int64_t> actor = req.principal.user_id;
    store::add_event(c, r.id, std::nullopt, "return_visit", actor, outcome + (note.empty() ? "" : ": " + note), now);
    if (!satisfied) {
        store::add_event(c, r.id, std::nullopt, "reopened", actor, note, now);
        std::vector<int64_t> told = detail::engineering_heads(c, r.site_id);
        if (r.technician_id) told.push_back(*r.technician_id);
        detail::alert(c, r, {"repair_reopened", "回訪不滿意，需再上門 " + rules::repair_number(r.id), note}, told,
                      actor, now);
    }
    if (!store::update_repair(c, r, before.version, now)) throw AppError::stale();
    detail::audit_repair(c, req, now, *store::get_repair(c, r.id), "return_visit", before,
                         detail::zone_of(c, r.site_id));
}

void register_routes(http::Router& router, Context& ctx) {
    register_request_routes(router, ctx);
    register_step_routes(router, ctx);
    register_catalog_routes(router, ctx);
    register_order_routes(router, ctx);
    register_kpi_routes(router, ctx);
}

}  // namespace propdesk::repair
