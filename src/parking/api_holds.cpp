// Held vehicles (PK-8): the team lead verifies the driver, keeps the copies and the signed
// statement, charges the fee and releases; escalations to the manager or the police.
#include <boost/json.hpp>

#include "parking/api.hpp"
#include "parking/api_common.hpp"
#include "parking/api_refs.hpp"
#include "parking/gate.hpp"
#include "parking/json.hpp"
#include "parking/rules.hpp"
#include "parking/store.hpp"
#include "platform/files/evidence.hpp"
#include "platform/http/api_support.hpp"
#include "platform/json/json_in.hpp"

namespace propdesk::parking {
namespace {

using auth::Permission;
using http::Request;
using http::Response;
using propdesk::json::JsonIn;
namespace bj = boost::json;

Hold hold_of_site(db::Conn& c, int64_t site_id, int64_t id) {
    auto h = store::get_hold(c, id);
    if (!h || h->site_id != site_id) throw AppError::not_found("hold");
    return std::move(*h);
}

bj::object hold_detail(db::Conn& c, const Hold& h, const std::string& zone, EpochMs now) {
    auto o = json::hold(h, zone);
    auto v = store::get_visit(c, h.visit_id);
    o["visit"] = json::visit(*v, zone);
    // PK-8: what the release charges now, by the same rules as the exit (or the no-entry rule).
    if (h.status == "held") {
        auto charge = gate::charge_now(c, *v, zone, now);
        o["charge"] = bj::object{{"fee_cents", charge.fee_cents},
                                 {"reason", charge.reason},
                                 {"charged_as", charge.charged_as},
                                 {"visitor_reason", charge.visitor_reason}};
    }
    bj::array esc;
    for (const auto& e : store::escalations_of(c, h.id)) esc.push_back(json::escalation(e, zone));
    o["escalations"] = std::move(esc);
    auto vehicle = store::vehicle_by_plate(c, h.site_id, v->plate_key);
    o["vehicle"] = vehicle ? bj::value(json::vehicle(*vehicle)) : bj::value(nullptr);
    return o;
}

Response list(Context& ctx, Request& req) {
    std::string status = detail::status_filter(req, {"held", "released"});
    return detail::site_page(
        ctx, req, Permission::parking_read,
        [&](db::Conn& c, int64_t site_id, int64_t after, int limit) {
            return store::list_holds(c, site_id, status, after, limit);
        },
        json::hold);
}

Response get(Context& ctx, Request& req) {
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, Permission::parking_read);
        return hold_detail(c, hold_of_site(c, site_id, req.id_param("hid")), zone, ctx.clock.now_ms());
    });
    return http::record_response(out, out.at("version").as_int64());
}

Refusal already_released(const Hold& h) {
    return not_now("hold_released", "the vehicle was already released")
        .with("plate", h.plate)
        .with("name", h.verified_by_name);
}

std::optional<gate::Payment> payment_of(const JsonIn& in) {
    auto p = in.opt_object("payment", {"method", "amount_cents", "reference", "received_cents", "scheme"});
    if (!p) return std::nullopt;
    return detail::payment_of(*p);
}

Response release(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    JsonIn in(req.body, {"verification_note", "licence_file_id", "id_file_id", "statement_file_id", "payment",
                         "lane_id", "pass_returned", "pass_lost_note"});
    rules::ReleaseEvidence ev;
    ev.verification_note = in.opt_string("verification_note", 0, 1000).value_or("");
    ev.licence = in.opt_int("licence_file_id", 1, INT64_MAX);
    ev.id_card = in.opt_int("id_file_id", 1, INT64_MAX);
    ev.statement = in.opt_int("statement_file_id", 1, INT64_MAX);
    auto pay = payment_of(in);
    auto lane_id = in.opt_int("lane_id", 1, INT64_MAX);
    bool pass_returned = in.opt_bool("pass_returned").value_or(false);
    std::string pass_lost_note = in.opt_string("pass_lost_note", 0, 300).value_or("");
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, Permission::parking_release);
        Hold h = hold_of_site(c, site_id, req.id_param("hid"));
        // Released already is the real reason, whatever version the caller read.
        if (h.status != "held") raise(already_released(h));
        Hold before = h;
        Visit v = *store::get_visit(c, h.visit_id);
        Visit visit_before = v;
        if (lane_id) v.exit_lane_id = detail::exit_lane_of_lot(c, v, *lane_id).id;
        // PK-8: the fee is the rules' (the exit's, or the lot's no-entry rule), never a typed figure.
        auto charge = gate::charge_now(c, v, zone, now);
        gate::apply_charge(v, charge);
        if (pay && !(v.fee_cents == 0 && pay->amount_cents == 0)) gate::check_payment(*pay, v.fee_cents, "payment.");
        ev.fee_settled = v.fee_cents == 0 || pay.has_value();
        raise_refusal(rules::release_refusal(ev));
        raise_refusal(rules::pass_refusal(v.pass_no.has_value(), pass_returned, pass_lost_note));
        if (!v.exit_lane_id) throw AppError::invalid("name the exit lane the car leaves by", "lane_id");
        // Each copy is a document or photo of this site that serves this hold and nothing else.
        for (auto [id, purpose, field] :
             {std::tuple{*ev.licence, "licence", "licence_file_id"}, std::tuple{*ev.id_card, "id_card", "id_file_id"},
              std::tuple{*ev.statement, "statement", "statement_file_id"}})
            files::claim(c, site_id, id, {"document", "photo"}, {"parking_hold", h.id, purpose}, field, now);
        h.licence_file_id = ev.licence;
        h.id_file_id = ev.id_card;
        h.statement_file_id = ev.statement;
        h.status = "released";
        h.verified_by = req.principal.user_id;
        h.verification_note = ev.verification_note;
        h.released_at = now;
        if (before.version != expected || !store::update_hold(c, h, expected, now)) throw AppError::stale();
        v.pass_returned = pass_returned;
        v.pass_lost_note = pass_returned ? "" : pass_lost_note;
        gate::settle(c, v, v.fee_cents > 0 ? pay : std::nullopt, req.principal.user_id, zone, now, "released");
        v.remarks += std::string(v.remarks.empty() ? "" : "；") + "扣留後經班長核實放行";
        if (!store::update_visit(c, v, v.version, now)) throw AppError::stale();
        auto saved = *store::get_hold(c, h.id);
        detail::audit(c, req, now, site_id, "parking_hold", h.id, "release", json::hold(before, zone),
                      json::hold(saved, zone));
        detail::audit(c, req, now, site_id, "parking_visit", v.id, "release", json::visit(visit_before, zone),
                      json::visit(*store::get_visit(c, v.id), zone));
        return hold_detail(c, saved, zone, now);
    });
    ctx.notify_changed();
    ctx.gate_changed(0);  // the booths hear of the release
    return http::record_response(out, out.at("version").as_int64());
}

Response escalate(Context& ctx, Request& req) {
    JsonIn in(req.body, {"escalated_to", "note"});
    Escalation e;
    e.escalated_to = in.req_enum("escalated_to", {"manager", "police"});
    e.note = in.req_string("note", 1, 1000);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, Permission::parking_work);
        Hold h = hold_of_site(c, site_id, req.id_param("hid"));
        if (h.status != "held") raise(already_released(h));
        e.at = now;
        e.by_user = req.principal.user_id;
        e.id = store::insert_escalation(c, h.id, site_id, e);
        auto saved = store::escalations_of(c, h.id).back();
        auto o = json::escalation(saved, zone);
        detail::audit(c, req, now, site_id, "parking_hold", h.id, "escalate", std::nullopt, o);
        if (e.escalated_to == "manager")
            detail::alert(c, site_id, detail::managers(c, site_id), req.principal.user_id, "parking_escalation",
                          "扣留車輛上報 " + h.plate, e.note, "/parking/holds/" + std::to_string(h.id), now);
        return o;
    });
    ctx.notify_changed();
    return http::json_response(out, 201);
}

}  // namespace

void register_hold_routes(http::Router& router, Context& ctx) {
    detail::Routes routes(router, ctx);
    routes.add("GET", "/holds", Permission::parking_read, list, "Held vehicles (PK-8)");
    routes.add("GET", "/holds/{hid}", Permission::parking_read, get,
               "A hold with its stay, vehicle file and escalations");
    routes.add("POST", "/holds/{hid}/release", Permission::parking_release, release,
               "Release with the team lead's verification, three distinct copies used for nothing else, and the "
               "fee the rules charge (PK-8)");
    routes.add("POST", "/holds/{hid}/escalations", Permission::parking_work, escalate,
               "Record an escalation to the manager or the police (PK-8)");
}

}  // namespace propdesk::parking
