#include "parking/api.hpp"

namespace propdesk::parking {

void register_routes(http::Router& router, Context& ctx) {
    register_setup_routes(router, ctx);
    register_card_routes(router, ctx);
    register_gate_routes(router, ctx);
    register_visit_routes(router, ctx);
    register_register_routes(router, ctx);
    register_hold_routes(router, ctx);
    register_free_request_routes(router, ctx);
    register_incident_routes(router, ctx);
    register_booth_routes(router, ctx);
    register_post_routes(router, ctx);
    register_handover_routes(router, ctx);
}

}  // namespace propdesk::parking
