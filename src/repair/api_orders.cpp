// Public-facility work orders (派工單, MT-3.5): the engineering head or a team lead issues one
// to a technician, who works to it and reports; the issuer inspects and accepts it (signed) or
// sends it back with the reasons; only an accepted order is archived.
#include <boost/json.hpp>
#include <functional>

#include "org/rules.hpp"
#include "platform/audit/audit.hpp"
#include "platform/files/evidence.hpp"
#include "platform/http/api_support.hpp"
#include "platform/http/route_table.hpp"
#include "platform/json/json_in.hpp"
#include "platform/lifecycle/step.hpp"
#include "platform/notify/notify.hpp"
#include "platform/search/fold.hpp"
#include "platform/text/text.hpp"
#include "platform/time/zone.hpp"
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
using rules::OrderAction;
namespace bj = boost::json;

bool is_issuer(const WorkOrder& w, const auth::Principal& who) {
    if (w.issued_by == who.user_id) return who.can(Permission::repairs_assign, w.site_id);
    // The site manager stands in for an issuer who is away.
    return who.holds(w.site_id, auth::Role::site_manager);
}

bool may_order(const WorkOrder& w, OrderAction a, const auth::Principal& who) {
    if (a == OrderAction::report) return w.technician_id == who.user_id;
    return is_issuer(w, who);
}

bool may_read_order(const WorkOrder& w, const auth::Principal& who) {
    return who.can(Permission::repairs_read, w.site_id) || w.technician_id == who.user_id;
}

void audit_order(db::Conn& c,
                 const Request& req,
                 EpochMs now,
                 const WorkOrder& w,
                 const char* action,
                 const std::optional<WorkOrder>& before,
                 const std::string& zone) {
    std::optional<std::string> b;
    if (before) b = bj::serialize(json::work_order(*before, zone));
    audit::append(c, audit::Actor::of(req.principal, req.request_id), now,
                  {w.site_id, "work_order", w.id, action, b, bj::serialize(json::work_order(w, zone))});
}

bj::object order_detail(db::Conn& c, const WorkOrder& w, const std::string& zone, const auth::Principal& who) {
    auto o = json::work_order(w, zone);
    bj::array events, actions;
    for (const auto& e : store::events_of_order(c, w.id)) events.push_back(json::event(e, zone));
    for (auto a : {OrderAction::report, OrderAction::accept, OrderAction::send_back, OrderAction::archive})
        if (rules::next_order_status(w.status, a) && may_order(w, a, who) &&
            !(a != OrderAction::report && rules::inspection_refusal(w, who.user_id)))
            actions.push_back(bj::string(rules::order_action_name(a)));
    o["events"] = std::move(events);
    o["actions"] = std::move(actions);
    return o;
}

WorkOrder order_in_path(db::Conn& c, const Request& req) {
    auto w = store::get_order(c, req.id_param("id"));
    if (!w || !req.principal.in_site(w->site_id)) throw AppError::not_found("work order");
    if (!may_read_order(*w, req.principal)) throw AppError::forbidden("only its technician or engineering may see it");
    return std::move(*w);
}

Response list_orders(Context& ctx, Request& req) {
    auto page = http::page_params(req);
    store::OrderQuery q;
    q.limit = page.limit + 1;
    q.before_id = page.after_id;
    q.q = page.q;
    q.statuses = http::query_list(req, "status");
    for (const auto& s : q.statuses)
        if (!text::is_one_of(s, kWorkOrderStatuses)) throw AppError::invalid("unknown status: " + s, "status");
    q.technician_id = http::id_query(req, "technician_id");
    std::string zone;
    auto rows = ctx.db.read_value([&](db::Conn& c) {
        int64_t site_id = req.id_param("site_id");
        if (!req.principal.in_site(site_id)) throw AppError::not_found("site");
        zone = zone_of(c, site_id);
        q.site_id = site_id;
        if (!req.principal.can(Permission::repairs_read, site_id)) {
            auth::require(req.principal, Permission::repairs_work, site_id);
            q.technician_id = req.principal.user_id;  // a technician sees their own orders
        }
        return store::list_orders(c, q);
    });
    auto next = http::trim_id_page(rows, page.limit);
    bj::array items;
    for (const auto& w : rows) items.push_back(json::work_order(w, zone));
    return Response::json(200,
                          bj::serialize(bj::object{{"items", std::move(items)},
                                                   {"next_cursor", next ? bj::value(*next) : bj::value(nullptr)}}));
}

Response create_order(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"title", "location", "instructions", "technician_id", "due_at"});
    WorkOrder w;
    w.title = in.req_string("title", 1, 200);
    w.location = in.opt_string("location", 0, 200).value_or("");
    w.instructions = in.req_string("instructions", 1, 4000);
    w.technician_id = in.req_int("technician_id", 1, INT64_MAX);
    w.due_at = in.opt_time("due_at");
    EpochMs now = ctx.clock.now_ms();
    if (w.due_at && *w.due_at <= now) throw AppError::invalid("the deadline must be in the future", "due_at");
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto site = site_in_path(c, req, Permission::repairs_assign);
        w.site_id = site.first;
        if (!store::user_has_role(c, w.site_id, w.technician_id, "technician") &&
            !store::user_has_role(c, w.site_id, w.technician_id, "eng_lead"))
            throw AppError::invalid("no such technician in this site", "technician_id");
        raise_refusal(rules::issue_refusal(req.principal.user_id, w.technician_id));
        w.issued_by = req.principal.user_id;
        w.issued_at = now;
        int year = std::stoi(timefmt::local_date(now, site.second).substr(0, 4));
        w.number =
            rules::work_order_number(year, store::next_number(c, w.site_id, "work_order:" + std::to_string(year)));
        w.id = store::insert_order(
            c, w, search::fold(w.number + ' ' + w.title + ' ' + w.location + ' ' + w.instructions), now);
        store::add_event(c, std::nullopt, w.id, "issued", w.issued_by, w.title, now);
        notify::create(c,
                       {w.technician_id, w.site_id, "work_order_issued", "派工單 " + w.number, w.title,
                        "/work-orders/" + std::to_string(w.id)},
                       now);
        auto saved = *store::get_order(c, w.id);
        audit_order(c, req, now, saved, "create", std::nullopt, site.second);
        return order_detail(c, saved, site.second, req.principal);
    });
    ctx.notify_changed();
    return http::record_response(out, out.at("version").as_int64(), 201);
}

Response get_order(Context& ctx, Request& req) {
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto w = order_in_path(c, req);
        return order_detail(c, w, zone_of(c, w.site_id), req.principal);
    });
    return http::record_response(out, out.at("version").as_int64());
}

using OrderStep = lifecycle::Step<WorkOrder>;

bj::object answer_order(
    db::Conn& c, const Request& req, std::string_view action, const WorkOrder& before, int64_t id, EpochMs now) {
    auto saved = *store::get_order(c, id);
    auto zone = zone_of(c, saved.site_id);
    audit_order(c, req, now, saved, std::string(action).c_str(), before, zone);
    return order_detail(c, saved, zone, req.principal);
}

const lifecycle::Kind<WorkOrder>& order_kind() {
    static const lifecycle::Kind<WorkOrder> kind{"work order", order_in_path, store::update_order, answer_order};
    return kind;
}

Response order_act(Context& ctx,
                   Request& req,
                   OrderAction a,
                   std::initializer_list<std::string_view> fields,
                   const std::function<void(OrderStep&)>& apply) {
    return lifecycle::take<WorkOrder>(
        ctx, req, order_kind(), fields,
        [a](const propdesk::json::JsonIn&) {
            return lifecycle::Gate<WorkOrder>{
                std::string(rules::order_action_name(a)),
                a == OrderAction::report ? "only the order's technician reports on it"
                                         : "only the order's issuer inspects it",
                [a](const WorkOrder& w, const auth::Principal& who) { return may_order(w, a, who); },
                [a](const WorkOrder& w) { return rules::next_order_status(w.status, a); },
                {}};
        },
        apply);
}

void order_event(OrderStep& s, const char* kind, const std::string& note) {
    store::add_event(s.c, std::nullopt, s.r.id, kind, s.actor, note, s.now);
}

Response report(Context& ctx, Request& req) {
    return order_act(ctx, req, OrderAction::report, {"report"}, [](OrderStep& s) {
        s.r.report = s.in.req_string("report", 1, 4000);
        s.r.reported_at = s.now;
        order_event(s, "reported", s.r.report);
        notify::create(s.c,
                       {s.r.issued_by, s.r.site_id, "work_order_reported", "派工單待驗收 " + s.r.number, s.r.report,
                        "/work-orders/" + std::to_string(s.r.id)},
                       s.now);
    });
}

// MT-3.5: the issuer inspects, signs (a signature that is this order's alone) and takes it
// back; never its own technician.
Response accept(Context& ctx, Request& req) {
    return order_act(ctx, req, OrderAction::accept, {"inspection_note", "signature_file_id"}, [](OrderStep& s) {
        raise_refusal(rules::inspection_refusal(s.r, s.actor));
        int64_t sig = s.in.req_int("signature_file_id", 1, INT64_MAX);
        files::claim(s.c, s.r.site_id, sig, {"signature"}, {"work_order", s.r.id, "signature"}, "signature_file_id",
                     s.now);
        s.r.signature_file_id = sig;
        s.r.inspection_note = s.in.opt_string("inspection_note", 0, 2000).value_or("");
        s.r.accepted_by = s.actor;
        s.r.accepted_at = s.now;
        order_event(s, "accepted", s.r.inspection_note);
    });
}

Response send_back(Context& ctx, Request& req) {
    return order_act(ctx, req, OrderAction::send_back, {"reason"}, [](OrderStep& s) {
        raise_refusal(rules::inspection_refusal(s.r, s.actor));
        std::string reason = s.in.opt_string("reason", 0, 2000).value_or("");
        raise_refusal(rules::close_refusal(reason));
        s.r.return_reason = reason;
        s.r.returned_count += 1;
        order_event(s, "sent_back", reason);
        notify::create(s.c,
                       {s.r.technician_id, s.r.site_id, "work_order_returned", "派工單退回 " + s.r.number, reason,
                        "/work-orders/" + std::to_string(s.r.id)},
                       s.now);
    });
}

Response archive(Context& ctx, Request& req) {
    return order_act(ctx, req, OrderAction::archive, {}, [](OrderStep& s) {
        s.r.archived_at = s.now;
        order_event(s, "archived", "");
    });
}

}  // namespace

void register_order_routes(http::Router& router, Context& ctx) {
    http::RouteTable routes(router, ctx);
    routes.add("GET", "/sites/{site_id}/work-orders", Permission::signed_in, list_orders,
               "Public-facility work orders (派工單); a technician sees their own");
    routes.add("POST", "/sites/{site_id}/work-orders", Permission::repairs_assign, create_order,
               "Issue a work order to a technician (MT-3.5)");
    routes.add("GET", "/work-orders/{id}", Permission::signed_in, get_order,
               "A work order with its timeline and the steps the caller may take");
    routes.add("POST", "/work-orders/{id}/report", Permission::signed_in, report,
               "The technician reports the work done");
    routes.add("POST", "/work-orders/{id}/accept", Permission::signed_in, accept,
               "The issuer inspects, signs and accepts the work");
    routes.add("POST", "/work-orders/{id}/send-back", Permission::signed_in, send_back,
               "The issuer sends the work back with the reasons");
    routes.add("POST", "/work-orders/{id}/archive", Permission::signed_in, archive,
               "File an accepted work order (never an unaccepted one)");
}

}  // namespace propdesk::repair
