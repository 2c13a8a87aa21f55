// Who may take which step of a case, the steps as the lifecycle helper takes them, and the
// route groups of the desk.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "desk/hooks.hpp"
#include "desk/model.hpp"
#include "desk/rules.hpp"
#include "platform/auth/principal.hpp"
#include "platform/context.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"
#include "platform/lifecycle/step.hpp"

namespace propdesk::desk {

// By role and department, ignoring the lifecycle: the desk's steps need cases_write in the
// case's site (raising a repair request also repairs_write); the department's need cases_work and
// a seat in the case's department (the site manager may act for any department); the outcome
// of a visit escalated to the butler is the butler's (or the customer-department manager's).
bool may(const Case& v, rules::Action a, const auth::Principal& who);
// The steps the lifecycle and the rules allow now that the caller may take, for the page's
// buttons. `open_visit`: the case's pending or escalated return visit, if any.
std::vector<rules::Action> allowed_actions(const Case& v,
                                           const auth::Principal& who,
                                           const std::optional<ReturnVisit>& open_visit = std::nullopt);

// The case with its timeline, return visits and allowed actions.
boost::json::object case_detail(
    db::Conn& c, const Case& v, const std::string& zone, const auth::Principal& who, EpochMs now);

// Cases as lifecycle::take loads, saves and answers them (the case detail, audited), and the gate
// of step `a` (role and department, lifecycle, rules::step_refusal). The repair module raises a
// repair request from a case with them.
const lifecycle::Kind<Case>& case_kind();
lifecycle::Gate<Case> case_gate(rules::Action a, std::string outcome = "");

void register_case_routes(http::Router& router, Context& ctx);
void register_action_routes(http::Router& router, Context& ctx, const Hooks& hooks);
void register_visit_routes(http::Router& router, Context& ctx);
void register_kpi_routes(http::Router& router, Context& ctx);

}  // namespace propdesk::desk
