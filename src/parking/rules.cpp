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
    if (s.category == "military_police") {
        d.decision = f.opened_offline ? "reconciled" : "open";
        d.reason = "policy";
        d.free_category = "policy";
        d.closes_stay = true;
        return d;
    }
    if (s.category == "card" && s.card && s.card->problem.empty()) {
        d.decision = f.opened_offline ? "reconciled" : "open";
        d.reason = "card";
        d.charged_as = "card";
        d.free_category = "card";
        d.closes_stay = true;
        return d;
    }
    d.charged_as = "visitor";
    // A visitor whose card was renewed while parked keeps the reason recorded at entry ("").
    if (s.card && !s.card->problem.empty())
        d.visitor_reason = s.card->problem;
    else if (!s.card)
        d.visitor_reason = "no_card";
    if (f.visitor_fee.free_period || f.visitor_fee.cents == 0) {
        d.decision = f.opened_offline ? "reconciled" : "open";
        d.reason = "free_period";
        d.free_category = "free_period";
        d.closes_stay = true;
        return d;
    }
    // Barrier stays down until the attendant takes the fee; a car the camera let out offline is
    // not charged again, but its unpaid fee is left for the attendant to settle.
    d.decision = f.opened_offline ? "reconciled" : "hold";
    d.reason = "fee_due";
    d.fee_cents = f.visitor_fee.cents;
    return d;
}

std::string release_missing(const ReleaseEvidence& e) {
    if (!e.verified) return "verification";
    if (!e.licence) return "licence_file_id";
    if (!e.id_card) return "id_file_id";
    if (!e.statement) return "statement_file_id";
    if (!e.fee_settled) return "fee";
    return "";
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

}  // namespace propdesk::parking::rules
