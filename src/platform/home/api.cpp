#include <boost/json.hpp>

#include "platform/auth/principal.hpp"
#include "platform/error.hpp"
#include "platform/home/home.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/route_table.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::home {
namespace {

namespace bj = boost::json;

bj::object tile_json(const Tile& t) {
    bj::object o{{"key", t.key}, {"value", t.value}, {"money", t.money}, {"tone", t.tone}, {"link", t.link}};
    if (t.of) o["of"] = *t.of;
    if (!t.parts.empty()) {
        bj::array parts;
        for (const auto& [key, value] : t.parts) parts.push_back(bj::object{{"key", key}, {"value", value}});
        o["parts"] = std::move(parts);
    }
    return o;
}

}  // namespace

void register_routes(http::Router& router, Context& ctx, std::vector<Source> sources, SiteZone site_zone) {
    auto page = [sources = std::move(sources), site_zone = std::move(site_zone)](Context& ctx, http::Request& req) {
        int64_t site_id = req.id_param("site_id");
        // Any role in the site has a home there; another site's does not exist for them.
        if (!req.principal.in_site(site_id)) throw AppError::not_found("site");
        EpochMs now = ctx.clock.now_ms();
        bj::array sections;
        std::string date;
        ctx.db.read([&](db::Conn& c) {
            auto zone = site_zone(c, site_id);
            if (!zone) throw AppError::not_found("site");
            Today t{site_id, now, 0, 0, timefmt::local_date(now, *zone)};
            t.day_start = *timefmt::local_day_start(t.date, *zone);
            t.day_end = timefmt::next_day_start(t.day_start, *zone);
            date = t.date;
            for (const auto& source : sources) {
                auto s = source(c, req.principal, t);
                if (!s || s->tiles.empty()) continue;
                bj::array tiles;
                for (const auto& tile : s->tiles) tiles.push_back(tile_json(tile));
                sections.push_back(bj::object{{"key", s->key}, {"tiles", std::move(tiles)}});
            }
        });
        return http::json_response(bj::object{{"date", date}, {"sections", std::move(sections)}});
    };
    http::RouteTable routes(router, ctx);
    routes.add("GET", "/sites/{site_id}/home", auth::Permission::signed_in, std::move(page),
               "the caller's home page: what their roles must see today in this site");
}

}  // namespace propdesk::home
