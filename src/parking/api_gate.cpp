// The LPR cameras' own protocol (GATE-PROTOCOL.md, PK-7): plate pushes and heartbeats. A camera
// cannot sign in, so its URL carries a per-device secret. Whatever happens the camera gets
// 200 and a JSON reply; anything but info "ok" keeps the barrier down.
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <chrono>
#include <mutex>
#include <unordered_map>

#include "parking/api.hpp"
#include "parking/api_common.hpp"
#include "parking/gate.hpp"
#include "parking/lane_context.hpp"
#include "parking/led.hpp"
#include "parking/protocol.hpp"
#include "parking/rules.hpp"
#include "parking/store.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/files/content.hpp"
#include "platform/notify/notify.hpp"

namespace propdesk::parking {
namespace {

using http::Request;
using http::Response;
namespace bj = boost::json;

constexpr size_t kPushLimit = 4 * 1024 * 1024;  // a full picture is hundreds of KB of base64
constexpr EpochMs kAlertEvery = 10 * 60'000;
constexpr EpochMs kOfflineHorizon = 30LL * 24 * 3600'000;  // older camera times are not believed

Response reply(const std::string& body) {
    return Response::json(200, body);
}

// An unknown token or serialno is refused; the people who can act are told, at most every
// ten minutes per device so a misconfigured camera cannot flood them.
bool should_alert(const std::string& who, EpochMs now) {
    static std::mutex mu;
    static std::unordered_map<std::string, EpochMs> last;
    std::lock_guard lock(mu);
    if (last.size() > 10'000) last.clear();  // made-up serialnos cannot grow it without bound
    auto& t = last[who];
    if (t != 0 && now - t < kAlertEvery) return false;
    t = now;
    return true;
}

std::vector<int64_t> system_admins(db::Conn& c) {
    std::vector<int64_t> out;
    c.each("SELECT id FROM users WHERE system_admin = 1 AND active = 1", std::vector<db::Value>{},
           [&](const db::Row& r) { out.push_back(r.i64(0)); });
    return out;
}

// Refused pushes are stored (and alerted) at most 20 a second in all: past that they are only
// logged, so a flood of made-up tokens cannot load the writer that real gates wait on.
bool store_refusal() {
    static std::mutex mu;
    static auto window = std::chrono::steady_clock::now();
    static int count = 0;
    std::lock_guard lock(mu);
    auto now = std::chrono::steady_clock::now();
    if (now - window >= std::chrono::seconds(1)) {
        window = now;
        count = 0;
    }
    return ++count <= 20;
}

void refuse_device(db::Conn& c,
                   const std::optional<Camera>& cam,
                   const PlatePush& p,
                   const std::string& why,
                   const std::string& address,
                   EpochMs now) {
    GateEvent e;
    if (cam) e.site_id = cam->site_id;
    e.serialno = p.serialno;
    e.plate = p.plate;
    e.plateid = p.plateid;
    e.cam_sec = p.cam_sec;
    e.received_at = now;
    e.decision = "rejected";
    e.reason = why;
    store::insert_event(c, e);
    spdlog::warn("gate: refused a push from {} (serialno '{}'): {}", address, p.serialno, why);
    if (!should_alert(p.serialno + "|" + why, now)) return;
    std::string body = "serialno " + p.serialno + " from " + address + ": " + why;
    if (cam)
        detail::alert(c, cam->site_id, detail::team_leads(c, cam->site_id), std::nullopt, "gate_unknown_device",
                      "閘口相機身份不符", body, "/parking/setup", now);
    else
        for (int64_t u : system_admins(c))
            notify::create(c, {u, std::nullopt, "gate_unknown_device", "未知閘口相機", body, "/parking/setup"}, now);
}

std::optional<int64_t> keep_snapshot(db::Conn& c, int64_t site_id, const PlatePush& p, EpochMs now) {
    if (p.image_base64.empty()) return std::nullopt;
    auto head = files::from_base64(p.image_base64.substr(0, 64));
    if (!head || files::sniff(*head) != std::optional<std::string>("image/jpeg")) return std::nullopt;
    int64_t bytes = static_cast<int64_t>(p.image_base64.size() / 4 * 3);
    return store::insert_snapshot(c, site_id, p.image_base64, bytes, now);
}

// The reply to a push, rebuilt from its stored event, so a repeat gets the same bytes.
std::string reply_of(const GateEvent& e) {
    protocol::Reply r;
    r.open = e.decision == "open" && !e.is_offline;
    r.plateid = e.plateid;
    r.channel = e.channel;
    if (e.is_offline) {
        r.continue_offline = true;
    } else {
        r.led_lines = {e.plate, e.led_text};
        if (!e.led_text.empty()) r.speak = e.plate + " " + e.led_text;
    }
    return protocol::plate_reply(r);
}

// The camera's last-seen time is written at most every 10 s, not on every push.
bool touch_due(int64_t camera_id) {
    static std::mutex mu;
    static std::unordered_map<int64_t, std::chrono::steady_clock::time_point> last;
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mu);
    auto& t = last[camera_id];
    if (t.time_since_epoch().count() != 0 && now - t < std::chrono::seconds(10)) return false;
    t = now;
    return true;
}

struct Decided {
    GateEvent event;
    bool fresh = false;  // not a repeat
    bool held = false;
};

Decided decide(db::Conn& c, const LaneContext& lc, const PlatePush& p, const std::string& address, EpochMs now) {
    const Camera& cam = lc.camera;
    // Without the camera's time, a repeat is recognised within the same second of arrival only: a
    // camera that restarts its plateid count must not be answered from an old event.
    int64_t sec = p.cam_sec > 0 ? p.cam_sec : now / 1000;
    if (auto seen = store::find_event(c, cam.id, p.plateid, sec)) return {*seen, false, false};
    if (touch_due(cam.id)) store::touch_camera(c, cam.id, address, now);
    gate::Arrival a;
    a.plate = p.plate;
    a.offline = p.is_offline;
    a.opened_offline = p.opened_offline;
    a.at = now;
    a.tariffs = &lc.tariffs;
    a.want_record = false;
    EpochMs cam_ms = p.cam_sec * 1000 + p.cam_usec / 1000;
    if (p.is_offline && cam_ms > now - kOfflineHorizon && cam_ms <= now) a.at = cam_ms;

    GateEvent e;
    e.site_id = cam.site_id;
    e.camera_id = cam.id;
    e.lane_id = cam.lane_id;
    e.serialno = p.serialno;
    e.plate = p.plate;
    e.plateid = p.plateid;
    e.cam_sec = sec;
    e.channel = p.channel.value_or(0);
    e.is_offline = p.is_offline;
    e.opened_offline = p.opened_offline;
    e.received_at = now;
    e.snapshot_id = keep_snapshot(c, cam.site_id, p, now);

    // A camera set to leave out gioouts does not say whether it opened: it did if its whitelist
    // (as last sent) held the plate at that time.
    bool opened = p.opened_offline;
    if (p.is_offline && !p.gate_outputs_sent && !rules::no_plate(p.plate))
        opened = store::whitelisted(c, cam.id, rules::plate_key(p.plate), a.at);
    a.opened_offline = opened;
    e.opened_offline = opened;

    gate::Outcome out;
    if (p.is_offline && !opened) {
        // The barrier stayed down while the camera was cut off: nothing passed that the register
        // must learn of; the record is kept as an event.
        out.decision = "reconciled";
        out.reason = "offline_not_opened";
    } else {
        out = lc.lane.direction == "entry" ? gate::at_entry(c, lc.lane, lc.zone, a, now)
                                           : gate::at_exit(c, lc.lane, lc.zone, a, now);
        if (p.is_offline && out.decision != "reconciled") {
            out.reason = out.decision + ":" + out.reason;
            out.decision = "reconciled";
        }
    }
    e.decision = out.decision;
    e.reason = out.reason;
    e.fee_cents = out.fee_cents;
    e.visit_id = out.visit_id;
    e.led_text = out.message;
    e.id = store::insert_event(c, e);
    return {e, true, out.hold.has_value()};
}

Response plate(Context& ctx, LaneCache& cache, Request& req) {
    EpochMs now = ctx.clock.now_ms();
    auto parsed = protocol::parse_push(req.body);
    if (!parsed.push) {
        spdlog::warn("gate: unreadable push from {}: {}", req.remote_address, parsed.error);
        return reply(protocol::refusal_reply(0));
    }
    const PlatePush& p = *parsed.push;
    // The camera, lane, zone and tariffs come from memory: the writer only decides and records.
    auto lc = cache.get(ctx.db, auth::token_hash(req.path_params.at("token")));
    if (!lc || !lc->camera.active || lc->camera.serialno != p.serialno) {
        std::optional<Camera> cam;
        if (lc) cam = lc->camera;
        const char* why = !cam ? "unknown_token" : !cam->active ? "inactive" : "serialno_mismatch";
        if (!store_refusal()) {
            spdlog::warn("gate: refused a push from {} (serialno '{}'): {}; not stored, too many", req.remote_address,
                         p.serialno, why);
            return reply(protocol::refusal_reply(p.plateid));
        }
        ctx.db.write([&](db::Conn& c) { refuse_device(c, cam, p, why, req.remote_address, now); });
        ctx.gate_changed(0);
        ctx.notify_changed();
        return reply(protocol::refusal_reply(p.plateid));
    }
    auto run = [&] {
        return ctx.db.write_value([&](db::Conn& c) { return decide(c, *lc, p, req.remote_address, now); });
    };
    Decided d;
    try {
        d = run();
    } catch (const db::DbError& e) {
        // Two copies of one record raced (the camera retries at once): the first one's reply.
        if (e.kind() != db::ErrorKind::unique_violation) throw;
        d = run();
    }
    if (d.fresh) ctx.gate_changed(d.event.id);
    if (d.held) ctx.notify_changed();
    return reply(reply_of(d.event));
}

Response heartbeat(Context& ctx, Request& req) {
    EpochMs now = ctx.clock.now_ms();
    auto serialno = protocol::heartbeat_serialno(req.body, req.header("content-type").value_or(""));
    std::string hash = auth::token_hash(req.path_params.at("token"));
    auto body = ctx.db.write_value([&](db::Conn& c) -> std::string {
        auto cam = store::camera_by_token_hash(c, hash);
        if (!cam || !cam->active || !serialno || cam->serialno != *serialno) {
            PlatePush p;
            p.serialno = serialno.value_or("");
            refuse_device(c, cam, p,
                          !cam           ? "unknown_token"
                          : !cam->active ? "inactive"
                                         : "serialno_mismatch",
                          req.remote_address, now);
            return protocol::refusal_reply(0);
        }
        store::touch_camera(c, cam->id, req.remote_address, now);
        protocol::Reply r;
        r.open = store::take_command(c, cam->id, now).has_value();
        r.whitelist = store::take_whitelist(c, cam->id, protocol::kWhitelistPerReply, now);
        r.zone = detail::zone_of(c, cam->site_id);
        return protocol::heartbeat_reply(r);
    });
    return reply(body);
}

template <class F>
http::Handler h(Context& ctx, F f) {
    return [&ctx, f](Request& req) { return f(ctx, req); };
}

}  // namespace

void register_gate_routes(http::Router& router, Context& ctx) {
    using http::Access;
    auto cache = std::make_shared<LaneCache>();
    auto push = [&ctx, cache](Request& req) { return plate(ctx, *cache, req); };
    router.add({"POST", "/gate/vz/{token}/plate", Access::public_route, auth::Permission::signed_in, push, kPushLimit,
                "A camera's plate push (GATE-PROTOCOL.md)"});
    router.add({"POST", "/gate/vz/{token}/heartbeat", Access::public_route, auth::Permission::signed_in,
                h(ctx, heartbeat), 64 * 1024, "A camera's heartbeat; the reply carries opens and whitelist entries"});
}

}  // namespace propdesk::parking
