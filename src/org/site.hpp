// What every module's handlers ask of org before they act: the site named in the path, the
// caller's (404 otherwise, so nobody learns what other sites hold) and with the permission
// (403), and the site's zone for the times they show.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "platform/auth/permissions.hpp"
#include "platform/db/db.hpp"
#include "platform/http/message.hpp"

namespace propdesk::org {

// The site's IANA zone; 404 when there is no such site.
std::string zone_of(db::Conn& c, int64_t site_id);
// {site_id}'s id and zone.
std::pair<int64_t, std::string> site_in_path(db::Conn& c, const http::Request& req, auth::Permission p);

}  // namespace propdesk::org
