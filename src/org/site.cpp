#include "org/site.hpp"

#include "org/store.hpp"
#include "platform/auth/principal.hpp"
#include "platform/error.hpp"

namespace propdesk::org {

std::string zone_of(db::Conn& c, int64_t site_id) {
    auto zone = store::find_site_zone(c, site_id);
    if (!zone) throw AppError::not_found("site");
    return *zone;
}

std::pair<int64_t, std::string> site_in_path(db::Conn& c, const http::Request& req, auth::Permission p) {
    int64_t site_id = req.id_param("site_id");
    if (!req.principal.in_site(site_id)) throw AppError::not_found("site");
    auto zone = zone_of(c, site_id);
    auth::require(req.principal, p, site_id);
    return {site_id, zone};
}

}  // namespace propdesk::org
