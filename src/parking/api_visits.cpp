// Entries and exits typed or swiped at the booth, and the steps an attendant takes on a stay:
// the entry check, payment with a receipt, a free exit, a hold (PK-1, PK-3 … PK-6, PK-8).
#include <boost/json.hpp>

#include "parking/api.hpp"
#include "parking/api_common.hpp"
#include "parking/api_refs.hpp"
#include "parking/gate.hpp"
#include "parking/json.hpp"
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
    a.goods_checked = in.opt_bool("goods_checked").value_or(false);
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
template <class F>
Response step(Context& ctx, Request& req, Permission p, const char* action, F&& change) {
    int64_t expected = http::if_match_version(req);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, p);
        Visit before = detail::visit_of_site(c, site_id, req.id_param("vid"));
        if (before.version != expected) throw AppError::stale();
        Visit v = before;
        bj::object extra = change(c, v, zone, now);
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
    const auto& visit = out.contains("visit") ? out.at("visit").as_object() : out;
    return http::record_response(out, visit.at("version").as_int64());
}

void must_be(const Visit& v, std::initializer_list<const char*> statuses, const char* what) {
    for (const char* s : statuses)
        if (v.status == s) return;
    throw AppError::illegal_state(std::string("cannot ") + what + " a stay that is " + v.status);
}

Response entry_check(Context& ctx, Request& req) {
    JsonIn in(req.body, {"damage_note", "goods_checked", "goods_flag"});
    auto damage = in.opt_string("damage_note", 0, 500);
    bool checked = in.opt_bool("goods_checked").value_or(true);
    std::string flag = goods_flag_of(in);
    return step(ctx, req, Permission::parking_work, "entry_check",
                [&](db::Conn&, Visit& v, const std::string&, EpochMs) {
                    must_be(v, {"inside"}, "check");
                    if (damage) v.damage_note = *damage;
                    v.goods_checked = checked || !flag.empty();
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

Payment payment_of(const JsonIn& in) {
    return {in.req_enum("method", {"cash", "electronic"}), in.req_int("amount_cents", 0, 100'000'000),
            in.opt_string("reference", 0, 100).value_or("")};
}

Response pay(Context& ctx, Request& req) {
    JsonIn in(req.body, {"method", "amount_cents", "reference", "pass_returned"});
    Payment p = payment_of(in);
    bool returned = in.opt_bool("pass_returned").value_or(false);
    return step(ctx, req, Permission::parking_work, "pay",
                [&](db::Conn& c, Visit& v, const std::string& zone, EpochMs now) {
                    must_be(v, {"exiting"}, "take payment for");
                    if (p.amount_cents != v.fee_cents)
                        throw AppError::invalid(
                            "the amount must be the fee due (" + gate::money_text(v.fee_cents) + ")", "amount_cents");
                    if (returned) v.pass_returned = true;
                    gate::settle(c, v, p, req.principal.user_id, zone, now);
                    return bj::object{};
                });
}

Response free_exit(Context& ctx, Request& req) {
    JsonIn in(req.body, {"category", "approved_by", "reason", "pass_returned", "lane_id"});
    std::string category = in.req_enum("category", {"policy", "approved"});
    auto approver = in.opt_int("approved_by", 1, INT64_MAX);
    std::string reason = in.req_string("reason", 1, 300);
    bool returned = in.opt_bool("pass_returned").value_or(false);
    auto lane_id = in.opt_int("lane_id", 1, INT64_MAX);
    if (category == "approved" && !approver)
        throw AppError::invalid("a free exit approved by a manager names the manager", "approved_by");
    return step(ctx, req, Permission::parking_work, "free_exit",
                [&](db::Conn& c, Visit& v, const std::string&, EpochMs now) {
                    must_be(v, {"inside", "exiting"}, "let out free");
                    if (category == "approved") {
                        auto managers = detail::managers(c, v.site_id);
                        if (std::find(managers.begin(), managers.end(), *approver) == managers.end())
                            throw AppError::invalid("the approver must be a site manager of this site", "approved_by");
                        v.approved_by = approver;
                    }
                    if (lane_id) v.exit_lane_id = detail::lane_ref(c, v.site_id, *lane_id).id;
                    // PK-6: never charged; the category and the reason go into the register's remarks.
                    v.status = "exited";
                    v.free_category = category;
                    v.paid_cents = 0;
                    v.fee_cents = 0;
                    v.payment_method.reset();
                    v.remarks = (category == "policy" ? "政策性免費: " : "領導批准免費: ") + reason;
                    v.exit_at = now;
                    v.exit_by = req.principal.user_id;
                    if (v.exit_method.empty()) v.exit_method = "manual";
                    if (returned) v.pass_returned = true;
                    if (v.exit_lane_id)
                        gate::open_lane(c, v.site_id, *v.exit_lane_id, "free exit: " + category, v.id,
                                        req.principal.user_id, now);
                    return bj::object{};
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
               "A free exit with its category and reason (PK-6)");
    routes.add("POST", "/visits/{vid}/hold", Permission::parking_work, hold,
               "Hold a vehicle; the team lead is told (PK-8)");
}

}  // namespace propdesk::parking
