// The organisation's routes: companies, sites, areas, buildings, units, residents,
// departments, staff and their roles, gate devices, CSV imports.
#pragma once

#include "platform/context.hpp"
#include "platform/http/router.hpp"

namespace propdesk::org {

void register_routes(http::Router& router, Context& ctx);

void register_site_routes(http::Router& router, Context& ctx);    // api_sites.cpp
void register_unit_routes(http::Router& router, Context& ctx);    // api_units.cpp
void register_staff_routes(http::Router& router, Context& ctx);   // api_staff.cpp
void register_import_routes(http::Router& router, Context& ctx);  // api_import.cpp

}  // namespace propdesk::org
