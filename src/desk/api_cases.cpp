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
#include "platform/report/background.hpp"
#include "platform/report/period.hpp"
#include "platform/report/xlsx.hpp"
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

// The list's filters from the query (the page, the workbook): everything but the site and days.
store::CaseQuery case_query(const Request& req) {
    store::CaseQuery q;
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
    return q;
}

// The site, its days and the caller's queue: false when the caller's queue is empty (no department).
bool scope_query(db::Conn& c, const Request& req, store::CaseQuery& q, std::string& zone) {
    auto site = site_in_path(c, req, Permission::cases_read);
    q.site_id = site.first;
    zone = site.second;
    q.from = report::day_param(req, "from", zone, false);
    q.to = report::day_param(req, "to", zone, true);  // "to" is the last day included
    if (req.query_param("queue")) {
        q.department_ids = req.principal.departments_in(q.site_id);
        if (q.department_ids.empty()) return false;
    }
    return true;
}

Response list_cases(Context& ctx, Request& req) {
    auto page = http::page_params(req, kDueSort);
    store::CaseQuery q = case_query(req);
    page_query(q, page);
    q.q = page.q;
    // A phone number typed with spaces or dashes ("9123 4567") matches the digits it was saved as.
    if (auto phone = org::rules::normalise_phone(q.q)) q.q = *phone;
    bool with_total = http::wants_total(req);
    std::optional<int64_t> total;
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto rows = ctx.db.read_value([&](db::Conn& c) {
        if (!scope_query(c, req, q, zone)) {
            if (with_total) total = 0;
            return std::vector<Case>{};
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

// The case list as a workbook, with the list's filters and search (issue 13): at most 100,000
// cases, newest first. Codes are written in the site's words (中文), as on the printed record.
std::string cases_xlsx(Context& ctx, const Request& req) {
    store::CaseQuery q = case_query(req);
    q.q = search::fold(req.query_param("q").value_or(""));
    if (auto phone = org::rules::normalise_phone(q.q)) q.q = *phone;
    q.limit = 100'000;
    std::string zone;
    auto rows = ctx.db.read_value([&](db::Conn& c) {
        if (!scope_query(c, req, q, zone)) return std::vector<Case>{};
        return store::list_cases(c, q);
    });
    EpochMs now = ctx.clock.now_ms();
    return report::xlsx_bytes([&](lxw_workbook* wb) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, "個案");
        lxw_format* head = workbook_add_format(wb);
        format_set_bold(head);
        const char* heads[] = {"編號", "登記時間", "渠道", "類別", "來電人", "電話",     "單位",
                               "內容", "部門",     "狀態", "期限", "逾期",   "處理時間", "答覆／回饋"};
        for (int i = 0; i < static_cast<int>(std::size(heads)); ++i) worksheet_write_string(ws, 0, i, heads[i], head);
        int r = 1;
        auto put = [&](int col, const std::string& v) { worksheet_write_string(ws, r, col, v.c_str(), nullptr); };
        auto at = [&](std::optional<EpochMs> t) {
            return t ? timefmt::to_rfc3339(*t, zone).substr(0, 16) : std::string();
        };
        for (const auto& v : rows) {
            put(0, json::case_number(v.id));
            put(1, at(v.created_at));
            put(2, std::string(rules::channel_label(v.channel)));
            put(3, std::string(rules::category_label(v.category)));
            put(4, v.caller_name);
            put(5, v.caller_phone);
            put(6, v.unit_label);
            put(7, v.content);
            put(8, v.department_name);
            put(9, std::string(rules::status_label(v.status)));
            put(10, at(v.due_at));
            put(11, rules::is_overdue(v.status, v.due_at, now) ? "是" : "");
            put(12, at(v.handled_at));
            put(13, v.reply.empty() ? v.feedback : v.reply);
            ++r;
        }
    });
}

Response cases_workbook(Context& ctx, Request& req) {
    // Checked here, so a refused caller does not wait behind other exports.
    ctx.db.read([&](db::Conn& c) { site_in_path(c, req, Permission::cases_read); });
    return report::xlsx_response(report::run_low_priority([&] { return cases_xlsx(ctx, req); }), "cases.xlsx");
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
    routes.add("GET", "/sites/{site_id}/cases.xlsx", Permission::cases_read, cases_workbook,
               "the case list as an xlsx workbook, with the list's filters and search");
    routes.add("GET", "/sites/{site_id}/cases", Permission::cases_read, list_cases,
               "Search a site's cases, or my department's queue");
    routes.add("POST", "/sites/{site_id}/cases", Permission::cases_write, create_case,
               "Record a case from a visit, a call or the web");
    routes.add("GET", "/cases/{id}", Permission::cases_read, get_case,
               "A case with its timeline, return visits and the actions the caller may take");
}

}  // namespace propdesk::desk
