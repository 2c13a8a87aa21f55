// Entries and exits typed or swiped at the booth, and the steps an attendant takes on a stay:
// the entry check, payment with a receipt, a free exit, a hold (PK-1, PK-3 … PK-6, PK-8).
#include <boost/json.hpp>

#include "parking/api.hpp"
#include "parking/api_common.hpp"
#include "parking/api_refs.hpp"
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

// "" (or absent) is "nothing found" (PK-1).
std::string goods_flag_of(const JsonIn& in) {
    std::string flag = in.opt_string("goods_flag", 0, 20).value_or("");
    if (!flag.empty() && flag != "flammable" && flag != "explosive" && flag != "toxic")
        throw AppError::invalid("goods_flag is flammable, explosive, toxic or empty", "goods_flag");
    return flag;
}

bj::object outcome_json(const gate::Outcome& o, const std::string& zone) {
    bj::object out{{"decision", o.decision}, {"reason", o.reason}, {"fee_cents", o.fee_cents}};
    out["visit"] = o.visit ? bj::value(json::visit(*o.visit, zone)) : bj::value(nullptr);
    out["hold"] = o.hold ? bj::value(json::hold(*o.hold, zone)) : bj::value(nullptr);
    return out;
}

std::string plate_of(const JsonIn& in) {
    std::string plate = in.req_string("plate", 1, 20);
    if (rules::no_plate(plate) || rules::plate_key(plate).size() < 2)
        throw AppError::invalid("type the plate as it is on the car", "plate");
    return plate;
}

Response entry(Context& ctx, Request& req) {
    JsonIn in(req.body, {"lane_id", "plate", "method", "card_no", "damage_note", "goods_checked", "goods_flag"});
    int64_t lane_id = in.req_int("lane_id", 1, INT64_MAX);
    gate::Arrival a;
    a.plate = plate_of(in);
    a.method = in.opt_enum("method", {"manual", "card"}).value_or("manual");
    a.card_no = in.opt_string("card_no", 0, 40).value_or("");
    if (a.method == "card" && a.card_no.empty()) throw AppError::invalid("a card swipe names the card", "card_no");
    a.damage_note = in.opt_string("damage_note", 0, 500).value_or("");
    a.goods_flag = goods_flag_of(in);
    // PK-1: a car let in by hand has an explicit answer; a card swipe at the barrier may have one.
    auto checked = in.opt_bool("goods_checked");
    if (a.method == "manual") raise_refusal(rules::goods_check_refusal(checked, a.goods_flag));
    a.goods_checked = checked.value_or(false) || !a.goods_flag.empty();
    a.user_id = req.principal.user_id;
    EpochMs now = ctx.clock.now_ms();
    a.at = now;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, Permission::parking_work);
        auto lane = detail::lane_ref(c, site_id, lane_id);
        if (lane.direction != "entry") throw AppError::invalid("not an entry lane", "lane_id");
        auto o = gate::at_entry(c, lane, zone, a, now);
        if (o.reason == "already_inside")
            throw AppError::conflict("already_inside: " + a.plate + " is already inside (stay " +
                                         std::to_string(o.visit ? o.visit->id : 0) + ")",
                                     "plate");
        if (o.visit)
            detail::audit(c, req, now, site_id, "parking_visit", o.visit->id, "entry", std::nullopt,
                          json::visit(*o.visit, zone));
        // PK-7: a swiped card or a typed plate that is let in raises the barrier too.
        if (o.decision == "open")
            gate::open_lane(c, site_id, lane.id, "entry: " + o.reason, o.visit_id, a.user_id, now);
        return outcome_json(o, zone);
    });
    return http::json_response(out, 201);
}

Response exit(Context& ctx, Request& req) {
    JsonIn in(req.body, {"lane_id", "plate"});
    int64_t lane_id = in.req_int("lane_id", 1, INT64_MAX);
    gate::Arrival a;
    a.plate = plate_of(in);
    a.method = "manual";
    a.user_id = req.principal.user_id;
    EpochMs now = ctx.clock.now_ms();
    a.at = now;
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, Permission::parking_work);
        auto lane = detail::lane_ref(c, site_id, lane_id);
        if (lane.direction != "exit") throw AppError::invalid("not an exit lane", "lane_id");
        auto o = gate::at_exit(c, lane, zone, a, now);
        if (o.visit)
            detail::audit(c, req, now, site_id, "parking_visit", o.visit->id, "exit", std::nullopt,
                          json::visit(*o.visit, zone));
        if (o.decision == "open")
            gate::open_lane(c, site_id, lane.id, "exit: " + o.reason,
                            o.visit ? std::optional(o.visit->id) : std::nullopt, a.user_id, now);
        return outcome_json(o, zone);
    });
    ctx.notify_changed();
    return http::json_response(out, 200);
}

// A step on one stay: the caller's site, the expected version, one transaction with its audit.
// The step's rules run on the stay as it is now before the version is compared: a car that was
// released or paid meanwhile is refused for that reason, not as "changed by someone else" (what
// the change wrote is rolled back with the transaction when the version then differs).
template <class F>
Response step(Context& ctx, Request& req, Permission p, const char* action, F&& change) {
    int64_t expected = http::if_match_version(req);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, p);
        Visit before = detail::visit_of_site(c, site_id, req.id_param("vid"));
        Visit v = before;
        bj::object extra = change(c, v, zone, now);
        if (before.version != expected) throw AppError::stale();
        if (!store::update_visit(c, v, expected, now)) throw AppError::stale();
        auto saved = *store::get_visit(c, v.id);
        auto record = json::visit(saved, zone);
        detail::audit(c, req, now, site_id, "parking_visit", v.id, action, json::visit(before, zone), record);
        if (extra.empty()) return record;
        // A step that makes another record too answers {visit, <that record>}.
        extra["visit"] = std::move(record);
        return extra;
    });
    ctx.notify_changed();
    ctx.gate_changed(0);  // a lane change for the booths (paid, freed, held)
    const auto& visit = out.contains("visit") ? out.at("visit").as_object() : out;
    return http::record_response(out, visit.at("version").as_int64());
}

// The stay's status allows the step, or the refusal says what became of the car (paid and gone,
// held, released…) in the user's language: stay_status with {status} and {plate}.
void must_be(const Visit& v, std::initializer_list<const char*> statuses, const char* what) {
    for (const char* s : statuses)
        if (v.status == s) return;
    raise(not_now("stay_status", std::string("cannot ") + what + " a stay that is " + v.status)
              .with("status", v.status)
              .with("plate", v.plate));
}

Response entry_check(Context& ctx, Request& req) {
    JsonIn in(req.body, {"damage_note", "goods_checked", "goods_flag"});
    auto damage = in.opt_string("damage_note", 0, 500);
    auto checked = in.opt_bool("goods_checked");
    std::string flag = goods_flag_of(in);
    raise_refusal(rules::goods_check_refusal(checked, flag));
    return step(ctx, req, Permission::parking_work, "entry_check",
                [&](db::Conn&, Visit& v, const std::string&, EpochMs) {
                    must_be(v, {"inside"}, "check");
                    if (damage) v.damage_note = *damage;
                    v.goods_checked = true;
                    v.goods_flag = flag;
                    if (!flag.empty()) {
                        // PK-1: turned away at the barrier with the reason recorded.
                        v.status = "refused";
                        v.refusal_reason = "dangerous_goods: " + flag;
                    }
                    return bj::object{};
                });
}

using gate::Payment;

// PK-5: the pass is taken back, or recorded as lost with a note, whenever a visitor leaves.
void record_pass(Visit& v, const JsonIn& in) {
    bool returned = in.opt_bool("pass_returned").value_or(false);
    std::string lost_note = in.opt_string("pass_lost_note", 0, 300).value_or("");
    raise_refusal(rules::pass_refusal(v.pass_no.has_value(), returned, lost_note));
    v.pass_returned = returned;
    v.pass_lost_note = returned ? "" : lost_note;
}

// A stay that leaves (or gets its free exit decided) has no request left waiting.
void cancel_pending(db::Conn& c, const Request& req, int64_t visit_id, const std::string& zone, EpochMs now) {
    auto r = store::pending_request_of_visit(c, visit_id);
    if (!r) return;
    auto before = json::free_request(*r, zone);
    r->status = "cancelled";
    if (!store::update_free_request(c, *r, r->version, now)) throw AppError::stale();
    detail::audit(c, req, now, r->site_id, "parking_free_request", r->id, "cancel", before,
                  json::free_request(*store::get_free_request(c, r->id), zone));
}

Response pay(Context& ctx, Request& req) {
    JsonIn in(req.body,
              {"method", "amount_cents", "reference", "received_cents", "scheme", "pass_returned", "pass_lost_note"});
    Payment p = detail::payment_of(in);
    return step(ctx, req, Permission::parking_work, "pay",
                [&](db::Conn& c, Visit& v, const std::string& zone, EpochMs now) {
                    must_be(v, {"exiting"}, "take payment for");
                    // PK-5: the fee due exactly; cash at least the fee (the change is recorded), an
                    // electronic payment with its reference.
                    gate::check_payment(p, v.fee_cents, "");
                    record_pass(v, in);
                    cancel_pending(c, req, v.id, zone, now);
                    gate::settle(c, v, p, req.principal.user_id, zone, now, "paid");
                    return bj::object{};
                });
}

// PK-6: the attendant asks; the stay leaves free at once only for a vehicle on the site's
// policy-free register (or on the team lead's own confirmation of a policy exit). Otherwise it
// waits at the barrier in `exiting` while a manager (approved) or the team lead (policy) decides.
Response free_exit(Context& ctx, Request& req) {
    JsonIn in(req.body, {"category", "reason", "pass_returned", "pass_lost_note", "lane_id"});
    std::string category = in.req_enum("category", {"policy", "approved"});
    std::string reason = in.req_string("reason", 1, 300);
    auto lane_id = in.opt_int("lane_id", 1, INT64_MAX);
    return step(ctx, req, Permission::parking_work, "free_exit",
                [&](db::Conn& c, Visit& v, const std::string& zone, EpochMs now) -> bj::object {
                    must_be(v, {"inside", "exiting"}, "let out free");
                    // PK-6: one decision per stay. A refusal is final: no second request (of either
                    // category) and no team lead's own policy exit can overturn the manager's no.
                    if (auto last = store::last_request_of_visit(c, v.id)) {
                        if (last->status == "pending")
                            raise(not_now("approval_pending", "a free exit for this car already waits for a decision"));
                        if (last->status == "refused")
                            raise(not_now("free_refused", "a free exit for this stay was refused: the fee is due")
                                      .with("reason", last->decision_note));
                    }
                    if (lane_id) v.exit_lane_id = detail::exit_lane_of_lot(c, v, *lane_id).id;
                    record_pass(v, in);
                    auto vehicle = store::vehicle_by_plate(c, v.site_id, v.plate_key);
                    std::string policy_class = vehicle ? vehicle->policy_class : "";
                    bool team_lead = req.principal.can(Permission::parking_release, v.site_id);
                    int64_t me = req.principal.user_id;
                    auto approver = rules::free_exit_approver(category, policy_class, team_lead);
                    if (approver == rules::FreeApprover::none) {
                        // On the register: the register is the authority. Else the team lead confirms.
                        bool confirmed = policy_class.empty();
                        gate::leave_free(c, v, category, confirmed ? std::optional(me) : std::nullopt,
                                         rules::free_remark(category, policy_class, req.principal.name, reason), me,
                                         now);
                        return {};
                    }
                    if (v.status == "inside") {
                        v.status = "exiting";
                        gate::apply_charge(v, gate::charge_now(c, v, zone, now));
                    }
                    FreeRequest r;
                    r.site_id = v.site_id;
                    r.visit_id = v.id;
                    r.lane_id = v.exit_lane_id;
                    r.category = category;
                    r.reason = reason;
                    r.fee_cents = v.fee_cents;
                    r.requested_by = me;
                    r.requested_at = now;
                    r.id = store::insert_free_request(c, r, now);
                    auto saved = *store::get_free_request(c, r.id);
                    auto o = json::free_request(saved, zone);
                    detail::audit(c, req, now, v.site_id, "parking_free_request", r.id, "request", std::nullopt, o);
                    auto to = approver == rules::FreeApprover::manager ? detail::managers(c, v.site_id)
                                                                       : detail::team_leads(c, v.site_id);
                    detail::alert(c, v.site_id, to, me,
                                  category == "approved" ? "parking_free_request" : "parking_free_request_policy",
                                  (category == "approved" ? "免費放行待批准 " : "政策性免費待確認 ") + v.plate, reason,
                                  "/parking/approvals/" + std::to_string(r.id), now);
                    return bj::object{{"free_request", std::move(o)}};
                });
}

Response hold(Context& ctx, Request& req) {
    JsonIn in(req.body, {"reason", "note"});
    std::string reason = in.req_enum("reason", {"mismatch", "no_card", "suspicious"});
    std::string note = in.opt_string("note", 0, 500).value_or("");
    return step(ctx, req, Permission::parking_work, "hold",
                [&](db::Conn& c, Visit& v, const std::string& zone, EpochMs now) {
                    must_be(v, {"inside", "exiting"}, "hold");
                    v.status = "held";
                    Hold h;
                    h.site_id = v.site_id;
                    h.visit_id = v.id;
                    h.lane_id = v.exit_lane_id;
                    h.reason = reason;
                    h.note = note;
                    h.held_at = now;
                    h.held_by = req.principal.user_id;
                    h.id = store::insert_hold(c, h, now);
                    gate::tell_team_leads(c, h, v.plate, req.principal.user_id, now);
                    gate::tell_booths(c, v, "held", req.principal.user_id, now);
                    return bj::object{{"hold", json::hold(*store::get_hold(c, h.id), zone)}};
                });
}

}  // namespace

void register_visit_routes(http::Router& router, Context& ctx) {
    detail::Routes routes(router, ctx);
    routes.add("POST", "/entries", Permission::parking_work, entry,
               "Enter a vehicle by hand or card swipe (PK-1, PK-3, PK-4)");
    routes.add("POST", "/exits", Permission::parking_work, exit, "A vehicle at an exit lane (PK-5, PK-6, PK-8)");
    routes.add("POST", "/visits/{vid}/entry-check", Permission::parking_work, entry_check,
               "Damage seen and the dangerous-goods check (PK-1, PK-3)");
    routes.add("POST", "/visits/{vid}/pay", Permission::parking_work, pay,
               "Take the fee, number the receipt, open the barrier (PK-5)");
    routes.add("POST", "/visits/{vid}/free", Permission::parking_work, free_exit,
               "Ask for a free exit: at once for a vehicle on the policy-free register, otherwise it waits for a "
               "manager's approval or the team lead's confirmation (PK-6)");
    routes.add("POST", "/visits/{vid}/hold", Permission::parking_work, hold,
               "Hold a vehicle; the team lead is told (PK-8)");
}

}  // namespace propdesk::parking
