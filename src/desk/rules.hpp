// The desk's rules from the manual, as pure functions: the case lifecycle (FD-A), dispatch
// deadlines (FD-B), return visits (FD-C), complaints (FD-D) and the KPI arithmetic (FD-I).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "desk/model.hpp"
#include "platform/rules/refusal.hpp"

namespace propdesk::desk::rules {

enum class Action {
    dispatch,        // desk: recorded → dispatched
    reassign,        // desk: dispatched | in_progress → dispatched (another department)
    accept,          // department: dispatched → in_progress
    progress,        // department: a note while dispatched | in_progress
    complete,        // department: in_progress → completed (a return visit is created)
    return_visit,    // desk: completed → return_visited | dispatched (reopened) | completed (unreachable)
    reply,           // desk: recorded → replied (answered at the desk)
    archive,         // desk: replied | return_visited → archived
    follow_up,       // desk: a note in any state but archived
    responsibility,  // desk: a complaint's ours / not ours, until it is replied or archived
};

std::string_view action_name(Action a);
// Whether the department the case is dispatched to does it (else the desk).
bool by_department(Action a);

// The status after `a`, or nullopt when the lifecycle does not allow it from `from`. For a
// return visit the outcome decides; an unknown outcome is not allowed.
std::optional<std::string> next_status(std::string_view from, Action a, std::string_view outcome = {});

// A refusal that is not a plain lifecycle step: 409 (not now, for this case) or 422 (a value).
using Refusal = propdesk::Refusal;

// FD-A, FD-D: what must hold to close a case at the desk with a reply.
std::optional<Refusal> reply_refusal(const Case& c, std::string_view reply);
// FD-D: only complaints carry a responsibility.
std::optional<Refusal> responsibility_refusal(const Case& c, std::string_view value);

// What `q` searches in a case: the caller's name and phone, the unit's label and the content,
// folded so that Traditional and Simplified match (投诉 finds 投訴).
std::string search_text(const Case& v);

// FD-B: a category's deadline in hours under the site's policy, and the deadline from `from`.
int64_t deadline_hours(const Policy& p, std::string_view category);
EpochMs due_at(EpochMs from, const Policy& p, std::string_view category);
// FD-C: a return visit is due this long after completion.
EpochMs return_visit_due(EpochMs completed_at, const Policy& p);
// FD-C: a visit with this many unreachable attempts (or more, when the limit was lowered) goes
// to the butler; the caller escalates only a visit still pending, so exactly once.
bool escalates_after_unreachable(int64_t attempts_so_far, int64_t max_unreachable);
// FD-B: open (not yet completed or replied) and past its deadline.
bool is_overdue(std::string_view status, EpochMs due_at, EpochMs now);
bool is_open(std::string_view status);
// Policy values: hours 1…720 (30 days), unreachable attempts 1…10.
std::optional<std::string> hours_problem(int64_t hours);
std::optional<std::string> attempts_problem(int64_t attempts);

// FD-I arithmetic. A rate with nothing due has no percentage (shown as "—"), and breaks no
// target; otherwise percent = 100 × numerator ÷ denominator.
struct Rate {
    int64_t numerator = 0;
    int64_t denominator = 0;
};
std::optional<double> percent(Rate r);
bool meets_target(Rate r, double target_percent = 100.0);
// Mean of `count` durations totalling total_ms, or nullopt when there are none.
std::optional<int64_t> average_ms(int64_t total_ms, int64_t count);

}  // namespace propdesk::desk::rules
