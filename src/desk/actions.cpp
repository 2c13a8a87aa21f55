#include "desk/actions.hpp"

#include "desk/api.hpp"

namespace propdesk::desk {

bool may(const Case& v, rules::Action a, const auth::Principal& who) {
    using A = rules::Action;
    // A repair job's case moves with the job (check-in, completion, close), not by hand.
    if (v.repair_request_id &&
        (a == A::dispatch || a == A::reassign || a == A::accept || a == A::complete || a == A::reply))
        return false;
    if (!rules::by_department(a)) return who.can(auth::Permission::cases_write, v.site_id);
    if (!who.can(auth::Permission::cases_work, v.site_id) || !v.department_id) return false;
    return who.holds(v.site_id, auth::Role::site_manager) || who.in_department(v.site_id, *v.department_id);
}

std::vector<rules::Action> allowed_actions(const Case& v, const auth::Principal& who) {
    using A = rules::Action;
    std::vector<A> out;
    for (A a : {A::dispatch, A::reassign, A::accept, A::progress, A::complete, A::return_visit, A::reply, A::archive,
                A::follow_up, A::responsibility}) {
        // A return visit is possible when any outcome is; "unreachable" always is from completed.
        std::string_view outcome = a == A::return_visit ? "unreachable" : "";
        if (!rules::next_status(v.status, a, outcome)) continue;
        if (a == A::responsibility && v.category != "complaint") continue;
        if (a == A::reply && rules::reply_refusal(v, "-")) continue;
        if (may(v, a, who)) out.push_back(a);
    }
    return out;
}

void register_routes(http::Router& router, Context& ctx) {
    register_case_routes(router, ctx);
    register_action_routes(router, ctx);
    register_visit_routes(router, ctx);
    register_kpi_routes(router, ctx);
}

}  // namespace propdesk::desk
