#include "app/app.hpp"
#include "app/ops_api.hpp"
#include "desk/api.hpp"
#include "desk/home.hpp"
#include "org/api.hpp"
#include "org/store.hpp"
#include "parking/api.hpp"
#include "parking/home.hpp"
#include "platform/audit/api.hpp"
#include "platform/auth/api.hpp"
#include "platform/files/api.hpp"
#include "platform/home/home.hpp"
#include "platform/notify/api.hpp"
#include "repair/api.hpp"
#include "repair/home.hpp"

namespace propdesk::app {

void register_all_routes(http::Router& router,
                         Context& ctx,
                         http::Metrics& metrics,
                         const http::Authenticator& authenticate) {
    register_ops_routes(router, ctx, metrics, authenticate);
    auth::register_routes(router, ctx);
    audit::register_routes(router, ctx);
    org::register_routes(router, ctx);
    notify::register_routes(router, ctx);
    // The desk → repair wiring, explicit: a repair job's case has its return visit at the desk,
    // and the answer decides the job (MT-4.0).
    desk::Hooks desk_hooks;
    desk_hooks.return_visit_answered = repair::return_visit_answered;
    desk::register_routes(router, ctx, desk_hooks);
    // The files platform shows times in the site's zone, from org.
    files::register_routes(router, ctx, org::store::find_site_zone);
    repair::register_routes(router, ctx);
    parking::register_routes(router, ctx);
    // Each module's tiles on a role's home page, in the page's order.
    home::register_routes(router, ctx, {desk::home_section, repair::home_section, parking::home_section},
                          org::store::find_site_zone);
}

}  // namespace propdesk::app
