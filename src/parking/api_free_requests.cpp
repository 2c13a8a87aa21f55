// PK-6: free exits waiting for someone other than the attendant. A manager approves or refuses
// one "approved" (公司領導批準) from their phone; the team lead confirms a policy exit for a vehicle
// not on the register. Approval lets the car out free with the approver in the register's
// remarks; a refusal (with its reason) leaves the fee due.
#include <boost/json.hpp>

#include "parking/api.hpp"
#include "parking/api_common.hpp"
#include "parking/gate.hpp"
#include "parking/json.hpp"
#include "parking/rules.hpp"
#include "parking/store.hpp"
#include "platform/http/api_support.hpp"
#include "platform/json/json_in.hpp"

namespace propdesk::parking {
namespace {

using auth::Permission;
using http::Request;
using http::Response;
using propdesk::json::JsonIn;
namespace bj = boost::json;

FreeRequest request_of_site(db::Conn& c, int64_t site_id, int64_t id) {
    auto r = store::get_free_request(c, id);
    if (!r || r->site_id != site_id) throw AppError::not_found("free exit request");
    return std::move(*r);
}

bj::object detail_of(db::Conn& c, const FreeRequest& r, const std::string& zone) {
    auto o = json::free_request(r, zone);
    auto v = store::get_visit(c, r.visit_id);
    o["visit"] = json::visit(*v, zone);
    auto vehicle = store::vehicle_by_plate(c, r.site_id, v->plate_key);
    o["vehicle"] = vehicle ? bj::value(json::vehicle(*vehicle)) : bj::value(nullptr);
    return o;
}

Response list(Context& ctx, Request& req) {
    std::string status = detail::status_filter(req, {"pending", "approved", "refused", "cancelled"});
    return detail::site_page(
        ctx, req, Permission::parking_read,
        [&](db::Conn& c, int64_t site_id, int64_t after, int limit) {
            return store::list_free_requests(c, site_id, status, after, limit);
        },
        json::free_request);
}

Response get(Context& ctx, Request& req) {
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, Permission::parking_read);
        return detail_of(c, request_of_site(c, site_id, req.id_param("rid")), zone);
    });
    return http::record_response(out, out.at("version").as_int64());
}

// A decision on one request: If-Match, the rules' check of who decides, one transaction with the
// stay's change, both audit entries and the requester told.
template <class F>
Response decide(Context& ctx, Request& req, Permission p, const char* action, F&& apply) {
    int64_t expected = http::if_match_version(req);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, p);
        FreeRequest r = request_of_site(c, site_id, req.id_param("rid"));
        auto before = json::free_request(r, zone);
        Visit v = *store::get_visit(c, r.visit_id);
        auto visit_before = json::visit(v, zone);
        // The rules first (already decided, not yours to decide, the car gone): the real reason.
        apply(c, r, v, zone, now);
        if (r.version != expected) throw AppError::stale();
        r.decided_at = now;
        if (!store::update_free_request(c, r, expected, now)) throw AppError::stale();
        auto saved = *store::get_free_request(c, r.id);
        detail::audit(c, req, now, site_id, "parking_free_request", r.id, action, before,
                      json::free_request(saved, zone));
        // Only an approval moves the stay; a refusal or a withdrawal leaves it as the booth has it.
        if (json::visit(v, zone) != visit_before) {
            if (!store::update_visit(c, v, v.version, now)) throw AppError::stale();
            detail::audit(c, req, now, site_id, "parking_visit", v.id, action, visit_before,
                          json::visit(*store::get_visit(c, v.id), zone));
        }
        return detail_of(c, saved, zone);
    });
    ctx.notify_changed();
    ctx.gate_changed(0);  // the booths hear of the decision
    return http::record_response(out, out.at("version").as_int64());
}

rules::FreeDecider decider_of(const Request& req, int64_t site_id) {
    return {req.principal.user_id, req.principal.can(Permission::parking_approve, site_id),
            req.principal.can(Permission::parking_release, site_id)};
}

std::string policy_class_of(db::Conn& c, const Visit& v) {
    auto vehicle = store::vehicle_by_plate(c, v.site_id, v.plate_key);
    return vehicle ? vehicle->policy_class : "";
}

void still_waiting(const Visit& v) {
    if (v.status != "exiting")
        raise(not_now("stay_status", "the car is no longer waiting at the barrier (" + v.status + ")")
                  .with("status", v.status)
                  .with("plate", v.plate));
}

Response approve(Context& ctx, Request& req) {
    JsonIn in(req.body.empty() ? std::string_view("{}") : std::string_view(req.body), {"note"});
    std::string note = in.opt_string("note", 0, 300).value_or("");
    return decide(ctx, req, Permission::parking_release, "approve",
                  [&](db::Conn& c, FreeRequest& r, Visit& v, const std::string&, EpochMs now) {
                      std::string policy_class = policy_class_of(c, v);
                      raise_refusal(rules::free_decision_refusal(r, decider_of(req, r.site_id), policy_class));
                      still_waiting(v);
                      r.status = "approved";
                      r.decided_by = req.principal.user_id;
                      r.decision_note = note;
                      // The car leaves at the requester's booth; the approver is recorded as such.
                      gate::leave_free(c, v, r.category, req.principal.user_id,
                                       rules::free_remark(r.category, policy_class, req.principal.name, r.reason),
                                       r.requested_by, now);
                      detail::alert(c, r.site_id, {r.requested_by}, req.principal.user_id, "parking_free_approved",
                                    "免費放行已批准 " + v.plate, req.principal.name,
                                    "/parking/visits/" + std::to_string(v.id), now);
                  });
}

Response refuse(Context& ctx, Request& req) {
    JsonIn in(req.body, {"reason"});
    std::string reason = in.req_string("reason", 1, 300);
    return decide(ctx, req, Permission::parking_release, "refuse",
                  [&](db::Conn& c, FreeRequest& r, Visit& v, const std::string&, EpochMs now) {
                      raise_refusal(rules::free_decision_refusal(r, decider_of(req, r.site_id), policy_class_of(c, v)));
                      r.status = "refused";
                      r.decided_by = req.principal.user_id;
                      r.decision_note = reason;
                      // The fee stays due: the attendant takes it at the barrier, and every booth hears.
                      gate::tell_booths(c, v, "free_refused", req.principal.user_id, now);
                      detail::alert(c, r.site_id, {r.requested_by}, req.principal.user_id, "parking_free_refused",
                                    "免費放行不獲批准 " + v.plate, reason, "/parking/visits/" + std::to_string(v.id),
                                    now);
                  });
}

Response cancel(Context& ctx, Request& req) {
    return decide(
        ctx, req, Permission::parking_work, "cancel",
        [&](db::Conn&, FreeRequest& r, Visit&, const std::string&, EpochMs) {
            if (r.status != "pending")
                raise(not_now("already_decided", "this request was already " + r.status).with("status", r.status));
            r.status = "cancelled";
        });
}

}  // namespace

void register_free_request_routes(http::Router& router, Context& ctx) {
    detail::Routes routes(router, ctx);
    routes.add("GET", "/free-requests", Permission::parking_read, list,
               "Free exits asked for, newest first; ?status=pending for those waiting (PK-6)");
    routes.add("GET", "/free-requests/{rid}", Permission::parking_read, get,
               "A free-exit request with its stay and vehicle file");
    routes.add("POST", "/free-requests/{rid}/approve", Permission::parking_release, approve,
               "Approve: a manager for an approved exit, the team lead for a policy one; never the requester. The "
               "car leaves free with the approver in the register (PK-6)");
    routes.add("POST", "/free-requests/{rid}/refuse", Permission::parking_release, refuse,
               "Refuse with the reason; the fee stays due (PK-6)");
    routes.add("POST", "/free-requests/{rid}/cancel", Permission::parking_work, cancel,
               "Withdraw a request still pending (the driver pays after all)");
}

}  // namespace propdesk::parking
