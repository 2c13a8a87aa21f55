// The desk's rules as pure functions: the case lifecycle (FD-A), who takes a step (department or
// desk), closing at the desk (FD-A, FD-D), deadlines (FD-B), return visits (FD-C) and the KPI
// arithmetic (FD-I).
#include "desk/rules.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "desk/model.hpp"

namespace propdesk::desk::rules {
namespace {

constexpr EpochMs kHour = 3'600'000;
constexpr EpochMs kT0 = 1'795'000'000'000;

const std::vector<Action> kAllActions = {Action::dispatch,       Action::reassign,     Action::accept,
                                         Action::progress,       Action::complete,     Action::return_visit,
                                         Action::reply,          Action::archive,      Action::follow_up,
                                         Action::responsibility, Action::raise_repair, Action::butler_outcome};

// ---- the transition table (FD-A: record → handle → reply → archive, no step skipped) ----

// Every action other than the return visit and the butler's outcome, from every status: the
// target, or absent when the lifecycle does not allow it.
const std::map<Action, std::map<std::string, std::string>> kTable = {
    {Action::dispatch, {{"recorded", "dispatched"}}},
    {Action::raise_repair, {{"recorded", "dispatched"}}},  // to engineering, as its repair request
    {Action::reassign, {{"dispatched", "dispatched"}, {"in_progress", "dispatched"}}},
    {Action::accept, {{"dispatched", "in_progress"}}},
    {Action::progress, {{"dispatched", "dispatched"}, {"in_progress", "in_progress"}}},
    {Action::complete, {{"in_progress", "completed"}}},
    {Action::reply, {{"recorded", "replied"}}},
    {Action::archive, {{"replied", "archived"}, {"return_visited", "archived"}}},
    {Action::follow_up,
     {{"recorded", "recorded"},
      {"dispatched", "dispatched"},
      {"in_progress", "in_progress"},
      {"completed", "completed"},
      {"return_visited", "return_visited"},
      {"replied", "replied"}}},
    // FD-D: fixed once the resident has been given the reply (or explanation) based on it.
    {Action::responsibility,
     {{"recorded", "recorded"},
      {"dispatched", "dispatched"},
      {"in_progress", "in_progress"},
      {"completed", "completed"},
      {"return_visited", "return_visited"}}},
};

TEST(DeskLifecycle, FD_A_EveryActionFromEveryStatusHasExactlyTheTableTarget) {
    for (const auto& [action, allowed] : kTable) {
        for (const char* from : kStatuses) {
            SCOPED_TRACE(std::string(action_name(action)) + " from " + from);
            auto got = next_status(from, action);
            auto it = allowed.find(from);
            if (it == allowed.end()) {
                EXPECT_EQ(got, std::nullopt);
            } else {
                EXPECT_EQ(got, std::optional<std::string>(it->second));
            }
        }
    }
}

TEST(DeskLifecycle, FD_A_AnOutcomeDoesNotChangeAStepThatIsNotAReturnVisit) {
    EXPECT_EQ(next_status("recorded", Action::dispatch, "satisfied"), "dispatched");
    EXPECT_EQ(next_status("recorded", Action::reply, "not_satisfied"), "replied");
    EXPECT_EQ(next_status("completed", Action::archive, "satisfied"), std::nullopt);
}

TEST(DeskLifecycle, FD_C_ReturnVisitOutcomesFromCompleted) {
    EXPECT_EQ(next_status("completed", Action::return_visit, "satisfied"), "return_visited");
    EXPECT_EQ(next_status("completed", Action::return_visit, "not_satisfied"), "dispatched");  // reopened
    EXPECT_EQ(next_status("completed", Action::return_visit, "unreachable"), "completed");     // call again
    EXPECT_EQ(next_status("completed", Action::return_visit, ""), std::nullopt);
    EXPECT_EQ(next_status("completed", Action::return_visit, "happy"), std::nullopt);
}

TEST(DeskLifecycle, FD_C_TheButlersOutcomeArchivesTheCaseUnlessTheResidentIsNotSatisfied) {
    EXPECT_EQ(next_status("completed", Action::butler_outcome, "satisfied"), "archived");
    EXPECT_EQ(next_status("completed", Action::butler_outcome, "unreachable"), "archived");
    EXPECT_EQ(next_status("completed", Action::butler_outcome, "not_satisfied"), "dispatched");  // reopened
    EXPECT_EQ(next_status("completed", Action::butler_outcome, ""), std::nullopt);
    EXPECT_EQ(next_status("completed", Action::butler_outcome, "happy"), std::nullopt);
    for (const char* from : kStatuses) {
        if (std::string(from) == "completed") continue;
        for (const char* outcome : {"satisfied", "not_satisfied", "unreachable"})
            EXPECT_EQ(next_status(from, Action::butler_outcome, outcome), std::nullopt) << from << " " << outcome;
    }
}

TEST(DeskLifecycle, FD_C_AReturnVisitIsOnlyPossibleOnceTheDepartmentHasCompleted) {
    for (const char* from : kStatuses) {
        if (std::string(from) == "completed") continue;
        for (const char* outcome : {"satisfied", "not_satisfied", "unreachable", ""}) {
            EXPECT_EQ(next_status(from, Action::return_visit, outcome), std::nullopt) << from << " " << outcome;
        }
    }
}

TEST(DeskLifecycle, FD_A_ArchivingNeedsAReplyOrACompletedReturnVisit) {
    EXPECT_EQ(next_status("replied", Action::archive), "archived");
    EXPECT_EQ(next_status("return_visited", Action::archive), "archived");
    for (const char* from : {"recorded", "dispatched", "in_progress", "completed", "archived"})
        EXPECT_EQ(next_status(from, Action::archive), std::nullopt) << from;
}

TEST(DeskLifecycle, FD_A_NothingHappensToAnArchivedCase) {
    for (Action a : kAllActions)
        for (const char* outcome : {"", "satisfied", "not_satisfied", "unreachable"})
            EXPECT_EQ(next_status("archived", a, outcome), std::nullopt) << action_name(a) << " " << outcome;
}

TEST(DeskLifecycle, EveryActionHasItsName) {
    std::vector<std::string> names;
    for (Action a : kAllActions) names.emplace_back(action_name(a));
    EXPECT_EQ(names, (std::vector<std::string>{"dispatch", "reassign", "accept", "progress", "complete", "return_visit",
                                               "reply", "archive", "follow_up", "responsibility", "raise_repair",
                                               "butler_outcome"}));
    EXPECT_EQ(action_name(static_cast<Action>(99)), "?");  // not an action
}

TEST(DeskLifecycle, FD_B_AcceptProgressAndCompleteAreTheDepartmentsTheRestTheDesks) {
    for (Action a : kAllActions) {
        bool department = a == Action::accept || a == Action::progress || a == Action::complete;
        EXPECT_EQ(by_department(a), department) << action_name(a);
    }
}

// ---- closing at the desk (FD-A, FD-D) ----

Case a_case(const std::string& category, std::optional<std::string> responsibility = std::nullopt) {
    Case c;
    c.category = category;
    c.responsibility = std::move(responsibility);
    return c;
}

TEST(DeskReply, FD_A_ARepairIsDispatchedNotAnsweredAtTheDeskEvenWithAText) {
    for (const char* text : {"", "已轉工程部"}) {
        auto r = reply_refusal(a_case("repair"), text);
        ASSERT_TRUE(r) << text;
        EXPECT_EQ(refusal_status(*r), 409);
        EXPECT_EQ(r->field, "");
        EXPECT_NE(r->message.find("repair"), std::string::npos);
    }
}

TEST(DeskReply, FD_D_AComplaintNeedsItsResponsibilityBeforeClosingAtTheDesk) {
    auto r = reply_refusal(a_case("complaint"), "已解釋");
    ASSERT_TRUE(r);
    EXPECT_EQ(refusal_status(*r), 409);
    EXPECT_EQ(r->field, "responsibility");
}

TEST(DeskReply, FD_D_AComplaintThatIsOursIsHandledNotClosedAtTheDesk) {
    auto r = reply_refusal(a_case("complaint", "ours"), "已解釋");
    ASSERT_TRUE(r);
    EXPECT_EQ(refusal_status(*r), 409);
    EXPECT_EQ(r->field, "");
    EXPECT_NE(r->message.find("ours"), std::string::npos);
}

TEST(DeskReply, FD_D_AComplaintThatIsNotOursClosesOnlyWithTheExplanation) {
    auto r = reply_refusal(a_case("complaint", "not_ours"), "");
    ASSERT_TRUE(r);
    EXPECT_EQ(refusal_status(*r), 422);
    EXPECT_EQ(r->field, "reply");
    EXPECT_NE(r->message.find("explanation"), std::string::npos);
    EXPECT_EQ(reply_refusal(a_case("complaint", "not_ours"), "屬政府水務署範圍,已向住戶解釋"), std::nullopt);
}

TEST(DeskReply, FD_A_OtherCategoriesCloseWithAReplyText) {
    for (const char* category : {"inquiry", "suggestion", "praise", "other"}) {
        SCOPED_TRACE(category);
        auto r = reply_refusal(a_case(category), "");
        ASSERT_TRUE(r);
        EXPECT_EQ(refusal_status(*r), 422);
        EXPECT_EQ(r->field, "reply");
        EXPECT_NE(r->message.find("reply given"), std::string::npos);
        EXPECT_EQ(reply_refusal(a_case(category), "管理費可於網上繳付"), std::nullopt);
    }
}

TEST(DeskResponsibility, FD_D_OnlyAComplaintCarriesAResponsibility) {
    for (const char* category : {"inquiry", "repair", "suggestion", "praise", "other"}) {
        auto r = responsibility_refusal(a_case(category), "ours");
        ASSERT_TRUE(r) << category;
        EXPECT_EQ(refusal_status(*r), 409);
        EXPECT_EQ(r->field, "");
    }
}

TEST(DeskResponsibility, FD_D_OursOrNotOursOnly) {
    EXPECT_EQ(responsibility_refusal(a_case("complaint"), "ours"), std::nullopt);
    EXPECT_EQ(responsibility_refusal(a_case("complaint", "ours"), "not_ours"), std::nullopt);
    for (const char* bad : {"", "maybe", "OURS", "not ours"}) {
        auto r = responsibility_refusal(a_case("complaint"), bad);
        ASSERT_TRUE(r) << bad;
        EXPECT_EQ(refusal_status(*r), 422);
        EXPECT_EQ(r->field, "responsibility");
    }
}

// ---- deadlines (FD-B) and return visits (FD-C) ----

Policy custom_policy() {
    Policy p;
    p.inquiry_hours = 2;
    p.repair_hours = 3;
    p.complaint_hours = 5;
    p.suggestion_hours = 7;
    p.praise_hours = 11;
    p.other_hours = 13;
    p.return_visit_hours = 6;
    p.max_unreachable = 2;
    return p;
}

TEST(DeskDeadline, FD_B_TheDefaultPolicy) {
    Policy p;
    EXPECT_EQ(deadline_hours(p, "inquiry"), 24);
    EXPECT_EQ(deadline_hours(p, "repair"), 48);
    EXPECT_EQ(deadline_hours(p, "complaint"), 24);
    EXPECT_EQ(deadline_hours(p, "suggestion"), 72);
    EXPECT_EQ(deadline_hours(p, "praise"), 72);
    EXPECT_EQ(deadline_hours(p, "other"), 48);
    EXPECT_EQ(p.return_visit_hours, 24);
    EXPECT_EQ(p.max_unreachable, 3);
    EXPECT_EQ(p.version, 0);
}

TEST(DeskDeadline, FD_B_EachCategoryTakesItsOwnHoursFromTheSitesPolicy) {
    auto p = custom_policy();
    const std::map<std::string, int64_t> want = {{"inquiry", 2},    {"repair", 3},  {"complaint", 5},
                                                 {"suggestion", 7}, {"praise", 11}, {"other", 13}};
    for (const auto& [category, hours] : want) {
        EXPECT_EQ(deadline_hours(p, category), hours) << category;
        EXPECT_EQ(due_at(kT0, p, category), kT0 + hours * kHour) << category;
    }
    // A category the policy does not name falls back to "other".
    EXPECT_EQ(deadline_hours(p, "unknown"), 13);
}

// kT0 is 2026-11-18T11:06:40Z, 19:06:40 in Hong Kong: its local day ends 4 h 53 min 20 s later.
constexpr EpochMs kT0DayEnd = 1'795'017'600'000;  // 2026-11-19T00:00:00+08:00

TEST(DeskDeadline, FD_C_AReturnVisitIsDueByTheEndOfTheLocalDayOfCompletion) {
    EXPECT_EQ(return_visit_due(kT0, Policy{}, "Asia/Hong_Kong"), kT0DayEnd);
    EXPECT_EQ(return_visit_due(kT0, 24, "Asia/Hong_Kong"), kT0DayEnd);
    // The same instant is still morning in Los Angeles (03:06:40): the day ends there later.
    EXPECT_EQ(return_visit_due(kT0, 24, "America/Los_Angeles"), 1'795'075'200'000);  // 2026-11-19T00:00-08:00
    // A completion just before midnight is due at midnight, not a day later.
    EXPECT_EQ(return_visit_due(kT0DayEnd - 1, 24, "Asia/Hong_Kong"), kT0DayEnd);
    // The first instant of a day starts a new day.
    EXPECT_EQ(return_visit_due(kT0DayEnd, 24, "Asia/Hong_Kong"), kT0DayEnd + 24 * kHour);
}

TEST(DeskDeadline, FD_C_APolicyMayTightenTheDueTimeButNeverPastTheDaysEnd) {
    EXPECT_EQ(return_visit_due(kT0, custom_policy(), "Asia/Hong_Kong"), kT0DayEnd);  // 6 h is past midnight
    EXPECT_EQ(return_visit_due(kT0, 2, "Asia/Hong_Kong"), kT0 + 2 * kHour);
    EXPECT_EQ(return_visit_due(kT0, 1, "Asia/Hong_Kong"), kT0 + kHour);
    // A stored value outside the bounds (from before they held) is read inside them.
    EXPECT_EQ(return_visit_due(kT0, 720, "Asia/Hong_Kong"), kT0DayEnd);
    EXPECT_EQ(return_visit_due(kT0, 0, "Asia/Hong_Kong"), kT0 + kHour);
}

TEST(DeskDeadline, FD_C_TheDaysEndFollowsTheLocalCalendarAcrossAClockChange) {
    // 2026-03-29 in London lasts 23 hours (01:00 GMT → 02:00 BST): a completion at noon BST
    // (11:00Z) is due at midnight BST, 23:00Z.
    constexpr EpochMs kNoon = 1'774'782'000'000;   // 2026-03-29T11:00:00Z
    constexpr EpochMs kNight = 1'774'825'200'000;  // 2026-03-29T23:00:00Z
    EXPECT_EQ(return_visit_due(kNoon, 24, "Europe/London"), kNight);
}

TEST(DeskPolicy, FD_C_TheReturnVisitWindowIsOneToTwentyFourHoursAndLongerIsAStretch) {
    for (int64_t ok : {1, 12, 24}) EXPECT_EQ(return_visit_hours_refusal(ok, "return_visit_hours"), std::nullopt) << ok;
    for (int64_t low : {-5, 0}) {
        auto r = return_visit_hours_refusal(low, "return_visit_hours");
        ASSERT_TRUE(r) << low;
        EXPECT_EQ(r->code, "out_of_range");
        EXPECT_EQ(r->field, "return_visit_hours");
        EXPECT_EQ(refusal_status(*r), 422);
    }
    for (int64_t weeks : {25, 48, 336, 720}) {
        auto r = return_visit_hours_refusal(weeks, "return_visit_hours");
        ASSERT_TRUE(r) << weeks;
        EXPECT_EQ(r->code, "policy_stretch");
        EXPECT_EQ(r->field, "return_visit_hours");
        EXPECT_EQ(params_json(*r), R"({"max":24})");
    }
}

TEST(DeskReturnVisit, FD_C_AVisitIsOverdueWhileUnansweredStrictlyPastItsDueTime) {
    for (const char* waiting : {"pending", "escalated"}) {
        EXPECT_FALSE(visit_overdue(waiting, kT0, kT0)) << waiting;
        EXPECT_TRUE(visit_overdue(waiting, kT0, kT0 + 1)) << waiting;
    }
    for (const char* over : {"done", "cancelled"}) EXPECT_FALSE(visit_overdue(over, kT0, kT0 + 100 * kHour)) << over;
}

TEST(DeskReturnVisit, FD_C_EscalatesFromTheUnreachableLimitOnNotBefore) {
    EXPECT_FALSE(escalates_after_unreachable(0, 3));
    EXPECT_FALSE(escalates_after_unreachable(2, 3));
    EXPECT_TRUE(escalates_after_unreachable(3, 3));
    EXPECT_FALSE(escalates_after_unreachable(0, 1));
    EXPECT_TRUE(escalates_after_unreachable(1, 1));
    EXPECT_FALSE(escalates_after_unreachable(9, 10));
    EXPECT_TRUE(escalates_after_unreachable(10, 10));
}

TEST(DeskReturnVisit, FD_C_AVisitPastALoweredLimitStillEscalates) {
    // Two attempts made under a limit of 3, then the site lowers it to 1 or 2: the next attempt
    // must still reach the butler. That it happens once is the visit's status (escalated), which
    // the API test FD_C_AVisitAlreadyPastALoweredUnreachableLimitStillGoesToTheButlerOnce checks.
    EXPECT_TRUE(escalates_after_unreachable(3, 2));
    EXPECT_TRUE(escalates_after_unreachable(3, 1));
    EXPECT_TRUE(escalates_after_unreachable(4, 3));
}

TEST(DeskOverdue, FD_B_OpenMeansRecordedDispatchedOrInProgress) {
    for (const char* s : kStatuses) {
        std::string status = s;
        bool open = status == "recorded" || status == "dispatched" || status == "in_progress";
        EXPECT_EQ(is_open(status), open) << status;
    }
}

TEST(DeskOverdue, FD_B_OverdueIsOpenAndStrictlyPastTheDeadline) {
    for (const char* s : {"recorded", "dispatched", "in_progress"}) {
        EXPECT_FALSE(is_overdue(s, kT0, kT0 - 1)) << s;
        EXPECT_FALSE(is_overdue(s, kT0, kT0)) << s;
        EXPECT_TRUE(is_overdue(s, kT0, kT0 + 1)) << s;
    }
    for (const char* s : {"completed", "return_visited", "replied", "archived"})
        EXPECT_FALSE(is_overdue(s, kT0, kT0 + 100 * kHour)) << s;
}

TEST(DeskOverdue, FD_D_AnOverdueComplaintEscalatesOnceAndOtherCategoriesNever) {
    auto c = a_case("complaint");
    EXPECT_TRUE(escalates_when_overdue(c));
    c.escalated_at = kT0;
    EXPECT_FALSE(escalates_when_overdue(c));
    for (const char* category : {"inquiry", "repair", "suggestion", "praise", "other"})
        EXPECT_FALSE(escalates_when_overdue(a_case(category))) << category;
}

TEST(DeskPolicy, FD_B_HoursFromOneTo720) {
    for (int64_t bad : {int64_t{-1}, int64_t{0}, int64_t{721}, int64_t{100000}}) {
        auto p = hours_problem(bad);
        ASSERT_TRUE(p) << bad;
        EXPECT_EQ(*p, "must be 1 to 720 hours");
    }
    for (int64_t ok : {1, 24, 720}) EXPECT_EQ(hours_problem(ok), std::nullopt) << ok;
}

TEST(DeskPolicy, FD_C_UnreachableAttemptsFromOneToTen) {
    for (int64_t bad : {-3, 0, 11}) {
        auto p = attempts_problem(bad);
        ASSERT_TRUE(p) << bad;
        EXPECT_EQ(*p, "must be 1 to 10 attempts");
    }
    for (int64_t ok : {1, 3, 10}) EXPECT_EQ(attempts_problem(ok), std::nullopt) << ok;
}

// ---- KPI arithmetic (FD-I) ----

TEST(DeskKpiArithmetic, FD_I_PercentIsNullWhenNothingIsDue) {
    EXPECT_EQ(percent({0, 0}), std::nullopt);
    EXPECT_EQ(percent({3, 0}), std::nullopt);
    EXPECT_EQ(percent({0, -1}), std::nullopt);
}

TEST(DeskKpiArithmetic, FD_I_PercentIsOneHundredTimesDoneOverDue) {
    EXPECT_DOUBLE_EQ(*percent({0, 5}), 0.0);
    EXPECT_DOUBLE_EQ(*percent({3, 4}), 75.0);
    EXPECT_DOUBLE_EQ(*percent({5, 5}), 100.0);
    EXPECT_NEAR(*percent({1, 3}), 33.333333, 1e-5);
}

TEST(DeskKpiArithmetic, FD_I_TheTargetIsOneHundredPercentAndNothingDueBreaksNone) {
    EXPECT_TRUE(meets_target({0, 0}));
    EXPECT_TRUE(meets_target({5, 5}));
    EXPECT_FALSE(meets_target({4, 5}));
    EXPECT_FALSE(meets_target({0, 1}));
    EXPECT_TRUE(meets_target({4, 5}, 80.0));
    EXPECT_FALSE(meets_target({3, 5}, 80.0));
    // 2 of 3 is 66.66…%, which meets a target of exactly 200/3 despite rounding.
    EXPECT_TRUE(meets_target({2, 3}, 200.0 / 3.0));
}

TEST(DeskKpiArithmetic, FD_I_AverageIsNullWithoutDurationsAndTruncatesOtherwise) {
    EXPECT_EQ(average_ms(0, 0), std::nullopt);
    EXPECT_EQ(average_ms(500, 0), std::nullopt);
    EXPECT_EQ(average_ms(500, -2), std::nullopt);
    EXPECT_EQ(average_ms(0, 4), 0);
    EXPECT_EQ(average_ms(100, 3), 33);
    EXPECT_EQ(average_ms(7'200'000, 2), 3'600'000);
}

// ---- each rule in one place: what keeps a case from a step (FD-B, FD-D, MT-3.1) ----

TEST(DeskStepRefusal, FD_B_MT_3_1_ARepairIsNeverDispatchedOrReassignedAsAPlainCase) {
    for (Action a : {Action::dispatch, Action::reassign, Action::reply}) {
        auto r = step_refusal(a_case("repair"), a);
        ASSERT_TRUE(r) << action_name(a);
        EXPECT_EQ(r->code, "repair_process");
        EXPECT_EQ(refusal_status(*r), 409);
    }
    EXPECT_EQ(step_refusal(a_case("repair"), Action::raise_repair), std::nullopt);
    for (Action a : {Action::follow_up, Action::archive, Action::return_visit})
        EXPECT_EQ(step_refusal(a_case("repair"), a), std::nullopt) << action_name(a);
}

TEST(DeskStepRefusal, FD_B_MT_3_1_OnlyARepairCaseWithoutARequestRaisesOne) {
    for (const char* category : {"inquiry", "complaint", "suggestion", "praise", "other"}) {
        auto r = step_refusal(a_case(category), Action::raise_repair);
        ASSERT_TRUE(r) << category;
        EXPECT_EQ(r->code, "not_a_repair");
        EXPECT_EQ(refusal_status(*r), 409);
    }
    auto raised = a_case("repair");
    raised.repair_request_id = 7;
    auto r = step_refusal(raised, Action::raise_repair);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code, "repair_process");
}

TEST(DeskStepRefusal, FD_D_AComplaintNotOursIsNotDispatchedOrReassigned) {
    for (Action a : {Action::dispatch, Action::reassign}) {
        auto r = step_refusal(a_case("complaint", "not_ours"), a);
        ASSERT_TRUE(r) << action_name(a);
        EXPECT_EQ(r->code, "not_ours");
        EXPECT_EQ(refusal_status(*r), 409);
        EXPECT_EQ(step_refusal(a_case("complaint", "ours"), a), std::nullopt);
        EXPECT_EQ(step_refusal(a_case("complaint"), a), std::nullopt);
    }
    EXPECT_EQ(step_refusal(a_case("complaint", "not_ours"), Action::reply),
              std::nullopt);  // closes with the explanation
}

TEST(DeskButler, FD_C_TheButlerAnswersOnlyAVisitEscalatedToThem) {
    ReturnVisit rv;
    rv.status = "pending";
    for (const std::optional<ReturnVisit>& visit : {std::optional<ReturnVisit>{}, std::optional<ReturnVisit>{rv}}) {
        auto r = butler_refusal(visit, "satisfied", "");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->code, "not_escalated");
        EXPECT_EQ(refusal_status(*r), 409);
    }
    rv.status = "escalated";
    EXPECT_EQ(butler_refusal(rv, "satisfied", ""), std::nullopt);
    EXPECT_EQ(butler_refusal(rv, "not_satisfied", "仍然漏水"), std::nullopt);
    auto no_reason = butler_refusal(rv, "not_satisfied", "");  // as at the desk
    ASSERT_TRUE(no_reason);
    EXPECT_EQ(no_reason->code, "reason_required");
    // Still unreachable: the note says what the butler tried.
    for (const char* blank : {"", "  ", "\u3000\u3000"}) {
        auto r = butler_refusal(rv, "unreachable", blank);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->code, "required");
        EXPECT_EQ(r->field, "note");
    }
    EXPECT_EQ(butler_refusal(rv, "unreachable", "上門兩次及留字條均無回覆"), std::nullopt);
}

TEST(DeskReturnVisit, FD_C_NotSatisfiedIsRecordedWithTheResidentsReason) {
    for (const char* blank : {"", "  ", "\u3000\u3000", "\n\t"}) {
        auto r = visit_answer_refusal("not_satisfied", blank);
        ASSERT_TRUE(r) << blank;
        EXPECT_EQ(r->code, "reason_required");
        EXPECT_EQ(r->field, "note");
        EXPECT_EQ(refusal_status(*r), 422);
    }
    EXPECT_EQ(visit_answer_refusal("not_satisfied", "仍然滲水"), std::nullopt);
    // The other outcomes take a note when there is one to give.
    EXPECT_EQ(visit_answer_refusal("satisfied", ""), std::nullopt);
    EXPECT_EQ(visit_answer_refusal("unreachable", ""), std::nullopt);
}

CaseEvent ev(const std::string& kind, EpochMs at, const std::string& note = "", int64_t actor = 1) {
    CaseEvent e;
    e.kind = kind;
    e.at = at;
    e.note = note;
    e.actor_id = actor;
    e.actor_name = "user" + std::to_string(actor);
    e.department_id = 9;
    e.department_name = "工程部";
    return e;
}

TEST(DeskRounds, FD_C_EachReopenClosesARoundWithItsLastCompletionAndTheReason) {
    const EpochMs target = kT0 + 10 * kHour;
    std::vector<CaseEvent> events = {
        ev("recorded", kT0),
        ev("dispatched", kT0 + kHour),
        ev("completed", kT0 + 2 * kHour, "換了喉管", 2),
        ev("return_visit", kT0 + 3 * kHour, "not_satisfied: 仍漏"),
        ev("reopened", kT0 + 3 * kHour, "仍漏", 3),
        ev("completed", kT0 + 11 * kHour, "封膠", 2),  // after the target: late
        ev("reopened", kT0 + 12 * kHour, "雨後再漏", 4),
        ev("completed", kT0 + 13 * kHour, "重做防水", 2),  // the round now on: not history
    };
    auto rounds = previous_rounds(events, target);
    ASSERT_EQ(rounds.size(), 2u);
    EXPECT_EQ(rounds[0].number, 1);
    EXPECT_EQ(rounds[0].feedback, "換了喉管");
    EXPECT_EQ(rounds[0].completed_at, kT0 + 2 * kHour);
    EXPECT_EQ(rounds[0].completed_by, 2);
    EXPECT_EQ(rounds[0].completed_by_name, "user2");
    EXPECT_EQ(rounds[0].department_name, "工程部");
    EXPECT_EQ(rounds[0].on_time, true);
    EXPECT_EQ(rounds[0].reason, "仍漏");
    EXPECT_EQ(rounds[0].reopened_by, 3);
    EXPECT_EQ(rounds[0].reopened_at, kT0 + 3 * kHour);
    EXPECT_EQ(rounds[1].number, 2);
    EXPECT_EQ(rounds[1].feedback, "封膠");
    EXPECT_EQ(rounds[1].on_time, false);
    EXPECT_EQ(rounds[1].reason, "雨後再漏");
    // A completion exactly at the target is in time (as handled() counts it).
    EXPECT_EQ(previous_rounds({ev("completed", target), ev("reopened", target + 1, "x")}, target)[0].on_time, true);
    EXPECT_TRUE(previous_rounds({ev("recorded", kT0), ev("completed", kT0 + 1)}, target).empty());
    // A reopen with no completion recorded in its round keeps the reason alone.
    auto bare = previous_rounds({ev("reopened", kT0, "不滿意")}, target);
    ASSERT_EQ(bare.size(), 1u);
    EXPECT_EQ(bare[0].completed_at, std::nullopt);
    EXPECT_EQ(bare[0].on_time, std::nullopt);
    EXPECT_EQ(bare[0].feedback, "");
    EXPECT_EQ(bare[0].reason, "不滿意");
}

// ---- dispatch, reopen and handled: the deadline a case is judged by (FD-B, FD-I) ----

Case recorded(const std::string& category) {
    Case c = a_case(category);
    c.created_at = kT0;
    c.due_at = c.target_due_at = kT0 + 24 * kHour;
    return c;
}

TEST(DeskDispatch, FD_B_TheFirstDispatchSetsTheDeadlineAndTheTargetFromTheCategorysPolicy) {
    auto p = custom_policy();  // complaints: 5 hours
    auto c = dispatched(recorded("complaint"), 9, std::nullopt, kT0 + kHour, p);
    EXPECT_EQ(c.department_id, 9);
    EXPECT_EQ(c.dispatched_at, kT0 + kHour);
    EXPECT_EQ(c.due_at, kT0 + 6 * kHour);
    EXPECT_EQ(c.target_due_at, kT0 + 6 * kHour);
    EXPECT_EQ(c.accepted_at, std::nullopt);
    EXPECT_EQ(c.overdue_at, std::nullopt);
}

TEST(DeskDispatch, FD_I_AGivenDeadlineTightensTheTargetButNeverStretchesIt) {
    auto p = custom_policy();
    auto tight = dispatched(recorded("complaint"), 9, kT0 + 2 * kHour, kT0, p);
    EXPECT_EQ(tight.due_at, kT0 + 2 * kHour);
    EXPECT_EQ(tight.target_due_at, kT0 + 2 * kHour);
    auto loose = dispatched(recorded("complaint"), 9, kT0 + 72 * kHour, kT0, p);
    EXPECT_EQ(loose.due_at, kT0 + 72 * kHour);        // the department's deadline
    EXPECT_EQ(loose.target_due_at, kT0 + 5 * kHour);  // what the complaint is judged by
}

TEST(DeskDispatch, FD_I_AReassignOrAReopenMovesTheDeadlineNeverTheTarget) {
    auto p = custom_policy();
    auto c = dispatched(recorded("complaint"), 9, std::nullopt, kT0, p);
    c.accepted_at = kT0 + kHour;
    c.overdue_at = kT0 + 6 * kHour;
    auto again = dispatched(c, 10, kT0 + 50 * kHour, kT0 + 10 * kHour, p);
    EXPECT_EQ(again.department_id, 10);
    EXPECT_EQ(again.due_at, kT0 + 50 * kHour);
    EXPECT_EQ(again.target_due_at, kT0 + 5 * kHour);
    EXPECT_EQ(again.accepted_at, std::nullopt);
    EXPECT_EQ(again.overdue_at, std::nullopt);
    c.completed_at = kT0 + 4 * kHour;
    c.feedback = "已處理";
    auto re = reopened(c, kT0 + 20 * kHour, p, "仍然漏水");
    EXPECT_EQ(re.reopen_count, 1);
    EXPECT_EQ(re.reopen_reason, "仍然漏水");
    EXPECT_EQ(re.feedback, "");  // FD-C: the round turned down is history (previous_rounds)
    EXPECT_EQ(re.dispatched_at, kT0 + 20 * kHour);
    EXPECT_EQ(re.due_at, kT0 + 25 * kHour);
    EXPECT_EQ(re.target_due_at, kT0 + 5 * kHour);
    EXPECT_EQ(re.completed_at, std::nullopt);
    EXPECT_EQ(re.accepted_at, std::nullopt);
    EXPECT_EQ(re.overdue_at, std::nullopt);
    EXPECT_EQ(re.department_id, 9);
}

TEST(DeskHandled, FD_I_TheFirstCompletionIsWhenItWasHandledAndOnTimeUpToTheTargetInclusive) {
    auto c = recorded("complaint");
    auto at = handled(c, c.target_due_at);
    EXPECT_EQ(at.handled_at, c.target_due_at);
    EXPECT_EQ(at.handled_on_time, true);
    auto late = handled(c, c.target_due_at + 1);
    EXPECT_EQ(late.handled_on_time, false);
}

TEST(DeskHandled, FD_I_AReopenedComplaintFinishedLateIsLateAndStaysSo) {
    auto c = handled(recorded("complaint"), kT0 + kHour);  // on time
    auto second = handled(c, c.target_due_at + kHour);     // after an unhappy return visit
    EXPECT_EQ(second.handled_at, kT0 + kHour);             // first handled: unchanged
    EXPECT_EQ(second.handled_on_time, false);
    EXPECT_EQ(handled(second, kT0 + 2 * kHour).handled_on_time, false);  // never on time again
    EXPECT_EQ(handled(c, c.target_due_at).handled_on_time, true);        // a second finish in time keeps it
}

TEST(DeskHandled, FD_I_OnTimeAsOfNowIsHandledInTimeAndNotOpenAgainPastTheTarget) {
    EXPECT_TRUE(on_time("completed", true, kT0, kT0 + 100 * kHour));
    EXPECT_FALSE(on_time("completed", false, kT0, kT0));
    EXPECT_FALSE(on_time("dispatched", std::nullopt, kT0, kT0 - 1));
    EXPECT_TRUE(on_time("dispatched", true, kT0, kT0));       // reopened, still within the target
    EXPECT_FALSE(on_time("dispatched", true, kT0, kT0 + 1));  // reopened and past it
    EXPECT_FALSE(on_time("in_progress", true, kT0, kT0 + 1));
}

TEST(DeskDeadline, FD_B_AGivenDeadlineMayTightenTheCategorysNeverStretchIt) {
    Policy p;
    const EpochMs now = 1'795'849'445'000;
    const EpochMs hour = 3'600'000;
    EXPECT_EQ(deadline_refusal(now + hour, now, p, "complaint"), std::nullopt);
    EXPECT_EQ(deadline_refusal(now + p.complaint_hours * hour, now, p, "complaint"), std::nullopt);
    auto later = deadline_refusal(now + p.complaint_hours * hour + 1, now, p, "complaint");
    ASSERT_TRUE(later);
    EXPECT_EQ(later->code, "policy_stretch");
    EXPECT_EQ(later->field, "due_at");
    auto past = deadline_refusal(now, now, p, "inquiry");
    ASSERT_TRUE(past);
    EXPECT_EQ(past->code, "out_of_range");
}

TEST(DeskLabels, CodesReadInTheSitesWordsAndAnUnknownOneAsItIs) {
    EXPECT_EQ(channel_label("phone"), "來電");
    EXPECT_EQ(category_label("complaint"), "投訴");
    EXPECT_EQ(status_label("in_progress"), "處理中");
    EXPECT_EQ(status_label("archived"), "已歸檔");
    EXPECT_EQ(category_label("mystery"), "mystery");
}

}  // namespace
}  // namespace propdesk::desk::rules
