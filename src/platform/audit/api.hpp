// GET /api/v1/audit?entity=…&id=… — a record's history. There is no route that changes it.
#pragma once

#include "platform/context.hpp"
#include "platform/http/router.hpp"

namespace propdesk::audit {

void register_routes(http::Router& router, Context& ctx);

}  // namespace propdesk::audit
