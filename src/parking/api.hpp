// The car park's routes (docs/parking-api.md) and the camera protocol (GATE-PROTOCOL.md).
#pragma once

#include "platform/context.hpp"
#include "platform/http/router.hpp"

namespace propdesk::parking {

void register_routes(http::Router& router, Context& ctx);

void register_setup_routes(http::Router& router, Context& ctx);         // api_setup.cpp
void register_card_routes(http::Router& router, Context& ctx);          // api_cards.cpp
void register_gate_routes(http::Router& router, Context& ctx);          // api_gate.cpp: the camera protocol
void register_visit_routes(http::Router& router, Context& ctx);         // api_visits.cpp: entries, exits, steps
void register_register_routes(http::Router& router, Context& ctx);      // api_register.cpp: the register
void register_hold_routes(http::Router& router, Context& ctx);          // api_holds.cpp
void register_free_request_routes(http::Router& router, Context& ctx);  // api_free_requests.cpp (PK-6)
void register_incident_routes(http::Router& router, Context& ctx);      // api_incidents.cpp
void register_booth_routes(http::Router& router, Context& ctx);         // api_booth.cpp: booth, events, lane open
void register_post_routes(http::Router& router, Context& ctx);          // api_posts.cpp: posts, peak view
void register_handover_routes(http::Router& router, Context& ctx);      // api_handovers.cpp
void register_camera_routes(http::Router& router, Context& ctx);   // api_cameras.cpp: called by register_setup_routes
void register_vehicle_routes(http::Router& router, Context& ctx);  // api_vehicles.cpp: called by register_card_routes

}  // namespace propdesk::parking
