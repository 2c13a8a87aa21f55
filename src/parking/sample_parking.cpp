#include "parking/sample_parking.hpp"

#include <string>

#include "parking/store.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::parking {
namespace {

// The start of 1 January of a local year.
EpochMs year_start(int year, const std::string& zone) {
    return *timefmt::local_day_start(std::to_string(year) + "-01-01", zone);
}

int64_t add_lane(db::Conn& c,
                 int64_t site_id,
                 int64_t lot_id,
                 const char* name,
                 const char* direction,
                 const char* booth,
                 EpochMs now) {
    Lane l;
    l.site_id = site_id;
    l.lot_id = lot_id;
    l.name = name;
    l.direction = direction;
    l.booth = booth;
    return store::insert_lane(c, l, now);
}

void add_camera(db::Conn& c,
                int64_t site_id,
                int64_t lane_id,
                const char* name,
                const char* serialno,
                const char* token,
                EpochMs now) {
    Camera cam;
    cam.site_id = site_id;
    cam.lane_id = lane_id;
    cam.name = name;
    cam.serialno = serialno;
    store::insert_camera(c, cam, auth::token_hash(token), now);
}

void add_card(db::Conn& c,
              int64_t site_id,
              int64_t lot_id,
              const char* card_no,
              const char* holder,
              const char* plate,
              EpochMs from,
              EpochMs to,
              EpochMs now) {
    Card card;
    card.site_id = site_id;
    card.lot_id = lot_id;
    card.card_no = card_no;
    card.kind = "monthly";
    card.holder_name = holder;
    card.valid_from = from;
    card.valid_to = to;
    card.plates = {plate};
    card.id = store::insert_card(c, card, now);
    store::sync_card_whitelist(c, card, now);

    Vehicle v;
    v.site_id = site_id;
    v.plate = plate;
    v.owner_name = holder;
    store::insert_vehicle(c, v, now);
}

}  // namespace

void seed_demo_parking(db::Conn& c, int64_t site_id, const std::string& zone, EpochMs now, int64_t admin_user_id) {
    if (!store::lots_of_site(c, site_id).empty()) return;
    Lot lot;
    lot.site_id = site_id;
    lot.name = "地下停車場";
    lot.capacity = 120;
    int64_t lot_id = store::insert_lot(c, lot, now);

    int64_t entry = add_lane(c, site_id, lot_id, "入口 A", "entry", "入口崗亭", now);
    int64_t exit = add_lane(c, site_id, lot_id, "出口 A", "exit", "出口崗亭", now);
    add_camera(c, site_id, entry, "入口 A 車牌識別", "demo-entry-0001", "demo-entry-token", now);
    add_camera(c, site_id, exit, "出口 A 車牌識別", "demo-exit-0001", "demo-exit-token", now);

    int year = std::stoi(timefmt::local_date(now, zone).substr(0, 4));
    EpochMs this_year = year_start(year, zone);
    Tariff t;
    t.effective_from = this_year;
    t.free_minutes = 15;
    t.first_minutes = 60;
    t.first_cents = 2000;
    t.unit_minutes = 30;
    t.unit_cents = 1000;
    t.night_unit_cents = 500;
    t.night_start_minute = 22 * 60;
    t.night_end_minute = 7 * 60;
    t.daily_cap_cents = 15000;
    store::insert_tariff(c, site_id, lot_id, t, admin_user_id, now);

    // One card valid all this year, one that ran out with last year (charged as a visitor, PK-4).
    add_card(c, site_id, lot_id, "M-0001", "陳大文", "粵B12345", this_year, year_start(year + 1, zone), now);
    add_card(c, site_id, lot_id, "M-0002", "李小明", "粵B54321", year_start(year - 1, zone), this_year, now);
}

}  // namespace propdesk::parking
