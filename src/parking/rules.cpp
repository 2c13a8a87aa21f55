#include "parking/rules.hpp"

#include <algorithm>
#include <unordered_map>

#include "platform/search/fold.hpp"
#include "platform/text/text.hpp"

namespace propdesk::parking::rules {
namespace {

bool contains(std::string_view s, std::string_view part) {
    return s.find(part) != std::string_view::npos;
}

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

}  // namespace

namespace {

std::string compute_plate_key(std::string_view plate) {
    std::string folded = search::simplified_chars(plate);
    std::string out;
    out.reserve(folded.size());
    for (size_t i = 0; i < folded.size(); ++i) {
        char ch = folded[i];
        if (ch == ' ' || ch == '-' || ch == '.' || ch == '\t') continue;
        // U+00B7 middle dot, as printed on plates: C2 B7.
        if (static_cast<unsigned char>(ch) == 0xC2 && i + 1 < folded.size() &&
            static_cast<unsigned char>(folded[i + 1]) == 0xB7) {
            ++i;
            continue;
        }
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
        out.push_back(ch);  // ASCII upper-case, Simplified
    }
    return out;
}

}  // namespace

std::string plate_key(std::string_view plate) {
    // OpenCC is the costly part and a gate sees the same plates again and again (each card's
    // plates at every check), so each thread remembers recent answers.
    thread_local std::unordered_map<std::string, std::string> memo;
    std::string text(plate);
    if (auto it = memo.find(text); it != memo.end()) return it->second;
    if (memo.size() >= 4096) memo.clear();
    return memo.emplace(std::move(text), compute_plate_key(plate)).first->second;
}

bool no_plate(std::string_view plate) {
    return plate.empty() || plate == "_无_" || plate == "_無_" || plate == "无" || plate == "無";
}

bool military_police_plate(std::string_view plate) {
    std::string key = plate_key(plate);
    return ends_with(key, "警") || contains(key, "军") || key.rfind("WJ", 0) == 0;
}

std::string card_problem(const Card& card, std::string_view key, EpochMs at) {
    if (card.status == "suspended") return "card_suspended";
    if (at < card.valid_from || at >= card.valid_to) return "card_expired";
    bool bound =
        std::any_of(card.plates.begin(), card.plates.end(), [&](const std::string& p) { return plate_key(p) == key; });
    return bound ? "" : "card_mismatch";
}

EntryDecision decide_entry(const EntryFacts& f) {
    EntryDecision d;
    if (no_plate(f.plate)) {
        d.decision = f.opened_offline ? "reconciled" : "hold";
        d.reason = "no_plate";
        return d;
    }
    if (f.already_inside) {
        // Shown to the attendant, never a second stay (PK-3).
        d.decision = f.opened_offline ? "reconciled" : "refuse";
        d.reason = "already_inside";
        return d;
    }
    if (!f.goods_flag.empty()) {
        d.decision = "refuse";
        d.reason = "dangerous_goods";
        d.refused_stay = true;
        d.category = f.card && f.card->problem.empty() ? "card" : "visitor";
        if (f.card) d.card_id = f.card->card_id;
        return d;
    }
    d.opens_stay = true;
    d.decision = f.opened_offline ? "reconciled" : "open";
    if (military_police_plate(f.plate)) {
        d.category = "military_police";
        d.reason = "military_police";
        d.incident = true;
        return d;
    }
    if (f.card && f.card->problem.empty()) {
        d.category = "card";
        d.card_id = f.card->card_id;
        d.reason = "card";
        return d;
    }
    d.category = "visitor";
    d.issue_pass = true;
    if (f.card) {
        d.card_id = f.card->card_id;
        d.visitor_reason = f.card->problem;
        d.reason = f.card->problem;
    } else {
        d.visitor_reason = "no_card";
        d.reason = "visitor";
    }
    return d;
}

ExitDecision decide_exit(const ExitFacts& f) {
    ExitDecision d;
    if (no_plate(f.plate)) {
        d.decision = f.opened_offline ? "reconciled" : "hold";
        d.reason = "no_plate";
        return d;
    }
    if (!f.stay) {
        if (f.card && f.card->problem.empty()) {
            // A resident whose entry never reached the server (the camera let them in from its
            // whitelist while cut off): a valid card is the record; holding them would be wrong.
            d.decision = f.opened_offline ? "reconciled" : "open";
            d.reason = "card_no_entry";
            d.charged_as = "card";
            d.free_category = "card";
            d.records_exit = true;
            return d;
        }
        if (f.opened_offline) {
            d.decision = "reconciled";
            d.reason = "no_entry";
            return d;
        }
        d.decision = "hold";
        d.reason = "no_entry";
        d.holds = true;
        return d;
    }
    const OpenStay& s = *f.stay;
    if (s.status == "held") {
        d.decision = f.opened_offline ? "reconciled" : "hold";
        d.reason = "held";
        return d;
    }
    auto charge = stay_charge(s, f.visitor_fee);
    d.reason = charge.reason;
    d.charged_as = charge.charged_as;
    d.visitor_reason = charge.visitor_reason;
    d.free_category = charge.free_category;
    if (charge.free_category) {
        d.decision = f.opened_offline ? "reconciled" : "open";
        d.closes_stay = true;
        return d;
    }
    // Barrier stays down until the attendant takes the fee; a car the camera let out offline is
    // not charged again, but its unpaid fee is left for the attendant to settle.
    d.decision = f.opened_offline ? "reconciled" : "hold";
    d.fee_cents = charge.fee_cents;
    return d;
}

OfflineEntry place_offline_entry(EpochMs at,
                                 std::optional<EpochMs> open_entry_at,
                                 std::optional<EpochMs> orphan_exit_at) {
    if (open_entry_at && *open_entry_at <= at) return OfflineEntry::already_inside;
    if (orphan_exit_at && *orphan_exit_at >= at && (!open_entry_at || *orphan_exit_at <= *open_entry_at))
        return OfflineEntry::closed_by_later_exit;
    return open_entry_at ? OfflineEntry::earlier_stay : OfflineEntry::new_stay;
}

OfflineExit place_offline_exit(EpochMs at, std::optional<EpochMs> open_entry_at, bool earlier_stay_open) {
    if (open_entry_at && *open_entry_at <= at) return OfflineExit::closes_open;
    return earlier_stay_open ? OfflineExit::closes_earlier : OfflineExit::orphan;
}

StayCharge stay_charge(const OpenStay& s, const Fee& visitor_fee) {
    StayCharge c;
    if (s.category == "military_police") {
        c.reason = "policy";
        c.free_category = "policy";
        return c;
    }
    if (s.category == "card" && s.card && s.card->problem.empty()) {
        c.reason = "card";
        c.charged_as = "card";
        c.free_category = "card";
        return c;
    }
    c.charged_as = "visitor";
    // A visitor whose card was renewed while parked keeps the reason recorded at entry ("").
    if (s.card && !s.card->problem.empty())
        c.visitor_reason = s.card->problem;
    else if (!s.card)
        c.visitor_reason = "no_card";
    if (visitor_fee.free_period || visitor_fee.cents == 0) {
        c.reason = "free_period";
        c.free_category = "free_period";
        return c;
    }
    c.reason = "fee_due";
    c.fee_cents = visitor_fee.cents;
    return c;
}

int64_t no_entry_fee(const Tariff* in_force, int64_t days, EpochMs now, const std::string& zone) {
    if (!in_force || days <= 0) return 0;
    if (in_force->daily_cap_cents > 0) return in_force->daily_cap_cents * days;
    return stay_fee(*in_force, now - days * 86'400'000LL, now, zone).cents;
}

LaneOpen lane_open(const LaneOpenFacts& f) {
    const auto& blocking = f.named && f.named->status == "held" ? f.named : f.waiting;
    if (!blocking) return {};
    if (f.team_lead) return {std::nullopt, true};
    if (blocking->status == "held")
        return {not_now("vehicle_held", blocking->plate + " is held: only the team lead's release lets it out (PK-8)")
                    .with("plate", blocking->plate)
                    .with("visit_id", blocking->visit_id),
                false};
    return {not_now("vehicle_waiting", blocking->plate + " waits at this barrier with its fee due; take the fee (PK-5)")
                .with("plate", blocking->plate)
                .with("visit_id", blocking->visit_id),
            false};
}

FreeApprover free_exit_approver(std::string_view category, std::string_view policy_class, bool requester_is_team_lead) {
    if (category == "approved") return FreeApprover::manager;
    if (!policy_class.empty()) return FreeApprover::none;
    return requester_is_team_lead ? FreeApprover::none : FreeApprover::team_lead;
}

std::optional<Refusal> free_decision_refusal(const FreeRequest& r,
                                             const FreeDecider& d,
                                             std::string_view policy_class) {
    if (r.status != "pending")
        return not_now("already_decided", "this request was already " + r.status).with("status", r.status);
    if (d.user_id == r.requested_by)
        return not_now("self_approval", "a free exit is approved by someone other than the one who asked (PK-6)");
    auto needs = free_exit_approver(r.category, policy_class, false);
    if (needs == FreeApprover::manager && !d.manager)
        return not_now("not_approver", "only a manager approves a free exit (公司領導批準, PK-6)");
    if (needs == FreeApprover::team_lead && !d.team_lead && !d.manager)
        return not_now("not_approver", "only the team lead confirms a policy free exit (PK-6)");
    return std::nullopt;
}

std::string free_remark(std::string_view category,
                        std::string_view policy_class,
                        std::string_view approver_name,
                        std::string_view reason) {
    std::string out;
    if (category == "approved") {
        out = "領導批准免費（批准人：" + std::string(approver_name) + "）";
    } else if (!policy_class.empty()) {
        static const std::pair<std::string_view, const char*> kNames[] = {
            {"ambulance", "救護車"}, {"fire", "消防車"},         {"police", "警車"},
            {"military", "軍車"},    {"government", "政府車輛"}, {"utility", "公用事業車輛"}};
        const char* name = "登記車輛";
        for (const auto& [k, v] : kNames)
            if (k == policy_class) name = v;
        out = std::string("政策性免費（") + name + "，登記在冊）";
    } else {
        out = "政策性免費（班長確認：" + std::string(approver_name) + "）";
    }
    if (!text::is_blank(reason)) out += "：" + std::string(text::trim(reason));
    return out;
}

std::optional<Refusal> goods_check_refusal(std::optional<bool> checked, std::string_view flag) {
    if (!flag.empty() || (checked && *checked)) return std::nullopt;
    return invalid_value("required", "goods_checked",
                         "check for flammable, explosive or toxic goods and record the answer (PK-1)");
}

std::optional<Refusal> pass_refusal(bool has_pass, bool returned, std::string_view lost_note) {
    if (!has_pass || returned || !text::is_blank(lost_note)) return std::nullopt;
    return invalid_value("pass_unrecorded", "pass_returned",
                         "take back the visitor pass, or record it as lost with a note (PK-5)");
}

std::optional<Refusal> incident_close_refusal(const Incident& i, std::string_view outcome) {
    if (i.status == "closed") return not_now("incident_closed", "the incident is already closed");
    bool authority_case = i.kind == "gate_crash" || i.kind == "abandoned" || i.kind == "military_police";
    if (authority_case && (!i.authority_notified_at || text::is_blank(i.authority)))
        return not_now("authority_not_told", "record which authority was told, and when, before closing (PK-9)")
            .with("kind", i.kind);
    if (text::is_blank(outcome)) return invalid_value("required", "outcome", "record the outcome");
    return std::nullopt;
}

std::string post_of_lane(const Lane& l) {
    return text::is_blank(l.booth) ? l.name : std::string(text::trim(l.booth));
}

bool understaffed(int64_t passes_last_hour, int64_t on_post, const Lot& lot) {
    return lot.peak_per_hour > 0 && passes_last_hour >= lot.peak_per_hour && on_post < lot.peak_min_staff;
}

std::optional<Refusal> release_refusal(const ReleaseEvidence& e) {
    if (text::is_blank(e.verification_note))
        return invalid_value("required", "verification_note", "record how the driver was verified (PK-8)");
    if (!e.licence) return invalid_value("required", "licence_file_id", "attach the driving licence copy (PK-8)");
    if (!e.id_card) return invalid_value("required", "id_file_id", "attach the ID card copy (PK-8)");
    if (!e.statement) return invalid_value("required", "statement_file_id", "attach the signed statement (PK-8)");
    if (*e.id_card == *e.licence)
        return invalid_value("same_file", "id_file_id", "the ID card copy is a different file from the licence copy")
            .with("purpose", std::string("licence"));
    if (*e.statement == *e.licence || *e.statement == *e.id_card)
        return invalid_value("same_file", "statement_file_id", "the signed statement is a file of its own")
            .with("purpose", std::string(*e.statement == *e.licence ? "licence" : "id_card"));
    if (!e.fee_settled) return invalid_value("required", "payment", "take the fee due before the release (PK-8)");
    return std::nullopt;
}

std::optional<ShiftWindow> shift_window(std::string_view shift) {
    if (shift == "morning") return ShiftWindow{7 * 60, 15 * 60};
    if (shift == "afternoon") return ShiftWindow{15 * 60, 23 * 60};
    if (shift == "night") return ShiftWindow{23 * 60, 7 * 60};
    return std::nullopt;
}

std::string shift_at(int minute_of_day) {
    if (minute_of_day >= 7 * 60 && minute_of_day < 15 * 60) return "morning";
    if (minute_of_day >= 15 * 60 && minute_of_day < 23 * 60) return "afternoon";
    return "night";
}

bool handover_balances(int64_t counted_cents, int64_t system_cents, std::string_view difference_note) {
    if (counted_cents == system_cents) return true;
    return !text::is_blank(difference_note);
}

PaymentTaken take_payment(const PaymentFacts& f) {
    PaymentTaken out;
    if (f.amount_cents != f.fee_cents) {
        out.refusal = invalid_value("wrong_amount", "amount_cents", "the amount must be the fee due")
                          .with("due_cents", f.fee_cents);
        return out;
    }
    int64_t received = f.received_cents.value_or(f.amount_cents);
    if (f.method == "electronic") {
        if (text::is_blank(f.reference))
            out.refusal = invalid_value("required", "reference", "record the electronic payment's reference");
        else if (received != f.amount_cents)
            out.refusal = invalid_value("not_applicable", "received_cents",
                                        "an electronic payment receives exactly the fee; there is no change");
    } else if (received < f.fee_cents) {
        out.refusal = invalid_value("amount_short", "received_cents", "the cash received is less than the fee due")
                          .with("due_cents", f.fee_cents)
                          .with("received_cents", received)
                          .with("short_cents", f.fee_cents - received);
    }
    if (out.refusal) return out;
    out.received_cents = received;
    out.change_cents = received - f.amount_cents;
    return out;
}

std::optional<Refusal> handover_take_refusal(const Handover& h, int64_t taker, bool taker_is_attendant) {
    if (h.taken_by) return not_now("handover_taken", "the shift was already taken over").with("name", h.taken_by_name);
    if (taker == h.handed_by)
        return not_now("handover_own", "the next attendant takes the shift over, not the one who handed it over");
    if (h.supervisor_id && taker == *h.supervisor_id)
        return not_now("handover_supervisor", "the supervisor who signed does not also take the shift over");
    if (!taker_is_attendant) return not_now("handover_not_attendant", "the attendant of the next shift takes it over");
    return std::nullopt;
}

std::optional<Refusal> handover_sign_refusal(const Handover& h,
                                             int64_t signer,
                                             int64_t system_cash_cents,
                                             std::string_view difference_note) {
    if (h.supervisor_id)
        return not_now("handover_signed", "the handover is already signed").with("name", h.supervisor_name);
    if (signer == h.handed_by || (h.taken_by && signer == *h.taken_by))
        return not_now("handover_signer_on_shift",
                       "the supervisor signs another shift's handover, not one they handed or took over");
    if (!handover_balances(h.cash_cents, system_cash_cents, difference_note))
        return invalid_value("difference_unexplained", "difference_note",
                             "the cash counted differs from the system's; explain the difference before signing")
            .with("system_cash_cents", system_cash_cents)
            .with("difference_cents", h.cash_cents - system_cash_cents);
    return std::nullopt;
}

std::string handover_status(const Handover& h) {
    if (h.supervisor_id) return "signed";
    return h.taken_by ? "taken" : "handed";
}

}  // namespace propdesk::parking::rules
