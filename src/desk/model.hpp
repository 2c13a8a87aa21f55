// The service desk's records (FD-A…D, I, N): cases, their timeline, return visits, site policy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/time/clock.hpp"

namespace propdesk::desk {

inline constexpr const char* kChannels[] = {"visit", "phone", "web"};
inline constexpr const char* kCategories[] = {"inquiry", "repair", "complaint", "suggestion", "praise", "other"};
inline constexpr const char* kStatuses[] = {"recorded",       "dispatched", "in_progress", "completed",
                                            "return_visited", "replied",    "archived"};
inline constexpr const char* kOutcomes[] = {"satisfied", "not_satisfied", "unreachable"};
inline constexpr const char* kResponsibilities[] = {"ours", "not_ours"};
inline constexpr const char* kVisitStatuses[] = {"pending", "escalated", "done", "cancelled"};

struct Case {
    int64_t id = 0;
    int64_t site_id = 0;
    std::string channel;
    std::string category;
    std::optional<int64_t> unit_id;
    std::string unit_label;  // "第1座 12A", read with the case
    std::optional<int64_t> resident_id;
    std::string caller_name;
    std::string caller_phone;
    std::string content;
    std::string status = "recorded";
    std::optional<int64_t> department_id;
    std::string department_name;
    EpochMs due_at = 0;
    // FD-I: the deadline the case is judged by, fixed at its first dispatch (before that, the
    // one set when it was recorded); a reassign or a reopen moves due_at, never this.
    EpochMs target_due_at = 0;
    std::optional<EpochMs> overdue_at;
    std::optional<EpochMs> escalated_at;
    std::optional<std::string> responsibility;
    std::string reply;
    std::string feedback;  // the department's, of the round now on; a reopen starts a new round
    std::optional<int64_t> repair_request_id;
    int64_t reopen_count = 0;
    // FD-C: why the resident was not satisfied at the last return visit that reopened the case
    // ("" when none did); read with the case, for the department's queue.
    std::string reopen_reason;
    int64_t recorded_by = 0;
    std::string recorded_by_name;
    EpochMs read_back_at = 0;
    std::optional<EpochMs> dispatched_at, accepted_at, completed_at, return_visited_at, replied_at, archived_at,
        handled_at;
    std::optional<bool> handled_on_time;
    int64_t version = 1;
    EpochMs created_at = 0;
    EpochMs updated_at = 0;
};

struct CaseEvent {
    int64_t id = 0;
    int64_t case_id = 0;
    std::string kind;  // recorded, dispatched, accepted, progress, completed, reassigned, follow_up, …
    std::optional<int64_t> actor_id;
    std::string actor_name;
    std::optional<int64_t> department_id;
    std::string department_name;
    std::string note;
    EpochMs at = 0;
};

struct ReturnVisit {
    int64_t id = 0;
    int64_t case_id = 0;
    int64_t site_id = 0;
    std::string status = "pending";  // pending, escalated, done, cancelled
    EpochMs due_at = 0;
    int64_t attempts = 0;
    std::optional<std::string> outcome;
    std::string note;
    std::optional<int64_t> done_by;
    std::string done_by_name;
    std::optional<EpochMs> done_at;
    std::optional<EpochMs> escalated_at;
    std::optional<EpochMs> overdue_at;  // FD-C: flagged (and the desk and the butler told) once past due
    int64_t version = 1;
    EpochMs created_at = 0;
    EpochMs updated_at = 0;
    // Read with the visit for the butler's list.
    std::string case_category;
    std::string caller_name;
    std::string caller_phone;  // FD-C: the number to call back
    std::string unit_label;
};

// FD-C: a round of the department's work that ended in a return visit the resident was not
// satisfied with: what the department reported then and why the case was reopened. History, not
// the case's current state (rules::previous_rounds).
struct PastRound {
    int64_t number = 0;  // 1 for the first round
    std::optional<int64_t> department_id;
    std::string department_name;
    std::optional<EpochMs> completed_at;
    std::optional<int64_t> completed_by;
    std::string completed_by_name;
    std::string feedback;
    std::optional<bool> on_time;  // the completion within the case's target (FD-I), when there was one
    std::string reason;           // the resident's, at the return visit
    std::optional<int64_t> reopened_by;
    std::string reopened_by_name;
    EpochMs reopened_at = 0;
};

// Each site's deadlines; a site without a row uses these defaults.
struct Policy {
    int64_t site_id = 0;
    // FD-C: a return visit is due by the end of the local day the department finished, or this
    // many hours after it when that is sooner (1…24: 24 is the day's end, the default).
    int64_t return_visit_hours = 24;
    int64_t max_unreachable = 3;
    int64_t inquiry_hours = 24;
    int64_t repair_hours = 48;
    int64_t complaint_hours = 24;
    int64_t suggestion_hours = 72;
    int64_t praise_hours = 72;
    int64_t other_hours = 48;
    int64_t version = 0;  // 0: never saved, the defaults
    EpochMs updated_at = 0;
};

}  // namespace propdesk::desk
