#include "org/api.hpp"

namespace propdesk::org {

void register_routes(http::Router& router, Context& ctx) {
    register_site_routes(router, ctx);
    register_unit_routes(router, ctx);
    register_staff_routes(router, ctx);
    register_import_routes(router, ctx);
}

}  // namespace propdesk::org
