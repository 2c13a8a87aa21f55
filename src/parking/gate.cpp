#include "parking/gate.hpp"

#include <cstdio>

#include "parking/api_common.hpp"
#include "parking/store.hpp"
#include "parking/tariff.hpp"
#include "platform/db/cols.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::parking::gate {
namespace {

// A card is for one car park: at another lot of the site it does not match (PK-4).
rules::CardCheck check_card(const Card& card, const Lane& lane, const std::string& key, EpochMs at) {
    std::string problem = rules::card_problem(card, key, at);
    if (problem.empty() && card.lot_id != lane.lot_id) problem = "card_mismatch";
    return {card.id, problem};
}

std::optional<rules::CardCheck> card_for(db::Conn& c, const Lane& lane, const std::string& key, const Arrival& a) {
    if (a.method == "card" && !a.card_no.empty()) {
        auto card = store::card_by_no(c, lane.site_id, a.card_no);
        if (!card) return std::nullopt;
        return check_card(*card, lane, key, a.at);
    }
    std::optional<rules::CardCheck> best;
    for (const auto& card : store::cards_for_plate(c, lane.site_id, key, a.at)) {
        auto check = check_card(card, lane, key, a.at);
        if (check.problem.empty()) return check;
        if (!best) best = check;
    }
    return best;
}

const char* welcome(const std::string& category) {
    if (category == "card") return "月卡 歡迎光臨";
    if (category == "military_police") return "歡迎光臨";
    return "臨時車 歡迎光臨";
}

}  // namespace

std::string money_text(int64_t cents) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(cents / 100),
                  static_cast<long long>(cents % 100));
    return buf;
}

std::string next_receipt_no(db::Conn& c, int64_t site_id, const std::string& zone, EpochMs now) {
    std::string year = timefmt::local_date(now, zone).substr(0, 4);
    int64_t n = db::next_in_sequence(c, site_id, "PK" + year);
    char buf[32];
    std::snprintf(buf, sizeof buf, "PK%s-%06lld", year.c_str(), static_cast<long long>(n));
    return buf;
}

std::string pass_no_of(int64_t visit_id, EpochMs entry_at, const std::string& zone) {
    // Numbered by the stay itself: unique without a counter row to lock and write on every entry.
    char buf[32];
    std::snprintf(buf, sizeof buf, "T%s-%06lld", timefmt::local_date(entry_at, zone).substr(0, 4).c_str(),
                  static_cast<long long>(visit_id));
    return buf;
}

Fee fee_by(const std::vector<Tariff>& versions, const Visit& v, const std::string& zone, EpochMs at) {
    if (!v.entry_at) return {};
    const Tariff* t = tariff_at(versions, *v.entry_at);
    if (!t) return {};
    return stay_fee(*t, *v.entry_at, at, zone);
}

Fee fee_of(db::Conn& c, const Visit& v, const std::string& zone, EpochMs at) {
    if (!v.entry_at) return {};
    return fee_by(store::tariffs_of_lot(c, v.lot_id), v, zone, at);
}

void open_lane(db::Conn& c,
               int64_t site_id,
               int64_t lane_id,
               const std::string& reason,
               std::optional<int64_t> visit_id,
               std::optional<int64_t> by,
               EpochMs now) {
    auto lane = store::get_lane(c, lane_id);
    if (!lane) return;
    for (const auto& cam : store::cameras_of_lot(c, lane->lot_id))
        if (cam.lane_id == lane_id && cam.active) store::insert_command(c, site_id, cam.id, reason, visit_id, by, now);
}

void tell_team_leads(db::Conn& c, const Hold& h, const std::string& plate, std::optional<int64_t> actor, EpochMs now) {
    detail::alert(c, h.site_id, detail::team_leads(c, h.site_id), actor, "parking_hold", "車輛扣留 " + plate,
                  "原因: " + h.reason + (h.note.empty() ? "" : " — " + h.note),
                  "/parking/holds/" + std::to_string(h.id), now);
}

namespace {

Outcome entry_outcome(db::Conn& c, const Lane& lane, const std::string& zone, const Arrival& a, EpochMs now) {
    std::string key = rules::plate_key(a.plate);
    rules::EntryFacts facts;
    facts.plate = a.plate;
    facts.goods_flag = a.goods_flag;
    facts.opened_offline = a.opened_offline;
    std::optional<Visit> inside;
    if (!rules::no_plate(a.plate)) {
        inside = store::open_visit(c, lane.site_id, key);
        facts.already_inside = inside.has_value();
        facts.card = card_for(c, lane, key, a);
    }
    auto d = rules::decide_entry(facts);
    Outcome out{d.decision, d.reason, 0, std::nullopt, std::nullopt, std::nullopt, a.plate, ""};
    if (d.reason == "no_plate") out.message = "請稍候";
    if (d.reason == "already_inside") {
        out.message = "車輛已在場";
        if (inside) out.visit_id = inside->id;
    }
    if (!d.opens_stay && !d.refused_stay) return out;

    Visit v;
    v.site_id = lane.site_id;
    v.lot_id = lane.lot_id;
    v.plate = a.plate;
    v.category = d.category;
    v.card_id = d.card_id;
    v.entry_lane_id = lane.id;
    v.entry_at = a.at;
    v.entry_method = a.method;
    v.entry_by = a.user_id;
    v.damage_note = a.damage_note;
    v.goods_checked = a.goods_checked || !a.goods_flag.empty();
    v.goods_flag = a.goods_flag;
    v.visitor_reason = d.visitor_reason;
    if (d.refused_stay) {
        v.status = "refused";
        v.refusal_reason = "dangerous_goods: " + a.goods_flag;
        out.message = "禁止進入";
    } else {
        v.status = "inside";
        out.message = welcome(d.category);
    }
    v.id = store::insert_visit(c, v, now);
    if (d.issue_pass && v.status == "inside") store::set_pass_no(c, v.id, pass_no_of(v.id, a.at, zone));
    if (d.incident) {
        Incident i;
        i.site_id = lane.site_id;
        i.kind = "military_police";
        i.plate = a.plate;
        i.lane_id = lane.id;
        i.visit_id = v.id;
        i.occurred_at = a.at;
        i.description = "軍警車輛進場，須報相關主管部門";
        i.recorded_by = a.user_id;
        store::insert_incident(c, i, now);
    }
    out.visit_id = v.id;
    return out;
}

Outcome exit_outcome(db::Conn& c, const Lane& lane, const std::string& zone, const Arrival& a, EpochMs now) {
    std::string key = rules::plate_key(a.plate);
    rules::ExitFacts facts;
    facts.plate = a.plate;
    facts.opened_offline = a.opened_offline;
    std::optional<Visit> stay;
    if (!rules::no_plate(a.plate)) stay = store::open_visit(c, lane.site_id, key);
    if (stay) {
        rules::OpenStay s{stay->status, stay->category, stay->entry_at.value_or(a.at), std::nullopt};
        if (stay->card_id) {
            if (auto card = store::get_card(c, *stay->card_id)) s.card = check_card(*card, lane, key, a.at);
        }
        facts.stay = s;
        facts.visitor_fee = a.tariffs ? fee_by(*a.tariffs, *stay, zone, a.at) : fee_of(c, *stay, zone, a.at);
    } else if (!rules::no_plate(a.plate)) {
        facts.card = card_for(c, lane, key, a);
    }
    auto d = rules::decide_exit(facts);
    Outcome out{d.decision, d.reason, d.fee_cents, std::nullopt, std::nullopt, std::nullopt, a.plate, ""};
    if (stay) out.visit_id = stay->id;
    std::string exit_method = a.opened_offline ? "offline" : a.method == "camera" ? "camera" : "manual";

    if (d.records_exit) {
        Visit v;
        v.site_id = lane.site_id;
        v.lot_id = lane.lot_id;
        v.plate = a.plate;
        v.status = "exited";
        v.category = "card";
        v.card_id = facts.card->card_id;
        v.entry_method = "none";
        v.exit_lane_id = lane.id;
        v.exit_at = a.at;
        v.exit_method = exit_method;
        v.exit_by = a.user_id;
        v.charged_as = "card";
        v.free_category = "card";
        v.remarks = "無進場記錄，停車卡有效放行";
        out.visit_id = store::insert_visit(c, v, now);
        out.message = "一路順風";
        return out;
    }
    if (d.holds) {
        Visit v;
        v.site_id = lane.site_id;
        v.lot_id = lane.lot_id;
        v.plate = a.plate;
        v.status = "held";
        v.category = "visitor";
        v.entry_method = "none";
        v.exit_lane_id = lane.id;
        v.id = store::insert_visit(c, v, now);
        Hold h;
        h.site_id = lane.site_id;
        h.visit_id = v.id;
        h.lane_id = lane.id;
        h.reason = d.reason;
        h.note = "出口無進場記錄";
        h.held_at = now;
        h.held_by = a.user_id;
        h.id = store::insert_hold(c, h, now);
        tell_team_leads(c, h, a.plate, a.user_id, now);
        out.visit_id = v.id;
        out.hold = store::get_hold(c, h.id);
        out.message = "請稍候 管理員處理";
        return out;
    }
    if (!stay) {
        out.message = d.reason == "no_plate" ? "請稍候" : "";
        return out;
    }
    Visit v = *stay;
    if (d.reason == "held") {
        out.hold = store::open_hold_of_visit(c, v.id);
        out.message = "請稍候 管理員處理";
        return out;
    }
    v.exit_lane_id = lane.id;
    v.charged_as = d.charged_as;
    if (!d.visitor_reason.empty()) v.visitor_reason = d.visitor_reason;
    if (v.entry_at) {
        auto versions = a.tariffs ? *a.tariffs : store::tariffs_of_lot(c, v.lot_id);
        if (const Tariff* t = tariff_at(versions, *v.entry_at)) v.tariff_id = t->id;
    }
    if (d.closes_stay) {
        v.status = "exited";
        v.exit_at = a.at;
        v.exit_method = exit_method;
        v.exit_by = a.user_id;
        v.fee_cents = 0;
        v.free_category = d.free_category;
        if (d.free_category == "policy")
            v.remarks = "政策性免費（軍警車輛）";
        else if (d.free_category == "free_period")
            v.remarks = "停放時間不足收費";
        out.message = "一路順風";
    } else {
        // fee_due: the stay waits at the barrier for the attendant to take the fee.
        v.status = "exiting";
        v.fee_cents = d.fee_cents;
        v.exit_method = exit_method;
        if (a.opened_offline) {
            v.exit_at = a.at;
            v.remarks = "相機離線時已開閘，費用待收";
        }
        out.message = "請繳費 " + money_text(d.fee_cents) + "元";
    }
    if (!store::update_visit(c, v, v.version, now))
        // Someone (an attendant's hold) changed the stay while this was decided: the decision is
        // void. Raised as the conflict the camera path already retries on.
        throw db::DbError(db::ErrorKind::unique_violation, "the stay changed while the gate decided");
    return out;
}

// The stay as the staff's pages show it (with names), read once the decision is applied.
Outcome with_record(db::Conn& c, Outcome out, const Arrival& a) {
    if (a.want_record && out.visit_id) out.visit = store::get_visit(c, *out.visit_id);
    return out;
}

}  // namespace

Outcome at_entry(db::Conn& c, const Lane& lane, const std::string& zone, const Arrival& a, EpochMs now) {
    return with_record(c, entry_outcome(c, lane, zone, a, now), a);
}

Outcome at_exit(db::Conn& c, const Lane& lane, const std::string& zone, const Arrival& a, EpochMs now) {
    return with_record(c, exit_outcome(c, lane, zone, a, now), a);
}

void settle(
    db::Conn& c, Visit& v, const std::optional<Payment>& pay, int64_t user, const std::string& zone, EpochMs now) {
    if (pay && pay->amount_cents > 0) {
        v.paid_cents = pay->amount_cents;
        v.payment_method = pay->method;
        v.payment_ref = pay->reference;
        v.paid_at = now;
        v.paid_by = user;
        v.receipt_no = next_receipt_no(c, v.site_id, zone, now);
    }
    v.status = "exited";
    if (!v.exit_at) v.exit_at = now;
    v.exit_by = user;
    if (v.exit_method.empty()) v.exit_method = "manual";
    if (v.exit_lane_id) open_lane(c, v.site_id, *v.exit_lane_id, "paid", v.id, user, now);
}

}  // namespace propdesk::parking::gate
