// The desk's HTTP routes (FD-A…D, I, N).
#pragma once

#include "platform/context.hpp"
#include "platform/http/router.hpp"

namespace propdesk::desk {

void register_routes(http::Router& router, Context& ctx);

}  // namespace propdesk::desk
