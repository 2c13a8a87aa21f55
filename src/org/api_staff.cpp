// Departments, staff accounts and their roles per site, and gate-device tokens.
#include <boost/json.hpp>

#include "org/api.hpp"
#include "org/api_common.hpp"
#include "org/rules.hpp"
#include "org/store.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/auth/rules.hpp"
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

// ---- departments ----

Response list_departments(Context& ctx, Request& req) {
    auto q = list_query(req, {{"name", "name"}, {"kind", "kind"}});
    if (auto k = req.query_param("kind")) {
        if (!text::is_one_of(*k, kDepartmentKinds)) throw AppError::invalid("unknown department kind", "kind");
        q.kind = *k;
    }
    std::string zone;
    auto rows = ctx.db.read_value([&](db::Conn& c) {
        q.site_id = site_in_path(c, req, Permission::org_read);
        zone = store::site_zone(c, *q.site_id);
        return store::list_departments(c, q);
    });
    return page_of(std::move(rows), q, [&](const Department& d, auto sp) { return json::department(d, zone, sp); });
}

Response create_department(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"kind", "name"});
    Department v;
    v.kind = in.req_enum(
        "kind", {"customer_service", "engineering", "security", "cleaning", "greening", "finance", "admin", "other"});
    v.name = in.req_string("name", 1, 100);
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        v.site_id = site_in_path(c, req, Permission::org_write);
        zone = store::site_zone(c, v.site_id);
        v.id = store::insert_department(c, v, now);
        auto saved = found(store::get_department(c, v.id));
        record_change(c, req, now, v.site_id, "department", v.id, "create", std::nullopt,
                      json::department(saved, zone));
        return saved;
    });
    return http::record_response(json::department(out, zone), out.stamp.version, 201);
}

Response get_department(Context& ctx, Request& req) {
    auto [v, zone] = read_record<Department>(ctx, req, store::get_department, Permission::org_read, "department");
    return http::record_response(json::department(v, zone), v.stamp.version);
}

Response update_department(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(req.body, {"kind", "name"});
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto cur = found(store::get_department(c, req.id_param("id")), "department");
        auth::require(req.principal, Permission::org_write, cur.site_id);
        zone = store::site_zone(c, cur.site_id);
        Department next = cur;
        if (auto k = in.opt_enum("kind", {"customer_service", "engineering", "security", "cleaning", "greening",
                                          "finance", "admin", "other"}))
            next.kind = *k;
        if (auto s = in.opt_string("name", 1, 100)) next.name = *s;
        if (!store::update_department(c, next, expected, now)) throw AppError::stale();
        auto saved = found(store::get_department(c, cur.id));
        record_change(c, req, now, cur.site_id, "department", cur.id, "update", json::department(cur, zone),
                      json::department(saved, zone));
        return saved;
    });
    return http::record_response(json::department(out, zone), out.stamp.version);
}

// ---- staff ----

// "roles": [{"site_id": 1, "role": "front_desk", "department_id": 4}]
std::vector<StaffRole> read_roles(db::Conn& c, const bj::value* raw) {
    std::vector<StaffRole> out;
    if (!raw) return out;
    if (!raw->is_array() || raw->as_array().size() > 100)
        throw AppError(400, "wrong_type", "roles must be a list of {site_id, role, department_id}", "roles");
    for (const auto& item : raw->as_array()) {
        propdesk::json::JsonIn r(bj::serialize(item), {"site_id", "role", "department_id"});
        StaffRole role;
        role.site_id = r.req_int("site_id", 1, INT64_MAX);
        role.role = r.req_string("role", 1, 40);
        if (!auth::parse_role(role.role) || role.role == "system_admin")
            throw AppError::invalid("unknown role: " + role.role, "roles");
        role.department_id = r.opt_int("department_id", 1, INT64_MAX);
        if (!store::get_site(c, role.site_id)) throw AppError::invalid("no such site", "roles");
        if (role.department_id) {
            auto d = store::get_department(c, *role.department_id);
            if (!d || d->site_id != role.site_id) throw AppError::invalid("no such department in that site", "roles");
        }
        for (const auto& x : out)
            if (x.site_id == role.site_id && x.role == role.role)
                throw AppError::invalid("role listed twice: " + role.role, "roles");
        out.push_back(role);
    }
    return out;
}

// Who may see this account: a system admin, the account itself, or a manager of one of its sites.
bool may_see(const auth::Principal& who, const Staff& s) {
    if (who.system_admin || who.user_id == s.id) return true;
    for (const auto& r : s.roles)
        if (who.can(Permission::staff_read, r.site_id)) return true;
    return false;
}

Response list_staff(Context& ctx, Request& req) {
    auto q = list_query(req, {{"login", "login"}, {"name", "name"}});
    q.site_id = http::id_query(req, "site_id");
    const auto& who = req.principal;
    if (q.site_id && !who.in_site(*q.site_id)) throw AppError::not_found("site");
    auto rows = ctx.db.read_value(
        [&](db::Conn& c) { return store::list_staff(c, q, who.sites_with(Permission::staff_read), who.system_admin); });
    return page_of(std::move(rows), q, json::staff);
}

Response create_staff(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"login", "name", "phone", "password", "language", "system_admin", "roles"});
    Staff v;
    v.login = in.req_string("login", 1, 40);
    throw_if(rules::login_problem(v.login), "login");
    v.name = in.req_string("name", 1, 100);
    if (auto p = in.opt_string("phone", 0, 30); p && !p->empty()) {
        throw_if(rules::phone_problem(*p), "phone");
        v.phone = *rules::normalise_phone(*p);
    }
    auto password = in.req_secret("password");
    throw_if(auth::password_problem(password, v.login), "password");
    v.language = in.opt_enum("language", {"zh-TW", "zh-CN", "en"}).value_or("zh-TW");
    v.system_admin = in.opt_bool("system_admin").value_or(false);
    std::string hash = auth::hash_password(password);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        v.roles = read_roles(c, in.raw("roles"));
        if (c.one("SELECT id FROM users WHERE login = $1", v.login))
            throw AppError::conflict("this login is taken", "login");
        v.id = store::insert_staff(c, v, hash, now);
        auto saved = found(store::get_staff(c, v.id));
        record_change(c, req, now, std::nullopt, "user", v.id, "create", std::nullopt, json::staff(saved));
        return saved;
    });
    return http::record_response(json::staff(out), out.stamp.version, 201);
}

Response get_staff(Context& ctx, Request& req) {
    auto v = ctx.db.read_value([&](db::Conn& c) { return store::get_staff(c, req.id_param("id")); });
    if (!v || !may_see(req.principal, *v)) throw AppError::not_found("staff member");
    return http::record_response(json::staff(*v), v->stamp.version);
}

Response update_staff(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(req.body, {"name", "phone", "language", "active", "system_admin", "password"});
    std::optional<std::string> new_hash;
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto cur = found(store::get_staff(c, req.id_param("id")), "staff member");
        Staff next = cur;
        if (auto s = in.opt_string("name", 1, 100)) next.name = *s;
        if (auto p = in.opt_string("phone", 0, 30)) {
            if (!p->empty()) throw_if(rules::phone_problem(*p), "phone");
            next.phone = p->empty() ? "" : *rules::normalise_phone(*p);
        }
        if (auto l = in.opt_enum("language", {"zh-TW", "zh-CN", "en"})) next.language = *l;
        if (auto a = in.opt_bool("active")) next.active = *a;
        if (auto a = in.opt_bool("system_admin")) next.system_admin = *a;
        if (next.id == req.principal.user_id && (!next.active || !next.system_admin))
            throw AppError::invalid("you cannot lock yourself out of administration", "active");
        if (auto pw = in.opt_secret("password")) {
            throw_if(auth::password_problem(*pw, cur.login), "password");
            new_hash = auth::hash_password(*pw);
        }
        if (!store::update_staff(c, next, expected, now)) throw AppError::stale();
        // A reset password or a disabled account ends the sessions that were signed in with the old one.
        if (new_hash) store::set_staff_password(c, cur.id, *new_hash, now);
        if (new_hash || !next.active) store::end_sessions(c, cur.id);
        auto saved = found(store::get_staff(c, cur.id));
        record_change(c, req, now, std::nullopt, "user", cur.id, new_hash ? "update_and_reset_password" : "update",
                      json::staff(cur), json::staff(saved));
        return saved;
    });
    return http::record_response(json::staff(out), out.stamp.version);
}

Response replace_staff_roles(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(req.body, {"roles"});
    if (!in.raw("roles")) throw AppError::invalid("roles is required", "roles");
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto cur = found(store::get_staff(c, req.id_param("id")), "staff member");
        Staff next = cur;
        next.roles = read_roles(c, in.raw("roles"));
        if (!store::update_staff(c, next, expected, now)) throw AppError::stale();
        store::replace_roles(c, cur.id, next.roles);
        auto saved = found(store::get_staff(c, cur.id));
        record_change(c, req, now, std::nullopt, "user", cur.id, "replace_roles", json::staff(cur), json::staff(saved));
        return saved;
    });
    return http::record_response(json::staff(out), out.stamp.version);
}

// ---- devices ----

Response list_devices(Context& ctx, Request& req) {
    auto q = list_query(req, {{"name", "name"}, {"kind", "kind"}});
    std::string zone;
    auto rows = ctx.db.read_value([&](db::Conn& c) {
        q.site_id = site_in_path(c, req, Permission::devices_admin);
        zone = store::site_zone(c, *q.site_id);
        return store::list_devices(c, q);
    });
    return page_of(std::move(rows), q, [&](const Device& d, auto sp) { return json::device(d, zone, sp); });
}

Response create_device(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"name", "kind"});
    Device v;
    v.name = in.req_string("name", 1, 100);
    v.kind = in.req_enum("kind", {"gate_camera", "gate_controller", "other"});
    // Shown once, stored only as a hash: a leaked database holds no usable device token.
    std::string token = auth::random_token();
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        v.site_id = site_in_path(c, req, Permission::devices_admin);
        zone = store::site_zone(c, v.site_id);
        v.id = store::insert_device(c, v, auth::token_hash(token), now);
        auto saved = found(store::get_device(c, v.id));
        record_change(c, req, now, v.site_id, "device", v.id, "create", std::nullopt, json::device(saved, zone));
        return saved;
    });
    bj::object body = json::device(out, zone);
    body["token"] = token;
    return http::record_response(body, out.stamp.version, 201);
}

Response revoke_device(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto cur = found(store::get_device(c, req.id_param("id")), "device");
        auth::require(req.principal, Permission::devices_admin, cur.site_id);
        zone = store::site_zone(c, cur.site_id);
        if (!cur.active) throw AppError::illegal_state("the device is already revoked");
        if (!store::deactivate_device(c, cur.id, expected, now)) throw AppError::stale();
        auto saved = found(store::get_device(c, cur.id));
        record_change(c, req, now, cur.site_id, "device", cur.id, "revoke", json::device(cur, zone),
                      json::device(saved, zone));
        return saved;
    });
    return http::record_response(json::device(out, zone), out.stamp.version);
}

Response device_whoami(Context&, Request& req) {
    return http::json_response(
        bj::object{{"device_id", req.principal.device_id}, {"site_id", req.principal.device_site_id}});
}

}  // namespace

void register_staff_routes(http::Router& router, Context& ctx) {
    http::RouteTable routes(router, ctx);
    routes.add("GET", "/sites/{site_id}/departments", Permission::org_read, list_departments, "A site's departments");
    routes.add("POST", "/sites/{site_id}/departments", Permission::org_write, create_department, "Create a department");
    routes.add("GET", "/departments/{id}", Permission::org_read, get_department, "A department");
    routes.add("PATCH", "/departments/{id}", Permission::org_write, update_department, "Update a department");
    routes.add("GET", "/users", Permission::staff_read, list_staff, "Staff accounts with their roles");
    routes.add("POST", "/users", Permission::staff_admin, create_staff, "Create a staff account");
    routes.add("GET", "/users/{id}", Permission::signed_in, get_staff, "A staff account");
    routes.add("PATCH", "/users/{id}", Permission::staff_admin, update_staff,
               "Update a staff account, or reset its password");
    routes.add("PUT", "/users/{id}/roles", Permission::staff_admin, replace_staff_roles,
               "Replace a staff member's roles");
    routes.add("GET", "/sites/{site_id}/devices", Permission::devices_admin, list_devices, "A site's gate devices");
    routes.add("POST", "/sites/{site_id}/devices", Permission::devices_admin, create_device,
               "Register a gate device; its token is shown once");
    routes.add("POST", "/devices/{id}/revoke", Permission::devices_admin, revoke_device, "Revoke a device's token", 0);
    routes.add("GET", "/device/whoami", Permission::device_protocol, device_whoami, "The calling device (device token)",
               std::nullopt, http::Access::device);
}

}  // namespace propdesk::org
