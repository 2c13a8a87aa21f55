#include "parking/json.hpp"

#include "platform/json/values.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::parking::json {

namespace bj = boost::json;
using propdesk::json::or_null;
using propdesk::json::ref;
using propdesk::json::time_or_null;

bj::object visit(const Visit& v, const std::string& zone) {
    return {
        {"id", v.id},
        {"lot_id", v.lot_id},
        {"plate", v.plate},
        {"status", v.status},
        {"category", v.category},
        {"card_id", or_null(v.card_id)},
        {"card_no", v.card_no},
        {"pass_no", or_null(v.pass_no)},
        {"pass_returned", v.pass_returned},
        {"pass_lost_note", v.pass_lost_note},
        {"entry_lane_id", or_null(v.entry_lane_id)},
        {"entry_lane_name", v.entry_lane_name},
        {"entry_at", time_or_null(v.entry_at, zone)},
        {"entry_method", v.entry_method},
        {"entry_by", ref(v.entry_by, v.entry_by_name)},
        {"damage_note", v.damage_note},
        {"goods_checked", v.goods_checked},
        {"goods_flag", v.goods_flag},
        {"refusal_reason", v.refusal_reason},
        {"exit_lane_id", or_null(v.exit_lane_id)},
        {"exit_lane_name", v.exit_lane_name},
        {"exit_at", time_or_null(v.exit_at, zone)},
        {"exit_method", v.exit_method},
        {"exit_by", ref(v.exit_by, v.exit_by_name)},
        {"charged_as", v.charged_as},
        {"visitor_reason", v.visitor_reason},
        {"fee_cents", v.fee_cents},
        {"paid_cents", v.paid_cents},
        {"payment_method", or_null(v.payment_method)},
        {"payment_ref", v.payment_ref},
        {"payment_scheme", v.payment_scheme},
        {"received_cents", v.received_cents},
        {"change_cents", v.change_cents},
        {"paid_at", time_or_null(v.paid_at, zone)},
        {"paid_by", ref(v.paid_by, v.paid_by_name)},
        {"receipt_no", or_null(v.receipt_no)},
        {"free_category", or_null(v.free_category)},
        {"approved_by", ref(v.approved_by, v.approved_by_name)},
        {"remarks", v.remarks},
        {"version", v.version},
        {"created_at", timefmt::to_rfc3339(v.created_at, zone)},
    };
}

bj::object lane_change(const LaneChange& ch, const std::string& zone) {
    return {
        {"id", ch.id},
        {"lane_id", or_null(ch.lane_id)},
        {"visit_id", ch.visit_id},
        {"plate", ch.plate},
        {"kind", ch.kind},
        {"by", ref(ch.by_user, ch.by_name)},
        {"at", timefmt::to_rfc3339(ch.created_at, zone)},
    };
}

bj::object free_request(const FreeRequest& r, const std::string& zone) {
    return {
        {"id", r.id},
        {"visit_id", r.visit_id},
        {"plate", r.plate},
        {"lane_id", or_null(r.lane_id)},
        {"lane_name", r.lane_name},
        {"category", r.category},
        {"reason", r.reason},
        {"fee_cents", r.fee_cents},
        {"requested_by", ref(r.requested_by, r.requested_by_name)},
        {"requested_at", timefmt::to_rfc3339(r.requested_at, zone)},
        {"status", r.status},
        {"decided_by", ref(r.decided_by, r.decided_by_name)},
        {"decided_at", time_or_null(r.decided_at, zone)},
        {"decision_note", r.decision_note},
        {"version", r.version},
    };
}

bj::object event(const GateEvent& e, const std::string& zone) {
    return {
        {"id", e.id},
        {"lane_id", or_null(e.lane_id)},
        {"camera_id", or_null(e.camera_id)},
        {"serialno", e.serialno},
        {"plate", e.plate},
        {"plateid", e.plateid},
        {"camera_time", timefmt::to_rfc3339(e.cam_sec * 1000, zone)},
        {"is_offline", e.is_offline},
        {"opened_offline", e.opened_offline},
        {"received_at", timefmt::to_rfc3339(e.received_at, zone)},
        {"decision", e.decision},
        {"reason", e.reason},
        {"fee_cents", e.fee_cents},
        {"visit_id", or_null(e.visit_id)},
        {"snapshot_id", or_null(e.snapshot_id)},
        {"led_text", e.led_text},
    };
}

bj::object hold(const Hold& h, const std::string& zone) {
    return {
        {"id", h.id},
        {"visit_id", h.visit_id},
        {"plate", h.plate},
        {"lane_id", or_null(h.lane_id)},
        {"lane_name", h.lane_name},
        {"reason", h.reason},
        {"note", h.note},
        {"held_at", timefmt::to_rfc3339(h.held_at, zone)},
        {"held_by", ref(h.held_by, h.held_by_name)},
        {"status", h.status},
        {"verified_by", ref(h.verified_by, h.verified_by_name)},
        {"verification_note", h.verification_note},
        {"licence_file_id", or_null(h.licence_file_id)},
        {"id_file_id", or_null(h.id_file_id)},
        {"statement_file_id", or_null(h.statement_file_id)},
        {"released_at", time_or_null(h.released_at, zone)},
        {"version", h.version},
    };
}

bj::object escalation(const Escalation& e, const std::string& zone) {
    return {{"id", e.id},
            {"escalated_to", e.escalated_to},
            {"note", e.note},
            {"at", timefmt::to_rfc3339(e.at, zone)},
            {"by", ref(e.by_user, e.by_name)}};
}

bj::object fee(const Fee& f) {
    bj::array days;
    for (const auto& d : f.days) days.push_back(bj::object{{"date", d.date}, {"cents", d.cents}, {"capped", d.capped}});
    return {{"cents", f.cents}, {"free_period", f.free_period}, {"minutes", f.minutes}, {"days", std::move(days)}};
}

}  // namespace propdesk::parking::json
