// What the car park's handlers share: the site in the path, records of the caller's site, the
// audit entry and live alerts.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "parking/gate.hpp"
#include "parking/model.hpp"
#include "platform/auth/principal.hpp"
#include "platform/context.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/message.hpp"
#include "platform/http/route_table.hpp"
#include "platform/http/router.hpp"
#include "platform/json/json_in.hpp"

namespace propdesk::parking::detail {

// This module's staff routes, under /api/v1/sites/{site_id}/parking: each handler checks the
// caller's site and permission itself (site_in_path).
class Routes : public http::RouteTable {
  public:
    Routes(http::Router& router, Context& ctx) : RouteTable(router, ctx, "/api/v1/sites/{site_id}/parking") {}
};

// A page of the site's records, newest first by id: fetch(c, site_id, after_id, limit) reads one
// more than the page, show(row, zone) is each record's JSON.
template <class Fetch, class Show>
http::Response site_page(Context& ctx, http::Request& req, auth::Permission p, Fetch fetch, Show show);

// ?status= when given, one of `allowed` (422 naming it otherwise).
std::string status_filter(const http::Request& req, std::initializer_list<std::string_view> allowed);

// The site in the path, the caller's (404 otherwise) with p (403); returns the id and zone.
std::pair<int64_t, std::string> site_in_path(db::Conn& c, const http::Request& req, auth::Permission p);
std::string zone_of(db::Conn& c, int64_t site_id);
// A payment's fields (PK-5), at the booth or inside a release's "payment": method, amount_cents,
// reference, received_cents (cash handed over) and scheme (the QR scanned).
gate::Payment payment_of(const propdesk::json::JsonIn& in);

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
// The attendants and team leads of the site (PK-10: who may be put on post).
std::vector<int64_t> car_park_staff(db::Conn& c, int64_t site_id);

template <class Fetch, class Show>
http::Response site_page(Context& ctx, http::Request& req, auth::Permission p, Fetch fetch, Show show) {
    auto page = http::page_params(req);
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, p);
        auto rows = fetch(c, site_id, page.after_id, page.limit + 1);
        auto next = http::trim_id_page(rows, page.limit);
        boost::json::array items;
        for (const auto& r : rows) items.push_back(show(r, zone));
        return std::make_pair(std::move(items), next);
    });
    return http::page_response(std::move(out.first), out.second);
}

}  // namespace propdesk::parking::detail
