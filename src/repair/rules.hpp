// The repair chapter's rules as pure functions: the 30-minute promise and ±5-minute punctuality
// (MT-3.1, 3.2, 3.4), the flow sheet's lifecycle, consent before work, materials, charges from
// the versioned price list and agreed adjustments, work orders (MT-3.5) and return-visit
// sampling (MT-4.0).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/rules/refusal.hpp"
#include "platform/time/clock.hpp"
#include "repair/model.hpp"

namespace propdesk::repair::rules {

inline constexpr int64_t kMinuteMs = 60'000;
inline constexpr int64_t kImmediateMs = 30 * kMinuteMs;  // MT-3.1: "within 30 minutes"
inline constexpr int64_t kToleranceMs = 5 * kMinuteMs;   // MT-3.2, MT-3.4: "± 5 minutes"

// MT-3.1: an immediate request must be reached by this time.
EpochMs immediate_deadline(EpochMs requested_at);

// MT-3.2/3.4: how an arrival compares with what was promised. Immediate: on time up to and
// including the 30-minute deadline, late after it (arriving early is never late). Appointment:
// on time within 5 minutes either side of the booked start, inclusive; early or late outside.
enum class Punctuality { on_time, early, late };
std::string_view punctuality_name(Punctuality p);
Punctuality punctuality(std::string_view mode, EpochMs expected_at, EpochMs arrived_at);

// A booked slot: a local date and wall-clock times "HH:MM" in the site's zone. An end at or
// before the start is on the next day (23:30–00:30). Times that the clocks skip or repeat are
// read as timefmt::local_time does. nullopt with the field at fault when the text is not a slot.
struct Slot {
    EpochMs start = 0;
    EpochMs end = 0;
};
struct SlotProblem {
    std::string field;
    std::string message;
};
struct SlotResult {
    std::optional<Slot> slot;
    std::optional<SlotProblem> problem;
};
SlotResult slot_of(std::string_view date, std::string_view start, std::string_view end, const std::string& zone);
// "HH:MM" as minutes after midnight.
std::optional<int> minute_of_day(std::string_view hh_mm);

// The lifecycle of a request's flow sheet.
enum class Action {
    assign,       // engineering: recorded | assigned → assigned (another technician: with a reason)
    check_in,     // technician: assigned → on_site (arrival, punctuality)
    no_one_home,  // technician: on_site → rebook (after the wait; the desk is told)
    rebook,       // desk or engineering: rebook | proposed | consented → assigned (a new time)
    propose,      // technician: on_site → proposed (survey: solution, materials, time, price)
    consent,      // technician: proposed → consented (agreed) | on_site (declined)
    start,        // technician: on_site (simple, or consent already given) | consented → in_progress
    material,     // technician: a material while on_site, proposed, consented or in_progress
    complete,     // technician: in_progress → completed (signature, charge, receipt)
    close,        // desk or engineering: any open status → closed, with the explanation
    note,         // anyone who may read it: a note in any status but closed
};
std::string_view action_name(Action a);
std::optional<Action> parse_action(std::string_view name);
// Whether the assigned technician takes this step (else the desk or the engineering head).
bool by_technician(Action a);
std::optional<std::string> next_status(std::string_view from, Action a, bool agreed = true);
bool is_open(std::string_view status);  // neither completed, return-visited nor closed

using Refusal = propdesk::Refusal;
// MT-3.2: work starts only on a simple job or once the resident has agreed to the proposal.
std::optional<Refusal> start_refusal(const Repair& r);
// MT-3.1: a request is never rejected, only closed with the explanation given to the resident.
std::optional<Refusal> close_refusal(std::string_view reason);
// MT-3.4: the technician leaves a door nobody opens only after the site's minimum wait.
std::optional<Refusal> wait_refusal(EpochMs arrived_at, EpochMs now, int64_t min_wait_minutes);
// MT-3.3/3.4: a resident's material needs its quality check, and when it is not good enough the
// note and the resident's decision; a bought one needs the place, the amount and the receipt.
std::optional<Refusal> material_refusal(const Material& m);
// MT-3.4: an adjustment to the list price needs a reason and the resident's agreement, and the
// total may not go below zero.
std::optional<Refusal> adjustment_refusal(int64_t charge_cents,
                                          int64_t adjustment_cents,
                                          std::string_view reason,
                                          bool resident_agreed);

// MT-3.4: the charge from the price list: each line is the item's price × quantity. nullopt on
// overflow (a price list cannot produce it, a hostile request can).
std::optional<int64_t> line_amount(int64_t unit_price_cents, int64_t quantity);
std::optional<int64_t> charge_total(std::span<const ChargeLine> lines);
// The version of an item in force at `at`: the newest created at or before it. Versions are
// any order; nullopt when none existed yet.
std::optional<PriceItem> price_in_force(std::span<const PriceItem> versions, EpochMs at);
std::optional<Refusal> price_item_refusal(std::string_view code, std::string_view name, int64_t price_cents);

// MT-1: fixed at the first visit that found someone home, and never reopened.
bool first_time_fix(int64_t visit_count, int64_t no_one_home_count, int64_t reopen_count);

// MT-4.0: whether a completed job is visited, at `percent` % of jobs. Exactly `percent` of every
// 100 consecutive ids, spread out rather than the first ones.
bool sampled_for_return_visit(int64_t repair_id, int64_t percent);
EpochMs return_visit_due(EpochMs completed_at, const Policy& p);
std::optional<Refusal> policy_refusal(const Policy& p);  // 422 naming the field

// MT-3.5: a public work order: issued → reported → accepted (signed) → archived, or returned to
// the technician with the reasons. Only an accepted order is archived.
enum class OrderAction { report, accept, send_back, archive };
std::string_view order_action_name(OrderAction a);
std::optional<std::string> next_order_status(std::string_view from, OrderAction a);

// "R000042", "WX2026-000017": numbers printed on the forms.
std::string repair_number(int64_t id);
std::string receipt_number(int year, int64_t n);
std::string work_order_number(int year, int64_t n);
// What `q` finds in a repair: caller, phone, unit, location and description, folded.
std::string search_text(const Repair& r);

}  // namespace propdesk::repair::rules
