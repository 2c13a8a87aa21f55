// Who may take which step of a case, and the route groups of the desk.
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "desk/model.hpp"
#include "desk/rules.hpp"
#include "platform/auth/principal.hpp"
#include "platform/context.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"

namespace propdesk::desk {

// By role and department, ignoring the lifecycle: the desk's steps need cases_write in the
// case's site; the department's need cases_work and a seat in the case's department (the site
// manager may act for any department).
bool may(const Case& v, rules::Action a, const auth::Principal& who);
// The steps the lifecycle allows now that the caller may take, for the page's buttons.
std::vector<rules::Action> allowed_actions(const Case& v, const auth::Principal& who);

// The case with its timeline, return visits and allowed actions.
boost::json::object case_detail(
    db::Conn& c, const Case& v, const std::string& zone, const auth::Principal& who, EpochMs now);

void register_case_routes(http::Router& router, Context& ctx);
void register_action_routes(http::Router& router, Context& ctx);
void register_visit_routes(http::Router& router, Context& ctx);
void register_kpi_routes(http::Router& router, Context& ctx);

}  // namespace propdesk::desk
