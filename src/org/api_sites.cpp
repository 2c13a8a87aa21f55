// Companies, sites, areas and buildings.
#include <boost/json.hpp>

#include "org/api.hpp"
#include "org/api_common.hpp"
#include "org/rules.hpp"
#include "org/store.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/route_table.hpp"
#include "platform/json/json_in.hpp"
#include "platform/text/text.hpp"

namespace propdesk::org {
namespace {

using namespace detail;
using auth::Permission;
using http::Request;
using http::Response;
namespace bj = boost::json;

// ---- companies (system admin) ----

Response list_companies(Context& ctx, Request& req) {
    auto q = list_query(req, {{"name", "name"}});
    auto rows = ctx.db.read_value([&](db::Conn& c) { return store::list_companies(c, q); });
    return page_of(std::move(rows), q, json::company);
}

Response create_company(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"name"});
    Company v;
    v.name = in.req_string("name", 1, 100);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        v.id = store::insert_company(c, v, now);
        auto saved = found(store::get_company(c, v.id));
        record_change(c, req, now, std::nullopt, "company", v.id, "create", std::nullopt, json::company(saved));
        return saved;
    });
    return http::record_response(json::company(out), out.stamp.version, 201);
}

Response get_company(Context& ctx, Request& req) {
    auto v = ctx.db.read_value([&](db::Conn& c) { return found(store::get_company(c, req.id_param("id"))); });
    return http::record_response(json::company(v), v.stamp.version);
}

Response update_company(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(req.body, {"name"});
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto cur = found(store::get_company(c, req.id_param("id")));
        Company next = cur;
        if (auto s = in.opt_string("name", 1, 100)) next.name = *s;
        if (!store::update_company(c, next, expected, now)) throw AppError::stale();
        auto saved = found(store::get_company(c, cur.id));
        record_change(c, req, now, std::nullopt, "company", cur.id, "update", json::company(cur), json::company(saved));
        return saved;
    });
    return http::record_response(json::company(out), out.stamp.version);
}

// ---- sites ----

Response list_sites(Context& ctx, Request& req) {
    auto q = list_query(req, {{"name", "name"}, {"code", "code"}, {"created_at", "created_at"}});
    const auto& who = req.principal;
    auto rows = ctx.db.read_value(
        [&](db::Conn& c) { return store::list_sites(c, q, who.sites_with(Permission::org_read), who.system_admin); });
    return page_of(std::move(rows), q, json::site);
}

Response create_site(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"company_id", "code", "name", "time_zone", "currency"});
    Site v;
    auto company_id = in.opt_int("company_id", 1, INT64_MAX);
    v.code = in.req_string("code", 1, 20);
    throw_if(rules::site_code_problem(v.code), "code");
    v.name = in.req_string("name", 1, 100);
    v.time_zone = in.opt_string("time_zone", 1, 64).value_or("Asia/Hong_Kong");
    throw_if(rules::time_zone_problem(v.time_zone), "time_zone");
    v.currency = in.opt_string("currency", 1, 3).value_or("HKD");
    throw_if(rules::currency_problem(v.currency), "currency");
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        if (company_id) {
            if (!store::get_company(c, *company_id)) throw AppError::invalid("no such company", "company_id");
            v.company_id = *company_id;
        } else {
            // One company is the usual install; it needs no naming.
            auto all = store::list_companies(c, {.limit = 2});
            if (all.size() != 1) throw AppError::invalid("company_id is required", "company_id");
            v.company_id = all.front().id;
        }
        if (c.one("SELECT id FROM sites WHERE code = $1", v.code))
            throw AppError::conflict("a site with this code already exists", "code");
        v.id = store::insert_site(c, v, now);
        auto saved = found(store::get_site(c, v.id));
        record_change(c, req, now, v.id, "site", v.id, "create", std::nullopt, json::site(saved));
        return saved;
    });
    return http::record_response(json::site(out), out.stamp.version, 201);
}

Response get_site(Context& ctx, Request& req) {
    auto v = ctx.db.read_value([&](db::Conn& c) { return store::get_site(c, req.id_param("id")); });
    if (!v) throw AppError::not_found("site");
    auth::require(req.principal, Permission::org_read, v->id);
    return http::record_response(json::site(*v), v->stamp.version);
}

Response update_site(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(req.body, {"name", "time_zone", "currency"});
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto cur = found(store::get_site(c, req.id_param("id")), "site");
        auth::require(req.principal, Permission::org_write, cur.id);
        Site next = cur;
        if (auto s = in.opt_string("name", 1, 100)) next.name = *s;
        if (auto s = in.opt_string("time_zone", 1, 64)) {
            throw_if(rules::time_zone_problem(*s), "time_zone");
            next.time_zone = *s;
        }
        if (auto s = in.opt_string("currency", 1, 3)) {
            throw_if(rules::currency_problem(*s), "currency");
            next.currency = *s;
        }
        if (!store::update_site(c, next, expected, now)) throw AppError::stale();
        auto saved = found(store::get_site(c, cur.id));
        record_change(c, req, now, cur.id, "site", cur.id, "update", json::site(cur), json::site(saved));
        return saved;
    });
    return http::record_response(json::site(out), out.stamp.version);
}

// ---- areas ----

Response list_areas(Context& ctx, Request& req) {
    auto q = list_query(req, {{"name", "name"}, {"kind", "kind"}});
    if (auto k = req.query_param("kind")) {
        if (!text::is_one_of(*k, kAreaKinds)) throw AppError::invalid("unknown area kind", "kind");
        q.kind = *k;
    }
    std::string zone;
    auto rows = ctx.db.read_value([&](db::Conn& c) {
        q.site_id = site_in_path(c, req, Permission::org_read);
        zone = store::site_zone(c, *q.site_id);
        return store::list_areas(c, q);
    });
    return page_of(std::move(rows), q, [&](const Area& a, auto sp) { return json::area(a, zone, sp); });
}

void read_area(const propdesk::json::JsonIn& in, Area& v, bool creating) {
    auto kind =
        creating ? std::optional(in.req_enum("kind", {"building", "district", "sales_centre", "clubhouse", "car_park"}))
                 : in.opt_enum("kind", {"building", "district", "sales_centre", "clubhouse", "car_park"});
    if (kind) v.kind = *kind;
    if (auto s = creating ? std::optional(in.req_string("name", 1, 100)) : in.opt_string("name", 1, 100)) v.name = *s;
}

Response create_area(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"kind", "name"});
    Area v;
    read_area(in, v, true);
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        v.site_id = site_in_path(c, req, Permission::org_write);
        zone = store::site_zone(c, v.site_id);
        v.id = store::insert_area(c, v, now);
        auto saved = found(store::get_area(c, v.id));
        record_change(c, req, now, v.site_id, "area", v.id, "create", std::nullopt, json::area(saved, zone));
        return saved;
    });
    return http::record_response(json::area(out, zone), out.stamp.version, 201);
}

Response get_area(Context& ctx, Request& req) {
    auto [v, zone] = read_record<Area>(ctx, req, store::get_area, Permission::org_read, "area");
    return http::record_response(json::area(v, zone), v.stamp.version);
}

Response update_area(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(req.body, {"kind", "name"});
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto cur = found(store::get_area(c, req.id_param("id")), "area");
        auth::require(req.principal, Permission::org_write, cur.site_id);
        zone = store::site_zone(c, cur.site_id);
        Area next = cur;
        read_area(in, next, false);
        if (!store::update_area(c, next, expected, now)) throw AppError::stale();
        auto saved = found(store::get_area(c, cur.id));
        record_change(c, req, now, cur.site_id, "area", cur.id, "update", json::area(cur, zone),
                      json::area(saved, zone));
        return saved;
    });
    return http::record_response(json::area(out, zone), out.stamp.version);
}

// ---- buildings ----

Response list_buildings(Context& ctx, Request& req) {
    auto q = list_query(req, {{"name", "name"}, {"floors", "floors"}});
    q.parent_id = http::id_query(req, "area_id");
    std::string zone;
    auto rows = ctx.db.read_value([&](db::Conn& c) {
        q.site_id = site_in_path(c, req, Permission::org_read);
        zone = store::site_zone(c, *q.site_id);
        return store::list_buildings(c, q);
    });
    return page_of(std::move(rows), q, [&](const Building& b, auto sp) { return json::building(b, zone, sp); });
}

void read_building(db::Conn& c, const propdesk::json::JsonIn& in, Building& v, bool creating) {
    if (auto area_id =
            creating ? std::optional(in.req_int("area_id", 1, INT64_MAX)) : in.opt_int("area_id", 1, INT64_MAX)) {
        auto area = store::get_area(c, *area_id);
        if (!area || area->site_id != v.site_id) throw AppError::invalid("no such area in this site", "area_id");
        v.area_id = *area_id;
    }
    if (auto s = creating ? std::optional(in.req_string("name", 1, 100)) : in.opt_string("name", 1, 100)) v.name = *s;
    if (auto f = in.opt_int("floors", 0, 200)) v.floors = *f;
}

Response create_building(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"area_id", "name", "floors"});
    Building v;
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        v.site_id = site_in_path(c, req, Permission::org_write);
        read_building(c, in, v, true);
        if (store::building_by_name(c, v.site_id, v.name))
            throw AppError::conflict("a building with this name already exists", "name");
        zone = store::site_zone(c, v.site_id);
        v.id = store::insert_building(c, v, now);
        auto saved = found(store::get_building(c, v.id));
        record_change(c, req, now, v.site_id, "building", v.id, "create", std::nullopt, json::building(saved, zone));
        return saved;
    });
    return http::record_response(json::building(out, zone), out.stamp.version, 201);
}

Response get_building(Context& ctx, Request& req) {
    auto [v, zone] = read_record<Building>(ctx, req, store::get_building, Permission::org_read, "building");
    return http::record_response(json::building(v, zone), v.stamp.version);
}

Response update_building(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(req.body, {"area_id", "name", "floors"});
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto cur = found(store::get_building(c, req.id_param("id")), "building");
        auth::require(req.principal, Permission::org_write, cur.site_id);
        zone = store::site_zone(c, cur.site_id);
        Building next = cur;
        read_building(c, in, next, false);
        if (!store::update_building(c, next, expected, now)) throw AppError::stale();
        auto saved = found(store::get_building(c, cur.id));
        record_change(c, req, now, cur.site_id, "building", cur.id, "update", json::building(cur, zone),
                      json::building(saved, zone));
        return saved;
    });
    return http::record_response(json::building(out, zone), out.stamp.version);
}

}  // namespace

void register_site_routes(http::Router& router, Context& ctx) {
    http::RouteTable routes(router, ctx);
    routes.add("GET", "/companies", Permission::sites_admin, list_companies, "List companies");
    routes.add("POST", "/companies", Permission::sites_admin, create_company, "Create a company");
    routes.add("GET", "/companies/{id}", Permission::sites_admin, get_company, "A company");
    routes.add("PATCH", "/companies/{id}", Permission::sites_admin, update_company, "Rename a company");
    routes.add("GET", "/sites", Permission::org_read, list_sites, "Sites I work in");
    routes.add("POST", "/sites", Permission::sites_admin, create_site, "Create a site");
    routes.add("GET", "/sites/{id}", Permission::org_read, get_site, "A site");
    routes.add("PATCH", "/sites/{id}", Permission::org_write, update_site, "Update a site");
    routes.add("GET", "/sites/{site_id}/areas", Permission::org_read, list_areas, "A site's areas");
    routes.add("POST", "/sites/{site_id}/areas", Permission::org_write, create_area, "Create an area");
    routes.add("GET", "/areas/{id}", Permission::org_read, get_area, "An area");
    routes.add("PATCH", "/areas/{id}", Permission::org_write, update_area, "Update an area");
    routes.add("GET", "/sites/{site_id}/buildings", Permission::org_read, list_buildings, "A site's buildings");
    routes.add("POST", "/sites/{site_id}/buildings", Permission::org_write, create_building, "Create a building");
    routes.add("GET", "/buildings/{id}", Permission::org_read, get_building, "A building");
    routes.add("PATCH", "/buildings/{id}", Permission::org_write, update_building, "Update a building");
}

}  // namespace propdesk::org
