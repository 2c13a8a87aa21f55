// FD-I: the desk's figures summed from per-department, per-staff, per-day counts, with the
// complaint on-time rate, the return-visit rate and the step averages.
#include "desk/kpi.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace propdesk::desk::kpi {
namespace {

// Counts whose every field differs, starting at `base`, so a field added to the wrong one shows.
Counts numbered(int64_t base) {
    Counts c;
    int64_t n = base;
    for (int64_t* f : {&c.cases, &c.complaints, &c.complaints_due, &c.complaints_on_time, &c.visits_due, &c.visits_done,
                       &c.dispatch_ms, &c.dispatch_n, &c.accept_ms, &c.accept_n, &c.complete_ms, &c.complete_n,
                       &c.visit_ms, &c.visit_n, &c.reply_ms, &c.reply_n, &c.archive_ms, &c.archive_n})
        *f = n++;
    return c;
}

std::vector<int64_t> fields(const Counts& c) {
    return {
        c.cases,      c.complaints, c.complaints_due, c.complaints_on_time, c.visits_due, c.visits_done, c.dispatch_ms,
        c.dispatch_n, c.accept_ms,  c.accept_n,       c.complete_ms,        c.complete_n, c.visit_ms,    c.visit_n,
        c.reply_ms,   c.reply_n,    c.archive_ms,     c.archive_n};
}

Counts cases(int64_t n, int64_t complaints = 0) {
    Counts c;
    c.cases = n;
    c.complaints = complaints;
    return c;
}

TEST(DeskKpiCounts, FD_I_AddSumsEveryFieldIntoItsOwn) {
    Counts total = numbered(1);
    total.add(numbered(100));
    auto got = fields(total);
    ASSERT_EQ(got.size(), 18u);
    for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], static_cast<int64_t>(1 + i + 100 + i)) << "field " << i;
}

TEST(DeskKpiCounts, AddingZeroChangesNothing) {
    Counts c = numbered(7);
    c.add(Counts{});
    EXPECT_EQ(fields(c), fields(numbered(7)));
}

TEST(DeskKpiSummary, FD_I_GroupsByDepartmentIncludingTheUndispatchedGroupByStaffAndByDay) {
    std::vector<Row> rows = {
        {20, 5, 0, cases(1, 1)},         // engineering-like department 20, staff 5, first day
        {std::nullopt, 5, 1, cases(2)},  // not dispatched
        {10, 6, 1, cases(4, 2)},         //
        {20, 6, 2, cases(8)},            //
        {std::nullopt, 6, 2, cases(16, 4)},
    };
    auto s = summarise(rows, 3);
    EXPECT_EQ(s.total.cases, 31);
    EXPECT_EQ(s.total.complaints, 7);

    // Departments by id, the group without a department first.
    ASSERT_EQ(s.departments.size(), 3u);
    EXPECT_EQ(s.departments[0].id, std::nullopt);
    EXPECT_EQ(s.departments[0].counts.cases, 18);
    EXPECT_EQ(s.departments[0].counts.complaints, 4);
    EXPECT_EQ(s.departments[1].id, 10);
    EXPECT_EQ(s.departments[1].counts.cases, 4);
    EXPECT_EQ(s.departments[2].id, 20);
    EXPECT_EQ(s.departments[2].counts.cases, 9);
    EXPECT_EQ(s.departments[2].counts.complaints, 1);

    ASSERT_EQ(s.staff.size(), 2u);
    EXPECT_EQ(s.staff[0].id, 5);
    EXPECT_EQ(s.staff[0].counts.cases, 3);
    EXPECT_EQ(s.staff[1].id, 6);
    EXPECT_EQ(s.staff[1].counts.cases, 28);
    EXPECT_EQ(s.staff[1].counts.complaints, 6);

    ASSERT_EQ(s.days.size(), 3u);
    EXPECT_EQ(s.days[0].cases, 1);
    EXPECT_EQ(s.days[1].cases, 6);
    EXPECT_EQ(s.days[2].cases, 24);
}

TEST(DeskKpiSummary, FD_I_ADayWithoutRowsIsThereWithZeroes) {
    auto s = summarise({{1, 1, 2, cases(3)}}, 4);
    ASSERT_EQ(s.days.size(), 4u);
    EXPECT_EQ(fields(s.days[0]), fields(Counts{}));
    EXPECT_EQ(fields(s.days[1]), fields(Counts{}));
    EXPECT_EQ(s.days[2].cases, 3);
    EXPECT_EQ(fields(s.days[3]), fields(Counts{}));
}

TEST(DeskKpiSummary, FD_I_RowsOfDaysOutsideThePeriodCountInTotalsButInNoDay) {
    auto s = summarise({{1, 1, -1, cases(1)}, {1, 1, 0, cases(2)}, {1, 1, 2, cases(4)}, {1, 1, 3, cases(8)}}, 2);
    ASSERT_EQ(s.days.size(), 2u);
    EXPECT_EQ(s.days[0].cases, 2);
    EXPECT_EQ(s.days[1].cases, 0);
    EXPECT_EQ(s.total.cases, 15);
    ASSERT_EQ(s.departments.size(), 1u);
    EXPECT_EQ(s.departments[0].counts.cases, 15);
}

TEST(DeskKpiSummary, FD_I_APeriodOfZeroOrNegativeDaysHasNoDays) {
    auto zero = summarise({{1, 1, 0, cases(2)}}, 0);
    EXPECT_TRUE(zero.days.empty());
    EXPECT_EQ(zero.total.cases, 2);
    EXPECT_TRUE(summarise({{1, 1, 0, cases(2)}}, -3).days.empty());
}

TEST(DeskKpiSummary, NoRowsNoGroups) {
    auto s = summarise({}, 2);
    EXPECT_TRUE(s.departments.empty());
    EXPECT_TRUE(s.staff.empty());
    EXPECT_EQ(s.days.size(), 2u);
    EXPECT_EQ(fields(s.total), fields(Counts{}));
}

TEST(DeskKpiRates, FD_I_ComplaintsOnTimeIsOnTimeOverDue) {
    Counts c;
    c.complaints = 9;
    c.complaints_due = 4;
    c.complaints_on_time = 3;
    auto r = complaints_on_time(c);
    EXPECT_EQ(r.numerator, 3);
    EXPECT_EQ(r.denominator, 4);
    EXPECT_DOUBLE_EQ(*rules::percent(r), 75.0);
    EXPECT_FALSE(rules::meets_target(r));
}

TEST(DeskKpiRates, FD_I_ReturnVisitRateIsDoneOverDue) {
    Counts c;
    c.visits_due = 2;
    c.visits_done = 2;
    auto r = return_visit_rate(c);
    EXPECT_EQ(r.numerator, 2);
    EXPECT_EQ(r.denominator, 2);
    EXPECT_TRUE(rules::meets_target(r));
    auto none = return_visit_rate(Counts{});
    EXPECT_EQ(rules::percent(none), std::nullopt);
}

TEST(DeskKpiAverages, FD_I_MinutesPerStepTruncatedAndNullWhereNoCaseReachedTheStep) {
    Counts c;
    c.dispatch_ms = 10 * 60'000;  // two cases, 10 minutes in all
    c.dispatch_n = 2;
    c.accept_ms = 119'999;  // just under two minutes
    c.accept_n = 1;
    c.complete_ms = 3 * 3'600'000;
    c.complete_n = 3;
    c.visit_ms = 0;
    c.visit_n = 1;
    c.reply_ms = 0;  // no replies
    c.reply_n = 0;
    c.archive_ms = 59'999;
    c.archive_n = 1;
    auto a = averages_minutes(c);
    EXPECT_EQ(a.dispatch, 5);
    EXPECT_EQ(a.accept, 1);
    EXPECT_EQ(a.complete, 60);
    EXPECT_EQ(a.return_visit, 0);
    EXPECT_EQ(a.reply, std::nullopt);
    EXPECT_EQ(a.archive, 0);

    auto none = averages_minutes(Counts{});
    for (const auto& v : {none.dispatch, none.accept, none.complete, none.return_visit, none.reply, none.archive})
        EXPECT_EQ(v, std::nullopt);
}

// ---- what one case and one return visit add (read from the store, counted here) ----

constexpr EpochMs kT0 = 1'795'000'000'000;
constexpr EpochMs kMin = 60'000;
constexpr EpochMs kHour = 3'600'000;

CaseTimes complaint(EpochMs due_at, std::string status = "dispatched") {
    CaseTimes t;
    t.complaint = true;
    t.status = std::move(status);
    t.created_at = kT0;
    t.due_at = t.target_due_at = due_at;
    return t;
}

TEST(DeskKpiOfCase, FD_I_ACaseCountsOnceAndANonComplaintNeverCountsForTheComplaintRate) {
    CaseTimes t;
    t.created_at = kT0;
    t.due_at = kT0 + kHour;  // long past, never handled
    auto c = of_case(t, kT0 + 100 * kHour);
    EXPECT_EQ(c.cases, 1);
    EXPECT_EQ(c.complaints, 0);
    EXPECT_EQ(c.complaints_due, 0);
    EXPECT_EQ(c.complaints_on_time, 0);
    EXPECT_EQ(c.visits_due, 0);
}

TEST(DeskKpiOfCase, FD_I_AnUnhandledComplaintIsDueOnlyOnceItsDeadlineHasPassed) {
    auto t = complaint(kT0 + 24 * kHour);
    EXPECT_EQ(of_case(t, kT0 + 24 * kHour - 1).complaints_due, 0);
    // At the deadline itself it may still be handled on time (rules::is_overdue agrees).
    EXPECT_EQ(of_case(t, kT0 + 24 * kHour).complaints_due, 0);
    EXPECT_FALSE(rules::is_overdue("recorded", t.due_at, kT0 + 24 * kHour));
    auto past = of_case(t, kT0 + 24 * kHour + 1);
    EXPECT_EQ(past.complaints, 1);
    EXPECT_EQ(past.complaints_due, 1);
    EXPECT_EQ(past.complaints_on_time, 0);
}

TEST(DeskKpiOfCase, FD_I_AHandledComplaintIsDueAtOnceAndOnTimeByItsFlag) {
    auto on_time = complaint(kT0 + 24 * kHour, "completed");
    on_time.handled_at = kT0 + kHour;
    on_time.handled_on_time = true;
    auto c = of_case(on_time, kT0 + 2 * kHour);  // before the deadline
    EXPECT_EQ(c.complaints_due, 1);
    EXPECT_EQ(c.complaints_on_time, 1);
    auto late = complaint(kT0 + kHour, "completed");
    late.handled_at = kT0 + 2 * kHour;
    late.handled_on_time = false;
    c = of_case(late, kT0 + 3 * kHour);
    EXPECT_EQ(c.complaints_due, 1);
    EXPECT_EQ(c.complaints_on_time, 0);
}

TEST(DeskKpiOfCase, FD_I_AComplaintIsJudgedByTheDeadlineOfItsFirstDispatchNotAMovedOne) {
    // Reassigned with a later deadline: still judged by the first one.
    auto moved = complaint(kT0 + kHour, "completed");
    moved.due_at = kT0 + 48 * kHour;
    moved.handled_at = kT0 + 10 * kHour;
    moved.handled_on_time = false;  // rules::handled against the target
    EXPECT_EQ(of_case(moved, kT0 + 11 * kHour).complaints_on_time, 0);
    // Still open under the moved deadline but past the target: due, and not on time.
    auto open = complaint(kT0 + kHour, "in_progress");
    open.due_at = kT0 + 48 * kHour;
    auto c = of_case(open, kT0 + 2 * kHour);
    EXPECT_EQ(c.complaints_due, 1);
    EXPECT_EQ(c.complaints_on_time, 0);
}

TEST(DeskKpiOfCase, FD_I_AComplaintReopenedAndOpenPastItsTargetIsNoLongerOnTime) {
    auto t = complaint(kT0 + 24 * kHour, "dispatched");  // reopened by an unhappy return visit
    t.handled_at = kT0 + kHour;
    t.handled_on_time = true;  // its first completion was in time
    EXPECT_EQ(of_case(t, kT0 + 24 * kHour).complaints_on_time, 1);
    EXPECT_EQ(of_case(t, kT0 + 24 * kHour + 1).complaints_on_time, 0);
    t.status = "completed";  // finished again, in time
    EXPECT_EQ(of_case(t, kT0 + 48 * kHour).complaints_on_time, 1);
}

TEST(DeskKpiOfCase, FD_I_TimeInEachStepCountsOnlyWhenBothEndsWereReached) {
    CaseTimes t;
    t.created_at = kT0;
    t.due_at = kT0 + 48 * kHour;
    t.dispatched_at = kT0 + 10 * kMin;
    t.accepted_at = kT0 + 30 * kMin;
    t.completed_at = kT0 + 3 * kHour;
    t.return_visited_at = kT0 + 4 * kHour;
    t.archived_at = kT0 + 5 * kHour;
    auto c = of_case(t, kT0 + 6 * kHour);
    EXPECT_EQ(c.dispatch_ms, 10 * kMin);
    EXPECT_EQ(c.dispatch_n, 1);
    EXPECT_EQ(c.accept_ms, 20 * kMin);
    EXPECT_EQ(c.accept_n, 1);
    EXPECT_EQ(c.complete_ms, 3 * kHour - 30 * kMin);
    EXPECT_EQ(c.complete_n, 1);
    EXPECT_EQ(c.visit_ms, kHour);
    EXPECT_EQ(c.visit_n, 1);
    EXPECT_EQ(c.reply_n, 0);
    EXPECT_EQ(c.reply_ms, 0);
    EXPECT_EQ(c.archive_ms, 5 * kHour);
    EXPECT_EQ(c.archive_n, 1);

    // Replied at the desk: only the reply (and archive) spans.
    CaseTimes r;
    r.created_at = kT0;
    r.due_at = kT0 + kHour;
    r.replied_at = kT0 + 15 * kMin;
    c = of_case(r, kT0 + kHour);
    EXPECT_EQ(c.reply_ms, 15 * kMin);
    EXPECT_EQ(c.reply_n, 1);
    EXPECT_EQ(c.dispatch_n + c.accept_n + c.complete_n + c.visit_n + c.archive_n, 0);

    // Accepted without a dispatch time (cannot happen through the API): no accept span.
    CaseTimes odd;
    odd.created_at = kT0;
    odd.accepted_at = kT0 + kMin;
    c = of_case(odd, kT0 + kHour);
    EXPECT_EQ(c.accept_n, 0);
}

TEST(DeskKpiOfVisit, FD_I_AVisitIsDueByNowOrWhenDoneEarlyAndDoneWhenCalledBack) {
    auto pending_future = of_visit(kT0 + kHour, false, kT0);
    EXPECT_EQ(pending_future.visits_due, 0);
    EXPECT_EQ(pending_future.visits_done, 0);
    auto pending_due = of_visit(kT0, false, kT0);
    EXPECT_EQ(pending_due.visits_due, 1);
    EXPECT_EQ(pending_due.visits_done, 0);
    auto done_early = of_visit(kT0 + kHour, true, kT0);
    EXPECT_EQ(done_early.visits_due, 1);
    EXPECT_EQ(done_early.visits_done, 1);
    EXPECT_EQ(of_visit(kT0 + kHour, true, kT0).cases, 0);  // a visit is not a case
}

// Local midnights of Europe/London around 2026-10-25, when summer time ends: a day of 25 hours.
constexpr EpochMs kOct24 = 1'792'796'400'000;    // 2026-10-24T00:00+01:00
constexpr EpochMs kOct25 = kOct24 + 24 * kHour;  // 2026-10-25T00:00+01:00
constexpr EpochMs kOct26 = kOct25 + 25 * kHour;  // 2026-10-26T00:00+00:00
constexpr EpochMs kOct27 = kOct26 + 24 * kHour;  // 2026-10-27T00:00+00:00, the period's end

TEST(DeskKpiAccumulator, FD_I_GroupsByDepartmentStaffAndTheLocalDayOfEachInstant) {
    Accumulator acc({kOct24, kOct25, kOct26, kOct27});
    acc.add(7, 1, kOct24, cases(1));                           // the first instant of the period
    acc.add(7, 1, kOct25 - 1, cases(2));                       // the first day's last ms
    acc.add(7, 1, kOct25 + 24 * kHour + 30 * kMin, cases(4));  // 23:30 on the long day
    acc.add(std::nullopt, 2, kOct26, cases(8));                // the last day's first instant
    acc.add(7, 1, kOct25 + kHour, cases(16));                  // same group and day as the 23:30 one
    auto rows = acc.rows();
    ASSERT_EQ(rows.size(), 3u);
    // In key order: the group without a department first, then by staff member and day.
    EXPECT_EQ(rows[0].department_id, std::nullopt);
    EXPECT_EQ(rows[0].staff_id, 2);
    EXPECT_EQ(rows[0].day, 2);
    EXPECT_EQ(rows[0].counts.cases, 8);
    EXPECT_EQ(rows[1].department_id, 7);
    EXPECT_EQ(rows[1].staff_id, 1);
    EXPECT_EQ(rows[1].day, 0);
    EXPECT_EQ(rows[1].counts.cases, 3);  // the first instant and the last ms of the first day
    EXPECT_EQ(rows[2].department_id, 7);
    EXPECT_EQ(rows[2].day, 1);
    EXPECT_EQ(rows[2].counts.cases, 20);  // 01:00 and 23:30 of the 25-hour day are the same day

    auto s = summarise(rows, 3);
    ASSERT_EQ(s.days.size(), 3u);
    EXPECT_EQ(s.days[0].cases, 3);
    EXPECT_EQ(s.days[1].cases, 20);
    EXPECT_EQ(s.days[2].cases, 8);
}

TEST(DeskKpiAccumulator, FD_I_InstantsOutsideThePeriodFallOutsideItsDays) {
    Accumulator acc({kOct24, kOct25, kOct26, kOct27});
    acc.add(1, 1, kOct24 - 1, cases(1));
    acc.add(1, 1, kOct27, cases(2));
    auto rows = acc.rows();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].day, -1);
    EXPECT_EQ(rows[1].day, 3);
    auto s = summarise(rows, 3);
    for (const auto& d : s.days) EXPECT_EQ(d.cases, 0);
}

}  // namespace
}  // namespace propdesk::desk::kpi
