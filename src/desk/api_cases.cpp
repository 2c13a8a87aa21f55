// Recording a case (FD-A), finding cases (search, department queues) and reading one with its
// timeline (FD-N).
#include <boost/json.hpp>

#include "desk/actions.hpp"
#include "desk/api.hpp"
#include "desk/api_common.hpp"
#include "desk/rules.hpp"
#include "desk/store.hpp"
#include "org/rules.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/route_table.hpp"
#include "platform/json/json_in.hpp"
#include "platform/report/period.hpp"
#include "platform/search/fold.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::desk {
namespace {

using namespace detail;
using auth::Permission;
using http::Request;
using http::Response;
namespace bj = boost::json;

bj::object detail_of(db::Conn& c, const Case& v, const std::string& zone, const auth::Principal& who, EpochMs now) {
    bj::object o = json::case_record(v, zone, now);
    auto timeline = store::events_of(c, v.id);
    bj::array events;
    for (const auto& e : timeline) events.push_back(json::event(e, zone));
    bj::array rounds;
    for (const auto& r : rules::previous_rounds(timeline, v.target_due_at)) rounds.push_back(json::past_round(r, zone));
    bj::array visits;
    std::optional<ReturnVisit> open_visit;
    for (const auto& rv : store::return_visits_of(c, v.id)) {
        visits.push_back(json::return_visit(rv, zone, now));
        if (rv.status == "pending" || rv.status == "escalated") open_visit = rv;
    }
    bj::array actions;
    for (auto a : allowed_actions(v, who, open_visit)) actions.push_back(bj::string(rules::action_name(a)));
    o["events"] = std::move(events);
    o["return_visits"] = std::move(visits);
    o["previous_rounds"] = std::move(rounds);
    o["actions"] = std::move(actions);
    return o;
}

Response list_cases(Context& ctx, Request& req) {
    auto page = http::page_params(req, kDueSort);
    store::CaseQuery q;
    page_query(q, page);
    q.q = page.q;
    // A phone number typed with spaces or dashes ("9123 4567") matches the digits it was saved as.
    if (auto phone = org::rules::normalise_phone(q.q)) q.q = *phone;
    q.statuses = enum_list(req, "status", kStatuses);
    auto cats = enum_list(req, "category", kCategories);
    if (cats.size() > 1) throw AppError::invalid("give one category", "category");
    if (!cats.empty()) q.category = cats[0];
    q.unit_id = http::id_query(req, "unit_id");
    if (auto phone = req.query_param("phone")) {
        auto n = org::rules::normalise_phone(*phone);
        if (!n) throw AppError::invalid("phone must be 8–15 digits", "phone");
        q.phone = *n;
    }
    q.department_ids = http::ids_query(req, "department_id");
    if (auto o = req.query_param("overdue")) {
        if (*o != "true" && *o != "false") throw AppError::invalid("overdue must be true or false", "overdue");
        q.overdue_only = *o == "true";
    }
    auto queue = req.query_param("queue");
    if (queue && *queue != "mine") throw AppError::invalid("queue must be mine", "queue");
    bool with_total = http::wants_total(req);
    std::optional<int64_t> total;
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto rows = ctx.db.read_value([&](db::Conn& c) {
        auto site = site_in_path(c, req, Permission::cases_read);
        q.site_id = site.first;
        zone = site.second;
        q.from = report::day_param(req, "from", zone, false);
        q.to = report::day_param(req, "to", zone, true);  // "to" is the last day included
        if (queue) {
            q.department_ids = req.principal.departments_in(q.site_id);
            if (q.department_ids.empty()) {
                if (with_total) total = 0;
                return std::vector<Case>{};
            }
        }
        if (with_total) total = store::count_cases(c, q);
        return store::list_cases(c, q);
    });
    auto next = trim_page(rows, q);
    // Each row with the steps the caller may take on it (a department accepts from its queue).
    std::vector<rules::Action> actions;
    return http::page_text_response(
        [&](propdesk::json::Writer& w) {
            for (const auto& r : rows) {
                actions = allowed_actions(r, req.principal);
                json::write_case(w, r, zone, now, &actions);
            }
        },
        next, total);
}

Response create_case(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"channel", "category", "unit_id", "resident_id", "caller_name", "caller_phone",
                                         "content", "read_back_confirmed", "responsibility"});
    Case v;
    v.category = in.req_enum("category", {"inquiry", "repair", "complaint", "suggestion", "praise", "other"});
    read_intake(v, in, "content");
    if (auto r = in.opt_enum("responsibility", {"ours", "not_ours"})) {
        if (v.category != "complaint")
            throw AppError::invalid("only a complaint carries a responsibility", "responsibility");
        v.responsibility = *r;
    }
    EpochMs now = ctx.clock.now_ms();
    v.recorded_by = req.principal.user_id;
    v.recorded_by_name = req.principal.name;
    v.read_back_at = now;
    v.created_at = v.updated_at = now;
    // Checks and look-ups first, in a read transaction, so that SQLite's one writer only writes.
    std::string zone;
    Policy policy;
    ctx.db.read([&](db::Conn& c) {
        auto site = site_in_path(c, req, Permission::cases_write);
        v.site_id = site.first;
        zone = site.second;
        complete_caller(c, v);
        policy = store::get_policy(c, v.site_id);
    });
    v.due_at = v.target_due_at = rules::due_at(now, policy, v.category);
    std::string search_text = rules::search_text(v);
    std::vector<CaseEvent> events;
    ctx.db.write([&](db::Conn& c) {
        v.id = store::insert_case(c, v, now, search_text);
        CaseEvent recorded{0, v.id, "recorded", v.recorded_by, v.recorded_by_name, std::nullopt, "", v.channel, now};
        recorded.id = store::add_event(c, v.id, recorded.kind, recorded.actor_id, std::nullopt, recorded.note, now);
        events.push_back(recorded);
        if (v.category == "complaint") {  // FD-D: the supervisor hears of a complaint at once
            alert(c, v, {"case_new_complaint", "新投訴 " + json::case_number(v.id), v.content},
                  complaint_heads(c, v.site_id), v.recorded_by, now);
            events = store::events_of(c, v.id);
        }
        audit_case(c, req, now, v, "create", std::nullopt, zone);
    });
    ctx.notify_changed();
    bj::object out = json::case_record(v, zone, now);
    bj::array event_list;
    for (const auto& e : events) event_list.push_back(json::event(e, zone));
    bj::array actions;
    for (auto a : allowed_actions(v, req.principal)) actions.push_back(bj::string(rules::action_name(a)));
    out["events"] = std::move(event_list);
    out["return_visits"] = bj::array();
    out["previous_rounds"] = bj::array();
    out["actions"] = std::move(actions);
    return http::record_response(out, v.version, 201);
}

Response get_case(Context& ctx, Request& req) {
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto v = case_in_path(c, req, Permission::cases_read);
        return detail_of(c, v, zone_of(c, v.site_id), req.principal, now);
    });
    int64_t version = out.at("version").as_int64();
    return http::record_response(out, version);
}

}  // namespace

bj::object case_detail(db::Conn& c, const Case& v, const std::string& zone, const auth::Principal& who, EpochMs now) {
    return detail_of(c, v, zone, who, now);
}

void register_case_routes(http::Router& router, Context& ctx) {
    http::RouteTable routes(router, ctx);
    routes.add("GET", "/sites/{site_id}/cases", Permission::cases_read, list_cases,
               "Search a site's cases, or my department's queue");
    routes.add("POST", "/sites/{site_id}/cases", Permission::cases_write, create_case,
               "Record a case from a visit, a call or the web");
    routes.add("GET", "/cases/{id}", Permission::cases_read, get_case,
               "A case with its timeline, return visits and the actions the caller may take");
}

}  // namespace propdesk::desk
