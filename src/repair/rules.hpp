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

#include "desk/model.hpp"
#include "platform/rules/refusal.hpp"
#include "platform/time/clock.hpp"
#include "repair/model.hpp"

namespace propdesk::repair::rules {

inline constexpr int64_t kMinuteMs = 60'000;
inline constexpr int64_t kImmediateMs = 30 * kMinuteMs;  // MT-3.1: "within 30 minutes"
inline constexpr int64_t kToleranceMs = 5 * kMinuteMs;   // MT-3.2, MT-3.4: "± 5 minutes"

// FD-B / MT-3.1: the desk case as its repair request leaves it: dispatched to engineering and
// linked to the job, its deadlines from the desk's policy (desk::rules::dispatched).
desk::Case raised_case(desk::Case v, int64_t repair_id, EpochMs now, const desk::Policy& p, int64_t engineering);

// MT-3.1: an immediate request must be reached by this time: 30 minutes from the call (a job
// raised from a desk case counts from when the case was recorded).
EpochMs immediate_deadline(EpochMs requested_at);
// Not yet at the door and past the promise: the 30-minute deadline, or the booking + 5 minutes.
bool arrival_overdue(const Repair& r, EpochMs now);
// MT-3.1: an immediate job nobody reached by its deadline, not yet flagged: engineering and the
// desk are told once (a new deadline, from a rebooking, may be missed again).
bool arrival_missed(const Repair& r, EpochMs now);

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
    assign,        // engineering: recorded | assigned → assigned (another technician: with a reason)
    check_in,      // technician: assigned → on_site (arrival, punctuality)
    no_one_home,   // technician: on_site → rebook (after the wait; the desk is told)
    rebook,        // desk or engineering: rebook | proposed | consented → assigned (a new time)
    propose,       // technician: on_site → proposed (survey: solution, materials, time, price)
    consent,       // technician: proposed → consented (agreed) | on_site (declined)
    start,         // technician: on_site (simple, or consent already given) | consented → in_progress
    material,      // technician: a material while on_site, proposed, consented or in_progress
    complete,      // technician: in_progress → completed (signature, charge, receipt)
    close,         // desk or engineering: any open status → closed, with the explanation
    note,          // anyone who may read it: a note in any status but closed
    return_visit,  // the desk's return visit (MT-4.0): completed → return_visited | rebook (not satisfied)
};
std::string_view action_name(Action a);
std::optional<Action> parse_action(std::string_view name);
// Whether the assigned technician takes this step, and only they (else the desk or the
// engineering head; MT-3.4: the head reassigns, never checks in for someone else).
bool by_technician(Action a);
// `yes`: the resident's answer where the step records one: consent (agreed) and return_visit
// (satisfied).
std::optional<std::string> next_status(std::string_view from, Action a, bool yes = true);
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
// MT-3.4: what completion needs besides the text fields: everything put back and cleaned up, and
// on a revisit of a job already charged (a reopened one) no new charge or adjustment.
struct Completion {
    bool restored = false;
    bool cleaned = false;
    std::optional<std::string> receipt_no;  // the job's, from an earlier completion
    bool charges_given = false;             // charge lines, materials or an adjustment in the request
};
std::optional<Refusal> completion_refusal(const Completion& c);
// MT-3.4: a charge line only from an item of the site's price list now in force, or (`quoted`)
// the version the resident's consented quote named: a price edited since does not change what
// they agreed to.
std::optional<Refusal> price_line_refusal(const std::optional<PriceItem>& item, int64_t site_id, bool quoted = false);
// MT-3.4: an adjustment to the list price needs a reason and the resident's agreement, and the
// total may not go below zero. `charge_cents`: what it adjusts (the lines and charged materials).
std::optional<Refusal> adjustment_refusal(int64_t charge_cents,
                                          int64_t adjustment_cents,
                                          std::string_view reason,
                                          bool resident_agreed);

// MT-3.4: the charge from the price list: each line is the item's price × quantity. nullopt on
// overflow (a price list cannot produce it, a hostile request can).
std::optional<int64_t> line_amount(int64_t unit_price_cents, int64_t quantity);
std::optional<int64_t> charge_total(std::span<const ChargeLine> lines);

// --- What the resident pays follows from what they agreed to (MT-3.2 → MT-3.4), rules_charges.cpp ---

// MT-3.2: a quote's price: the total of its price-list lines, or the lump sum when it has none
// (nullopt: no price quoted). A lump sum sent with lines is refused: the lines decide the price.
struct QuotedPrice {
    std::optional<int64_t> price_cents;
    std::optional<Refusal> refusal;
};
QuotedPrice quoted_price(std::span<const ChargeLine> lines, std::optional<int64_t> lump_sum_cents);
// MT-3.2/3.4: the price the resident agreed to: the proposal's once they consented; nullopt for a
// job without a priced proposal or whose proposal is not (yet) agreed.
std::optional<int64_t> consented_quote(const Repair& r);
// MT-3.3/3.4: the bought materials put on the receipt at their receipt amounts, named by id in
// the request's `field` list: each one this job's, bought with an amount, and named once. Their
// total, or the refusal naming the entry (`materials[1].material_id`).
struct MaterialsCharge {
    int64_t cents = 0;
    std::optional<Refusal> refusal;
};
MaterialsCharge materials_charge(std::span<const Material> job_materials,
                                 std::span<const int64_t> ids,
                                 std::string_view field);
// MT-3.4: the receipt's total: the lines, the charged materials and the adjustment; nullopt on
// overflow.
std::optional<int64_t> receipt_total(int64_t charge_cents, int64_t materials_cents, int64_t adjustment_cents);
// MT-3.4: a charge follows from its quote: with a consented quote the resident expects the quote
// plus the bought materials on the receipt, and a total that differs needs the reason
// (`charge_differs_from_quote`, field charge_reason, with quote_cents, expected_cents and
// total_cents). Without a consented quote there is nothing to differ from.
std::optional<Refusal> charge_reason_refusal(std::optional<int64_t> quote_cents,
                                             int64_t materials_cents,
                                             int64_t total_cents,
                                             std::string_view reason);

// --- The technician picker (MT-3.1 assignment), rules_workload.cpp ---

// A job's length when nothing says otherwise (no proposal's minutes).
inline constexpr int64_t kJobMs = 60 * kMinuteMs;
// When an open job keeps its technician busy, as far as the register knows: an appointment its
// booked slot; an immediate job from now until an hour after its deadline (or after now, when
// overdue); a job they are at from the arrival until the proposal's minutes (else an hour) after
// the work started, or now when that has passed. A job waiting for a new time (rebook) or not
// open keeps nobody busy: nullopt.
struct Busy {
    EpochMs start = 0;
    EpochMs end = 0;
};
std::optional<Busy> busy_interval(const Repair& job, EpochMs now);
// A technician's workload: their open jobs due before `day_end` (today's, and any still open
// from before; a job waiting for a new time is not counted), and the first moment from now that
// none of their jobs keeps them busy.
struct Workload {
    int64_t open_today = 0;
    EpochMs next_free_at = 0;
};
Workload workload(std::span<const Repair> open_jobs, EpochMs now, EpochMs day_end);
// The version of an item in force at `at`: the newest created at or before it. Versions are
// any order; nullopt when none existed yet.
std::optional<PriceItem> price_in_force(std::span<const PriceItem> versions, EpochMs at);
std::optional<Refusal> price_item_refusal(std::string_view code, std::string_view name, int64_t price_cents);

// MT-1: fixed at the first visit that found someone home, and never reopened.
bool first_time_fix(int64_t visit_count, int64_t no_one_home_count, int64_t reopen_count);
// MT-3.1: the technician at the door (check-in): the arrival, its punctuality, the first one kept
// for the response time.
Repair checked_in(Repair r, EpochMs now);
// MT-4.0: the desk's answer of a completed job's return visit: counted for satisfaction; not
// satisfied reopens the job for a new visit, and it is no longer a first-time fix.
Repair visit_answered(Repair r, bool satisfied, EpochMs now);
// A new time for the job (a rebooking): a fresh deadline that may be missed again.
Repair rescheduled(Repair r);

// MT-4.0: whether a completed job is visited, at `percent` % of jobs. Exactly `percent` of every
// 100 consecutive ids, spread out rather than the first ones.
bool sampled_for_return_visit(int64_t repair_id, int64_t percent);
// MT-4.0 / FD-C: due the same day, as any desk return visit (desk::rules::return_visit_due).
EpochMs return_visit_due(EpochMs completed_at, const Policy& p, const std::string& zone);
// 422 naming the field: the window 1…24 hours (more is a stretch), the rate 1…100 %, the wait at
// the door 5…10 minutes (MT-3.4).
inline constexpr int64_t kMinWaitMinutes = 5;
inline constexpr int64_t kMaxWaitMinutes = 10;
std::optional<Refusal> policy_refusal(const Policy& p);

// MT-3.5: a public work order: issued → reported → accepted (signed) → archived, or returned to
// the technician with the reasons. Only an accepted order is archived.
enum class OrderAction { report, accept, send_back, archive };
std::string_view order_action_name(OrderAction a);
std::optional<std::string> next_order_status(std::string_view from, OrderAction a);
// MT-3.5: the inspector of a work order is never its technician: its issuer (who inspects it)
// cannot issue it to themselves, and its technician cannot accept or send back their own work.
std::optional<Refusal> issue_refusal(int64_t issuer_id, int64_t technician_id);
std::optional<Refusal> inspection_refusal(const WorkOrder& w, int64_t inspector_id);

// "R000042", "WX2026-000017": numbers printed on the forms.
std::string repair_number(int64_t id);
std::string receipt_number(int year, int64_t n);
std::string work_order_number(int year, int64_t n);
// What `q` finds in a repair: caller, phone, unit, location and description, folded.
std::string search_text(const Repair& r);

}  // namespace propdesk::repair::rules
