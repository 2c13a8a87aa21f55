// Uploads and downloads of evidence files: POST /sites/{site_id}/files, GET /files/{id}.
#pragma once

#include "platform/context.hpp"
#include "platform/http/router.hpp"

namespace propdesk::files {
void register_routes(http::Router& router, Context& ctx);
}
