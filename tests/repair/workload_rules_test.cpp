// The technician picker (MT-3.1: engineering assigns a technician): which open jobs keep a
// technician busy and when, their open jobs today and the first moment they are free.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "repair/model.hpp"
#include "repair/rules.hpp"

namespace propdesk::repair::rules {
namespace {

constexpr EpochMs kMinute = 60'000;
constexpr EpochMs kHour = 60 * kMinute;
constexpr EpochMs kNow = 1'795'000'000'000;
constexpr EpochMs kDayEnd = kNow + 6 * kHour;

Repair job(const std::string& status, const std::string& mode, EpochMs due) {
    Repair r;
    r.status = status;
    r.mode = mode;
    r.due_at = due;
    if (mode == "appointment") {
        r.slot_start = due;
        r.slot_end = due + kHour;
    }
    return r;
}

Repair at_door(const std::string& status, EpochMs arrived) {
    Repair r = job(status, "immediate", arrived);
    r.arrived_at = arrived;
    return r;
}

TEST(RepairWorkload, MT_3_1_AnAppointmentKeepsItsTechnicianBusyForItsSlot) {
    auto b = busy_interval(job("assigned", "appointment", kNow + 2 * kHour), kNow);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->start, kNow + 2 * kHour);
    EXPECT_EQ(b->end, kNow + 3 * kHour);
}

TEST(RepairWorkload, MT_3_1_AnImmediateJobKeepsThemBusyFromNowUntilAnHourAfterItsDeadline) {
    auto b = busy_interval(job("assigned", "immediate", kNow + 20 * kMinute), kNow);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->start, kNow);
    EXPECT_EQ(b->end, kNow + 20 * kMinute + kJobMs);
    // Overdue: the hour counts from now.
    auto late = busy_interval(job("assigned", "immediate", kNow - 10 * kMinute), kNow);
    ASSERT_TRUE(late);
    EXPECT_EQ(late->end, kNow + kJobMs);
}

TEST(RepairWorkload, MT_3_1_AJobTheyAreAtLastsTheProposalsMinutesOrAnHourFromTheWork) {
    auto arrived = busy_interval(at_door("on_site", kNow - 20 * kMinute), kNow);
    ASSERT_TRUE(arrived);
    EXPECT_EQ(arrived->start, kNow - 20 * kMinute);
    EXPECT_EQ(arrived->end, kNow + 40 * kMinute);
    auto working = at_door("in_progress", kNow - 30 * kMinute);
    working.started_at = kNow - 10 * kMinute;
    working.proposal_minutes = 90;
    EXPECT_EQ(busy_interval(working, kNow)->end, kNow + 80 * kMinute);
    for (const char* s : {"proposed", "consented"})
        EXPECT_EQ(busy_interval(at_door(s, kNow - 5 * kMinute), kNow)->end, kNow + 55 * kMinute) << s;
    // Past the estimate: taken as finishing now.
    EXPECT_EQ(busy_interval(at_door("in_progress", kNow - 3 * kHour), kNow)->end, kNow);
}

TEST(RepairWorkload, MT_3_1_AJobWaitingForANewTimeOrFinishedKeepsNobodyBusy) {
    for (const char* s : {"rebook", "recorded", "completed", "return_visited", "closed"})
        EXPECT_EQ(busy_interval(job(s, "immediate", kNow), kNow), std::nullopt) << s;
}

TEST(RepairWorkload, MT_3_1_NoJobsIsFreeNowWithNothingToday) {
    auto w = workload({}, kNow, kDayEnd);
    EXPECT_EQ(w.open_today, 0);
    EXPECT_EQ(w.next_free_at, kNow);
}

TEST(RepairWorkload, MT_3_1_TodaysOpenJobsCountAndTomorrowsAndRebookingsDoNot) {
    std::vector<Repair> jobs{job("assigned", "appointment", kNow + 2 * kHour),
                             job("assigned", "immediate", kNow - 2 * kHour),  // still open from earlier
                             job("assigned", "appointment", kDayEnd),         // tomorrow
                             job("rebook", "immediate", kNow - kHour)};
    EXPECT_EQ(workload(jobs, kNow, kDayEnd).open_today, 2);
}

TEST(RepairWorkload, MT_3_1_FreeNowWhenTheNextJobStartsLater) {
    std::vector<Repair> jobs{job("assigned", "appointment", kNow + 2 * kHour)};
    EXPECT_EQ(workload(jobs, kNow, kDayEnd).next_free_at, kNow);
}

TEST(RepairWorkload, MT_3_1_NextFreeAfterBackToBackJobsButAtTheFirstGap) {
    auto here = at_door("in_progress", kNow - 30 * kMinute);              // until kNow + 30 min
    auto touching = job("assigned", "appointment", kNow + 30 * kMinute);  // 30 min – 1 h 30
    auto after_gap = job("assigned", "appointment", kNow + 2 * kHour);    // a gap from 1 h 30
    std::vector<Repair> jobs{after_gap, touching, here};                  // any order
    EXPECT_EQ(workload(jobs, kNow, kDayEnd).next_free_at, kNow + 90 * kMinute);
}

TEST(RepairWorkload, MT_3_1_OverlappingJobsEndAtTheLaterEnd) {
    auto long_job = at_door("in_progress", kNow);
    long_job.started_at = kNow;
    long_job.proposal_minutes = 180;
    std::vector<Repair> jobs{long_job, job("assigned", "appointment", kNow + kHour)};
    EXPECT_EQ(workload(jobs, kNow, kDayEnd).next_free_at, kNow + 3 * kHour);
}

TEST(RepairWorkload, MT_3_1_AMissedSlotInThePastKeepsNobodyBusyButStillCountsToday) {
    std::vector<Repair> jobs{job("assigned", "appointment", kNow - 2 * kHour)};
    auto w = workload(jobs, kNow, kDayEnd);
    EXPECT_EQ(w.next_free_at, kNow);
    EXPECT_EQ(w.open_today, 1);
}

}  // namespace
}  // namespace propdesk::repair::rules
