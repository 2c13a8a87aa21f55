// Routes for signing in and out, the signed-in user, and password change.
#pragma once

#include "platform/context.hpp"
#include "platform/http/router.hpp"

namespace propdesk::auth {

void register_routes(http::Router& router, Context& ctx);

}  // namespace propdesk::auth
