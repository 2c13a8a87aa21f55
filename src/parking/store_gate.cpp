// Camera events, the commands and whitelist entries waiting for a camera's heartbeat.
#include "parking/store.hpp"
#include "platform/db/cols.hpp"

namespace propdesk::parking::store {
namespace {

using db::Cols;

constexpr const char* kEventSelect =
    "SELECT id, site_id, camera_id, lane_id, serialno, plate, plateid, cam_sec, is_offline, opened_offline,"
    " received_at, decision, reason, fee_cents, visit_id, snapshot_id, led_text, channel FROM gate_events";

GateEvent event_from(const db::Row& row) {
    Cols c{row};
    GateEvent e;
    e.id = c.i64();
    e.site_id = c.opt();
    e.camera_id = c.opt();
    e.lane_id = c.opt();
    e.serialno = c.str();
    e.plate = c.str();
    e.plateid = c.i64();
    e.cam_sec = c.i64();
    e.is_offline = c.flag();
    e.opened_offline = c.flag();
    e.received_at = c.i64();
    e.decision = c.str();
    e.reason = c.str();
    e.fee_cents = c.i64();
    e.visit_id = c.opt();
    e.snapshot_id = c.opt();
    e.led_text = c.str();
    e.channel = c.i64();
    return e;
}

std::vector<GateEvent> events(db::Conn& c, const std::string& where, const std::vector<db::Value>& params) {
    std::vector<GateEvent> out;
    c.each(std::string(kEventSelect) + where, params, [&](const db::Row& r) { out.push_back(event_from(r)); });
    return out;
}

}  // namespace

int64_t insert_event(db::Conn& c, const GateEvent& e) {
    return c
        .one(
            "INSERT INTO gate_events (site_id, camera_id, lane_id, serialno, plate, plateid, cam_sec, is_offline,"
            " opened_offline, received_at, decision, reason, fee_cents, visit_id, snapshot_id, led_text, channel)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
            e.site_id, e.camera_id, e.lane_id, e.serialno, e.plate, e.plateid, e.cam_sec, e.is_offline,
            e.opened_offline, e.received_at, e.decision, e.reason, e.fee_cents, e.visit_id, e.snapshot_id, e.led_text,
            e.channel)
        ->i64(0);
}

std::optional<GateEvent> find_event(db::Conn& c, int64_t camera_id, int64_t plateid, int64_t cam_sec) {
    auto v = events(c, " WHERE camera_id = $1 AND plateid = $2 AND cam_sec = $3", {camera_id, plateid, cam_sec});
    if (v.empty()) return std::nullopt;
    return std::move(v.front());
}

std::vector<GateEvent> events_after(db::Conn& c, int64_t after_id, int limit) {
    return events(c, " WHERE id > $1 ORDER BY id LIMIT $2", {after_id, int64_t{limit}});
}

std::vector<GateEvent> lane_events(db::Conn& c, int64_t lane_id, int64_t before_id, int limit) {
    if (before_id > 0)
        return events(c, " WHERE lane_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
                      {lane_id, before_id, int64_t{limit}});
    return events(c, " WHERE lane_id = $1 ORDER BY id DESC LIMIT $2", {lane_id, int64_t{limit}});
}

std::vector<GateEvent> visit_events(db::Conn& c, int64_t visit_id) {
    return events(c, " WHERE visit_id = $1 ORDER BY id", {visit_id});
}

int64_t newest_event_id(db::Conn& c) {
    return c.one("SELECT COALESCE(MAX(id), 0) FROM gate_events")->i64(0);
}

void touch_camera(db::Conn& c, int64_t camera_id, const std::string& address, EpochMs now) {
    c.exec("UPDATE gate_cameras SET last_seen_at = $1, last_address = $2 WHERE id = $3", now, address, camera_id);
}

int64_t insert_command(db::Conn& c,
                       int64_t site_id,
                       int64_t camera_id,
                       const std::string& reason,
                       std::optional<int64_t> visit_id,
                       std::optional<int64_t> by,
                       EpochMs now) {
    return c
        .one(
            "INSERT INTO gate_commands (site_id, camera_id, kind, reason, visit_id, created_by, created_at)"
            " VALUES ($1, $2, 'open', $3, $4, $5, $6) RETURNING id",
            site_id, camera_id, reason, visit_id, by, now)
        ->i64(0);
}

std::optional<int64_t> take_command(db::Conn& c, int64_t camera_id, EpochMs now) {
    auto fresh = c.one(
        "SELECT id FROM gate_commands WHERE camera_id = $1 AND delivered_at IS NULL AND created_at >= $2"
        " ORDER BY id DESC LIMIT 1",
        camera_id, now - kCommandLifeMs);
    // Every waiting command is settled at once: two presses of "open" lift the barrier once, and
    // one older than kCommandLifeMs is dropped (its car has gone; the next one must not pass).
    // The guarded UPDATE is the claim, so two heartbeats at once cannot both open.
    int64_t claimed = c.exec("UPDATE gate_commands SET delivered_at = $1 WHERE camera_id = $2 AND delivered_at IS NULL",
                             now, camera_id);
    if (!fresh || claimed == 0) return std::nullopt;
    return fresh->i64(0);
}

bool whitelisted(db::Conn& c, int64_t camera_id, const std::string& plate_key, EpochMs at) {
    return c.one(
                "SELECT COUNT(*) FROM gate_whitelist WHERE camera_id = $1 AND plate_key = $2 AND enabled = 1"
                " AND synced = 1 AND enable_time <= $3 AND overdue_time >= $3",
                camera_id, plate_key, at)
               ->i64(0) > 0;
}

std::vector<WhitelistEntry> take_whitelist(db::Conn& c, int64_t camera_id, int limit, EpochMs now) {
    // One reply carries one operate_type: changed adds first, then changed deletes, then adds sent
    // more than a day ago again, then deletes of the last week sent more than a day ago (nothing
    // tells the server a reply arrived; a lost one is repaired within a day).
    std::vector<WhitelistEntry> out;
    std::vector<std::string> keys;
    auto take = [&](const std::string& where, std::vector<db::Value> params) {
        params.push_back(int64_t{limit});
        c.each("SELECT plate_key, plate, enabled, enable_time, overdue_time FROM gate_whitelist WHERE camera_id = $1" +
                   where + " ORDER BY plate_key LIMIT $" + std::to_string(params.size()),
               params, [&](const db::Row& r) {
                   keys.push_back(r.str(0));
                   out.push_back({r.str(1), r.i64(2) != 0, r.i64(3), r.i64(4)});
               });
        return !out.empty();
    };
    take(" AND synced = 0 AND enabled = 1", {camera_id}) || take(" AND synced = 0 AND enabled = 0", {camera_id}) ||
        take(" AND synced = 1 AND enabled = 1 AND sent_at < $2", {camera_id, now - kWhitelistResendMs}) ||
        // A delete whose reply was lost would leave a lapsed card opening the barrier offline: it is
        // sent again daily for a week after the change (PK-7).
        take(" AND synced = 1 AND enabled = 0 AND sent_at < $2 AND updated_at >= $3",
             {camera_id, now - kWhitelistResendMs, now - kWhitelistDeleteResendForMs});
    for (const auto& k : keys)
        c.exec("UPDATE gate_whitelist SET synced = 1, sent_at = $1 WHERE camera_id = $2 AND plate_key = $3", now,
               camera_id, k);
    return out;
}

}  // namespace propdesk::parking::store

namespace propdesk::parking::store {

int64_t insert_snapshot(db::Conn& c, int64_t site_id, const std::string& base64_jpeg, int64_t byte_size, EpochMs now) {
    return c
        .one(
            "INSERT INTO gate_snapshots (site_id, content_type, byte_size, data, created_at)"
            " VALUES ($1, 'image/jpeg', $2, $3, $4) RETURNING id",
            site_id, byte_size, base64_jpeg, now)
        ->i64(0);
}

std::optional<Snapshot> get_snapshot(db::Conn& c, int64_t id) {
    auto r = c.one("SELECT site_id, content_type, data FROM gate_snapshots WHERE id = $1", id);
    if (!r) return std::nullopt;
    return Snapshot{r->i64(0), r->str(1), r->str(2)};
}

}  // namespace propdesk::parking::store
