// MT-1: what one job and one arrival add to the repair KPIs, and how they add up per technician
// and per local day of the period.
#include <gtest/gtest.h>

#include "repair/kpi.hpp"

namespace propdesk::repair::kpi {
namespace {

constexpr EpochMs kMinute = 60'000, kHour = 60 * kMinute, kDay = 24 * kHour;

TEST(RepairKpi, MT_1_ResponseTimeIsFromTheRequestToTheFirstArrivalOfImmediateJobsOnly) {
    Facts f{.requested_at = 0, .immediate = true, .first_arrived_at = 20 * kMinute};
    auto c = of_job(f, 0);
    EXPECT_EQ(c.requests, 1);
    EXPECT_EQ(c.responded, 1);
    EXPECT_EQ(response_minutes(c), 20);
    f.immediate = false;  // an appointment's arrival is measured against its booking instead
    EXPECT_EQ(of_job(f, 0).responded, 0);
    EXPECT_EQ(response_minutes(of_job(f, 0)), std::nullopt);
    Facts waiting{.requested_at = 0, .immediate = true};
    EXPECT_EQ(of_job(waiting, 0).responded, 0);
}

TEST(RepairKpi, MT_3_1_MT_1_AnImmediateJobNeverReachedIsLateOnceItsDeadlineHasPassed) {
    Facts f{.requested_at = 0, .immediate = true, .due_at = 30 * kMinute};
    auto waiting = of_job(f, 30 * kMinute);  // at the deadline it may still be on time
    EXPECT_EQ(waiting.on_time_immediate.denominator, 0);
    EXPECT_EQ(waiting.late_arrivals, 0);
    auto missed = of_job(f, 30 * kMinute + 1);
    EXPECT_EQ(missed.on_time_immediate.numerator, 0);
    EXPECT_EQ(missed.on_time_immediate.denominator, 1);
    EXPECT_EQ(missed.late_arrivals, 1);
    EXPECT_EQ(missed.responded, 0);
    // Reached at last: its arrival counts (of_arrival), not the job a second time.
    f.first_arrived_at = 50 * kMinute;
    EXPECT_EQ(of_job(f, kDay).on_time_immediate.denominator, 0);
    EXPECT_EQ(of_job(f, kDay).late_arrivals, 0);
}

TEST(RepairKpi, MT_3_1_MT_1_AnImmediateJobClosedBeforeAnyVisitIsLateEvenBeforeItsDeadline) {
    Facts f{.requested_at = 0, .immediate = true, .due_at = 30 * kMinute, .closed_at = 10 * kMinute};
    auto c = of_job(f, 10 * kMinute);
    EXPECT_EQ(c.on_time_immediate.numerator, 0);
    EXPECT_EQ(c.on_time_immediate.denominator, 1);
    EXPECT_EQ(c.late_arrivals, 1);
    // An appointment nobody reached is not an immediate promise broken.
    f.immediate = false;
    EXPECT_EQ(of_job(f, kDay).on_time_immediate.denominator, 0);
    EXPECT_EQ(of_job(f, kDay).on_time_appointment.denominator, 0);
    EXPECT_EQ(of_job(f, kDay).late_arrivals, 0);
}

TEST(RepairKpi, MT_1_ResponseMinutesRoundToTheNearestMinute) {
    Counts c;
    c.responded = 2;
    c.response_ms = 29 * kMinute + 60'000;  // 15 min on average
    EXPECT_EQ(response_minutes(c), 15);
    c.response_ms = 2 * (10 * kMinute + 29'999);
    EXPECT_EQ(response_minutes(c), 10);
    c.response_ms = 2 * (10 * kMinute + 30'000);
    EXPECT_EQ(response_minutes(c), 11);
}

TEST(RepairKpi, MT_1_OnTimeArrivalIsCountedForImmediateAndAppointmentApart) {
    auto on = of_arrival({0, 1, "immediate", "on_time"});
    EXPECT_EQ(on.on_time_immediate.numerator, 1);
    EXPECT_EQ(on.on_time_immediate.denominator, 1);
    EXPECT_EQ(on.on_time_appointment.denominator, 0);
    EXPECT_EQ(on.late_arrivals, 0);
    auto late = of_arrival({0, 1, "appointment", "late"});
    EXPECT_EQ(late.on_time_appointment.numerator, 0);
    EXPECT_EQ(late.on_time_appointment.denominator, 1);
    EXPECT_EQ(late.late_arrivals, 1);
    auto early = of_arrival({0, 1, "appointment", "early"});  // early is not on time, nor late
    EXPECT_EQ(early.on_time_appointment.numerator, 0);
    EXPECT_EQ(early.late_arrivals, 0);
}

TEST(RepairKpi, MT_1_MT_4_0_FirstTimeFixSatisfactionAndReturnVisitsCountCompletedJobs) {
    Facts open{.requested_at = 0};
    auto c = of_job(open, 0);
    EXPECT_EQ(c.completed, 0);
    EXPECT_EQ(c.return_visits.denominator, 0);
    Facts done{.requested_at = 0, .completed_at = kHour, .first_time_fix = true, .return_visit_due_at = kDay};
    c = of_job(done, 0);
    EXPECT_EQ(c.completed, 1);
    EXPECT_EQ(c.first_time_fix.numerator, 1);
    EXPECT_EQ(c.sampled, 1);
    EXPECT_EQ(c.return_visits.numerator, 0);  // sampled, not yet called
    EXPECT_EQ(c.return_visits.denominator, 1);
    EXPECT_EQ(c.satisfaction.denominator, 0);
    // Called twice (unsatisfied, then satisfied after the revisit): every answer counts.
    done.first_time_fix = false;
    done.visits_answered = 2;
    done.visits_satisfied = 1;
    c = of_job(done, 0);
    EXPECT_EQ(c.first_time_fix.numerator, 0);
    EXPECT_EQ(c.first_time_fix.denominator, 1);
    EXPECT_EQ(c.return_visits.numerator, 1);
    EXPECT_EQ(c.satisfaction.numerator, 1);
    EXPECT_EQ(c.satisfaction.denominator, 2);
}

TEST(RepairKpi, MT_1_TheAccumulatorSumsPerTechnicianAndLocalDayIncludingA25HourDay) {
    // Three days of a period, the second 25 hours long (the clocks went back), then its end.
    std::vector<EpochMs> starts{0, kDay, 2 * kDay + kHour, 3 * kDay + kHour};
    Accumulator acc(starts);
    Counts one;
    one.requests = 1;
    acc.add(7, 0, one);                        // day 1
    acc.add(7, 2 * kDay + 30 * kMinute, one);  // still day 2: its 25th hour
    acc.add(8, 2 * kDay + kHour, one);         // day 3's first instant
    acc.add(8, -1, one);                       // before the period: in the totals, in no day
    acc.add(8, 3 * kDay + kHour, one);         // the period's end belongs to no day
    EXPECT_EQ(acc.total().requests, 5);
    EXPECT_EQ(acc.technicians().at(7).requests, 2);
    EXPECT_EQ(acc.technicians().at(8).requests, 3);
    ASSERT_EQ(acc.days().size(), 3u);
    EXPECT_EQ(acc.days()[0].requests, 1);
    EXPECT_EQ(acc.days()[1].requests, 1);
    EXPECT_EQ(acc.days()[2].requests, 1);
}

TEST(RepairKpi, CountsAddEveryField) {
    Counts a = of_job({.requested_at = 0,
                       .immediate = true,
                       .first_arrived_at = kMinute,
                       .completed_at = kHour,
                       .first_time_fix = true,
                       .return_visit_due_at = kDay,
                       .visits_answered = 1,
                       .visits_satisfied = 1},
                      0);
    a.add(of_arrival({0, 1, "immediate", "late"}));
    a.add(of_arrival({0, 1, "appointment", "on_time"}));
    Counts sum;
    sum.add(a);
    sum.add(a);
    EXPECT_EQ(sum.requests, 2);
    EXPECT_EQ(sum.responded, 2);
    EXPECT_EQ(sum.response_ms, 2 * kMinute);
    EXPECT_EQ(sum.on_time_immediate.denominator, 2);
    EXPECT_EQ(sum.on_time_appointment.numerator, 2);
    EXPECT_EQ(sum.late_arrivals, 2);
    EXPECT_EQ(sum.completed, 2);
    EXPECT_EQ(sum.first_time_fix.numerator, 2);
    EXPECT_EQ(sum.satisfaction.denominator, 2);
    EXPECT_EQ(sum.return_visits.numerator, 2);
    EXPECT_EQ(sum.sampled, 2);
}

}  // namespace
}  // namespace propdesk::repair::kpi
