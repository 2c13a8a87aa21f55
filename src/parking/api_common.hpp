// What the car park's handlers share: the site in the path, records of the caller's site, the
// audit entry and live alerts.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "parking/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/context.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "platform/http/message.hpp"
#include "platform/http/router.hpp"

namespace propdesk::parking::detail {

// This module's staff routes, under /api/v1/sites/{site_id}/parking: each handler checks the
// caller's site and permission itself (site_in_path); write bodies are small.
class Routes {
  public:
    using Handler = http::Response (*)(Context&, http::Request&);
    Routes(http::Router& router, Context& ctx) : router_(router), ctx_(ctx) {}
    void add(const char* method, const std::string& path, auth::Permission p, Handler f, const char* summary);

  private:
    http::Router& router_;
    Context& ctx_;
};

// The site in the path, the caller's (404 otherwise) with p (403); returns the id and zone.
std::pair<int64_t, std::string> site_in_path(db::Conn& c, const http::Request& req, auth::Permission p);
std::string zone_of(db::Conn& c, int64_t site_id);

// Records named in the path or body: 404 when missing or of another site.
Lane lane_of_site(db::Conn& c, int64_t site_id, int64_t lane_id, const char* field = "lane");
Lot lot_of_site(db::Conn& c, int64_t site_id, int64_t lot_id, const char* field = "lot");
Visit visit_of_site(db::Conn& c, int64_t site_id, int64_t visit_id);

void audit(db::Conn& c,
           const http::Request& req,
           EpochMs now,
           int64_t site_id,
           const char* entity,
           int64_t entity_id,
           const char* action,
           const std::optional<boost::json::object>& before,
           const boost::json::object& after);

// In-app notifications (live on the bell) to each user but the actor.
void alert(db::Conn& c,
           int64_t site_id,
           const std::vector<int64_t>& users,
           std::optional<int64_t> actor_id,
           const std::string& kind,
           const std::string& title,
           const std::string& body,
           const std::string& link,
           EpochMs now);
// The site's security team leads (PK-8: told of every hold) and site managers.
std::vector<int64_t> team_leads(db::Conn& c, int64_t site_id);
std::vector<int64_t> managers(db::Conn& c, int64_t site_id);

}  // namespace propdesk::parking::detail
