// Uploads and downloads of evidence files: POST /sites/{site_id}/files, GET /files/{id}.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "platform/context.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"

namespace propdesk::files {
// A site's IANA zone (nullopt: no such site), for the times a file answer shows. The sites are
// org's, which platform does not know: the app passes its lookup in at start-up.
using SiteZone = std::function<std::optional<std::string>(db::Conn&, int64_t site_id)>;
void register_routes(http::Router& router, Context& ctx, SiteZone site_zone);
}  // namespace propdesk::files
