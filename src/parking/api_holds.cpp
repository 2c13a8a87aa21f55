// Held vehicles (PK-8): the team lead verifies the driver, keeps the copies and the signed
// statement, charges the fee and releases; escalations to the manager or the police.
#include <boost/json.hpp>

#include "parking/api.hpp"
#include "parking/api_common.hpp"
#include "parking/gate.hpp"
#include "parking/json.hpp"
#include "parking/rules.hpp"
#include "parking/store.hpp"
#include "platform/files/store.hpp"
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

bj::object hold_detail(db::Conn& c, const Hold& h, const std::string& zone) {
    auto o = json::hold(h, zone);
    auto v = store::get_visit(c, h.visit_id);
    o["visit"] = json::visit(*v, zone);
    bj::array esc;
    for (const auto& e : store::escalations_of(c, h.id)) esc.push_back(json::escalation(e, zone));
    o["escalations"] = std::move(esc);
    auto vehicle = store::vehicle_by_plate(c, h.site_id, v->plate_key);
    o["vehicle"] = vehicle ? bj::value(json::vehicle(*vehicle)) : bj::value(nullptr);
    return o;
}

Response list(Context& ctx, Request& req) {
    auto page = http::page_params(req);
    std::string status = req.query_param("status").value_or("");
    if (!status.empty() && status != "held" && status != "released")
        throw AppError::invalid("status is held or released", "status");
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, Permission::parking_read);
        auto rows = store::list_holds(c, site_id, status, page.after_id, page.limit + 1);
        auto next = http::trim_id_page(rows, page.limit);
        bj::array items;
        for (const auto& h : rows) items.push_back(json::hold(h, zone));
        return std::make_pair(std::move(items), next);
    });
    return http::page_response(std::move(out.first), out.second);
}

Response get(Context& ctx, Request& req) {
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, Permission::parking_read);
        return hold_detail(c, hold_of_site(c, site_id, req.id_param("hid")), zone);
    });
    return http::record_response(out, out.at("version").as_int64());
}

// A copy uploaded to this site as a document or photo (licence, ID card, statement), if given.
std::optional<int64_t> evidence(db::Conn& c, int64_t site_id, const JsonIn& in, const char* field) {
    auto id = in.opt_int(field, 1, INT64_MAX);
    if (!id) return std::nullopt;
    auto f = files::store::get_file(c, *id);
    if (!f || f->site_id != site_id) throw AppError::invalid("no such file in this site", field);
    if (f->kind != "document" && f->kind != "photo") throw AppError::invalid("upload it as a document", field);
    return id;
}

Response release(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    JsonIn in(req.body, {"verification_note", "licence_file_id", "id_file_id", "statement_file_id", "payment"});
    std::string note = in.opt_string("verification_note", 0, 1000).value_or("");
    std::optional<gate::Payment> pay;
    if (const auto* p = in.raw("payment"); p && !p->is_null()) {
        JsonIn pin(p->is_object() ? bj::serialize(*p) : std::string("[]"), {"method", "amount_cents", "reference"});
        pay = gate::Payment{pin.req_enum("method", {"cash", "electronic"}), pin.req_int("amount_cents", 0, 100'000'000),
                            pin.opt_string("reference", 0, 100).value_or("")};
    }
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, Permission::parking_release);
        Hold h = hold_of_site(c, site_id, req.id_param("hid"));
        if (h.version != expected) throw AppError::stale();
        if (h.status != "held") throw AppError::illegal_state("the vehicle was already released");
        Hold before = h;
        h.licence_file_id = evidence(c, site_id, in, "licence_file_id");
        h.id_file_id = evidence(c, site_id, in, "id_file_id");
        h.statement_file_id = evidence(c, site_id, in, "statement_file_id");
        Visit v = *store::get_visit(c, h.visit_id);
        Visit visit_before = v;
        if (!v.entry_at) {
            // No entry record: the fee is what the team lead charges (a lost-pass charge, or none).
            v.fee_cents = pay ? pay->amount_cents : 0;
        } else if (v.category == "military_police") {
            v.fee_cents = 0;
            v.free_category = "policy";
        } else {
            // A card stay leaves free only while its card is still good for this lot; otherwise
            // it pays as a visitor, like at the camera (PK-4).
            std::string problem = "no_card";
            if (v.card_id)
                if (auto card = store::get_card(c, *v.card_id)) {
                    problem = rules::card_problem(*card, v.plate_key, now);
                    if (problem.empty() && card->lot_id != v.lot_id) problem = "card_mismatch";
                }
            if (v.category == "card" && problem.empty()) {
                v.fee_cents = 0;
                v.charged_as = "card";
                v.free_category = "card";
            } else {
                v.fee_cents = gate::fee_of(c, v, zone, now).cents;
                v.charged_as = "visitor";
                if (v.category == "card") v.visitor_reason = problem;
            }
        }
        if (pay && pay->amount_cents != v.fee_cents)
            throw AppError::invalid("the fee due is " + gate::money_text(v.fee_cents), "payment");
        rules::ReleaseEvidence ev{note.find_first_not_of(" \t\n") != std::string::npos, h.licence_file_id.has_value(),
                                  h.id_file_id.has_value(), h.statement_file_id.has_value(),
                                  v.fee_cents == 0 || pay.has_value()};
        if (auto missing = rules::release_missing(ev); !missing.empty()) {
            // PK-8: no release without the team lead's verification, the three copies and the fee.
            std::string field = missing == "verification" ? "verification_note"
                                : missing == "fee"        ? "payment"
                                                          : missing;
            throw AppError::invalid("release needs " + field, field);
        }
        h.status = "released";
        h.verified_by = req.principal.user_id;
        h.verification_note = note;
        h.released_at = now;
        if (!store::update_hold(c, h, expected, now)) throw AppError::stale();
        gate::settle(c, v, pay, req.principal.user_id, zone, now);
        v.remarks += std::string(v.remarks.empty() ? "" : "; ") + "扣留後經班長核實放行";
        if (!store::update_visit(c, v, v.version, now)) throw AppError::stale();
        auto saved = *store::get_hold(c, h.id);
        detail::audit(c, req, now, site_id, "parking_hold", h.id, "release", json::hold(before, zone),
                      json::hold(saved, zone));
        detail::audit(c, req, now, site_id, "parking_visit", v.id, "release", json::visit(visit_before, zone),
                      json::visit(*store::get_visit(c, v.id), zone));
        return hold_detail(c, saved, zone);
    });
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
        if (h.status != "held") throw AppError::illegal_state("the vehicle was already released");
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
               "Release with the team lead's verification, copies and fee (PK-8)");
    routes.add("POST", "/holds/{hid}/escalations", Permission::parking_work, escalate,
               "Record an escalation to the manager or the police (PK-8)");
}

}  // namespace propdesk::parking
