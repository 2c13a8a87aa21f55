// Set-up SQL: lots, lanes, the cameras on them and the lots' tariff versions.
#include "parking/store.hpp"

namespace propdesk::parking::store {
namespace {

constexpr const char* kLotSelect =
    "SELECT id, site_id, name, capacity, no_entry_days, peak_per_hour, peak_min_staff, version, qr_fps_file_id,"
    " qr_wechat_file_id, qr_alipay_file_id FROM parking_lots";
constexpr const char* kLaneSelect = "SELECT id, site_id, lot_id, name, direction, booth, version FROM parking_lanes";
// The lane is joined so that the camera protocol knows the lot and direction in one read.
constexpr const char* kCameraSelect =
    "SELECT cam.id, cam.site_id, cam.lane_id, l.lot_id, l.direction, cam.name, cam.serialno, cam.active,"
    " cam.last_seen_at, cam.version FROM gate_cameras cam JOIN parking_lanes l ON l.id = cam.lane_id";
constexpr const char* kTariffSelect =
    "SELECT id, effective_from, free_minutes, first_minutes, first_cents, unit_minutes, unit_cents,"
    " night_unit_cents, night_start_minute, night_end_minute, daily_cap_cents FROM parking_tariffs";

Lot lot_from(const db::Row& r) {
    return Lot{r.i64(0), r.i64(1), r.str(2),     r.i64(3),     r.i64(4),     r.i64(5),
               r.i64(6), r.i64(7), r.opt_i64(8), r.opt_i64(9), r.opt_i64(10)};
}

Lane lane_from(const db::Row& r) {
    return Lane{r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), r.str(5), r.i64(6)};
}

Camera camera_from(const db::Row& r) {
    Camera c;
    c.id = r.i64(0);
    c.site_id = r.i64(1);
    c.lane_id = r.i64(2);
    c.lot_id = r.i64(3);
    c.direction = r.str(4);
    c.name = r.str(5);
    c.serialno = r.str(6);
    c.active = r.i64(7) != 0;
    c.last_seen_at = r.opt_i64(8);
    c.version = r.i64(9);
    return c;
}

Tariff tariff_from(const db::Row& r) {
    Tariff t;
    t.id = r.i64(0);
    t.effective_from = r.i64(1);
    t.free_minutes = static_cast<int>(r.i64(2));
    t.first_minutes = static_cast<int>(r.i64(3));
    t.first_cents = r.i64(4);
    t.unit_minutes = static_cast<int>(r.i64(5));
    t.unit_cents = r.i64(6);
    t.night_unit_cents = r.i64(7);
    t.night_start_minute = static_cast<int>(r.i64(8));
    t.night_end_minute = static_cast<int>(r.i64(9));
    t.daily_cap_cents = r.i64(10);
    return t;
}

template <class T, class F>
std::vector<T> rows(db::Conn& c, const std::string& sql, std::vector<db::Value> params, F from) {
    std::vector<T> out;
    c.each(sql, params, [&](const db::Row& r) { out.push_back(from(r)); });
    return out;
}

template <class T>
std::optional<T> first(std::vector<T> v) {
    if (v.empty()) return std::nullopt;
    return std::move(v.front());
}

}  // namespace

int64_t insert_lot(db::Conn& c, const Lot& l, EpochMs now) {
    return c
        .one(
            "INSERT INTO parking_lots (site_id, name, capacity, no_entry_days, peak_per_hour, peak_min_staff,"
            " qr_fps_file_id, qr_wechat_file_id, qr_alipay_file_id, version, created_at, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10) RETURNING id",
            l.site_id, l.name, l.capacity, l.no_entry_days, l.peak_per_hour, l.peak_min_staff, l.qr_fps, l.qr_wechat,
            l.qr_alipay, now)
        ->i64(0);
}

bool update_lot(db::Conn& c, const Lot& l, int64_t expected_version, EpochMs now) {
    return c.exec(
               "UPDATE parking_lots SET name = $1, capacity = $2, no_entry_days = $3, peak_per_hour = $4,"
               " peak_min_staff = $5, qr_fps_file_id = $6, qr_wechat_file_id = $7, qr_alipay_file_id = $8,"
               " version = version + 1, updated_at = $9 WHERE id = $10 AND version = $11",
               l.name, l.capacity, l.no_entry_days, l.peak_per_hour, l.peak_min_staff, l.qr_fps, l.qr_wechat,
               l.qr_alipay, now, l.id, expected_version) == 1;
}

std::optional<Lot> get_lot(db::Conn& c, int64_t id) {
    return first(rows<Lot>(c, std::string(kLotSelect) + " WHERE id = $1", {id}, lot_from));
}

std::vector<Lot> lots_of_site(db::Conn& c, int64_t site_id) {
    return rows<Lot>(c, std::string(kLotSelect) + " WHERE site_id = $1 ORDER BY id", {site_id}, lot_from);
}

std::vector<Lot> lots_with_peak_threshold(db::Conn& c) {
    return rows<Lot>(c, std::string(kLotSelect) + " WHERE peak_per_hour > 0 ORDER BY id", {}, lot_from);
}

int64_t insert_lane(db::Conn& c, const Lane& l, EpochMs now) {
    return c
        .one(
            "INSERT INTO parking_lanes (site_id, lot_id, name, direction, booth, version, created_at, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, 1, $6, $6) RETURNING id",
            l.site_id, l.lot_id, l.name, l.direction, l.booth, now)
        ->i64(0);
}

bool update_lane(db::Conn& c, const Lane& l, int64_t expected_version, EpochMs now) {
    return c.exec(
               "UPDATE parking_lanes SET name = $1, booth = $2, version = version + 1, updated_at = $3"
               " WHERE id = $4 AND version = $5",
               l.name, l.booth, now, l.id, expected_version) == 1;
}

std::optional<Lane> get_lane(db::Conn& c, int64_t id) {
    return first(rows<Lane>(c, std::string(kLaneSelect) + " WHERE id = $1", {id}, lane_from));
}

std::vector<Lane> lanes_of_site(db::Conn& c, int64_t site_id) {
    return rows<Lane>(c, std::string(kLaneSelect) + " WHERE site_id = $1 ORDER BY lot_id, id", {site_id}, lane_from);
}

int64_t insert_camera(db::Conn& c, const Camera& cam, const std::string& token_hash, EpochMs now) {
    return c
        .one(
            "INSERT INTO gate_cameras (site_id, lane_id, name, serialno, token_hash, active, version, created_at,"
            " updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) RETURNING id",
            cam.site_id, cam.lane_id, cam.name, cam.serialno, token_hash, cam.active, now)
        ->i64(0);
}

bool update_camera(db::Conn& c, const Camera& cam, int64_t expected_version, EpochMs now) {
    return c.exec(
               "UPDATE gate_cameras SET lane_id = $1, name = $2, active = $3, version = version + 1, updated_at = $4"
               " WHERE id = $5 AND version = $6",
               cam.lane_id, cam.name, cam.active, now, cam.id, expected_version) == 1;
}

// A new token is a change of the record: the version moves so a stale screen cannot rotate twice.
bool set_camera_token(db::Conn& c, int64_t camera_id, const std::string& token_hash, EpochMs now) {
    return c.exec("UPDATE gate_cameras SET token_hash = $1, version = version + 1, updated_at = $2 WHERE id = $3",
                  token_hash, now, camera_id) == 1;
}

std::optional<Camera> get_camera(db::Conn& c, int64_t id) {
    return first(rows<Camera>(c, std::string(kCameraSelect) + " WHERE cam.id = $1", {id}, camera_from));
}

std::vector<Camera> cameras_of_site(db::Conn& c, int64_t site_id) {
    return rows<Camera>(c, std::string(kCameraSelect) + " WHERE cam.site_id = $1 ORDER BY cam.lane_id, cam.id",
                        {site_id}, camera_from);
}

std::vector<Camera> cameras_of_lot(db::Conn& c, int64_t lot_id) {
    return rows<Camera>(c, std::string(kCameraSelect) + " WHERE l.lot_id = $1 ORDER BY cam.id", {lot_id}, camera_from);
}

std::optional<Camera> camera_by_token_hash(db::Conn& c, const std::string& token_hash) {
    return first(rows<Camera>(c, std::string(kCameraSelect) + " WHERE cam.token_hash = $1", {token_hash}, camera_from));
}

int64_t insert_tariff(db::Conn& c, int64_t site_id, int64_t lot_id, const Tariff& t, int64_t by, EpochMs now) {
    return c
        .one(
            "INSERT INTO parking_tariffs (site_id, lot_id, effective_from, free_minutes, first_minutes, first_cents,"
            " unit_minutes, unit_cents, night_unit_cents, night_start_minute, night_end_minute, daily_cap_cents,"
            " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
            " RETURNING id",
            site_id, lot_id, t.effective_from, t.free_minutes, t.first_minutes, t.first_cents, t.unit_minutes,
            t.unit_cents, t.night_unit_cents, t.night_start_minute, t.night_end_minute, t.daily_cap_cents,
            by > 0 ? db::Value{by} : db::Value{db::Null{}}, now)
        ->i64(0);
}

// Newest first, as the set-up page lists them; tariff_at takes them in any order.
std::vector<Tariff> tariffs_of_lot(db::Conn& c, int64_t lot_id) {
    return rows<Tariff>(c, std::string(kTariffSelect) + " WHERE lot_id = $1 ORDER BY effective_from DESC, id DESC",
                        {lot_id}, tariff_from);
}

}  // namespace propdesk::parking::store
