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

const std::vector<Action> kAllActions = {Action::dispatch,  Action::reassign,      Action::accept, Action::progress,
                                         Action::complete,  Action::return_visit,  Action::reply,  Action::archive,
                                         Action::follow_up, Action::responsibility};

// ---- the transition table (FD-A: record → handle → reply → archive, no step skipped) ----

// Every action other than the return visit, from every status: the target, or absent when the
// lifecycle does not allow it.
const std::map<Action, std::map<std::string, std::string>> kTable = {
    {Action::dispatch, {{"recorded", "dispatched"}}},
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
                                               "reply", "archive", "follow_up", "responsibility"}));
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

TEST(DeskDeadline, FD_C_AReturnVisitIsDueThePolicysHoursAfterCompletion) {
    EXPECT_EQ(return_visit_due(kT0, Policy{}), kT0 + 24 * kHour);
    EXPECT_EQ(return_visit_due(kT0, custom_policy()), kT0 + 6 * kHour);
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

}  // namespace
}  // namespace propdesk::desk::rules
