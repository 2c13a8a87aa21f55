// The set-up, vehicle file, card, incident, handover and post shapes (docs/parking-api.md).
#include <boost/json/array.hpp>

#include "parking/json.hpp"
#include "platform/json/values.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::parking::json {

namespace bj = boost::json;

using propdesk::json::or_null;
using propdesk::json::ref;
using propdesk::json::time_or_null;

namespace {
// A camera heartbeats every 30 s; three missed in a row is offline.
constexpr int64_t kOnlineMs = 90'000;
}  // namespace

bj::object lot(const Lot& l) {
    return {
        {"id", l.id},
        {"name", l.name},
        {"capacity", l.capacity},
        {"no_entry_days", l.no_entry_days},
        {"peak_per_hour", l.peak_per_hour},
        {"peak_min_staff", l.peak_min_staff},
        {"pay_qr",
         bj::object{{"fps", or_null(l.qr_fps)}, {"wechat", or_null(l.qr_wechat)}, {"alipay", or_null(l.qr_alipay)}}},
        {"version", l.version}};
}

bj::object lane(const Lane& l) {
    return {{"id", l.id},       {"lot_id", l.lot_id},  {"name", l.name}, {"direction", l.direction},
            {"booth", l.booth}, {"version", l.version}};
}

bj::object camera(const Camera& c, const std::string& zone, EpochMs now) {
    bool online = c.last_seen_at && now - *c.last_seen_at <= kOnlineMs;
    return {{"id", c.id},         {"lane_id", c.lane_id},
            {"name", c.name},     {"serialno", c.serialno},
            {"active", c.active}, {"last_seen_at", time_or_null(c.last_seen_at, zone)},
            {"online", online},   {"version", c.version}};
}

bj::object tariff(const Tariff& t, const std::string& zone) {
    return {{"id", t.id},
            {"effective_from", timefmt::to_rfc3339(t.effective_from, zone)},
            {"free_minutes", t.free_minutes},
            {"first_minutes", t.first_minutes},
            {"first_cents", t.first_cents},
            {"unit_minutes", t.unit_minutes},
            {"unit_cents", t.unit_cents},
            {"night_unit_cents", t.night_unit_cents},
            {"night_start_minute", t.night_start_minute},
            {"night_end_minute", t.night_end_minute},
            {"daily_cap_cents", t.daily_cap_cents}};
}

bj::object vehicle(const Vehicle& v) {
    return {{"id", v.id},
            {"plate", v.plate},
            {"owner_name", v.owner_name},
            {"phone", v.phone},
            {"unit_id", or_null(v.unit_id)},
            {"photo_file_id", or_null(v.photo_file_id)},
            {"notes", v.notes},
            {"policy_class", v.policy_class},
            {"version", v.version}};
}

// Validity is kept as [from, to) in UTC; the page shows local days, the last one inclusive.
bj::object card(const Card& c, const std::string& zone, EpochMs now) {
    bj::array plates;
    for (const auto& p : c.plates) plates.push_back(bj::string(p));
    bool valid_now = c.status == "active" && c.valid_from <= now && now < c.valid_to;
    return {{"id", c.id},
            {"lot_id", c.lot_id},
            {"card_no", c.card_no},
            {"kind", c.kind},
            {"holder_name", c.holder_name},
            {"unit_id", or_null(c.unit_id)},
            {"valid_from", timefmt::local_date(c.valid_from, zone)},
            {"valid_to", timefmt::local_date(c.valid_to - 1, zone)},
            {"status", c.status},
            {"suspended_reason", c.suspended_reason},
            {"plates", std::move(plates)},
            {"valid_now", valid_now},
            {"version", c.version}};
}

bj::object incident(const Incident& i, const std::string& zone) {
    return {{"id", i.id},
            {"kind", i.kind},
            {"plate", i.plate},
            {"lane_id", or_null(i.lane_id)},
            {"lane_name", i.lane_name},
            {"visit_id", or_null(i.visit_id)},
            {"occurred_at", timefmt::to_rfc3339(i.occurred_at, zone)},
            {"description", i.description},
            {"authority", i.authority},
            {"authority_notified_at", time_or_null(i.authority_notified_at, zone)},
            {"outcome", i.outcome},
            {"status", i.status},
            {"snapshot_file_id", or_null(i.snapshot_file_id)},
            {"event_id", or_null(i.event_id)},
            {"snapshot_id", or_null(i.snapshot_id)},
            {"recorded_by", ref(i.recorded_by, i.recorded_by_name)},
            {"closed_at", time_or_null(i.closed_at, zone)},
            {"version", i.version}};
}

bj::object handover(const Handover& h, const std::string& zone) {
    return {{"id", h.id},
            {"shift_date", h.shift_date},
            {"shift", h.shift},
            {"post", h.post},
            {"period_start", timefmt::to_rfc3339(h.period_start, zone)},
            {"period_end", timefmt::to_rfc3339(h.period_end, zone)},
            {"handed_by", ref(h.handed_by, h.handed_by_name)},
            {"taken_by", ref(h.taken_by, h.taken_by_name)},
            {"duty_notes", h.duty_notes},
            {"radios", h.radios},
            {"keys", h.keys},
            {"batons", h.batons},
            {"torches", h.torches},
            {"tickets", h.tickets},
            {"cash_cents", h.cash_cents},
            {"system_cash_cents", h.system_cash_cents},
            {"difference_cents", h.cash_cents - h.system_cash_cents},
            {"difference_note", h.difference_note},
            {"remarks", h.remarks},
            {"status", h.status},
            {"handed_at", timefmt::to_rfc3339(h.handed_at, zone)},
            {"taken_at", time_or_null(h.taken_at, zone)},
            {"supervisor", ref(h.supervisor_id, h.supervisor_name)},
            {"signed_at", time_or_null(h.signed_at, zone)},
            {"version", h.version}};
}

bj::object post(const store::Post& p, const std::string& zone) {
    return {{"id", p.id},
            {"lane_id", p.lane_id},
            {"lane_name", p.lane_name},
            {"user", ref(p.user_id, p.user_name)},
            {"started_at", timefmt::to_rfc3339(p.started_at, zone)}};
}

}  // namespace propdesk::parking::json
