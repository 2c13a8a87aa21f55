#include "repair/rules.hpp"

#include <algorithm>
#include <cstdio>

#include "desk/rules.hpp"
#include "platform/search/fold.hpp"
#include "platform/text/text.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::repair::rules {

desk::Case raised_case(desk::Case v, int64_t repair_id, EpochMs now, const desk::Policy& p, int64_t engineering) {
    v = desk::rules::dispatched(v, engineering, std::nullopt, now, p);
    v.status = "dispatched";
    v.repair_request_id = repair_id;
    return v;
}

EpochMs immediate_deadline(EpochMs requested_at) {
    return requested_at + kImmediateMs;
}

bool arrival_overdue(const Repair& r, EpochMs now) {
    if (r.status != "recorded" && r.status != "assigned") return false;
    return now > r.due_at + (r.mode == "appointment" ? kToleranceMs : 0);
}

bool arrival_missed(const Repair& r, EpochMs now) {
    return r.mode == "immediate" && !r.arrival_missed_at && arrival_overdue(r, now);
}

std::string_view punctuality_name(Punctuality p) {
    switch (p) {
        case Punctuality::on_time:
            return "on_time";
        case Punctuality::early:
            return "early";
        case Punctuality::late:
            return "late";
    }
    return "on_time";
}

Punctuality punctuality(std::string_view mode, EpochMs expected_at, EpochMs arrived_at) {
    if (mode == "immediate") return arrived_at <= expected_at ? Punctuality::on_time : Punctuality::late;
    if (arrived_at < expected_at - kToleranceMs) return Punctuality::early;
    if (arrived_at > expected_at + kToleranceMs) return Punctuality::late;
    return Punctuality::on_time;
}

std::optional<int> minute_of_day(std::string_view s) {
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    for (int i : {0, 1, 3, 4})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    int h = (s[0] - '0') * 10 + (s[1] - '0');
    int m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

SlotResult slot_of(std::string_view date, std::string_view start, std::string_view end, const std::string& zone) {
    auto s = minute_of_day(start);
    if (!s) return {std::nullopt, SlotProblem{"slot.start", "the start must be a time HH:MM"}};
    auto e = minute_of_day(end);
    if (!e) return {std::nullopt, SlotProblem{"slot.end", "the end must be a time HH:MM"}};
    auto from = timefmt::local_time(date, *s, zone);
    if (!from) return {std::nullopt, SlotProblem{"slot.date", "the date must be a real date YYYY-MM-DD"}};
    // An end at or before the start is the next morning: its date is the day after.
    std::string end_date(date);
    if (*e <= *s) {
        auto day = timefmt::local_day_start(date, zone);
        end_date = timefmt::local_date(timefmt::next_day_start(*day, zone), zone);
    }
    auto to = timefmt::local_time(end_date, *e, zone);
    if (!to || *to <= *from) return {std::nullopt, SlotProblem{"slot.end", "the slot must end after it starts"}};
    return {Slot{*from, *to}, std::nullopt};
}

namespace {
struct Step {
    Action action;
    const char* name;
    bool technician;
};
constexpr Step kSteps[] = {
    {Action::assign, "assign", false},
    {Action::check_in, "check_in", true},
    {Action::no_one_home, "no_one_home", true},
    {Action::rebook, "rebook", false},
    {Action::propose, "propose", true},
    {Action::consent, "consent", true},
    {Action::start, "start", true},
    {Action::material, "material", true},
    {Action::complete, "complete", true},
    {Action::close, "close", false},
    {Action::note, "note", false},
    {Action::return_visit, "return_visit", false},
};

using text::is_blank;

using text::is_one_of;
}  // namespace

std::string_view action_name(Action a) {
    for (const auto& s : kSteps)
        if (s.action == a) return s.name;
    return "";
}

std::optional<Action> parse_action(std::string_view name) {
    for (const auto& s : kSteps)
        if (name == s.name) return s.action;
    return std::nullopt;
}

bool by_technician(Action a) {
    for (const auto& s : kSteps)
        if (s.action == a) return s.technician;
    return false;
}

bool is_open(std::string_view status) {
    return !is_one_of(status, {"completed", "return_visited", "closed"});
}

std::optional<std::string> next_status(std::string_view from, Action a, bool yes) {
    const bool agreed = yes;
    switch (a) {
        case Action::assign:
            if (is_one_of(from, {"recorded", "assigned"})) return "assigned";
            break;
        case Action::check_in:
            if (from == "assigned") return "on_site";
            break;
        case Action::no_one_home:
            if (from == "on_site") return "rebook";
            break;
        case Action::rebook:
            // After nobody was home, a reopening, or a survey whose work needs another visit.
            if (is_one_of(from, {"rebook", "proposed", "consented"})) return "assigned";
            break;
        case Action::propose:
            if (from == "on_site") return "proposed";
            break;
        case Action::consent:
            if (from == "proposed") return agreed ? "consented" : "on_site";
            break;
        case Action::start:
            if (is_one_of(from, {"on_site", "consented"})) return "in_progress";
            break;
        case Action::material:
            if (is_one_of(from, {"on_site", "proposed", "consented", "in_progress"})) return std::string(from);
            break;
        case Action::complete:
            if (from == "in_progress") return "completed";
            break;
        case Action::close:
            if (is_open(from)) return "closed";
            break;
        case Action::note:
            if (from != "closed") return std::string(from);
            break;
        case Action::return_visit:
            // Not fixed after all: back to the desk for a new visit (MT-4.0).
            if (from == "completed") return yes ? "return_visited" : "rebook";
            break;
    }
    return std::nullopt;
}

std::optional<Refusal> start_refusal(const Repair& r) {
    if (r.simple || r.consent_at) return std::nullopt;
    return not_now("consent_required", "record the resident's agreement to the proposal before starting work (MT-3.2)");
}

std::optional<Refusal> close_refusal(std::string_view reason) {
    if (is_blank(reason))
        return invalid_value("required", "reason",
                             "a request is never rejected: record the explanation given to the resident");
    return std::nullopt;
}

std::optional<Refusal> wait_refusal(EpochMs arrived_at, EpochMs now, int64_t min_wait_minutes) {
    int64_t needed = min_wait_minutes * kMinuteMs;
    if (now - arrived_at >= needed) return std::nullopt;
    int64_t left_s = (needed - (now - arrived_at) + 999) / 1000;
    return not_now("wait_not_over", "wait at least " + std::to_string(min_wait_minutes) +
                                        " minutes at the door before leaving (" + std::to_string(left_s) + " s left)")
        .with("minutes", min_wait_minutes)
        .with("seconds", left_s);
}

std::optional<Refusal> material_refusal(const Material& m) {
    if (is_blank(m.name)) return invalid_value("required", "name", "name the material");
    if (m.source == "resident") {
        if (!m.quality_ok)
            return invalid_value("required", "quality_ok",
                                 "check the resident's material and record whether it is good enough");
        if (!*m.quality_ok && is_blank(m.quality_note))
            return invalid_value("required", "quality_note", "say why the material is not good enough (MT-3.4)");
        if (!*m.quality_ok && is_blank(m.resident_decision))
            return invalid_value("required", "resident_decision",
                                 "record what the resident decided about the material");
        if (!m.place.empty() || m.amount_cents || m.receipt_file_id)
            return invalid_value("not_applicable", "source",
                                 "a resident's own material has no place, amount or receipt");
        return std::nullopt;
    }
    if (m.source == "bought") {
        if (is_blank(m.place))
            return invalid_value("required", "place", "say where it was bought, as the resident asked (MT-3.3)");
        if (!m.amount_cents || *m.amount_cents <= 0)
            return invalid_value("out_of_range", "amount_cents", "give the amount paid in cents");
        if (!m.receipt_file_id)
            return invalid_value("required", "receipt_file_id", "attach the photo of the invoice or receipt");
        if (m.quality_ok)
            return invalid_value("not_applicable", "quality_ok", "a quality check is for the resident's own material");
        return std::nullopt;
    }
    return invalid_value("not_one_of", "source", "source must be resident or bought");
}

std::optional<Refusal> completion_refusal(const Completion& c) {
    if (!c.restored) return invalid_value("required", "restored", "put everything back as it was before completing");
    if (!c.cleaned) return invalid_value("required", "cleaned", "clean up the work area before completing");
    if (c.receipt_no && c.charges_given)
        return invalid_value("not_applicable", "charges",
                             "a revisit of a job already charged is not charged again (" + *c.receipt_no + ")")
            .with("receipt_no", *c.receipt_no);
    return std::nullopt;
}

std::optional<Refusal> price_line_refusal(const std::optional<PriceItem>& item, int64_t site_id, bool quoted) {
    if (!item || item->site_id != site_id)
        return invalid_value("no_such_record", "charges", "not an item of the price list");
    if (quoted) return std::nullopt;
    if (item->superseded_at || !item->active)
        return invalid_value("no_such_record", "charges", "not an item of the current price list");
    return std::nullopt;
}

std::optional<Refusal> adjustment_refusal(int64_t charge_cents,
                                          int64_t adjustment_cents,
                                          std::string_view reason,
                                          bool resident_agreed) {
    if (adjustment_cents == 0) return std::nullopt;
    if (is_blank(reason))
        return invalid_value("required", "adjustment_reason",
                             "an adjustment to the list price needs its reason (MT-3.4)");
    if (!resident_agreed)
        return invalid_value("required", "adjustment_agreed", "an adjustment needs the resident's agreement");
    int64_t total = 0;
    if (__builtin_add_overflow(charge_cents, adjustment_cents, &total))
        return invalid_value("out_of_range", "adjustment_cents", "the adjustment is out of range");
    if (total < 0)
        return invalid_value("out_of_range", "adjustment_cents", "the adjustment cannot take the charge below zero");
    return std::nullopt;
}

std::optional<int64_t> line_amount(int64_t unit_price_cents, int64_t quantity) {
    int64_t out = 0;
    if (unit_price_cents < 0 || quantity <= 0 || __builtin_mul_overflow(unit_price_cents, quantity, &out))
        return std::nullopt;
    return out;
}

std::optional<int64_t> charge_total(std::span<const ChargeLine> lines) {
    int64_t total = 0;
    for (const auto& l : lines) {
        auto a = line_amount(l.unit_price_cents, l.quantity);
        if (!a || __builtin_add_overflow(total, *a, &total)) return std::nullopt;
    }
    return total;
}

std::optional<PriceItem> price_in_force(std::span<const PriceItem> versions, EpochMs at) {
    std::optional<PriceItem> best;
    for (const auto& v : versions) {
        if (v.created_at > at) continue;
        if (!best || v.version > best->version) best = v;
    }
    return best;
}

std::optional<Refusal> price_item_refusal(std::string_view code, std::string_view name, int64_t price_cents) {
    if (is_blank(code)) return invalid_value("required", "code", "give the item's code");
    if (is_blank(name)) return invalid_value("required", "name", "give the item's name");
    if (price_cents < 0) return invalid_value("out_of_range", "price_cents", "a price cannot be negative");
    return std::nullopt;
}

bool first_time_fix(int64_t visit_count, int64_t no_one_home_count, int64_t reopen_count) {
    return visit_count - no_one_home_count == 1 && reopen_count == 0;
}

Repair checked_in(Repair r, EpochMs now) {
    auto p = punctuality(r.mode, r.due_at, now);
    r.arrived_at = now;
    r.visit_count += 1;
    if (!r.first_arrived_at) {
        r.first_arrived_at = now;
        r.first_on_time = p == Punctuality::on_time;
    }
    return r;
}

Repair visit_answered(Repair r, bool satisfied, EpochMs now) {
    r.return_visit_outcome = satisfied ? "satisfied" : "not_satisfied";
    r.return_visited_at = now;
    r.visits_answered += 1;
    if (satisfied) {
        r.visits_satisfied += 1;
        return r;
    }
    r.reopen_count += 1;
    r.first_time_fix = false;
    r.arrived_at = std::nullopt;
    r.started_at = std::nullopt;
    return r;
}

Repair rescheduled(Repair r) {
    r.arrival_missed_at = std::nullopt;
    return r;
}

bool sampled_for_return_visit(int64_t repair_id, int64_t percent) {
    if (percent >= 100) return true;
    if (percent <= 0) return false;
    // 37 is coprime with 100, so each block of 100 ids maps onto every residue exactly once.
    int64_t r = ((repair_id % 100 + 100) % 100) * 37 % 100;
    return r < percent;
}

EpochMs return_visit_due(EpochMs completed_at, const Policy& p, const std::string& zone) {
    return desk::rules::return_visit_due(completed_at, p.return_visit_hours, zone);
}

std::optional<Refusal> policy_refusal(const Policy& p) {
    if (auto r = desk::rules::return_visit_hours_refusal(p.return_visit_hours, "return_visit_hours")) return r;
    if (p.return_visit_percent < 1 || p.return_visit_percent > 100)
        return invalid_value("out_of_range", "return_visit_percent", "the return-visit rate is 1 to 100 %")
            .with("min", int64_t{1})
            .with("max", int64_t{100});
    if (p.min_wait_minutes < kMinWaitMinutes || p.min_wait_minutes > kMaxWaitMinutes)
        return invalid_value("out_of_range", "min_wait_minutes", "the wait at the door is 5 to 10 minutes (MT-3.4)")
            .with("min", kMinWaitMinutes)
            .with("max", kMaxWaitMinutes);
    return std::nullopt;
}

std::string_view order_action_name(OrderAction a) {
    switch (a) {
        case OrderAction::report:
            return "report";
        case OrderAction::accept:
            return "accept";
        case OrderAction::send_back:
            return "send_back";
        case OrderAction::archive:
            return "archive";
    }
    return "";
}

std::optional<std::string> next_order_status(std::string_view from, OrderAction a) {
    switch (a) {
        case OrderAction::report:
            if (is_one_of(from, {"issued", "returned"})) return "reported";
            break;
        case OrderAction::accept:
            if (from == "reported") return "accepted";
            break;
        case OrderAction::send_back:
            if (from == "reported") return "returned";
            break;
        case OrderAction::archive:
            if (from == "accepted") return "archived";
            break;
    }
    return std::nullopt;
}

std::optional<Refusal> issue_refusal(int64_t issuer_id, int64_t technician_id) {
    if (issuer_id == technician_id)
        return invalid_value("same_person", "technician_id",
                             "the issuer inspects the work order: issue it to another technician (MT-3.5)");
    return std::nullopt;
}

std::optional<Refusal> inspection_refusal(const WorkOrder& w, int64_t inspector_id) {
    if (w.technician_id == inspector_id)
        return not_now("same_person", "the technician of a work order does not inspect their own work (MT-3.5)");
    return std::nullopt;
}

std::string repair_number(int64_t id) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "R%06lld", static_cast<long long>(id));
    return buf;
}

std::string receipt_number(int year, int64_t n) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "WX%04d-%06lld", year, static_cast<long long>(n));
    return buf;
}

std::string work_order_number(int year, int64_t n) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "PG%04d-%04lld", year, static_cast<long long>(n));
    return buf;
}

std::string search_text(const Repair& r) {
    return search::fold(r.caller_name + ' ' + r.caller_phone + ' ' + r.unit_label + ' ' + r.location + ' ' +
                        r.description);
}

}  // namespace propdesk::repair::rules
