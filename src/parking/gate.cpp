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
rules::CardCheck check_card(const Card& card, int64_t lot_id, const std::string& key, EpochMs at) {
    std::string problem = rules::card_problem(card, key, at);
    if (problem.empty() && card.lot_id != lot_id) problem = "card_mismatch";
    return {card.id, problem};
}

// The stay's own card, checked again when it leaves (PK-4).
std::optional<rules::CardCheck> stay_card(db::Conn& c, const Visit& v, EpochMs at) {
    if (!v.card_id) return std::nullopt;
    auto card = store::get_card(c, *v.card_id);
    if (!card) return std::nullopt;
    return check_card(*card, v.lot_id, v.plate_key.empty() ? rules::plate_key(v.plate) : v.plate_key, at);
}

std::optional<rules::CardCheck> card_for(db::Conn& c, const Lane& lane, const std::string& key, const Arrival& a) {
    if (a.method == "card" && !a.card_no.empty()) {
        auto card = store::card_by_no(c, lane.site_id, a.card_no);
        if (!card) return std::nullopt;
        return check_card(*card, lane.lot_id, key, a.at);
    }
    std::optional<rules::CardCheck> best;
    for (const auto& card : store::cards_for_plate(c, lane.site_id, key, a.at)) {
        auto check = check_card(card, lane.lot_id, key, a.at);
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

// PK-7: a stay whose exit the camera reported offline: closed at that time, free if the rules say
// so, else gone with its fee left for the attendant to settle (no longer inside).
void close_offline(
    db::Conn& c, Visit& v, int64_t exit_lane_id, EpochMs exit_at, const Arrival& a, const std::string& zone) {
    auto versions = a.tariffs ? *a.tariffs : store::tariffs_of_lot(c, v.lot_id);
    auto charge = charge_at(c, v, zone, exit_at, versions);
    apply_charge(v, charge);
    if (v.entry_at)
        if (const Tariff* t = tariff_at(versions, *v.entry_at)) v.tariff_id = t->id;
    v.exit_lane_id = exit_lane_id;
    v.exit_at = exit_at;
    v.exit_method = "offline";
    if (charge.free_category) {
        v.status = "exited";
    } else {
        v.status = "exiting";
        v.remarks = "相機離線時已開閘，費用待收";
    }
}

Outcome entry_outcome(db::Conn& c, const Lane& lane, const std::string& zone, const Arrival& a, EpochMs now) {
    std::string key = rules::plate_key(a.plate);
    rules::EntryFacts facts;
    facts.plate = a.plate;
    facts.goods_flag = a.goods_flag;
    facts.opened_offline = a.opened_offline;
    std::optional<Visit> inside;
    auto place = rules::OfflineEntry::new_stay;
    std::optional<store::OrphanExit> orphan;
    if (!rules::no_plate(a.plate)) {
        inside = store::open_visit(c, lane.site_id, key);
        facts.already_inside = inside.has_value();
        facts.card = card_for(c, lane, key, a);
        // PK-7: an offline record is placed by the camera's time; an open stay that entered later
        // is another stay, not this car inside.
        if (a.offline && (!inside || inside->entry_at)) {
            std::optional<EpochMs> open_at = inside ? inside->entry_at : std::nullopt;
            if (!open_at || *open_at > a.at) orphan = store::orphan_exit_after(c, lane.site_id, key, a.at);
            place = rules::place_offline_entry(a.at, open_at, orphan ? std::optional(orphan->exit_at) : std::nullopt);
            facts.already_inside = place == rules::OfflineEntry::already_inside;
        }
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
    if (place == rules::OfflineEntry::closed_by_later_exit && v.status == "inside") {
        v.plate_key = key;
        close_offline(c, v, orphan->lane_id, orphan->exit_at, a, zone);
    } else if (place == rules::OfflineEntry::earlier_stay && v.status == "inside") {
        v.status = "exited";
        v.remarks = "離線記錄：出場時間待相機補報";
    }
    v.id = store::insert_visit(c, v, now);
    if (place == rules::OfflineEntry::closed_by_later_exit && orphan) store::match_orphan_exit(c, orphan->id, v.id);
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
    bool orphan = false;
    if (a.offline && !rules::no_plate(a.plate)) {
        // PK-7: placed by the camera's time. An open stay that entered after this exit is a later
        // stay; the exit belongs to an earlier one whose exit was unknown, or waits for its entry.
        std::optional<EpochMs> open_at = stay ? stay->entry_at : std::nullopt;
        if (stay && !open_at) open_at = a.at;  // a stay with no entry record (held at the exit)
        auto earlier =
            open_at && *open_at <= a.at ? std::nullopt : store::exit_unknown_stay(c, lane.site_id, key, a.at);
        auto place = rules::place_offline_exit(a.at, open_at, earlier.has_value());
        if (place == rules::OfflineExit::closes_earlier) {
            Visit v = *earlier;
            close_offline(c, v, lane.id, a.at, a, zone);
            if (!store::update_visit(c, v, v.version, now))
                throw db::DbError(db::ErrorKind::unique_violation, "the stay changed while the gate decided");
            Outcome out{"reconciled", "earlier_stay", v.fee_cents, v.id, std::nullopt, std::nullopt, a.plate, ""};
            return out;
        }
        if (place == rules::OfflineExit::orphan) {
            stay.reset();
            orphan = true;
        }
    }
    if (stay) {
        rules::OpenStay s{stay->status, stay->category, stay->entry_at.value_or(a.at), std::nullopt};
        if (stay->card_id) {
            if (auto card = store::get_card(c, *stay->card_id)) s.card = check_card(*card, lane.lot_id, key, a.at);
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
        // PK-7: kept until its entry arrives from the backlog, which it then closes.
        if (orphan && d.reason == "no_entry") store::insert_orphan_exit(c, lane, a.plate, a.at, now);
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

rules::StayCharge charge_now(db::Conn& c, const Visit& v, const std::string& zone, EpochMs now) {
    return charge_at(c, v, zone, now, store::tariffs_of_lot(c, v.lot_id));
}

rules::StayCharge charge_at(
    db::Conn& c, const Visit& v, const std::string& zone, EpochMs now, const std::vector<Tariff>& versions) {
    if (!v.entry_at) {
        rules::StayCharge charge;
        charge.reason = "no_entry";
        charge.charged_as = "visitor";
        charge.visitor_reason = "no_card";
        auto lot = store::get_lot(c, v.lot_id);
        charge.fee_cents = rules::no_entry_fee(tariff_at(versions, now), lot ? lot->no_entry_days : 1, now, zone);
        if (charge.fee_cents == 0) charge.free_category = "free_period";
        return charge;
    }
    rules::OpenStay s{v.status, v.category, *v.entry_at, stay_card(c, v, now)};
    return rules::stay_charge(s, fee_by(versions, v, zone, now));
}

void apply_charge(Visit& v, const rules::StayCharge& charge) {
    v.fee_cents = charge.fee_cents;
    v.charged_as = charge.charged_as;
    if (!charge.visitor_reason.empty()) v.visitor_reason = charge.visitor_reason;
    if (charge.free_category) v.free_category = charge.free_category;
}

void leave_free(db::Conn& c,
                Visit& v,
                const std::string& category,
                std::optional<int64_t> approver,
                const std::string& remark,
                int64_t user,
                EpochMs now) {
    // PK-6: never charged; the category, the approver and the reason go into the register.
    v.status = "exited";
    v.free_category = category;
    v.approved_by = approver;
    v.paid_cents = 0;
    v.fee_cents = 0;
    v.payment_method.reset();
    v.remarks = v.remarks.empty() ? remark : v.remarks + "；" + remark;
    if (!v.exit_at) v.exit_at = now;
    v.exit_by = user;
    if (v.exit_method.empty()) v.exit_method = "manual";
    if (v.exit_lane_id) open_lane(c, v.site_id, *v.exit_lane_id, "free exit: " + category, v.id, user, now);
    tell_booths(c, v, "freed", approver ? *approver : user, now);
}

std::optional<rules::WaitingStay> waiting_at(db::Conn& c, int64_t site_id, int64_t lane_id) {
    auto v = store::waiting_at_lane(c, site_id, lane_id);
    if (!v) return std::nullopt;
    return rules::WaitingStay{v->id, v->plate, v->status};
}

rules::PaymentTaken check_payment(const Payment& p, int64_t fee_cents, const std::string& prefix) {
    auto taken = rules::take_payment({p.method, fee_cents, p.amount_cents, p.received_cents, p.reference});
    if (taken.refusal) {
        Refusal r = *taken.refusal;
        r.field = prefix + r.field;
        raise(r);
    }
    return taken;
}

void tell_booths(db::Conn& c, const Visit& v, const std::string& kind, std::optional<int64_t> by, EpochMs now) {
    store::insert_lane_change(c, LaneChange{0, v.site_id, v.exit_lane_id, v.id, v.plate, kind, by, now, ""});
}

void settle(db::Conn& c,
            Visit& v,
            const std::optional<Payment>& pay,
            int64_t user,
            const std::string& zone,
            EpochMs now,
            const std::string& told_as) {
    if (pay && pay->amount_cents > 0) {
        auto taken = check_payment(*pay, pay->amount_cents, "");
        v.paid_cents = pay->amount_cents;
        v.payment_method = pay->method;
        v.payment_ref = pay->method == "electronic" ? pay->reference : "";
        v.payment_scheme = pay->method == "electronic" ? pay->scheme : "";
        v.received_cents = taken.received_cents;
        v.change_cents = taken.change_cents;
        v.paid_at = now;
        v.paid_by = user;
        v.receipt_no = next_receipt_no(c, v.site_id, zone, now);
    }
    v.status = "exited";
    if (!v.exit_at) v.exit_at = now;
    v.exit_by = user;
    if (v.exit_method.empty()) v.exit_method = "manual";
    if (v.exit_lane_id) open_lane(c, v.site_id, *v.exit_lane_id, "paid", v.id, user, now);
    tell_booths(c, v, told_as, user, now);
}

}  // namespace propdesk::parking::gate
