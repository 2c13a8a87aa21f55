#include "app/ops_api.hpp"

#include "platform/error.hpp"

namespace propdesk::app {
namespace {

bool is_loopback(const std::string& address) {
    return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}

}  // namespace

void register_ops_routes(http::Router& router,
                         Context& ctx,
                         http::Metrics& metrics,
                         const http::Authenticator& authenticate) {
    using http::Access;
    router.add({"GET", "/healthz", Access::public_route, auth::Permission::signed_in,
                [&ctx](http::Request&) {
                    if (!ctx.db.ping()) return http::Response::json(503, R"({"status":"unavailable"})");
                    return http::Response::json(200, R"({"status":"ok"})");
                },
                0, "Liveness and database reachability"});
    // Prometheus scrapes from loopback; from elsewhere a system admin's session is needed.
    router.add({"GET", "/metrics", Access::public_route, auth::Permission::signed_in,
                [&metrics, authenticate](http::Request& req) {
                    if (!is_loopback(req.remote_address)) {
                        authenticate(req, http::Route{.method = "GET", .pattern = "/metrics"});
                        if (!req.principal.can_somewhere(auth::Permission::metrics_read)) throw AppError::forbidden();
                    }
                    return http::Response{200, "text/plain; version=0.0.4", metrics.render(), {}};
                },
                0, "Prometheus metrics"});
}

}  // namespace propdesk::app
