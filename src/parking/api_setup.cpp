// The car park's set-up: lots, their lanes and tariff versions, and a fee quote by the tariff
// (cameras are in api_cameras.cpp). Reading needs parking_read, changing parking_admin.
#include <boost/json.hpp>

#include "org/store.hpp"
#include "parking/api.hpp"
#include "parking/api_common.hpp"
#include "parking/api_refs.hpp"
#include "parking/json.hpp"
#include "parking/lane_context.hpp"
#include "parking/store.hpp"
#include "platform/files/evidence.hpp"
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

constexpr int64_t kDayMs = 86'400'000;
// A quote is for a stay, not a decade: stay_fee's cost grows with the stay.
constexpr int64_t kMaxQuoteMs = 366 * kDayMs;
// A tariff may start "now" by the client's clock; a minute of drift is not "in the past".
constexpr int64_t kClockSlackMs = 60'000;

std::string_view body_or_empty(const Request& req) {
    return req.body.empty() ? std::string_view("{}") : std::string_view(req.body);
}

Response get_setup(Context& ctx, Request& req) {
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_read);
        auto lanes = store::lanes_of_site(c, site_id);
        auto cameras = store::cameras_of_site(c, site_id);
        bj::array lots;
        for (const auto& l : store::lots_of_site(c, site_id)) {
            auto o = json::lot(l);
            o["inside"] = store::inside_count(c, l.id);
            auto versions = store::tariffs_of_lot(c, l.id);
            const Tariff* t = tariff_at(versions, now);
            o["tariff"] = t ? bj::value(json::tariff(*t, zone)) : bj::value(nullptr);
            bj::array lane_items;
            for (const auto& lane : lanes) {
                if (lane.lot_id != l.id) continue;
                auto lo = json::lane(lane);
                bj::array cams;
                for (const auto& cam : cameras)
                    if (cam.lane_id == lane.id) cams.push_back(json::camera(cam, zone, now));
                lo["cameras"] = std::move(cams);
                lane_items.push_back(std::move(lo));
            }
            o["lanes"] = std::move(lane_items);
            lots.push_back(std::move(o));
        }
        // The site managers are who may approve a free exit (PK-6).
        auto refs = [&](const std::vector<int64_t>& ids) {
            bj::array out;
            for (const auto& [id, name] : org::store::user_names(c, ids))
                out.push_back(bj::object{{"id", id}, {"name", name}});
            return out;
        };
        // …and the car park's staff, for the register's attendant filter (PK-3).
        auto staff = detail::car_park_staff(c, site_id);
        return bj::object{
            {"lots", std::move(lots)}, {"managers", refs(detail::managers(c, site_id))}, {"attendants", refs(staff)}};
    });
    return http::json_response(out);
}

const std::initializer_list<std::string_view> kLotFields = {"name",          "capacity",       "no_entry_days",
                                                            "peak_per_hour", "peak_min_staff", "pay_qr"};

// The payment QR images the booths show (issue 13): for each scheme given, a photo of the site's
// own files, or null to take it down. Not evidence: the same image may serve two car parks.
void pay_qr_of(db::Conn& c, const propdesk::json::JsonIn& in, Lot& l) {
    auto qr = in.opt_object("pay_qr", {"fps", "wechat", "alipay"});
    if (!qr) return;
    for (auto [scheme, slot] :
         {std::pair{"fps", &l.qr_fps}, std::pair{"wechat", &l.qr_wechat}, std::pair{"alipay", &l.qr_alipay}}) {
        if (!qr->has(scheme)) continue;
        *slot = qr->opt_int(scheme, 1, INT64_MAX);
        if (!*slot) continue;
        std::string field = std::string("pay_qr.") + scheme;
        raise_refusal(files::evidence_refusal(files::store::get_file(c, **slot), l.site_id, {"photo"}, std::nullopt,
                                              {"parking_lot", l.id, "pay_qr"}, field));
    }
}

// The lot's own rules: what a held car without an entry record pays (PK-8), and when a busy
// lane is understaffed (PK-10).
void lot_rules_of(const propdesk::json::JsonIn& in, Lot& l) {
    l.no_entry_days = in.opt_int("no_entry_days", 1, 30).value_or(l.no_entry_days);
    l.peak_per_hour = in.opt_int("peak_per_hour", 0, 10'000).value_or(l.peak_per_hour);
    l.peak_min_staff = in.opt_int("peak_min_staff", 1, 50).value_or(l.peak_min_staff);
}

Response create_lot(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, kLotFields);
    Lot l;
    l.name = in.req_string("name", 1, 100);
    l.capacity = in.req_int("capacity", 0, 100'000);
    lot_rules_of(in, l);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        l.site_id = site_in_path(c, req, Permission::parking_admin).first;
        pay_qr_of(c, in, l);
        l.id = store::insert_lot(c, l, now);
        auto saved = json::lot(*store::get_lot(c, l.id));
        audit(c, req, now, l.site_id, "parking_lot", l.id, "create", std::nullopt, saved);
        return saved;
    });
    gate_setup_changed();
    return http::record_response(out, out.at("version").as_int64(), 201);
}

Response update_lot(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(body_or_empty(req), kLotFields);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        int64_t site_id = site_in_path(c, req, Permission::parking_admin).first;
        Lot l = lot_of_site(c, site_id, req.id_param("lot"));
        if (l.version != expected) throw AppError::stale();
        auto before = json::lot(l);
        l.name = in.opt_string("name", 1, 100).value_or(l.name);
        l.capacity = in.opt_int("capacity", 0, 100'000).value_or(l.capacity);
        lot_rules_of(in, l);
        pay_qr_of(c, in, l);
        if (!store::update_lot(c, l, expected, now)) throw AppError::stale();
        auto saved = json::lot(*store::get_lot(c, l.id));
        audit(c, req, now, site_id, "parking_lot", l.id, "update", before, saved);
        return saved;
    });
    gate_setup_changed();
    return http::record_response(out, out.at("version").as_int64());
}

Response create_lane(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"lot_id", "name", "direction", "booth"});
    Lane l;
    l.lot_id = in.req_int("lot_id", 1, INT64_MAX);
    l.name = in.req_string("name", 1, 100);
    l.direction = in.req_enum("direction", {"entry", "exit"});
    l.booth = in.opt_string("booth", 0, 100).value_or("");
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        l.site_id = site_in_path(c, req, Permission::parking_admin).first;
        lot_ref(c, l.site_id, l.lot_id);
        l.id = store::insert_lane(c, l, now);
        auto saved = json::lane(*store::get_lane(c, l.id));
        audit(c, req, now, l.site_id, "parking_lane", l.id, "create", std::nullopt, saved);
        return saved;
    });
    gate_setup_changed();
    return http::record_response(out, out.at("version").as_int64(), 201);
}

// A lane keeps its lot and direction: its cameras, stays and counts are filed under them.
Response update_lane(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(body_or_empty(req), {"name", "booth"});
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        int64_t site_id = site_in_path(c, req, Permission::parking_admin).first;
        Lane l = lane_of_site(c, site_id, req.id_param("lane"));
        if (l.version != expected) throw AppError::stale();
        auto before = json::lane(l);
        l.name = in.opt_string("name", 1, 100).value_or(l.name);
        l.booth = in.opt_string("booth", 0, 100).value_or(l.booth);
        if (!store::update_lane(c, l, expected, now)) throw AppError::stale();
        auto saved = json::lane(*store::get_lane(c, l.id));
        audit(c, req, now, site_id, "parking_lane", l.id, "update", before, saved);
        return saved;
    });
    gate_setup_changed();
    return http::record_response(out, out.at("version").as_int64());
}

Response list_tariffs(Context& ctx, Request& req) {
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_read);
        Lot l = lot_of_site(c, site_id, req.id_param("lot"));
        bj::array items;
        for (const auto& t : store::tariffs_of_lot(c, l.id)) items.push_back(json::tariff(t, zone));
        return bj::object{{"items", std::move(items)}};
    });
    return http::json_response(out);
}

// Each change is a new version: stays already entered keep the version in force at their entry.
Response create_tariff(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(
        req.body, {"effective_from", "free_minutes", "first_minutes", "first_cents", "unit_minutes", "unit_cents",
                   "night_unit_cents", "night_start_minute", "night_end_minute", "daily_cap_cents"});
    constexpr int64_t kIntMax = INT32_MAX, kIntMin = INT32_MIN;
    auto minutes = [&](const char* name) { return static_cast<int>(in.req_int(name, kIntMin, kIntMax)); };
    auto cents = [&](const char* name) { return in.req_int(name, INT64_MIN, INT64_MAX); };
    Tariff t;
    EpochMs now = ctx.clock.now_ms();
    auto from = in.opt_time("effective_from");
    if (from && *from < now - kClockSlackMs)
        throw AppError::invalid("a tariff cannot start in the past", "effective_from");
    t.effective_from = from ? std::max(*from, now) : now;
    t.free_minutes = minutes("free_minutes");
    t.first_minutes = minutes("first_minutes");
    t.first_cents = cents("first_cents");
    t.unit_minutes = minutes("unit_minutes");
    t.unit_cents = cents("unit_cents");
    t.night_unit_cents = cents("night_unit_cents");
    t.night_start_minute = minutes("night_start_minute");
    t.night_end_minute = minutes("night_end_minute");
    t.daily_cap_cents = cents("daily_cap_cents");
    if (auto bad = tariff_problem(t)) throw AppError::invalid(*bad + " is out of range", *bad);
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_admin);
        Lot l = lot_of_site(c, site_id, req.id_param("lot"));
        t.id = store::insert_tariff(c, site_id, l.id, t, req.principal.user_id, now);
        auto saved = json::tariff(t, zone);
        audit(c, req, now, site_id, "parking_tariff", t.id, "create", std::nullopt, saved);
        return saved;
    });
    gate_setup_changed();
    return http::json_response(out, 201);
}

EpochMs time_param(const Request& req, const char* name) {
    auto v = req.query_param(name);
    if (!v || v->empty()) throw AppError::invalid(std::string(name) + " is required", name);
    auto t = timefmt::parse_rfc3339(*v);
    if (!t) throw AppError::invalid(std::string(name) + " must be an RFC 3339 time", name);
    return *t;
}

// What a visitor would pay, by the version in force at entry, as the exit booth would charge it.
Response quote(Context& ctx, Request& req) {
    EpochMs entry = time_param(req, "entry_at");
    EpochMs exit = time_param(req, "exit_at");
    if (exit < entry) throw AppError::invalid("exit_at is before entry_at", "exit_at");
    if (exit - entry > kMaxQuoteMs) throw AppError::invalid("a quote covers at most 366 days", "exit_at");
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_read);
        Lot l = lot_of_site(c, site_id, req.id_param("lot"));
        auto versions = store::tariffs_of_lot(c, l.id);
        const Tariff* t = tariff_at(versions, entry);
        if (!t) raise(not_now("no_tariff", "the car park has no tariff in force at entry_at"));
        return json::fee(stay_fee(*t, entry, exit, zone));
    });
    return http::json_response(out);
}

}  // namespace

void register_setup_routes(http::Router& router, Context& ctx) {
    Routes routes(router, ctx);
    routes.add("GET", "/setup", Permission::parking_read, get_setup,
               "The car parks with their lanes, cameras, tariff in force and occupancy");
    routes.add("POST", "/lots", Permission::parking_admin, create_lot, "Add a car park");
    routes.add("PATCH", "/lots/{lot}", Permission::parking_admin, update_lot,
               "Rename a car park, change its capacity, its no-entry charge (days at the daily cap, PK-8) or its "
               "understaffing threshold (PK-10)");
    routes.add("POST", "/lanes", Permission::parking_admin, create_lane, "Add an entry or exit lane to a car park");
    routes.add("PATCH", "/lanes/{lane}", Permission::parking_admin, update_lane, "Rename a lane or its booth");
    routes.add("GET", "/lots/{lot}/tariffs", Permission::parking_read, list_tariffs,
               "Every tariff version of a car park, newest first");
    routes.add("POST", "/lots/{lot}/tariffs", Permission::parking_admin, create_tariff,
               "A new tariff version, in force from now or a later time");
    routes.add("GET", "/lots/{lot}/quote", Permission::parking_read, quote,
               "The visitor fee for a stay, by the tariff in force at entry");
    register_camera_routes(router, ctx);
}

}  // namespace propdesk::parking
