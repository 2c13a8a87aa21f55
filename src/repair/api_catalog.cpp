// The paid-service price list (特約服務收費指導標準, MT-3.4), versioned so that old jobs keep
// their old prices, and each site's repair policy (MT-4.0 return visits, MT-3.4 wait).
#include <boost/json.hpp>

#include "platform/audit/audit.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/route_table.hpp"
#include "platform/json/json_in.hpp"
#include "repair/api.hpp"
#include "repair/api_common.hpp"
#include "repair/json.hpp"
#include "repair/store.hpp"

namespace propdesk::repair {
namespace {

using namespace detail;
using auth::Permission;
using http::Request;
using http::Response;
namespace bj = boost::json;

void audit_price(db::Conn& c,
                 const Request& req,
                 EpochMs now,
                 const PriceItem& p,
                 const char* action,
                 const std::optional<PriceItem>& before,
                 const std::string& zone) {
    std::optional<std::string> b;
    if (before) b = bj::serialize(json::price_item(*before, zone));
    audit::append(c, audit::Actor::of(req.principal, req.request_id), now,
                  {p.site_id, "price_item", p.item_key, action, b, bj::serialize(json::price_item(p, zone))});
}

Response list_prices(Context& ctx, Request& req) {
    bool all = req.query_param("all").value_or("false") == "true";
    auto out = ctx.db.read_value([&](db::Conn& c) {
        // Technicians choose items at completion, so reading the list needs only repair work.
        int64_t site_id = req.id_param("site_id");
        if (!req.principal.in_site(site_id)) throw AppError::not_found("site");
        if (!req.principal.can(Permission::repairs_read, site_id) &&
            !req.principal.can(Permission::repairs_work, site_id))
            throw AppError::forbidden("your role may not see the price list");
        auto zone = zone_of(c, site_id);
        bj::array items;
        for (const auto& p : store::current_prices(c, site_id, all)) items.push_back(json::price_item(p, zone));
        return bj::object{{"items", std::move(items)}, {"next_cursor", nullptr}};
    });
    return Response::json(200, bj::serialize(out));
}

Response create_price(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"code", "name", "unit", "price_cents"});
    PriceItem p;
    p.code = in.req_string("code", 1, 20);
    p.name = in.req_string("name", 1, 200);
    p.unit = in.opt_string("unit", 0, 20).value_or("次");
    p.price_cents = in.req_int("price_cents", 0, 100'000'000);
    raise_refusal(rules::price_item_refusal(p.code, p.name, p.price_cents));
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto site = site_in_path(c, req, Permission::repairs_admin);
        p.site_id = site.first;
        p.version = 1;
        p.created_by = req.principal.user_id;
        for (const auto& q : store::current_prices(c, p.site_id, false))
            if (q.code == p.code) throw AppError::invalid("the price list already has this code", "code");
        p.id = store::insert_price(c, p, now);
        auto saved = *store::get_price(c, p.id);
        audit_price(c, req, now, saved, "create", std::nullopt, site.second);
        return json::price_item(saved, site.second);
    });
    return http::record_response(out, out.at("version").as_int64(), 201);
}

// Edits and retirement both add a version; the previous one stays for the jobs that used it.
Response new_version(Context& ctx, Request& req, bool retire) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(req.body.empty() ? std::string_view("{}") : std::string_view(req.body),
                              retire ? std::initializer_list<std::string_view>{}
                                     : std::initializer_list<std::string_view>{"code", "name", "unit", "price_cents"});
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto old = store::get_price(c, req.id_param("id"));
        if (!old || !req.principal.in_site(old->site_id)) throw AppError::not_found("price item");
        auth::require(req.principal, Permission::repairs_admin, old->site_id);
        if (old->version != expected || old->superseded_at) throw AppError::stale();
        if (!old->active) throw AppError::illegal_state("the item is retired");
        PriceItem p = *old;
        p.version = old->version + 1;
        p.created_by = req.principal.user_id;
        if (retire) {
            p.active = false;
        } else {
            p.code = in.opt_string("code", 1, 20).value_or(p.code);
            p.name = in.opt_string("name", 1, 200).value_or(p.name);
            p.unit = in.opt_string("unit", 0, 20).value_or(p.unit);
            p.price_cents = in.opt_int("price_cents", 0, 100'000'000).value_or(p.price_cents);
            raise_refusal(rules::price_item_refusal(p.code, p.name, p.price_cents));
            for (const auto& q : store::current_prices(c, p.site_id, false))
                if (q.code == p.code && q.item_key != p.item_key)
                    throw AppError::invalid("the price list already has this code", "code");
        }
        if (!store::supersede_price(c, old->id, now)) throw AppError::stale();
        p.id = store::insert_price(c, p, now);
        auto saved = *store::get_price(c, p.id);
        auto zone = zone_of(c, saved.site_id);
        audit_price(c, req, now, saved, retire ? "retire" : "update", old, zone);
        return json::price_item(saved, zone);
    });
    return http::record_response(out, out.at("version").as_int64());
}

Response update_price(Context& ctx, Request& req) {
    return new_version(ctx, req, false);
}

Response retire_price(Context& ctx, Request& req) {
    return new_version(ctx, req, true);
}

Response price_versions(Context& ctx, Request& req) {
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto p = store::get_price(c, req.id_param("id"));
        if (!p || !req.principal.in_site(p->site_id)) throw AppError::not_found("price item");
        auth::require(req.principal, Permission::repairs_read, p->site_id);
        auto zone = zone_of(c, p->site_id);
        bj::array items;
        for (const auto& v : store::price_versions(c, p->item_key)) items.push_back(json::price_item(v, zone));
        return bj::object{{"items", std::move(items)}, {"next_cursor", nullptr}};
    });
    return Response::json(200, bj::serialize(out));
}

Response get_policy(Context& ctx, Request& req) {
    auto out = ctx.db.read_value([&](db::Conn& c) {
        int64_t site_id = req.id_param("site_id");
        if (!req.principal.in_site(site_id)) throw AppError::not_found("site");
        if (!req.principal.can(Permission::repairs_read, site_id) &&
            !req.principal.can(Permission::repairs_work, site_id))
            throw AppError::forbidden("your role may not see the repair policy");
        return json::policy(store::get_policy(c, site_id), zone_of(c, site_id));
    });
    return http::record_response(out, out.at("version").as_int64());
}

Response put_policy(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(req.body, {"return_visit_hours", "return_visit_percent", "min_wait_minutes"});
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto site = site_in_path(c, req, Permission::repairs_admin);
        auto before = store::get_policy(c, site.first);
        if (before.version != expected) throw AppError::stale();
        Policy p = before;
        p.return_visit_hours = in.opt_int("return_visit_hours", INT64_MIN, INT64_MAX).value_or(p.return_visit_hours);
        p.return_visit_percent =
            in.opt_int("return_visit_percent", INT64_MIN, INT64_MAX).value_or(p.return_visit_percent);
        p.min_wait_minutes = in.opt_int("min_wait_minutes", INT64_MIN, INT64_MAX).value_or(p.min_wait_minutes);
        raise_refusal(rules::policy_refusal(p));
        if (!store::save_policy(c, p, expected, now)) throw AppError::stale();
        auto saved = store::get_policy(c, site.first);
        auto text = [&](const Policy& x) { return bj::serialize(json::policy(x, site.second)); };
        audit::append(c, audit::Actor::of(req.principal, req.request_id), now,
                      {site.first, "repair_policy", site.first, "update",
                       before.version ? std::optional<std::string>(text(before)) : std::nullopt, text(saved)});
        return json::policy(saved, site.second);
    });
    return http::record_response(out, out.at("version").as_int64());
}

}  // namespace

void register_catalog_routes(http::Router& router, Context& ctx) {
    http::RouteTable routes(router, ctx);
    routes.add("GET", "/sites/{site_id}/price-items", Permission::signed_in, list_prices,
               "The paid-service price list in force (特約服務收費指導標準)");
    routes.add("POST", "/sites/{site_id}/price-items", Permission::repairs_admin, create_price,
               "Add an item to the price list");
    routes.add("PUT", "/price-items/{id}", Permission::repairs_admin, update_price,
               "Edit an item: a new version; jobs already charged keep the old one");
    routes.add("POST", "/price-items/{id}/retire", Permission::repairs_admin, retire_price,
               "Retire an item: a new, inactive version");
    routes.add("GET", "/price-items/{id}/versions", Permission::repairs_read, price_versions,
               "Every version of a price-list item");
    routes.add("GET", "/sites/{site_id}/repair-policy", Permission::signed_in, get_policy,
               "The site's repair policy: return-visit window and rate, the wait at the door");
    routes.add("PUT", "/sites/{site_id}/repair-policy", Permission::repairs_admin, put_policy,
               "Change the site's repair policy (MT-4.0)");
}

}  // namespace propdesk::repair
