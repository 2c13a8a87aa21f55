#include "desk/actions.hpp"

#include "desk/api.hpp"
#include "desk/api_common.hpp"
#include "desk/store.hpp"

namespace propdesk::desk {

bool may(const Case& v, rules::Action a, const auth::Principal& who) {
    using A = rules::Action;
    if (a == A::butler_outcome)
        return who.holds(v.site_id, auth::Role::butler) || who.holds(v.site_id, auth::Role::cs_manager);
    if (a == A::raise_repair)
        return who.can(auth::Permission::cases_write, v.site_id) && who.can(auth::Permission::repairs_write, v.site_id);
    if (!rules::by_department(a)) return who.can(auth::Permission::cases_write, v.site_id);
    if (!who.can(auth::Permission::cases_work, v.site_id) || !v.department_id) return false;
    return who.holds(v.site_id, auth::Role::site_manager) || who.in_department(v.site_id, *v.department_id);
}

std::vector<rules::Action> allowed_actions(const Case& v,
                                           const auth::Principal& who,
                                           const std::optional<ReturnVisit>& open_visit) {
    using A = rules::Action;
    std::vector<A> out;
    for (A a : {A::dispatch, A::raise_repair, A::reassign, A::accept, A::progress, A::complete, A::return_visit,
                A::butler_outcome, A::reply, A::archive, A::follow_up, A::responsibility}) {
        // A visit's answer is possible when any outcome is; "unreachable" always is from completed.
        std::string_view outcome = a == A::return_visit || a == A::butler_outcome ? "unreachable" : "";
        if (!rules::next_status(v.status, a, outcome)) continue;
        if (rules::step_refusal(v, a)) continue;
        if (a == A::responsibility && v.category != "complaint") continue;
        if (a == A::reply && rules::reply_refusal(v, "-")) continue;
        if (a == A::butler_outcome && rules::butler_refusal(open_visit, "satisfied", "")) continue;
        if (may(v, a, who)) out.push_back(a);
    }
    return out;
}

namespace {

Case load_case(db::Conn& c, const http::Request& req) {
    return detail::case_in_path(c, req, auth::Permission::cases_read);
}

boost::json::object answer_case(
    db::Conn& c, const http::Request& req, std::string_view action, const Case& before, int64_t id, EpochMs now) {
    auto saved = *store::get_case(c, id);
    auto zone = detail::zone_of(c, saved.site_id);
    detail::audit_case(c, req, now, saved, std::string(action).c_str(), before, zone);
    return case_detail(c, saved, zone, req.principal, now);
}

}  // namespace

const lifecycle::Kind<Case>& case_kind() {
    static const lifecycle::Kind<Case> kind{"case", load_case, store::update_case, answer_case};
    return kind;
}

lifecycle::Gate<Case> case_gate(rules::Action a, std::string outcome) {
    std::string forbidden = a == rules::Action::butler_outcome ? "only the butler records the outcome of a visit "
                                                                 "escalated to them"
                            : rules::by_department(a) ? "only the department the case is dispatched to may do this"
                                                      : "your role may not do this";
    return {std::string(rules::action_name(a)), std::move(forbidden),
            [a](const Case& v, const auth::Principal& who) { return may(v, a, who); },
            [a, outcome](const Case& v) { return rules::next_status(v.status, a, outcome); },
            [a](const Case& v) { return rules::step_refusal(v, a); }};
}

void register_routes(http::Router& router, Context& ctx, Hooks hooks) {
    register_case_routes(router, ctx);
    register_action_routes(router, ctx, hooks);
    register_visit_routes(router, ctx);
    register_kpi_routes(router, ctx);
}

}  // namespace propdesk::desk
