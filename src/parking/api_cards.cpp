// Parking cards (停車卡, PK-4): monthly and owner cards bound to up to five plates for a span of
// local days. Every change re-queues the plates for the lot's cameras, in the same transaction,
// so a camera cut off from the server lets in exactly the valid cards. Vehicle files are in
// api_vehicles.cpp.
#include <boost/json.hpp>

#include "parking/api.hpp"
#include "parking/api_common.hpp"
#include "parking/api_refs.hpp"
#include "parking/json.hpp"
#include "parking/rules.hpp"
#include "parking/store.hpp"
#include "platform/http/api_support.hpp"
#include "platform/json/json_in.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::parking {
namespace {

using namespace detail;
using auth::Permission;
using http::Request;
using http::Response;
namespace bj = boost::json;
using In = propdesk::json::JsonIn;

const std::initializer_list<std::string_view> kCardFields = {"lot_id",  "card_no",    "kind",     "holder_name",
                                                             "unit_id", "valid_from", "valid_to", "plates"};

std::string_view body_or_empty(const Request& req) {
    return req.body.empty() ? std::string_view("{}") : std::string_view(req.body);
}

Card card_in_path(db::Conn& c, int64_t site_id, const Request& req) {
    auto card = store::get_card(c, req.id_param("cid"));
    if (!card || card->site_id != site_id) throw AppError::not_found("card");
    return std::move(*card);
}

// 1…5 plates, each a real plate, none twice (as the cameras compare them).
std::vector<std::string> read_plates(const In& in) {
    auto plates = in.opt_string_list("plates", 5, 20);
    if (!plates || plates->empty()) throw AppError::invalid("a card is bound to 1 to 5 plates", "plates");
    std::vector<std::string> keys, out;
    for (auto p : *plates) {
        auto b = p.find_first_not_of(' '), e = p.find_last_not_of(' ');
        p = plate_text(b == std::string::npos ? "" : p.substr(b, e - b + 1));
        auto key = rules::plate_key(p);
        if (key.empty()) throw AppError::invalid("a plate must not be empty", "plates");
        if (std::find(keys.begin(), keys.end(), key) != keys.end())
            throw AppError::invalid("the plate " + p + " is listed twice", "plates");
        keys.push_back(key);
        out.push_back(std::move(p));
    }
    return out;
}

EpochMs day_start(const In& in, const char* field, const std::string& zone) {
    auto s = in.req_string(field, 10, 10);
    auto t = timefmt::local_day_start(s, zone);
    if (!t) throw AppError::invalid(std::string(field) + " must be a date YYYY-MM-DD", field);
    return *t;
}

// Fields given in a create or edit, applied onto `card`; absent ones are kept.
void apply_fields(db::Conn& c, const In& in, Card& card, const std::string& zone) {
    if (in.has("lot_id")) card.lot_id = lot_ref(c, card.site_id, in.req_int("lot_id", 1, INT64_MAX)).id;
    if (in.has("card_no")) card.card_no = in.req_string("card_no", 1, 40);
    if (in.has("kind")) card.kind = in.req_enum("kind", {"monthly", "owner"});
    if (in.has("holder_name")) card.holder_name = in.req_string("holder_name", 1, 100);
    if (in.has("unit_id")) {
        card.unit_id = in.opt_int("unit_id", 1, INT64_MAX);  // null clears it
        if (card.unit_id) unit_ref(c, card.site_id, *card.unit_id);
    }
    // The last day is inclusive: the card runs to the start of the next local day.
    if (in.has("valid_from")) card.valid_from = day_start(in, "valid_from", zone);
    if (in.has("valid_to")) card.valid_to = timefmt::next_day_start(day_start(in, "valid_to", zone), zone);
    if (card.valid_to <= card.valid_from) throw AppError::invalid("valid_to is before valid_from", "valid_to");
    if (in.has("plates")) card.plates = read_plates(in);
    auto same = store::card_by_no(c, card.site_id, card.card_no);
    if (same && same->id != card.id) throw AppError::conflict("another card has this number", "card_no");
}

bj::object saved_card(db::Conn& c, int64_t id, const std::string& zone, EpochMs now) {
    return json::card(*store::get_card(c, id), zone, now);
}

Response list_cards(Context& ctx, Request& req) {
    auto page = http::page_params(req);
    std::string status = req.query_param("status").value_or("");
    if (!status.empty() && status != "active" && status != "suspended")
        throw AppError::invalid("status must be active or suspended", "status");
    std::string q = req.query_param("q").value_or("");
    EpochMs now = ctx.clock.now_ms();
    std::string zone;
    auto rows = ctx.db.read_value([&](db::Conn& c) {
        auto site = site_in_path(c, req, Permission::parking_read);
        zone = site.second;
        return store::list_cards(c, site.first, q, status, page.after_id, page.limit + 1);
    });
    auto next = http::trim_id_page(rows, page.limit);
    bj::array items;
    for (const auto& card : rows) items.push_back(json::card(card, zone, now));
    return http::page_response(std::move(items), next);
}

Response create_card(Context& ctx, Request& req) {
    In in(req.body, kCardFields);
    for (const char* f : {"lot_id", "card_no", "kind", "holder_name", "valid_from", "valid_to", "plates"})
        if (!in.raw(f)) throw AppError::invalid(std::string(f) + " is required", f);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_admin);
        Card card;
        card.site_id = site_id;
        apply_fields(c, in, card, zone);
        card.id = store::insert_card(c, card, now);
        store::sync_card_whitelist(c, card, now);
        auto saved = saved_card(c, card.id, zone, now);
        audit(c, req, now, site_id, "parking_card", card.id, "create", std::nullopt, saved);
        return saved;
    });
    return http::record_response(out, out.at("version").as_int64(), 201);
}

Response get_card(Context& ctx, Request& req) {
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_read);
        return json::card(card_in_path(c, site_id, req), zone, now);
    });
    return http::record_response(out, out.at("version").as_int64());
}

// Edit, suspend and resume share the steps: the rule, then the stale check (a refusal says its
// real reason), the save with the whitelist, the audit.
template <class F>
Response card_step(
    Context& ctx, Request& req, std::initializer_list<std::string_view> fields, const char* action, F f) {
    int64_t expected = http::if_match_version(req);
    In in(body_or_empty(req), fields);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_admin);
        Card card = card_in_path(c, site_id, req);
        const Card before = card;
        f(c, in, card, zone);
        if (before.version != expected) throw AppError::stale();
        if (!store::update_card(c, card, expected, now)) throw AppError::stale();
        store::sync_card_whitelist(c, card, now);
        // A card moved to another car park leaves that lot's cameras.
        if (before.lot_id != card.lot_id) store::sync_lot_whitelist(c, before.lot_id, now);
        auto saved = saved_card(c, card.id, zone, now);
        audit(c, req, now, site_id, "parking_card", card.id, action, json::card(before, zone, now), saved);
        return saved;
    });
    return http::record_response(out, out.at("version").as_int64());
}

Response update_card(Context& ctx, Request& req) {
    return card_step(
        ctx, req, kCardFields, "update",
        [](db::Conn& c, const In& in, Card& card, const std::string& zone) { apply_fields(c, in, card, zone); });
}

Response suspend_card(Context& ctx, Request& req) {
    return card_step(ctx, req, {"reason"}, "suspend", [](db::Conn&, const In& in, Card& card, const std::string&) {
        auto reason = in.req_string("reason", 1, 500);
        if (card.status == "suspended") raise(not_now("card_suspended_already", "the card is already suspended"));
        card.status = "suspended";
        card.suspended_reason = reason;
    });
}

Response resume_card(Context& ctx, Request& req) {
    return card_step(ctx, req, {}, "resume", [](db::Conn&, const In&, Card& card, const std::string&) {
        if (card.status != "suspended") raise(not_now("card_not_suspended", "the card is not suspended"));
        card.status = "active";
        card.suspended_reason.clear();
    });
}

}  // namespace

void register_card_routes(http::Router& router, Context& ctx) {
    Routes routes(router, ctx);
    routes.add("GET", "/cards", Permission::parking_read, list_cards,
               "Parking cards, newest first; ?q= number, holder or plate, ?status=");
    routes.add("POST", "/cards", Permission::parking_admin, create_card, "Issue a parking card bound to 1 to 5 plates");
    routes.add("GET", "/cards/{cid}", Permission::parking_read, get_card, "A parking card");
    routes.add("PATCH", "/cards/{cid}", Permission::parking_admin, update_card,
               "Change a card's holder, validity, plates or car park");
    routes.add("POST", "/cards/{cid}/suspend", Permission::parking_admin, suspend_card,
               "Suspend a card: its plates are charged as visitors");
    routes.add("POST", "/cards/{cid}/resume", Permission::parking_admin, resume_card,
               "Put a suspended card back in use");
    register_vehicle_routes(router, ctx);
}

}  // namespace propdesk::parking
