// Return visits for the desk and the regional butler (FD-C, FD-I), and each site's desk policy:
// deadlines per category (FD-B), when return visits are due and how often to retry (FD-C).
#include <boost/json.hpp>

#include "desk/actions.hpp"
#include "desk/api_common.hpp"
#include "desk/rules.hpp"
#include "desk/store.hpp"
#include "org/rules.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/route_table.hpp"
#include "platform/json/json_in.hpp"
#include "platform/text/text.hpp"

namespace propdesk::desk {
namespace {

using namespace detail;
using auth::Permission;
using http::Request;
using http::Response;
namespace bj = boost::json;

Response list_visits(Context& ctx, Request& req) {
    store::VisitQuery q;
    page_query(q, http::page_params(req, kDueSort));
    q.statuses = enum_list(req, "status", kVisitStatuses);
    if (auto o = req.query_param("outcome")) {
        if (!text::is_one_of(*o, kOutcomes)) throw AppError::invalid("unknown outcome", "outcome");
        q.outcome = *o;
    }
    auto cats = enum_list(req, "category", kCategories);
    if (cats.size() > 1) throw AppError::invalid("give one category", "category");
    if (!cats.empty()) q.category = cats[0];
    if (auto o = req.query_param("overdue")) {
        if (*o != "true" && *o != "false") throw AppError::invalid("overdue must be true or false", "overdue");
        if (*o == "true") q.overdue_at = ctx.clock.now_ms();
    }
    bool with_total = http::wants_total(req);
    std::optional<int64_t> total;
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto rows = ctx.db.read_value([&](db::Conn& c) {
        auto site = site_in_path(c, req, Permission::cases_read);
        q.site_id = site.first;
        zone = site.second;
        if (with_total) total = store::count_return_visits(c, q);
        return store::list_return_visits(c, q);
    });
    auto next = trim_page(rows, q);
    bj::array items;
    for (const auto& v : rows) items.push_back(json::return_visit(v, zone, now));
    return http::page_response(std::move(items), next, total);
}

Response get_policy(Context& ctx, Request& req) {
    std::string zone;
    auto p = ctx.db.read_value([&](db::Conn& c) {
        auto site = site_in_path(c, req, Permission::cases_read);
        zone = site.second;
        return store::get_policy(c, site.first);
    });
    return http::record_response(json::policy(p, zone), p.version);
}

Response put_policy(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);  // 0 for a site still on the defaults
    propdesk::json::JsonIn in(req.body, {"return_visit_hours", "max_unreachable", "deadline_hours"});
    Policy next;
    next.return_visit_hours = in.req_int("return_visit_hours", INT64_MIN, INT64_MAX);
    raise_refusal(rules::return_visit_hours_refusal(next.return_visit_hours, "return_visit_hours"));
    next.max_unreachable = in.req_int("max_unreachable", INT64_MIN, INT64_MAX);
    if (auto p = rules::attempts_problem(next.max_unreachable)) throw AppError::invalid(*p, "max_unreachable");
    const auto* hours = in.raw("deadline_hours");
    if (!hours || !hours->is_object())
        throw AppError::invalid("give the deadline of each category in hours", "deadline_hours");
    for (const auto& [key, value] : hours->as_object()) {
        std::string field = "deadline_hours." + std::string(key);
        if (!text::is_one_of(key, kCategories)) throw AppError::unknown_field(field);
        if (!value.is_int64()) throw AppError::invalid("must be a whole number of hours", field);
        if (auto p = rules::hours_problem(value.as_int64())) throw AppError::invalid(*p, field);
    }
    for (const char* cat : kCategories)
        if (!hours->as_object().contains(cat))
            throw AppError::invalid("give the deadline of each category in hours",
                                    "deadline_hours." + std::string(cat));
    const auto& h = hours->as_object();
    next.inquiry_hours = h.at("inquiry").as_int64();
    next.repair_hours = h.at("repair").as_int64();
    next.complaint_hours = h.at("complaint").as_int64();
    next.suggestion_hours = h.at("suggestion").as_int64();
    next.praise_hours = h.at("praise").as_int64();
    next.other_hours = h.at("other").as_int64();
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto saved = ctx.db.write_value([&](db::Conn& c) {
        auto site = site_in_path(c, req, Permission::desk_admin);
        zone = site.second;
        next.site_id = site.first;
        auto before = store::get_policy(c, site.first);
        if (!store::save_policy(c, next, expected, now)) throw AppError::stale();
        auto after = store::get_policy(c, site.first);
        audit::append(c, audit::Actor::of(req.principal, req.request_id), now,
                      {site.first, "desk_policy", site.first, "update",
                       before.version ? std::optional(json::text(json::policy(before, zone))) : std::nullopt,
                       json::text(json::policy(after, zone))});
        return after;
    });
    return http::record_response(json::policy(saved, zone), saved.version);
}

}  // namespace

void register_visit_routes(http::Router& router, Context& ctx) {
    http::RouteTable routes(router, ctx);
    routes.add("GET", "/sites/{site_id}/return-visits", Permission::cases_read, list_visits,
               "Return visits of a site: pending, escalated to the butler, done with their outcome; overdue ones");
    routes.add("GET", "/sites/{site_id}/desk/policy", Permission::cases_read, get_policy,
               "The site's desk deadlines and return-visit policy");
    routes.add("PUT", "/sites/{site_id}/desk/policy", Permission::desk_admin, put_policy,
               "Change the site's desk deadlines and return-visit policy", 16 * 1024);
}

}  // namespace propdesk::desk
