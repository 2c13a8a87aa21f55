// The repair module's routes (docs/repairs-api.md).
#pragma once

#include <boost/json/object.hpp>

#include "desk/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/context.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"
#include "repair/model.hpp"

namespace propdesk::repair {

void register_routes(http::Router& router, Context& ctx);

// The job with its timeline, arrivals, materials, charges, the actions the caller may take
// and the site's wait at the door.
boost::json::object repair_detail(
    db::Conn& c, const Repair& r, const std::string& zone, const auth::Principal& who, EpochMs now);

void register_request_routes(http::Router& router, Context& ctx);
void register_step_routes(http::Router& router, Context& ctx);
void register_catalog_routes(http::Router& router, Context& ctx);
void register_file_routes(http::Router& router, Context& ctx);
void register_order_routes(http::Router& router, Context& ctx);
void register_kpi_routes(http::Router& router, Context& ctx);
// MT-4.0: the desk's return visit of a job's case decides the job's outcome. Called by the desk
// (desk::Hooks::return_visit_answered, wired in app/routes.cpp) in the visit's transaction.
void return_visit_answered(db::Conn& c,
                           const http::Request& req,
                           const desk::Case& after,
                           const std::string& outcome,
                           const std::string& note,
                           EpochMs now);

}  // namespace propdesk::repair
