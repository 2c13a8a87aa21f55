// The desk's HTTP routes (FD-A…D, I, N).
#pragma once

#include "desk/hooks.hpp"
#include "platform/context.hpp"
#include "platform/http/router.hpp"

namespace propdesk::desk {

// `hooks`: what the steps tell other modules (the application passes them in at start-up).
void register_routes(http::Router& router, Context& ctx, Hooks hooks);

}  // namespace propdesk::desk
