// The attendant's booth (PK-3, PK-5, PK-7, PK-10): every lane with its cameras, latest events
// and the stays waiting at its barrier; the camera pictures; opening a lane by hand.
#include <boost/json.hpp>

#include "parking/api.hpp"
#include "parking/api_common.hpp"
#include "parking/api_refs.hpp"
#include "parking/gate.hpp"
#include "parking/json.hpp"
#include "parking/rules.hpp"
#include "parking/store.hpp"
#include "platform/files/content.hpp"
#include "platform/http/api_support.hpp"
#include "platform/json/json_in.hpp"

namespace propdesk::parking {
namespace {

using auth::Permission;
using http::Request;
using http::Response;
using propdesk::json::JsonIn;
namespace bj = boost::json;

constexpr int kLaneEvents = 10;

Response booth(Context& ctx, Request& req) {
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, Permission::parking_read);
        std::map<int64_t, std::string> lot_names;
        for (const auto& l : store::lots_of_site(c, site_id)) lot_names[l.id] = l.name;
        auto cameras = store::cameras_of_site(c, site_id);
        store::VisitQuery waiting_q;
        waiting_q.site_id = site_id;
        waiting_q.statuses = {"exiting", "held"};
        waiting_q.limit = 200;
        auto waiting = store::list_visits(c, waiting_q);
        bj::array lanes;
        for (const auto& lane : store::lanes_of_site(c, site_id)) {
            auto o = json::lane(lane);
            o["lot_name"] = lot_names[lane.lot_id];
            bj::array cams, events, wait;
            for (const auto& cam : cameras)
                if (cam.lane_id == lane.id) cams.push_back(json::camera(cam, zone, now));
            for (const auto& e : store::lane_events(c, lane.id, 0, kLaneEvents)) events.push_back(json::event(e, zone));
            for (const auto& v : waiting) {
                if (v.exit_lane_id != lane.id) continue;
                auto w = json::visit(v, zone);
                // PK-6: the free exit it waits on, or that was refused (then the fee is due).
                auto r = store::last_request_of_visit(c, v.id);
                w["free_request"] = r ? bj::value(json::free_request(*r, zone)) : bj::value(nullptr);
                wait.push_back(std::move(w));
            }
            o["cameras"] = std::move(cams);
            o["events"] = std::move(events);
            o["waiting"] = std::move(wait);
            // What became of the last car that waited here (paid, released, freed…): the card
            // says it until the next camera event, on every booth page.
            auto change = store::last_lane_change(c, lane.id);
            o["last_change"] = change ? bj::value(json::lane_change(*change, zone)) : bj::value(nullptr);
            lanes.push_back(std::move(o));
        }
        bj::array posts;
        bj::value me = nullptr;
        for (const auto& p : store::posts_on_duty(c, site_id)) {
            if (p.user_id == req.principal.user_id) me = json::post(p, zone);
            posts.push_back(json::post(p, zone));
        }
        return bj::object{{"lanes", std::move(lanes)}, {"posts", std::move(posts)}, {"me", std::move(me)}};
    });
    return http::json_response(out);
}

Response events(Context& ctx, Request& req) {
    auto lane_id = http::id_query(req, "lane_id");
    if (!lane_id) throw AppError::invalid("name the lane", "lane_id");
    return detail::site_page(
        ctx, req, Permission::parking_read,
        [&](db::Conn& c, int64_t site_id, int64_t after, int limit) {
            detail::lane_of_site(c, site_id, *lane_id);
            return store::lane_events(c, *lane_id, after, limit);
        },
        json::event);
}

Response snapshot(Context& ctx, Request& req) {
    auto snap = ctx.db.read_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, Permission::parking_read);
        auto s = store::get_snapshot(c, req.id_param("sid"));
        if (!s || s->site_id != site_id) throw AppError::not_found("snapshot");
        return *s;
    });
    auto bytes = files::from_base64(snap.base64);
    if (!bytes) throw AppError::not_found("snapshot");
    Response r{200, snap.content_type, std::move(*bytes), {}};
    r.header("Cache-Control", "private, max-age=86400");
    return r;
}

Response open(Context& ctx, Request& req) {
    JsonIn in(req.body, {"reason", "visit_id"});
    std::string reason = in.req_string("reason", 1, 300);
    auto visit_id = in.opt_int("visit_id", 1, INT64_MAX);
    EpochMs now = ctx.clock.now_ms();
    auto out = ctx.db.write_value([&](db::Conn& c) {
        auto [site_id, zone] = detail::site_in_path(c, req, Permission::parking_work);
        auto lane = detail::lane_of_site(c, site_id, req.id_param("lane"));
        rules::LaneOpenFacts facts;
        facts.team_lead = req.principal.can(Permission::parking_release, site_id);
        facts.waiting = gate::waiting_at(c, site_id, lane.id);
        if (visit_id) {
            auto v = detail::visit_ref(c, site_id, *visit_id);
            facts.named = rules::WaitingStay{v.id, v.plate, v.status};
        }
        // PK-8: no barrier override lets a held or unpaid car out; the team lead's is an incident.
        auto decision = rules::lane_open(facts);
        raise_refusal(decision.refusal);
        int64_t sent = 0;
        for (const auto& cam : store::cameras_of_lot(c, lane.lot_id)) {
            if (cam.lane_id != lane.id || !cam.active) continue;
            sent = store::insert_command(c, site_id, cam.id, reason, visit_id, req.principal.user_id, now);
        }
        if (sent == 0) raise(not_now("no_camera", "this lane has no active camera to open"));
        bj::object o{{"command_id", sent}, {"lane_id", lane.id}, {"reason", reason}};
        if (decision.incident) {
            const auto& past = facts.named && facts.named->status == "held" ? facts.named : facts.waiting;
            Incident i;
            i.site_id = site_id;
            i.kind = "barrier_override";
            i.plate = past->plate;
            i.lane_id = lane.id;
            i.visit_id = past->visit_id;
            i.occurred_at = now;
            i.description =
                "班長手動開閘（" + std::string(past->status == "held" ? "扣留車輛" : "未繳費車輛") + "）：" + reason;
            i.recorded_by = req.principal.user_id;
            i.id = store::insert_incident(c, i, now);
            o["incident_id"] = i.id;
            detail::audit(c, req, now, site_id, "parking_incident", i.id, "create", std::nullopt,
                          json::incident(*store::get_incident(c, i.id), zone));
            detail::alert(c, site_id, detail::managers(c, site_id), req.principal.user_id, "parking_override",
                          "班長手動開閘 " + i.plate, reason, "/parking/incidents/" + std::to_string(i.id), now);
        }
        detail::audit(c, req, now, site_id, "parking_lane", lane.id, "open", std::nullopt, o);
        return o;
    });
    ctx.notify_changed();
    return http::json_response(out, 202);
}

}  // namespace

void register_booth_routes(http::Router& router, Context& ctx) {
    detail::Routes routes(router, ctx);
    routes.add("GET", "/booth", Permission::parking_read, booth,
               "Every lane live: cameras, latest events, stays waiting at the barrier (PK-7)");
    routes.add("GET", "/events", Permission::parking_read, events, "A lane's camera events, newest first");
    routes.add("GET", "/snapshots/{sid}", Permission::parking_read, snapshot, "A camera's picture of an event");
    routes.add("POST", "/lanes/{lane}/open", Permission::parking_work, open,
               "Open a lane's barrier on the camera's next heartbeat; refused while a held or unpaid car waits "
               "there, except to the team lead, whose open is an incident (PK-8)");
}

}  // namespace propdesk::parking
