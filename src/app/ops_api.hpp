// /healthz and /metrics: for load balancers and Prometheus.
#pragma once

#include "platform/context.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/pipeline.hpp"

namespace propdesk::app {

void register_ops_routes(http::Router& router,
                         Context& ctx,
                         http::Metrics& metrics,
                         const http::Authenticator& authenticate);

}  // namespace propdesk::app
