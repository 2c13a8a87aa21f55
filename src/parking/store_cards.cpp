// Vehicle files (車輛檔案), parking cards with their plates, and the cameras' whitelists that
// follow the cards.
#include <algorithm>

#include "parking/rules.hpp"
#include "parking/store.hpp"
#include "platform/db/query_builder.hpp"

namespace propdesk::parking::store {
namespace {

constexpr const char* kVehicleSelect =
    "SELECT v.id, v.site_id, v.plate, v.owner_name, v.phone, v.unit_id, v.photo_file_id, v.notes, v.version,"
    " v.policy_class"
    " FROM vehicles v";
constexpr const char* kCardSelect =
    "SELECT c.id, c.site_id, c.lot_id, c.card_no, c.kind, c.holder_name, c.unit_id, c.valid_from, c.valid_to,"
    " c.status, c.suspended_reason, c.version FROM parking_cards c";
constexpr int64_t kSecond = 1000;

Vehicle vehicle_from(const db::Row& r) {
    Vehicle v;
    v.id = r.i64(0);
    v.site_id = r.i64(1);
    v.plate = r.str(2);
    v.owner_name = r.str(3);
    v.phone = r.str(4);
    v.unit_id = r.opt_i64(5);
    v.photo_file_id = r.opt_i64(6);
    v.notes = r.str(7);
    v.version = r.i64(8);
    v.policy_class = r.str(9);
    return v;
}

Card card_from(const db::Row& r) {
    Card c;
    c.id = r.i64(0);
    c.site_id = r.i64(1);
    c.lot_id = r.i64(2);
    c.card_no = r.str(3);
    c.kind = r.str(4);
    c.holder_name = r.str(5);
    c.unit_id = r.opt_i64(6);
    c.valid_from = r.i64(7);
    c.valid_to = r.i64(8);
    c.status = r.str(9);
    c.suspended_reason = r.str(10);
    c.version = r.i64(11);
    return c;
}

// The plates of a page of cards in one read rather than one per card.
std::vector<Card> with_plates(db::Conn& c, std::vector<Card> cards) {
    if (cards.empty()) return cards;
    db::Filter f;
    std::vector<int64_t> ids;
    for (const auto& card : cards) ids.push_back(card.id);
    f.where_in("card_id", ids);
    c.each("SELECT card_id, plate FROM parking_card_plates" + f.sql() + " ORDER BY card_id, plate_key", f.params(),
           [&](const db::Row& r) {
               auto it = std::find_if(cards.begin(), cards.end(), [&](const Card& x) { return x.id == r.i64(0); });
               if (it != cards.end()) it->plates.push_back(r.str(1));
           });
    return cards;
}

std::vector<Card> cards(db::Conn& c, const std::string& sql, const std::vector<db::Value>& params) {
    std::vector<Card> out;
    c.each(sql, params, [&](const db::Row& r) { out.push_back(card_from(r)); });
    return with_plates(c, std::move(out));
}

void insert_plates(db::Conn& c, const Card& card) {
    for (const auto& p : card.plates)
        c.exec("INSERT INTO parking_card_plates (card_id, site_id, plate, plate_key) VALUES ($1, $2, $3, $4)", card.id,
               card.site_id, p, rules::plate_key(p));
}

std::string trimmed(const std::string& s) {
    auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string ascii_upper(std::string s) {
    for (auto& ch : s)
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    return s;
}

// What one camera should hold for a plate: enabled over the window of the lot's active card that
// binds it and has not ended (the current one, else the next to start; separate cards' windows are
// never merged, so a gap between them stays closed), or disabled (keeping `fallback`'s times).
struct Entry {
    bool enabled = false;
    EpochMs enable_time = 0, overdue_time = 0;
};

Entry entry_for(db::Conn& c, int64_t lot_id, const std::string& key, const Card& fallback, EpochMs now) {
    auto r = c.one(
        "SELECT c.valid_from, c.valid_to FROM parking_cards c JOIN parking_card_plates p ON p.card_id = c.id"
        " WHERE c.lot_id = $1 AND p.plate_key = $2 AND c.status = 'active' AND c.valid_to > $3"
        " ORDER BY c.valid_from, c.id LIMIT 1",
        lot_id, key, now);
    if (r) return {true, r->i64(0), r->i64(1) - kSecond};
    return {false, fallback.valid_from, fallback.valid_to - kSecond};
}

void upsert_entry(db::Conn& c, int64_t camera_id, const std::string& key, const Entry& e, EpochMs now) {
    // The camera reads Simplified, upper-case plates without separators: exactly the plate key.
    c.exec(
        "INSERT INTO gate_whitelist (camera_id, plate_key, plate, enabled, enable_time, overdue_time, synced,"
        " updated_at) VALUES ($1, $2, $2, $3, $4, $5, 0, $6) ON CONFLICT (camera_id, plate_key) DO UPDATE SET"
        " plate = excluded.plate, enabled = excluded.enabled, enable_time = excluded.enable_time,"
        " overdue_time = excluded.overdue_time, synced = 0, updated_at = excluded.updated_at",
        camera_id, key, e.enabled, e.enable_time, e.overdue_time, now);
}

// Plates no active card of the lot binds any more (removed from a card, its card suspended or
// moved) are disabled on the lot's cameras, so the camera deletes them on its next heartbeats.
void sweep_lot(db::Conn& c, int64_t lot_id, EpochMs now) {
    c.exec(
        "UPDATE gate_whitelist SET enabled = 0, synced = 0, updated_at = $1 WHERE enabled = 1"
        " AND camera_id IN (SELECT cam.id FROM gate_cameras cam JOIN parking_lanes l ON l.id = cam.lane_id"
        " WHERE l.lot_id = $2) AND NOT EXISTS (SELECT 1 FROM parking_card_plates p JOIN parking_cards c"
        " ON c.id = p.card_id WHERE c.lot_id = $2 AND c.status = 'active' AND p.plate_key = gate_whitelist.plate_key)",
        now, lot_id);
}

std::vector<int64_t> active_cameras(db::Conn& c, int64_t lot_id) {
    std::vector<int64_t> out;
    for (const auto& cam : cameras_of_lot(c, lot_id))
        if (cam.active && (cam.direction == "entry" || cam.direction == "exit")) out.push_back(cam.id);
    return out;
}

}  // namespace

int64_t insert_vehicle(db::Conn& c, const Vehicle& v, EpochMs now) {
    return c
        .one(
            "INSERT INTO vehicles (site_id, plate, plate_key, owner_name, phone, unit_id, photo_file_id, notes,"
            " policy_class, version, created_at, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10) RETURNING id",
            v.site_id, v.plate, rules::plate_key(v.plate), v.owner_name, v.phone, v.unit_id, v.photo_file_id, v.notes,
            v.policy_class, now)
        ->i64(0);
}

bool update_vehicle(db::Conn& c, const Vehicle& v, int64_t expected_version, EpochMs now) {
    return c.exec(
               "UPDATE vehicles SET plate = $1, plate_key = $2, owner_name = $3, phone = $4, unit_id = $5,"
               " photo_file_id = $6, notes = $7, policy_class = $8, version = version + 1, updated_at = $9"
               " WHERE id = $10 AND version = $11",
               v.plate, rules::plate_key(v.plate), v.owner_name, v.phone, v.unit_id, v.photo_file_id, v.notes,
               v.policy_class, now, v.id, expected_version) == 1;
}

std::optional<Vehicle> get_vehicle(db::Conn& c, int64_t id) {
    auto r = c.one(std::string(kVehicleSelect) + " WHERE v.id = $1", id);
    if (!r) return std::nullopt;
    return vehicle_from(*r);
}

std::optional<Vehicle> vehicle_by_plate(db::Conn& c, int64_t site_id, const std::string& plate_key) {
    auto r = c.one(std::string(kVehicleSelect) + " WHERE v.site_id = $1 AND v.plate_key = $2", site_id, plate_key);
    if (!r) return std::nullopt;
    return vehicle_from(*r);
}

std::vector<Vehicle> list_vehicles(db::Conn& c, int64_t site_id, const std::string& q, int64_t before_id, int limit) {
    db::Filter f;
    f.where("v.site_id = ?", site_id);
    if (before_id > 0) f.where("v.id < ?", before_id);
    if (auto text = trimmed(q); !text.empty()) {
        auto t = f.param(text);
        std::string any = "strpos(v.owner_name, " + t + ") > 0 OR strpos(v.phone, " + t + ") > 0";
        if (auto key = rules::plate_key(text); !key.empty()) any += " OR strpos(v.plate_key, " + f.param(key) + ") > 0";
        f.where("(" + any + ")");
    }
    auto sql = std::string(kVehicleSelect) + f.sql() + " ORDER BY v.id DESC LIMIT " + f.param(int64_t{limit});
    std::vector<Vehicle> out;
    c.each(sql, f.params(), [&](const db::Row& r) { out.push_back(vehicle_from(r)); });
    return out;
}

int64_t insert_card(db::Conn& c, const Card& card, EpochMs now) {
    Card saved = card;
    saved.id = c.one(
                    "INSERT INTO parking_cards (site_id, lot_id, card_no, kind, holder_name, unit_id, valid_from,"
                    " valid_to, status, suspended_reason, version, created_at, updated_at)"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $11) RETURNING id",
                    card.site_id, card.lot_id, card.card_no, card.kind, card.holder_name, card.unit_id, card.valid_from,
                    card.valid_to, card.status, card.suspended_reason, now)
                   ->i64(0);
    insert_plates(c, saved);
    return saved.id;
}

bool update_card(db::Conn& c, const Card& card, int64_t expected_version, EpochMs now) {
    if (c.exec("UPDATE parking_cards SET lot_id = $1, card_no = $2, kind = $3, holder_name = $4, unit_id = $5,"
               " valid_from = $6, valid_to = $7, status = $8, suspended_reason = $9, version = version + 1,"
               " updated_at = $10 WHERE id = $11 AND version = $12",
               card.lot_id, card.card_no, card.kind, card.holder_name, card.unit_id, card.valid_from, card.valid_to,
               card.status, card.suspended_reason, now, card.id, expected_version) != 1)
        return false;
    c.exec("DELETE FROM parking_card_plates WHERE card_id = $1", card.id);
    insert_plates(c, card);
    return true;
}

std::optional<Card> get_card(db::Conn& c, int64_t id) {
    auto v = cards(c, std::string(kCardSelect) + " WHERE c.id = $1", {id});
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::optional<Card> card_by_no(db::Conn& c, int64_t site_id, const std::string& card_no) {
    auto v = cards(c, std::string(kCardSelect) + " WHERE c.site_id = $1 AND c.card_no = $2", {site_id, card_no});
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::vector<Card> cards_for_plate(db::Conn& c, int64_t site_id, const std::string& plate_key, EpochMs at) {
    return cards(c,
                 std::string(kCardSelect) +
                     " JOIN parking_card_plates p ON p.card_id = c.id WHERE p.site_id = $1 AND p.plate_key = $2"
                     " ORDER BY CASE WHEN c.status = 'active' AND c.valid_from <= $3 AND c.valid_to > $3 THEN 0"
                     " ELSE 1 END, c.valid_to DESC, c.id DESC",
                 {site_id, plate_key, at});
}

std::vector<Card> list_cards(
    db::Conn& c, int64_t site_id, const std::string& q, const std::string& status, int64_t before_id, int limit) {
    db::Filter f;
    f.where("c.site_id = ?", site_id);
    if (!status.empty()) f.where("c.status = ?", status);
    if (before_id > 0) f.where("c.id < ?", before_id);
    if (auto text = trimmed(q); !text.empty()) {
        std::string any = "strpos(UPPER(c.card_no), " + f.param(ascii_upper(text)) + ") > 0 OR strpos(c.holder_name, " +
                          f.param(text) + ") > 0";
        if (auto key = rules::plate_key(text); !key.empty())
            any += " OR EXISTS (SELECT 1 FROM parking_card_plates p WHERE p.card_id = c.id AND strpos(p.plate_key, " +
                   f.param(key) + ") > 0)";
        f.where("(" + any + ")");
    }
    auto sql = std::string(kCardSelect) + f.sql() + " ORDER BY c.id DESC LIMIT " + f.param(int64_t{limit});
    return cards(c, sql, f.params());
}

void sync_card_whitelist(db::Conn& c, const Card& card, EpochMs now) {
    // Each plate's entry is worked out from every card of the lot that binds it, so suspending
    // one card does not shut out a plate another valid card still lets in.
    for (int64_t cam : active_cameras(c, card.lot_id))
        for (const auto& p : card.plates) {
            auto key = rules::plate_key(p);
            upsert_entry(c, cam, key, entry_for(c, card.lot_id, key, card, now), now);
        }
    sweep_lot(c, card.lot_id, now);
}

void sync_lot_whitelist(db::Conn& c, int64_t lot_id, EpochMs now) {
    auto cams = active_cameras(c, lot_id);
    if (!cams.empty()) {
        auto lot_cards = cards(c, std::string(kCardSelect) + " WHERE c.lot_id = $1 ORDER BY c.id", {lot_id});
        std::vector<std::string> done;
        for (const auto& card : lot_cards)
            for (const auto& p : card.plates) {
                auto key = rules::plate_key(p);
                if (std::find(done.begin(), done.end(), key) != done.end()) continue;
                done.push_back(key);
                auto e = entry_for(c, lot_id, key, card, now);
                for (int64_t cam : cams) upsert_entry(c, cam, key, e, now);
            }
    }
    sweep_lot(c, lot_id, now);
}

}  // namespace propdesk::parking::store
