// Vehicle files (車輛檔案): what the exit attendant checks the driver and car against (PK-5),
// one per plate in a site.
#include <boost/json.hpp>

#include "parking/api.hpp"
#include "parking/api_common.hpp"
#include "parking/api_refs.hpp"
#include "parking/json.hpp"
#include "parking/rules.hpp"
#include "parking/store.hpp"
#include "platform/files/evidence.hpp"
#include "platform/http/api_support.hpp"
#include "platform/json/json_in.hpp"
#include "platform/text/text.hpp"

namespace propdesk::parking {
namespace {

using namespace detail;
using auth::Permission;
using http::Request;
using http::Response;
namespace bj = boost::json;
using In = propdesk::json::JsonIn;

const std::initializer_list<std::string_view> kFields = {"plate",         "owner_name", "phone",       "unit_id",
                                                         "photo_file_id", "notes",      "policy_class"};

Vehicle vehicle_in_path(db::Conn& c, int64_t site_id, const Request& req) {
    auto v = store::get_vehicle(c, req.id_param("vid"));
    if (!v || v->site_id != site_id) throw AppError::not_found("vehicle");
    return std::move(*v);
}

// Fields given, applied onto v; null clears the unit and the photo.
void apply_fields(db::Conn& c, const In& in, Vehicle& v) {
    if (in.has("plate")) {
        v.plate = plate_text(in.req_string("plate", 1, 20));
        auto key = rules::plate_key(v.plate);
        if (key.empty()) throw AppError::invalid("plate must not be empty", "plate");
        auto same = store::vehicle_by_plate(c, v.site_id, key);
        if (same && same->id != v.id) throw AppError::conflict("this plate already has a vehicle file", "plate");
    }
    if (in.has("owner_name")) v.owner_name = in.req_string("owner_name", 1, 100);
    if (in.has("phone")) v.phone = in.opt_string("phone", 0, 40).value_or("");
    if (in.has("unit_id")) {
        v.unit_id = in.opt_int("unit_id", 1, INT64_MAX);
        if (v.unit_id) unit_ref(c, v.site_id, *v.unit_id);
    }
    if (in.has("photo_file_id")) v.photo_file_id = in.opt_int("photo_file_id", 1, INT64_MAX);
    if (in.has("notes")) v.notes = in.opt_string("notes", 0, 2000).value_or("");
    // PK-6: the site's policy-free register; only the team lead and the manager keep the files.
    if (in.has("policy_class")) {
        v.policy_class = in.opt_string("policy_class", 0, 20).value_or("");
        if (!v.policy_class.empty() && !text::is_one_of(v.policy_class, kPolicyClasses))
            throw AppError::invalid("policy_class is ambulance, fire, police, military, government, utility or empty",
                                    "policy_class");
    }
}

// The photo is the vehicle's own: a picture used elsewhere cannot be it, nor it elsewhere.
void claim_photo(db::Conn& c, const Vehicle& v, EpochMs now) {
    if (v.photo_file_id)
        files::claim(c, v.site_id, *v.photo_file_id, {"photo"}, {"vehicle", v.id, "photo"}, "photo_file_id", now);
}

Response list_vehicles(Context& ctx, Request& req) {
    auto page = http::page_params(req);
    // The plate and the owner's name are matched as typed (the plate through its key), so the
    // folded ?q of page_params is not used.
    std::string q = req.query_param("q").value_or("");
    auto rows = ctx.db.read_value([&](db::Conn& c) {
        int64_t site_id = site_in_path(c, req, Permission::parking_read).first;
        return store::list_vehicles(c, site_id, q, page.after_id, page.limit + 1);
    });
    auto next = http::trim_id_page(rows, page.limit);
    bj::array items;
    for (const auto& v : rows) items.push_back(json::vehicle(v));
    return http::page_response(std::move(items), next);
}

Response create_vehicle(Context& ctx, Request& req) {
    In in(req.body, kFields);
    for (const char* f : {"plate", "owner_name", "phone"})
        if (!in.raw(f)) throw AppError::invalid(std::string(f) + " is required", f);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        Vehicle v;
        v.site_id = site_in_path(c, req, Permission::parking_admin).first;
        apply_fields(c, in, v);
        v.id = store::insert_vehicle(c, v, now);
        claim_photo(c, v, now);
        auto saved = json::vehicle(*store::get_vehicle(c, v.id));
        audit(c, req, now, v.site_id, "vehicle", v.id, "create", std::nullopt, saved);
        return saved;
    });
    return http::record_response(out, out.at("version").as_int64(), 201);
}

Response get_vehicle(Context& ctx, Request& req) {
    auto out = ctx.db.read_value([&](db::Conn& c) {
        int64_t site_id = site_in_path(c, req, Permission::parking_read).first;
        return json::vehicle(vehicle_in_path(c, site_id, req));
    });
    return http::record_response(out, out.at("version").as_int64());
}

Response update_vehicle(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    In in(req.body.empty() ? std::string_view("{}") : std::string_view(req.body), kFields);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        int64_t site_id = site_in_path(c, req, Permission::parking_admin).first;
        Vehicle v = vehicle_in_path(c, site_id, req);
        if (v.version != expected) throw AppError::stale();
        auto before = json::vehicle(v);
        apply_fields(c, in, v);
        if (!store::update_vehicle(c, v, expected, now)) throw AppError::stale();
        claim_photo(c, v, now);
        auto saved = json::vehicle(*store::get_vehicle(c, v.id));
        audit(c, req, now, site_id, "vehicle", v.id, "update", before, saved);
        return saved;
    });
    return http::record_response(out, out.at("version").as_int64());
}

}  // namespace

void register_vehicle_routes(http::Router& router, Context& ctx) {
    Routes routes(router, ctx);
    routes.add("GET", "/vehicles", Permission::parking_read, list_vehicles,
               "Vehicle files, newest first; ?q= plate, owner or phone");
    routes.add("POST", "/vehicles", Permission::parking_admin, create_vehicle, "Open a vehicle file for a plate");
    routes.add("GET", "/vehicles/{vid}", Permission::parking_read, get_vehicle, "A vehicle file");
    routes.add("PATCH", "/vehicles/{vid}", Permission::parking_admin, update_vehicle, "Change a vehicle file");
}

}  // namespace propdesk::parking
