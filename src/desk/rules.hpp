// The desk's rules from the manual, as pure functions: the case lifecycle (FD-A), dispatch
// deadlines (FD-B), return visits (FD-C), complaints (FD-D) and the KPI arithmetic (FD-I).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
    raise_repair,    // desk: recorded → dispatched, a repair case becoming its repair request (MT-3.1)
    butler_outcome,  // butler: completed → archived (satisfied, unreachable) | dispatched (not satisfied)
};

std::string_view action_name(Action a);
// Whether the department the case is dispatched to does it (else the desk).
bool by_department(Action a);

// The status after `a`, or nullopt when the lifecycle does not allow it from `from`. For a
// return visit (and the butler's outcome) the outcome decides; an unknown outcome is not allowed.
std::optional<std::string> next_status(std::string_view from, Action a, std::string_view outcome = {});

// A refusal that is not a plain lifecycle step: 409 (not now, for this case) or 422 (a value).
using Refusal = propdesk::Refusal;

// What keeps this case from a step its status allows, whatever the body says. FD-B / MT-3.1: a
// repair goes through the repair process: it is never dispatched (or reassigned) as a plain case
// nor answered at the desk, and only a repair case raises a repair request. FD-D: a complaint
// that is not ours is not dispatched; it closes with the explanation.
std::optional<Refusal> step_refusal(const Case& c, Action a);
// FD-A, FD-D: what must hold to close a case at the desk with a reply.
std::optional<Refusal> reply_refusal(const Case& c, std::string_view reply);
// FD-D: only complaints carry a responsibility.
std::optional<Refusal> responsibility_refusal(const Case& c, std::string_view value);
// FD-C: "not satisfied" is recorded with the resident's reason (reason_required on the note): it
// reopens the case, and the department works from it.
std::optional<Refusal> visit_answer_refusal(std::string_view outcome, std::string_view note);
// FD-C: the butler records the outcome of a visit only once it has been escalated to them, and
// a resident they could not reach either needs the note of what was tried; not satisfied needs
// the reason, as at the desk.
std::optional<Refusal> butler_refusal(const std::optional<ReturnVisit>& open_visit,
                                      std::string_view outcome,
                                      std::string_view note);

// FD-B: the case sent to a department. Its deadline is the one given, else the category's
// under the policy. The deadline it is judged by (target_due_at) is fixed at the first dispatch:
// the category's, or the one given when that is earlier; a reassign never moves it.
// FD-B: a deadline the desk gives at dispatch is in the future and no later than the category's
// under the policy: it may tighten the deadline, never put off the overdue flag and escalation.
std::optional<Refusal> deadline_refusal(EpochMs given_due, EpochMs now, const Policy& p, std::string_view category);
Case dispatched(Case c, int64_t department_id, std::optional<EpochMs> given_due, EpochMs now, const Policy& p);
// FD-C: a visit not satisfied reopens the case to its department with a fresh deadline (the
// target stays the first dispatch's) and the resident's reason. The department's feedback was
// the round the resident turned down: it is history now (previous_rounds), not the case's.
Case reopened(Case c, EpochMs now, const Policy& p, std::string reason);
// FD-I: a completion or a reply at `at` is in time up to the target, inclusive.
bool in_time(EpochMs at, EpochMs target_due_at);
// FD-I: a completion or a reply. The first one is when the case was handled; it is on time
// only while every completion or reply is within target_due_at, so a complaint reopened as
// unsatisfied and finished late is late.
Case handled(Case c, EpochMs now);
// FD-C: the rounds that ended in a reopen, from the case's timeline (events in order): for each
// "reopened", the department's last completion before it (feedback, who, when, in time against
// target_due_at) and the resident's reason. A reopen with no completion before it in its round
// (none recorded) keeps its reason with no completion.
std::vector<PastRound> previous_rounds(const std::vector<CaseEvent>& events, EpochMs target_due_at);

// What `q` searches in a case: the caller's name and phone, the unit's label and the content,
// folded so that Traditional and Simplified match (投诉 finds 投訴).
std::string search_text(const Case& v);

// FD-B: a category's deadline in hours under the site's policy, and the deadline from `from`.
int64_t deadline_hours(const Policy& p, std::string_view category);
EpochMs due_at(EpochMs from, const Policy& p, std::string_view category);
// FD-C / MT-4.0: a return visit is due "at once": by the end of the site's local day of the
// completion, or `hours` after it when that is sooner. A policy may tighten it, not stretch it.
inline constexpr int64_t kMaxReturnVisitHours = 24;
EpochMs return_visit_due(EpochMs completed_at, int64_t hours, const std::string& zone);
EpochMs return_visit_due(EpochMs completed_at, const Policy& p, const std::string& zone);
// The policy's hours (named by `field`): 1…24, more is a stretch (policy_stretch, {max}).
std::optional<Refusal> return_visit_hours_refusal(int64_t hours, std::string field);
// FD-C: a visit still waiting for its answer after its due time.
bool visit_overdue(std::string_view visit_status, EpochMs due_at, EpochMs now);
// FD-C: a visit with this many unreachable attempts (or more, when the limit was lowered) goes
// to the butler; the caller escalates only a visit still pending, so exactly once.
bool escalates_after_unreachable(int64_t attempts_so_far, int64_t max_unreachable);
// FD-B: open (not yet completed or replied) and past its deadline.
bool is_overdue(std::string_view status, EpochMs due_at, EpochMs now);

// A case's channel, category and status in the site's words (中文), for a workbook or a print
// (the web app translates the codes itself); an unknown code is returned as it is.
std::string_view channel_label(std::string_view channel);
std::string_view category_label(std::string_view category);
std::string_view status_label(std::string_view status);
bool is_open(std::string_view status);
// FD-D: a complaint past its deadline is raised to the managers, once.
bool escalates_when_overdue(const Case& c);
// FD-I: whether a complaint counts as handled on time as of now: every completion or reply
// within its target, and not open again past it.
bool on_time(std::string_view status, std::optional<bool> handled_on_time, EpochMs target_due_at, EpochMs now);
// Policy values: deadline hours 1…720 (30 days), unreachable attempts 1…10.
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
