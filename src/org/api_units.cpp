// Units and residents, and which residents live in which units.
#include <boost/json.hpp>

#include "org/api.hpp"
#include "org/api_common.hpp"
#include "org/rules.hpp"
#include "org/store.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/route_table.hpp"
#include "platform/json/json_in.hpp"

namespace propdesk::org {
namespace {

using namespace detail;
using auth::Permission;
using http::Request;
using http::Response;
namespace bj = boost::json;

// ---- units ----

bj::object unit_with_residents(const Unit& u, const std::vector<ResidentOfUnit>& residents, const std::string& zone) {
    bj::object o = json::unit(u, zone);
    bj::array list;
    for (const auto& r : residents) {
        bj::array phones;
        for (const auto& p : r.phones) phones.push_back(bj::string(p));
        list.push_back(bj::object{
            {"resident_id", r.resident_id}, {"name", r.name}, {"phones", std::move(phones)}, {"relation", r.relation}});
    }
    o["residents"] = std::move(list);
    return o;
}

Response list_units(Context& ctx, Request& req) {
    auto q = list_query(req, {{"number", "u.number"},
                              {"floor", "u.floor"},
                              {"floor_area_m2", "u.floor_area_cm2"},
                              {"building_name", "b.name"},
                              {"created_at", "u.created_at"}});
    q.parent_id = http::id_query(req, "building_id");
    std::string zone;
    auto rows = ctx.db.read_value([&](db::Conn& c) {
        q.site_id = site_in_path(c, req, Permission::org_read);
        zone = store::site_zone(c, *q.site_id);
        return store::list_units(c, q);
    });
    return page_of(std::move(rows), q, [&](const Unit& u, auto sp) { return json::unit(u, zone, sp); });
}

void read_unit(const propdesk::json::JsonIn& in, Unit& v, bool creating) {
    if (auto s = creating ? std::optional(in.req_string("number", 1, 20)) : in.opt_string("number", 1, 20))
        v.number = *s;
    if (auto f = creating ? std::optional(in.req_int("floor", -10, 200)) : in.opt_int("floor", -10, 200)) v.floor = *f;
    std::optional<double> area = in.opt_number("floor_area_m2", 0, 1e9);
    if (creating && !area) throw AppError::invalid("floor_area_m2 is required", "floor_area_m2");
    if (area) {
        auto cm2 = rules::floor_area_cm2(*area);
        if (!cm2)
            throw AppError::invalid("floor_area_m2 must be above 0, at most 100000, with two decimals at most",
                                    "floor_area_m2");
        v.floor_area_cm2 = *cm2;
    }
}

Response create_unit(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"building_id", "number", "floor", "floor_area_m2"});
    Unit v;
    int64_t building_id = in.req_int("building_id", 1, INT64_MAX);
    read_unit(in, v, true);
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        v.site_id = site_in_path(c, req, Permission::org_write);
        auto b = store::get_building(c, building_id);
        if (!b || b->site_id != v.site_id) throw AppError::invalid("no such building in this site", "building_id");
        v.building_id = b->id;
        v.building_name = b->name;
        if (store::unit_by_number(c, b->id, v.number))
            throw AppError::conflict("this building already has a unit " + v.number, "number");
        zone = store::site_zone(c, v.site_id);
        v.id = store::insert_unit(c, v, now);
        auto saved = found(store::get_unit(c, v.id));
        record_change(c, req, now, v.site_id, "unit", v.id, "create", std::nullopt, json::unit(saved, zone));
        return saved;
    });
    return http::record_response(unit_with_residents(out, {}, zone), out.stamp.version, 201);
}

Response get_unit(Context& ctx, Request& req) {
    std::string zone;
    std::vector<ResidentOfUnit> residents;
    auto v = ctx.db.read_value([&](db::Conn& c) {
        auto u = found(store::get_unit(c, req.id_param("id")), "unit");
        auth::require(req.principal, Permission::org_read, u.site_id);
        zone = store::site_zone(c, u.site_id);
        if (req.principal.can(Permission::residents_read, u.site_id)) residents = store::residents_of_unit(c, u.id);
        return u;
    });
    return http::record_response(unit_with_residents(v, residents, zone), v.stamp.version);
}

Response update_unit(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(req.body, {"number", "floor", "floor_area_m2"});
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    std::vector<ResidentOfUnit> residents;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto cur = found(store::get_unit(c, req.id_param("id")), "unit");
        auth::require(req.principal, Permission::org_write, cur.site_id);
        zone = store::site_zone(c, cur.site_id);
        Unit next = cur;
        read_unit(in, next, false);
        if (next.number != cur.number && store::unit_by_number(c, cur.building_id, next.number))
            throw AppError::conflict("this building already has a unit " + next.number, "number");
        if (!store::update_unit(c, next, expected, now)) throw AppError::stale();
        auto saved = found(store::get_unit(c, cur.id));
        record_change(c, req, now, cur.site_id, "unit", cur.id, "update", json::unit(cur, zone),
                      json::unit(saved, zone));
        residents = store::residents_of_unit(c, cur.id);
        return saved;
    });
    return http::record_response(unit_with_residents(out, residents, zone), out.stamp.version);
}

// ---- residents ----

std::vector<std::string> read_phones(const propdesk::json::JsonIn& in) {
    std::vector<std::string> out;
    for (const auto& raw : in.opt_string_list("phones", 5, 30).value_or(std::vector<std::string>{})) {
        auto p = rules::normalise_phone(raw);
        if (!p) throw AppError::invalid("phone must be 8–15 digits: " + raw, "phones");
        out.push_back(*p);
    }
    return out;
}

void read_resident(const propdesk::json::JsonIn& in, Resident& v, bool creating) {
    if (auto s = creating ? std::optional(in.req_string("name", 1, 100)) : in.opt_string("name", 1, 100)) v.name = *s;
    if (creating || in.has("phones")) v.phones = read_phones(in);
    if (auto s = in.opt_string("email", 0, 200)) {
        throw_if(rules::email_problem(*s), "email");
        v.email = *s;
    }
    if (auto s = in.opt_string("notes", 0, 2000)) v.notes = *s;
}

// "units": [{"unit_id": 3, "relation": "owner"}], every unit in the resident's site.
std::vector<UnitLink> read_links(db::Conn& c, const propdesk::json::JsonIn& in, int64_t site_id) {
    std::vector<UnitLink> out;
    const bj::value* raw = in.raw("units");
    if (!raw) return out;
    if (!raw->is_array() || raw->as_array().size() > 50)
        throw AppError(400, "wrong_type", "units must be a list of {unit_id, relation}", "units");
    for (const auto& item : raw->as_array()) {
        propdesk::json::JsonIn link(bj::serialize(item), {"unit_id", "relation"});
        UnitLink l;
        l.unit_id = link.req_int("unit_id", 1, INT64_MAX);
        l.relation = link.req_enum("relation", {"owner", "tenant", "occupant"});
        auto u = store::get_unit(c, l.unit_id);
        if (!u || u->site_id != site_id) throw AppError::invalid("no such unit in this site", "units");
        out.push_back(l);
    }
    return out;
}

Response list_residents(Context& ctx, Request& req) {
    auto q = list_query(req, {{"name", "name"}, {"created_at", "created_at"}, {"updated_at", "updated_at"}});
    q.parent_id = http::id_query(req, "unit_id");
    std::string zone;
    auto rows = ctx.db.read_value([&](db::Conn& c) {
        auto site = site_ref_in_path(c, req, Permission::residents_read);
        q.site_id = site.id;
        zone = std::move(site.zone);
        return store::list_residents(c, q);
    });
    return page_text(std::move(rows), q,
                     [&](propdesk::json::Writer& w, const Resident& r) { json::write_resident(w, r, zone); });
}

Response create_resident(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"name", "phones", "email", "notes", "units"});
    Resident v;
    read_resident(in, v, true);
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        v.site_id = site_in_path(c, req, Permission::residents_write);
        v.units = read_links(c, in, v.site_id);
        zone = store::site_zone(c, v.site_id);
        v.id = store::insert_resident(c, v, now);
        auto saved = found(store::get_resident(c, v.id));
        record_change(c, req, now, v.site_id, "resident", v.id, "create", std::nullopt, json::resident(saved, zone));
        return saved;
    });
    return http::record_response(json::resident(out, zone), out.stamp.version, 201);
}

Response get_resident(Context& ctx, Request& req) {
    auto [v, zone] = read_record<Resident>(ctx, req, store::get_resident, Permission::residents_read, "resident");
    return http::record_response(json::resident(v, zone), v.stamp.version);
}

Response update_resident(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(req.body, {"name", "phones", "email", "notes"});
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto cur = found(store::get_resident(c, req.id_param("id")), "resident");
        auth::require(req.principal, Permission::residents_write, cur.site_id);
        zone = store::site_zone(c, cur.site_id);
        Resident next = cur;
        read_resident(in, next, false);
        if (!store::update_resident(c, next, expected, now)) throw AppError::stale();
        auto saved = found(store::get_resident(c, cur.id));
        record_change(c, req, now, cur.site_id, "resident", cur.id, "update", json::resident(cur, zone),
                      json::resident(saved, zone));
        return saved;
    });
    return http::record_response(json::resident(out, zone), out.stamp.version);
}

// PUT links (or changes the relation), DELETE unlinks; both bump the resident's version.
Response change_link(Context& ctx, Request& req, bool link) {
    int64_t expected = http::if_match_version(req);
    std::optional<std::string> relation;
    if (link) {
        propdesk::json::JsonIn in(req.body, {"relation"});
        relation = in.req_enum("relation", {"owner", "tenant", "occupant"});
    }
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto cur = found(store::get_resident(c, req.id_param("id")), "resident");
        auth::require(req.principal, Permission::residents_write, cur.site_id);
        zone = store::site_zone(c, cur.site_id);
        auto unit = store::get_unit(c, req.id_param("unit_id"));
        if (!unit || unit->site_id != cur.site_id) throw AppError::not_found("unit");
        if (!store::bump_resident(c, cur.id, expected, now)) throw AppError::stale();
        if (link) {
            store::link_unit(c, cur.id, unit->id, *relation, now);
        } else if (!store::unlink_unit(c, cur.id, unit->id)) {
            throw AppError::not_found("link to this unit");
        }
        auto saved = found(store::get_resident(c, cur.id));
        record_change(c, req, now, cur.site_id, "resident", cur.id, link ? "link_unit" : "unlink_unit",
                      json::resident(cur, zone), json::resident(saved, zone));
        return saved;
    });
    return http::record_response(json::resident(out, zone), out.stamp.version);
}

Response link_unit(Context& ctx, Request& req) {
    return change_link(ctx, req, true);
}
Response unlink_unit(Context& ctx, Request& req) {
    return change_link(ctx, req, false);
}

}  // namespace

void register_unit_routes(http::Router& router, Context& ctx) {
    http::RouteTable routes(router, ctx);
    routes.add("GET", "/sites/{site_id}/units", Permission::org_read, list_units, "A site's units");
    routes.add("POST", "/sites/{site_id}/units", Permission::org_write, create_unit, "Create a unit");
    routes.add("GET", "/units/{id}", Permission::org_read, get_unit, "A unit with its residents");
    routes.add("PATCH", "/units/{id}", Permission::org_write, update_unit, "Update a unit");
    routes.add("GET", "/sites/{site_id}/residents", Permission::residents_read, list_residents, "A site's residents");
    routes.add("POST", "/sites/{site_id}/residents", Permission::residents_write, create_resident, "Create a resident");
    routes.add("GET", "/residents/{id}", Permission::residents_read, get_resident, "A resident with their units");
    routes.add("PATCH", "/residents/{id}", Permission::residents_write, update_resident, "Update a resident");
    routes.add("PUT", "/residents/{id}/units/{unit_id}", Permission::residents_write, link_unit,
               "Link a resident to a unit");
    routes.add("DELETE", "/residents/{id}/units/{unit_id}", Permission::residents_write, unlink_unit,
               "Unlink a resident from a unit", 0);
}

}  // namespace propdesk::org
