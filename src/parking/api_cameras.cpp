// Registering the LPR cameras (GATE-PROTOCOL.md): each on a lane, with a secret in its URL
// because the cameras cannot send an Authorization header. Only the token's hash is kept, hashed
// as device tokens are, so the camera protocol finds the camera by the token it is sent.
#include <boost/json.hpp>

#include "parking/api.hpp"
#include "parking/api_common.hpp"
#include "parking/api_refs.hpp"
#include "parking/json.hpp"
#include "parking/lane_context.hpp"
#include "parking/store.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/http/api_support.hpp"
#include "platform/json/json_in.hpp"

namespace propdesk::parking {
namespace {

using namespace detail;
using auth::Permission;
using http::Request;
using http::Response;
namespace bj = boost::json;

// The token travels in the URL path, so only characters that need no escaping are allowed.
bool url_safe(std::string_view s) {
    for (char ch : s)
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' ||
              ch == '_' || ch == '.' || ch == '~'))
            return false;
    return true;
}

// The one time the token is shown: the installer types these URLs into the camera.
bj::object with_token(const Camera& cam, const std::string& token, const std::string& zone, EpochMs now) {
    return {{"camera", json::camera(cam, zone, now)},
            {"token", token},
            {"plate_url", "/gate/vz/" + token + "/plate"},
            {"heartbeat_url", "/gate/vz/" + token + "/heartbeat"}};
}

Camera camera_in_path(db::Conn& c, int64_t site_id, const Request& req) {
    auto cam = store::get_camera(c, req.id_param("cam"));
    if (!cam || cam->site_id != site_id) throw AppError::not_found("camera");
    return std::move(*cam);
}

std::string unused_token_hash(db::Conn& c, const std::string& token) {
    auto hash = auth::token_hash(token);
    if (store::camera_by_token_hash(c, hash)) throw AppError::conflict("another camera has this token", "token");
    return hash;
}

Response create_camera(Context& ctx, Request& req) {
    propdesk::json::JsonIn in(req.body, {"lane_id", "name", "serialno", "token"});
    Camera cam;
    cam.lane_id = in.req_int("lane_id", 1, INT64_MAX);
    cam.name = in.opt_string("name", 0, 100).value_or("");
    cam.serialno = in.req_string("serialno", 1, 64);
    auto token = in.opt_string("token", 12, 200);
    if (token && !url_safe(*token)) throw AppError::invalid("token may hold only letters, digits and - _ . ~", "token");
    if (!token) token = auth::random_token();
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_admin);
        cam.site_id = site_id;
        Lane lane = lane_ref(c, site_id, cam.lane_id);
        // serialno is unique across sites too; the database refuses that case with a 409 as well.
        for (const auto& other : store::cameras_of_site(c, site_id))
            if (other.serialno == cam.serialno)
                throw AppError::conflict("a camera with this serial number is registered", "serialno");
        cam.id = store::insert_camera(c, cam, unused_token_hash(c, *token), now);
        // A new camera starts with the lot's card plates, for when it is cut off from the server.
        store::sync_lot_whitelist(c, lane.lot_id, now);
        auto saved = *store::get_camera(c, cam.id);
        audit(c, req, now, site_id, "gate_camera", cam.id, "create", std::nullopt, json::camera(saved, zone, now));
        return std::pair{with_token(saved, *token, zone, now), saved.version};
    });
    gate_setup_changed();
    return http::record_response(out.first, out.second, 201);
}

Response update_camera(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(req.body.empty() ? std::string_view("{}") : std::string_view(req.body),
                              {"name", "lane_id", "active"});
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_admin);
        Camera cam = camera_in_path(c, site_id, req);
        if (cam.version != expected) throw AppError::stale();
        auto before = json::camera(cam, zone, now);
        int64_t old_lot = cam.lot_id;
        cam.name = in.opt_string("name", 0, 100).value_or(cam.name);
        if (auto lane_id = in.opt_int("lane_id", 1, INT64_MAX)) cam.lane_id = lane_ref(c, site_id, *lane_id).id;
        cam.active = in.opt_bool("active").value_or(cam.active);
        if (!store::update_camera(c, cam, expected, now)) throw AppError::stale();
        auto saved = *store::get_camera(c, cam.id);
        // Moved to another lot or back in service: its whitelist is rebuilt from the lot's cards.
        if (saved.active) store::sync_lot_whitelist(c, saved.lot_id, now);
        if (old_lot != saved.lot_id) store::sync_lot_whitelist(c, old_lot, now);
        auto after = json::camera(saved, zone, now);
        audit(c, req, now, site_id, "gate_camera", cam.id, "update", before, after);
        return after;
    });
    gate_setup_changed();
    return http::record_response(out, out.at("version").as_int64());
}

// A leaked or lost URL is replaced: the old token stops working at once.
Response rotate_token(Context& ctx, Request& req) {
    int64_t expected = http::if_match_version(req);
    propdesk::json::JsonIn in(req.body.empty() ? std::string_view("{}") : std::string_view(req.body), {});
    std::string token = auth::random_token();
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = site_in_path(c, req, Permission::parking_admin);
        Camera cam = camera_in_path(c, site_id, req);
        if (cam.version != expected) throw AppError::stale();
        if (!store::set_camera_token(c, cam.id, unused_token_hash(c, token), now)) throw AppError::stale();
        auto saved = *store::get_camera(c, cam.id);
        audit(c, req, now, site_id, "gate_camera", cam.id, "rotate_token", json::camera(cam, zone, now),
              json::camera(saved, zone, now));
        return std::pair{with_token(saved, token, zone, now), saved.version};
    });
    gate_setup_changed();
    return http::record_response(out.first, out.second);
}

}  // namespace

void register_camera_routes(http::Router& router, Context& ctx) {
    Routes routes(router, ctx);
    routes.add("POST", "/cameras", Permission::parking_admin, create_camera,
               "Register a plate camera on a lane; its URL token is shown only in this reply");
    routes.add("PATCH", "/cameras/{cam}", Permission::parking_admin, update_camera,
               "Rename, move or switch off a camera");
    routes.add("POST", "/cameras/{cam}/token", Permission::parking_admin, rotate_token,
               "Give a camera a new URL token; the old one stops working");
}

}  // namespace propdesk::parking
