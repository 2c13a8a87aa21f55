// The repair chapter's rules as pure functions: the 30-minute promise and ±5-minute punctuality
// (MT-3.1, 3.2, 3.4), booked slots in the site's zone across midnight and the clock changes, the
// flow sheet's lifecycle (MT-3.1 … 3.4), consent before work (MT-3.2), materials (MT-3.3, 3.4),
// charges and adjustments (MT-3.4), first-time fix (MT-1), return visits (MT-4.0), work orders
// (MT-3.5) and the numbers printed on the forms (MT-5.0).
#include "repair/rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "platform/time/zone.hpp"
#include "repair/model.hpp"

namespace propdesk::repair::rules {
namespace {

constexpr EpochMs kSecond = 1'000;
constexpr EpochMs kMinute = 60'000;
constexpr EpochMs kHour = 3'600'000;
constexpr EpochMs kDay = 24 * kHour;
constexpr EpochMs kT0 = 1'795'000'000'000;
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

// A UTC instant from its calendar fields, independent of the code under test.
EpochMs utc(int y, unsigned mo, unsigned d, int h, int mi, int s = 0, int ms = 0) {
    using namespace std::chrono;
    auto tp = sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s} + milliseconds{ms};
    return duration_cast<milliseconds>(tp.time_since_epoch()).count();
}

const std::vector<Action> kAllActions = {Action::assign,   Action::check_in, Action::no_one_home, Action::rebook,
                                         Action::propose,  Action::consent,  Action::start,       Action::material,
                                         Action::complete, Action::close,    Action::note,        Action::return_visit};

// ---- MT-3.1: the 30-minute promise ----

TEST(RepairPunctuality, MT_3_1_ImmediateDeadlineIs30Minutes) {
    // MT-3.1: "arrive within 30 minutes".
    EXPECT_EQ(kImmediateMs, 30 * kMinute);
    EXPECT_EQ(immediate_deadline(kT0), kT0 + 30 * kMinute);
    EXPECT_EQ(immediate_deadline(0), 30 * kMinute);
}

TEST(RepairPunctuality, MT_3_1_ImmediateArrivalAtExactlyThirtyMinutesIsOnTime) {
    // MT-3.1: the deadline itself is still within 30 minutes.
    EpochMs due = immediate_deadline(kT0);
    EXPECT_EQ(punctuality("immediate", due, kT0 + 30 * kMinute), Punctuality::on_time);
    EXPECT_EQ(punctuality("immediate", due, kT0 + 29 * kMinute + 59 * kSecond + 999), Punctuality::on_time);
}

TEST(RepairPunctuality, MT_3_1_ImmediateArrivalAfterThirtyMinutesIsLate) {
    // MT-3.1: 30:00.001 and 30:01 are past the promise.
    EpochMs due = immediate_deadline(kT0);
    EXPECT_EQ(punctuality("immediate", due, kT0 + 30 * kMinute + 1), Punctuality::late);
    EXPECT_EQ(punctuality("immediate", due, kT0 + 30 * kMinute + kSecond), Punctuality::late);
    EXPECT_EQ(punctuality("immediate", due, kT0 + 31 * kMinute), Punctuality::late);
    EXPECT_EQ(punctuality("immediate", due, kT0 + 10 * kHour), Punctuality::late);
}

TEST(RepairPunctuality, MT_3_1_ArrivingEarlyForAnImmediateJobIsNeverEarly) {
    // MT-3.1: for an immediate request, the sooner the better.
    EpochMs due = immediate_deadline(kT0);
    EXPECT_EQ(punctuality("immediate", due, kT0), Punctuality::on_time);
    EXPECT_EQ(punctuality("immediate", due, kT0 + kMinute), Punctuality::on_time);
    EXPECT_EQ(punctuality("immediate", due, kT0 - kHour), Punctuality::on_time);
    EXPECT_EQ(punctuality("immediate", due, due - 25 * kMinute), Punctuality::on_time);
}

// ---- MT-3.2 / MT-3.4: ± 5 minutes for a booked time ----

TEST(RepairPunctuality, MT_3_2_ExactlyFiveMinutesEitherSideIsOnTime) {
    // MT-3.2, MT-3.4: "on time (± 5 minutes)", inclusive.
    EXPECT_EQ(kToleranceMs, 5 * kMinute);
    EXPECT_EQ(punctuality("appointment", kT0, kT0), Punctuality::on_time);
    EXPECT_EQ(punctuality("appointment", kT0, kT0 - 5 * kMinute), Punctuality::on_time);
    EXPECT_EQ(punctuality("appointment", kT0, kT0 + 5 * kMinute), Punctuality::on_time);
    EXPECT_EQ(punctuality("appointment", kT0, kT0 - 4 * kMinute - 59 * kSecond), Punctuality::on_time);
    EXPECT_EQ(punctuality("appointment", kT0, kT0 + 4 * kMinute + 59 * kSecond), Punctuality::on_time);
}

TEST(RepairPunctuality, MT_3_2_MoreThanFiveMinutesBeforeIsEarly) {
    // MT-3.2: 5:00.001 and 5:01 before the booking are early.
    EXPECT_EQ(punctuality("appointment", kT0, kT0 - 5 * kMinute - 1), Punctuality::early);
    EXPECT_EQ(punctuality("appointment", kT0, kT0 - 5 * kMinute - kSecond), Punctuality::early);
    EXPECT_EQ(punctuality("appointment", kT0, kT0 - 2 * kHour), Punctuality::early);
}

TEST(RepairPunctuality, MT_3_4_MoreThanFiveMinutesAfterIsLate) {
    // MT-3.4: 5:00.001 and 5:01 after the booking are late.
    EXPECT_EQ(punctuality("appointment", kT0, kT0 + 5 * kMinute + 1), Punctuality::late);
    EXPECT_EQ(punctuality("appointment", kT0, kT0 + 5 * kMinute + kSecond), Punctuality::late);
    EXPECT_EQ(punctuality("appointment", kT0, kT0 + 2 * kHour), Punctuality::late);
}

TEST(RepairPunctuality, MT_3_2_EachOutcomeHasItsName) {
    // MT-3.2: the names stored on the arrival record.
    EXPECT_EQ(punctuality_name(Punctuality::on_time), "on_time");
    EXPECT_EQ(punctuality_name(Punctuality::early), "early");
    EXPECT_EQ(punctuality_name(Punctuality::late), "late");
    EXPECT_EQ(punctuality_name(static_cast<Punctuality>(99)), "on_time");  // not an outcome
}

// ---- booked slots in the site's zone (MT-3.1 appointment, MT-3.2 / 3.4 punctuality) ----

TEST(RepairSlot, MT_3_1_MinuteOfDayReadsHhMm) {
    // MT-3.1: the booked time is HH:MM on a 24-hour clock.
    EXPECT_EQ(minute_of_day("00:00"), 0);
    EXPECT_EQ(minute_of_day("09:30"), 570);
    EXPECT_EQ(minute_of_day("23:59"), 1439);
    for (const char* bad : {"", "24:00", "12:60", "9:30", "09:3", "0930", "09-30", "09:30 ", " 09:30", "ab:cd", "0a:00",
                            "09:3x", "-1:00", "099:0"}) {
        EXPECT_EQ(minute_of_day(bad), std::nullopt) << '"' << bad << '"';
    }
}

TEST(RepairSlot, MT_3_1_ANormalSlotIsOnItsLocalDate) {
    // MT-3.1: 2026-05-01 09:00–11:00 in Hong Kong (UTC+8) is 01:00Z–03:00Z.
    auto r = slot_of("2026-05-01", "09:00", "11:00", "Asia/Hong_Kong");
    ASSERT_TRUE(r.slot);
    EXPECT_FALSE(r.problem);
    EXPECT_EQ(r.slot->start, utc(2026, 5, 1, 1, 0));
    EXPECT_EQ(r.slot->end, utc(2026, 5, 1, 3, 0));

    auto u = slot_of("2026-05-01", "09:00", "09:01", "UTC");
    ASSERT_TRUE(u.slot);
    EXPECT_EQ(u.slot->start, utc(2026, 5, 1, 9, 0));
    EXPECT_EQ(u.slot->end - u.slot->start, kMinute);
}

TEST(RepairSlot, MT_3_1_ASlotCrossingMidnightEndsTheNextDay) {
    // MT-3.1: 23:30–00:30 ends on the next day, one hour later (Hong Kong has no DST).
    auto r = slot_of("2026-05-01", "23:30", "00:30", "Asia/Hong_Kong");
    ASSERT_TRUE(r.slot);
    EXPECT_FALSE(r.problem);
    EXPECT_EQ(r.slot->start, utc(2026, 5, 1, 15, 30));
    EXPECT_EQ(r.slot->end, utc(2026, 5, 1, 16, 30));
    EXPECT_EQ(r.slot->end - r.slot->start, kHour);
    EXPECT_EQ(timefmt::local_date(r.slot->end, "Asia/Hong_Kong"), "2026-05-02");

    // Over a month's and a year's end.
    auto m = slot_of("2026-02-28", "23:00", "01:00", "Asia/Hong_Kong");
    ASSERT_TRUE(m.slot);
    EXPECT_EQ(m.slot->end, utc(2026, 2, 28, 17, 0));
    EXPECT_EQ(timefmt::local_date(m.slot->end, "Asia/Hong_Kong"), "2026-03-01");
    auto y = slot_of("2026-12-31", "23:30", "00:30", "UTC");
    ASSERT_TRUE(y.slot);
    EXPECT_EQ(y.slot->start, utc(2026, 12, 31, 23, 30));
    EXPECT_EQ(y.slot->end, utc(2027, 1, 1, 0, 30));
}

TEST(RepairSlot, MT_3_1_AnEndEqualToTheStartIsTheSameTimeTheNextDay) {
    // MT-3.1: an end at the start is on the next day: a 24-hour slot where the clocks do not change.
    auto r = slot_of("2026-05-01", "10:00", "10:00", "Asia/Hong_Kong");
    ASSERT_TRUE(r.slot);
    EXPECT_EQ(r.slot->start, utc(2026, 5, 1, 2, 0));
    EXPECT_EQ(r.slot->end - r.slot->start, 24 * kHour);
    auto midnight = slot_of("2026-05-01", "00:00", "00:00", "UTC");
    ASSERT_TRUE(midnight.slot);
    EXPECT_EQ(midnight.slot->end - midnight.slot->start, 24 * kHour);
    // Over the night the clocks go forward in New York the same wall-clock time is 23 hours on.
    auto ny = slot_of("2026-03-07", "10:00", "10:00", "America/New_York");
    ASSERT_TRUE(ny.slot);
    EXPECT_EQ(ny.slot->start, utc(2026, 3, 7, 15, 0));  // EST, UTC-5
    EXPECT_EQ(ny.slot->end, utc(2026, 3, 8, 14, 0));    // EDT, UTC-4
    EXPECT_EQ(ny.slot->end - ny.slot->start, 23 * kHour);
}

TEST(RepairSlot, MT_3_1_ABadStartOrEndNamesItsField) {
    // MT-3.1: the booking form is told which field is wrong; the start is checked first.
    for (const char* bad : {"", "24:00", "7:30", "07:60", "0730", "xx:yy"}) {
        SCOPED_TRACE(std::string("MT-3.1 bad time \"") + bad + "\"");
        auto s = slot_of("2026-05-01", bad, "10:00", "Asia/Hong_Kong");
        EXPECT_FALSE(s.slot);
        ASSERT_TRUE(s.problem);
        EXPECT_EQ(s.problem->field, "slot.start");
        EXPECT_NE(s.problem->message.find("HH:MM"), std::string::npos);
        auto e = slot_of("2026-05-01", "09:00", bad, "Asia/Hong_Kong");
        EXPECT_FALSE(e.slot);
        ASSERT_TRUE(e.problem);
        EXPECT_EQ(e.problem->field, "slot.end");
        EXPECT_NE(e.problem->message.find("HH:MM"), std::string::npos);
    }
    auto both = slot_of("bad", "25:00", "26:00", "Asia/Hong_Kong");
    ASSERT_TRUE(both.problem);
    EXPECT_EQ(both.problem->field, "slot.start");
    auto end_and_date = slot_of("bad", "09:00", "26:00", "Asia/Hong_Kong");
    ASSERT_TRUE(end_and_date.problem);
    EXPECT_EQ(end_and_date.problem->field, "slot.end");
}

TEST(RepairSlot, MT_3_1_ABadDateNamesTheDate) {
    // MT-3.1: the date must be a real calendar date YYYY-MM-DD.
    for (const char* bad : {"", "2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2026-05-00",
                            "26-05-01", "2026/05/01", "2026-5-1", "2026-05-01T09:00", "yyyy-mm-dd", " 2026-05-01"}) {
        SCOPED_TRACE(std::string("MT-3.1 bad date \"") + bad + "\"");
        auto r = slot_of(bad, "09:00", "10:00", "Asia/Hong_Kong");
        EXPECT_FALSE(r.slot);
        ASSERT_TRUE(r.problem);
        EXPECT_EQ(r.problem->field, "slot.date");
        EXPECT_NE(r.problem->message.find("YYYY-MM-DD"), std::string::npos);
    }
    // A leap day of a leap year is a real date.
    auto leap = slot_of("2028-02-29", "09:00", "10:00", "Asia/Hong_Kong");
    ASSERT_TRUE(leap.slot);
    EXPECT_EQ(leap.slot->start, utc(2028, 2, 29, 1, 0));
}

TEST(RepairSlot, MT_3_1_NewYorkSpringForwardSkippedTimeIsReadAnHourLater) {
    // MT-3.1: on 2026-03-08 New York goes from 02:00 EST to 03:00 EDT; a booking at 02:30, which
    // the clocks skip, is 03:30 EDT, i.e. 07:30Z.
    const std::string ny = "America/New_York";
    auto r = slot_of("2026-03-08", "02:30", "04:00", ny);
    ASSERT_TRUE(r.slot);
    EXPECT_EQ(r.slot->start, utc(2026, 3, 8, 7, 30));
    EXPECT_EQ(timefmt::to_rfc3339(r.slot->start, ny), "2026-03-08T03:30:00-04:00");
    EXPECT_EQ(r.slot->end, utc(2026, 3, 8, 8, 0));
    // 01:30 EST to 03:30 EDT is one hour of real time.
    auto across = slot_of("2026-03-08", "01:30", "03:30", ny);
    ASSERT_TRUE(across.slot);
    EXPECT_EQ(across.slot->start, utc(2026, 3, 8, 6, 30));
    EXPECT_EQ(across.slot->end, utc(2026, 3, 8, 7, 30));
    EXPECT_EQ(across.slot->end - across.slot->start, kHour);
}

TEST(RepairSlot, MT_3_1_NewYorkFallBackRepeatedTimeIsTheEarlier) {
    // MT-3.1: on 2026-11-01 New York goes from 02:00 EDT back to 01:00 EST; 01:30 happens twice
    // (05:30Z and 06:30Z) and a booking means the first.
    const std::string ny = "America/New_York";
    auto r = slot_of("2026-11-01", "01:30", "03:00", ny);
    ASSERT_TRUE(r.slot);
    EXPECT_EQ(r.slot->start, utc(2026, 11, 1, 5, 30));
    EXPECT_EQ(timefmt::to_rfc3339(r.slot->start, ny), "2026-11-01T01:30:00-04:00");
    EXPECT_EQ(r.slot->end, utc(2026, 11, 1, 8, 0));
    // 00:30 EDT to 02:30 EST is three hours of real time.
    auto across = slot_of("2026-11-01", "00:30", "02:30", ny);
    ASSERT_TRUE(across.slot);
    EXPECT_EQ(across.slot->start, utc(2026, 11, 1, 4, 30));
    EXPECT_EQ(across.slot->end, utc(2026, 11, 1, 7, 30));
    EXPECT_EQ(across.slot->end - across.slot->start, 3 * kHour);
    // Both ends inside the repeated hour: the earlier of each.
    auto inside = slot_of("2026-11-01", "01:10", "01:50", ny);
    ASSERT_TRUE(inside.slot);
    EXPECT_EQ(inside.slot->start, utc(2026, 11, 1, 5, 10));
    EXPECT_EQ(inside.slot->end - inside.slot->start, 40 * kMinute);
}

TEST(RepairSlot, MT_3_1_NewYorkSlotCrossingMidnightIntoTheSkippedHour) {
    // MT-3.1: 23:30 on 2026-03-07 to 02:30 the next morning (skipped, read as 03:30 EDT) is three
    // hours of real time.
    auto r = slot_of("2026-03-07", "23:30", "02:30", "America/New_York");
    ASSERT_TRUE(r.slot);
    EXPECT_EQ(r.slot->start, utc(2026, 3, 8, 4, 30));
    EXPECT_EQ(r.slot->end, utc(2026, 3, 8, 7, 30));
    EXPECT_EQ(r.slot->end - r.slot->start, 3 * kHour);
    // And into the repeated hour on the night the clocks go back: 23:30 EDT to 01:30 EDT.
    auto back = slot_of("2026-10-31", "23:30", "01:30", "America/New_York");
    ASSERT_TRUE(back.slot);
    EXPECT_EQ(back.slot->start, utc(2026, 11, 1, 3, 30));
    EXPECT_EQ(back.slot->end, utc(2026, 11, 1, 5, 30));
    EXPECT_EQ(back.slot->end - back.slot->start, 2 * kHour);
}

TEST(RepairSlot, MT_3_1_ASlotThatTheSkippedHourSwallowsIsRefused) {
    // MT-3.1: 02:00–03:00 on the spring-forward day has no real length (both are 07:00Z), and
    // 02:15–03:00 would end before it starts: neither is a slot.
    for (const char* start : {"02:00", "02:15", "02:59"}) {
        SCOPED_TRACE(std::string("MT-3.1 ") + start + "-03:00");
        auto r = slot_of("2026-03-08", start, "03:00", "America/New_York");
        EXPECT_FALSE(r.slot);
        ASSERT_TRUE(r.problem);
        EXPECT_EQ(r.problem->field, "slot.end");
        EXPECT_NE(r.problem->message.find("end after it starts"), std::string::npos);
    }
    // 02:00–03:01 is a minute.
    auto ok = slot_of("2026-03-08", "02:00", "03:01", "America/New_York");
    ASSERT_TRUE(ok.slot);
    EXPECT_EQ(ok.slot->start, utc(2026, 3, 8, 7, 0));
    EXPECT_EQ(ok.slot->end - ok.slot->start, kMinute);
}

TEST(RepairSlot, MT_3_1_LondonSpringForward) {
    // MT-3.1: on 2026-03-29 London goes from 01:00 GMT to 02:00 BST; 01:30 is skipped and read as
    // 02:30 BST (01:30Z); 00:30–02:30 is one real hour.
    const std::string london = "Europe/London";
    auto r = slot_of("2026-03-29", "01:30", "03:00", london);
    ASSERT_TRUE(r.slot);
    EXPECT_EQ(r.slot->start, utc(2026, 3, 29, 1, 30));
    EXPECT_EQ(timefmt::to_rfc3339(r.slot->start, london), "2026-03-29T02:30:00+01:00");
    EXPECT_EQ(r.slot->end, utc(2026, 3, 29, 2, 0));
    auto across = slot_of("2026-03-29", "00:30", "02:30", london);
    ASSERT_TRUE(across.slot);
    EXPECT_EQ(across.slot->start, utc(2026, 3, 29, 0, 30));
    EXPECT_EQ(across.slot->end, utc(2026, 3, 29, 1, 30));
    EXPECT_EQ(across.slot->end - across.slot->start, kHour);
    // Crossing midnight into that morning: 23:30 GMT to 02:30 BST is two real hours.
    auto night = slot_of("2026-03-28", "23:30", "02:30", london);
    ASSERT_TRUE(night.slot);
    EXPECT_EQ(night.slot->start, utc(2026, 3, 28, 23, 30));
    EXPECT_EQ(night.slot->end - night.slot->start, 2 * kHour);
}

TEST(RepairSlot, MT_3_1_LondonFallBack) {
    // MT-3.1: on 2026-10-25 London goes from 02:00 BST back to 01:00 GMT; 01:30 happens twice
    // (00:30Z and 01:30Z) and means the first; 00:30–02:30 is three real hours.
    const std::string london = "Europe/London";
    auto r = slot_of("2026-10-25", "01:30", "02:00", london);
    ASSERT_TRUE(r.slot);
    EXPECT_EQ(r.slot->start, utc(2026, 10, 25, 0, 30));
    EXPECT_EQ(timefmt::to_rfc3339(r.slot->start, london), "2026-10-25T01:30:00+01:00");
    EXPECT_EQ(r.slot->end, utc(2026, 10, 25, 2, 0));
    EXPECT_EQ(r.slot->end - r.slot->start, 90 * kMinute);
    auto across = slot_of("2026-10-25", "00:30", "02:30", london);
    ASSERT_TRUE(across.slot);
    EXPECT_EQ(across.slot->start, utc(2026, 10, 24, 23, 30));
    EXPECT_EQ(across.slot->end, utc(2026, 10, 25, 2, 30));
    EXPECT_EQ(across.slot->end - across.slot->start, 3 * kHour);
    // Crossing midnight into that morning: 23:30 BST to 00:30 BST is one real hour.
    auto night = slot_of("2026-10-24", "23:30", "00:30", london);
    ASSERT_TRUE(night.slot);
    EXPECT_EQ(night.slot->start, utc(2026, 10, 24, 22, 30));
    EXPECT_EQ(night.slot->end - night.slot->start, kHour);
}

TEST(RepairSlot, MT_3_4_PunctualityAgainstABookingOnTheFallBackNight) {
    // MT-3.4: booked 01:58 local on 2026-11-01 in New York is the first 01:58 (EDT, 05:58Z).
    // Arrivals are instants (UTC): ± 5 minutes counts real time, and turning up at the second
    // 01:58 on the wall clock (EST) is an hour late.
    auto r = slot_of("2026-11-01", "01:58", "02:30", "America/New_York");
    ASSERT_TRUE(r.slot);
    EpochMs booked = r.slot->start;
    EXPECT_EQ(booked, utc(2026, 11, 1, 5, 58));
    EXPECT_EQ(punctuality("appointment", booked, utc(2026, 11, 1, 6, 3)), Punctuality::on_time);  // 01:03 EST
    EXPECT_EQ(punctuality("appointment", booked, utc(2026, 11, 1, 6, 3, 0, 1)), Punctuality::late);
    EXPECT_EQ(punctuality("appointment", booked, utc(2026, 11, 1, 5, 53)), Punctuality::on_time);
    EXPECT_EQ(punctuality("appointment", booked, utc(2026, 11, 1, 5, 52, 59, 999)), Punctuality::early);
    EXPECT_EQ(punctuality("appointment", booked, utc(2026, 11, 1, 6, 58)), Punctuality::late);  // 01:58 EST
    // The slot's end, 02:30 EST, is 1 h 32 min of real time after the start.
    EXPECT_EQ(r.slot->end - booked, 92 * kMinute);
}

TEST(RepairSlot, MT_3_4_PunctualityAgainstABookingCrossingMidnight) {
    // MT-3.4: booked 23:58 in Hong Kong; arriving at 00:03 the next local day is on time,
    // 00:04 late; 23:52 the evening before is early.
    auto r = slot_of("2026-05-01", "23:58", "00:58", "Asia/Hong_Kong");
    ASSERT_TRUE(r.slot);
    EpochMs booked = r.slot->start;
    EXPECT_EQ(booked, utc(2026, 5, 1, 15, 58));
    EXPECT_EQ(punctuality("appointment", booked, utc(2026, 5, 1, 16, 3)), Punctuality::on_time);
    EXPECT_EQ(punctuality("appointment", booked, utc(2026, 5, 1, 16, 4)), Punctuality::late);
    EXPECT_EQ(punctuality("appointment", booked, utc(2026, 5, 1, 15, 53)), Punctuality::on_time);
    EXPECT_EQ(punctuality("appointment", booked, utc(2026, 5, 1, 15, 52)), Punctuality::early);
    // On the spring-forward night in New York: booked 01:58 EST, arriving 03:03 EDT is 5 minutes on.
    auto ny = slot_of("2026-03-08", "01:58", "03:30", "America/New_York");
    ASSERT_TRUE(ny.slot);
    EXPECT_EQ(ny.slot->start, utc(2026, 3, 8, 6, 58));
    EXPECT_EQ(punctuality("appointment", ny.slot->start, utc(2026, 3, 8, 7, 3)), Punctuality::on_time);
    EXPECT_EQ(punctuality("appointment", ny.slot->start, utc(2026, 3, 8, 7, 3, 0, 1)), Punctuality::late);
}

// ---- timefmt::local_time ----

TEST(LocalTime, MT_3_1_AWallClockTimeOnALocalDate) {
    // MT-3.1: a booked time is read in the site's zone.
    EXPECT_EQ(timefmt::local_time("2026-05-01", 0, "Asia/Hong_Kong"), utc(2026, 4, 30, 16, 0));
    EXPECT_EQ(timefmt::local_time("2026-05-01", 9 * 60 + 30, "Asia/Hong_Kong"), utc(2026, 5, 1, 1, 30));
    EXPECT_EQ(timefmt::local_time("2026-05-01", 1439, "UTC"), utc(2026, 5, 1, 23, 59));
    EXPECT_EQ(timefmt::local_time("2026-07-01", 12 * 60, "Europe/London"), utc(2026, 7, 1, 11, 0));
    EXPECT_EQ(timefmt::local_time("2026-01-15", 12 * 60, "Europe/London"), utc(2026, 1, 15, 12, 0));
}

TEST(LocalTime, MT_3_1_SkippedTimesMoveForwardAndRepeatedTimesAreTheEarlier) {
    // MT-3.1: 02:30 on 2026-03-08 in New York does not exist → 03:30 EDT; 01:30 on 2026-11-01
    // happens twice → 01:30 EDT.
    EXPECT_EQ(timefmt::local_time("2026-03-08", 150, "America/New_York"), utc(2026, 3, 8, 7, 30));
    EXPECT_EQ(timefmt::local_time("2026-03-08", 120, "America/New_York"), utc(2026, 3, 8, 7, 0));
    EXPECT_EQ(timefmt::local_time("2026-03-08", 180, "America/New_York"), utc(2026, 3, 8, 7, 0));
    EXPECT_EQ(timefmt::local_time("2026-11-01", 90, "America/New_York"), utc(2026, 11, 1, 5, 30));
    EXPECT_EQ(timefmt::local_time("2026-11-01", 120, "America/New_York"), utc(2026, 11, 1, 7, 0));
    EXPECT_EQ(timefmt::local_time("2026-03-29", 90, "Europe/London"), utc(2026, 3, 29, 1, 30));
    EXPECT_EQ(timefmt::local_time("2026-10-25", 90, "Europe/London"), utc(2026, 10, 25, 0, 30));
}

TEST(LocalTime, MT_3_1_AnInvalidMinuteOrDateIsNothing) {
    // MT-3.1: only 00:00 … 23:59 on a real date.
    EXPECT_EQ(timefmt::local_time("2026-05-01", -1, "Asia/Hong_Kong"), std::nullopt);
    EXPECT_EQ(timefmt::local_time("2026-05-01", 1440, "Asia/Hong_Kong"), std::nullopt);
    EXPECT_EQ(timefmt::local_time("2026-05-01", 100000, "Asia/Hong_Kong"), std::nullopt);
    EXPECT_EQ(timefmt::local_time("2026-02-30", 600, "Asia/Hong_Kong"), std::nullopt);
    EXPECT_EQ(timefmt::local_time("2026-5-1", 600, "Asia/Hong_Kong"), std::nullopt);
    EXPECT_EQ(timefmt::local_time("", 600, "Asia/Hong_Kong"), std::nullopt);
}

// ---- the flow sheet's lifecycle (MT-3.1 … MT-3.4) ----

// Every action from every status: the target, or absent when the lifecycle does not allow it.
// Consent is the resident's agreement; its refusal is in its own test.
const std::map<Action, std::map<std::string, std::string>> kTable = {
    {Action::assign, {{"recorded", "assigned"}, {"assigned", "assigned"}}},
    {Action::check_in, {{"assigned", "on_site"}}},
    {Action::no_one_home, {{"on_site", "rebook"}}},
    {Action::rebook,
     {{"rebook", "assigned"},
      {"proposed", "assigned"},
      {"consented", "assigned"}}},  // a survey may need a second visit
    {Action::propose, {{"on_site", "proposed"}}},
    {Action::consent, {{"proposed", "consented"}}},
    {Action::start, {{"on_site", "in_progress"}, {"consented", "in_progress"}}},
    {Action::material,
     {{"on_site", "on_site"}, {"proposed", "proposed"}, {"consented", "consented"}, {"in_progress", "in_progress"}}},
    {Action::complete, {{"in_progress", "completed"}}},
    {Action::close,
     {{"recorded", "closed"},
      {"assigned", "closed"},
      {"on_site", "closed"},
      {"rebook", "closed"},
      {"proposed", "closed"},
      {"consented", "closed"},
      {"in_progress", "closed"}}},
    {Action::note,
     {{"recorded", "recorded"},
      {"assigned", "assigned"},
      {"on_site", "on_site"},
      {"rebook", "rebook"},
      {"proposed", "proposed"},
      {"consented", "consented"},
      {"in_progress", "in_progress"},
      {"completed", "completed"},
      {"return_visited", "return_visited"}}},
    // MT-4.0: the desk's return visit of a completed job; satisfied here (not satisfied: its own test).
    {Action::return_visit, {{"completed", "return_visited"}}},
};

TEST(RepairLifecycle, MT_3_1_EveryActionFromEveryStatusHasExactlyTheTableTarget) {
    // MT-3.1 … MT-3.4: the flow sheet's steps.
    ASSERT_EQ(kTable.size(), kAllActions.size());
    for (Action action : kAllActions) {
        const auto& allowed = kTable.at(action);
        for (const char* from : kStatuses) {
            SCOPED_TRACE(std::string("MT-3.1 ") + std::string(action_name(action)) + " from " + from);
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

TEST(RepairLifecycle, MT_3_2_ConsentAgreedGoesOnDeclinedGoesBackOnSite) {
    // MT-3.2: "get the resident's agreement before going on"; a refusal leaves the technician on
    // site to propose again or close.
    EXPECT_EQ(next_status("proposed", Action::consent, true), "consented");
    EXPECT_EQ(next_status("proposed", Action::consent, false), "on_site");
    for (const char* from : kStatuses) {
        if (std::string(from) == "proposed") continue;
        EXPECT_EQ(next_status(from, Action::consent, true), std::nullopt) << from;
        EXPECT_EQ(next_status(from, Action::consent, false), std::nullopt) << from;
    }
}

TEST(RepairLifecycle, MT_4_0_AnUnsatisfiedReturnVisitReopensTheJobForANewVisit) {
    // MT-4.0: completed → rebook, in the table like every other step.
    EXPECT_EQ(next_status("completed", Action::return_visit, true), "return_visited");
    EXPECT_EQ(next_status("completed", Action::return_visit, false), "rebook");
    EXPECT_EQ(next_status("rebook", Action::rebook), "assigned");
    for (const char* from : kStatuses) {
        if (std::string(from) == "completed") continue;
        EXPECT_EQ(next_status(from, Action::return_visit, false), std::nullopt) << from;
    }
}

TEST(RepairLifecycle, MT_3_2_AgreementOnlyMattersForConsentAndTheReturnVisit) {
    // MT-3.2: the flag is the resident's answer to a proposal (or, MT-4.0, to the return visit)
    // and changes no other step.
    for (Action a : kAllActions) {
        if (a == Action::consent || a == Action::return_visit) continue;
        for (const char* from : kStatuses)
            EXPECT_EQ(next_status(from, a, false), next_status(from, a, true)) << action_name(a) << " from " << from;
    }
}

TEST(RepairLifecycle, MT_3_1_NothingButANoteForAFinishedJobAndNothingAtAllWhenClosed) {
    // MT-3.1: a closed request is final; a completed one only takes notes here.
    for (Action a : kAllActions) {
        EXPECT_EQ(next_status("closed", a), std::nullopt) << action_name(a);
        EXPECT_EQ(next_status("closed", a, false), std::nullopt) << action_name(a);
        for (const char* from : {"completed", "return_visited"}) {
            if (a == Action::note) {
                EXPECT_EQ(next_status(from, a), from);
            } else if (a == Action::return_visit && std::string(from) == "completed") {
                EXPECT_EQ(next_status(from, a), "return_visited");
            } else {
                EXPECT_EQ(next_status(from, a), std::nullopt) << action_name(a) << " from " << from;
            }
        }
    }
}

TEST(RepairLifecycle, MT_3_2_ASurveyedJobWalksToCompletion) {
    // MT-3.2, MT-3.4: recorded → assigned → on_site → proposed → consented → in_progress → completed.
    std::string s = "recorded";
    for (Action a : {Action::assign, Action::check_in, Action::propose, Action::consent, Action::start,
                     Action::material, Action::complete}) {
        auto next = next_status(s, a);
        ASSERT_TRUE(next) << action_name(a) << " from " << s;
        s = *next;
    }
    EXPECT_EQ(s, "completed");
    // No one home: on_site → rebook → assigned → on_site again.
    EXPECT_EQ(next_status("on_site", Action::no_one_home), "rebook");
    EXPECT_EQ(next_status("rebook", Action::rebook), "assigned");
    EXPECT_EQ(next_status("rebook", Action::check_in), std::nullopt);  // a new time first
}

TEST(RepairLifecycle, MT_3_1_OpenMeansNeitherCompletedReturnVisitedNorClosed) {
    // MT-3.1: open requests are those still being handled.
    for (const char* s : kStatuses) {
        std::string status = s;
        bool open = status != "completed" && status != "return_visited" && status != "closed";
        EXPECT_EQ(is_open(status), open) << status;
    }
}

TEST(RepairLifecycle, MT_3_1_TheTechnicianTakesTheSiteStepsTheDeskAndEngineeringTheRest) {
    // MT-3.1: engineering assigns; the desk or engineering rebooks and closes; notes are anyone's.
    const std::set<Action> technician = {Action::check_in, Action::no_one_home, Action::propose, Action::consent,
                                         Action::start,    Action::material,    Action::complete};
    for (Action a : kAllActions) EXPECT_EQ(by_technician(a), technician.count(a) == 1) << action_name(a);
    EXPECT_FALSE(by_technician(static_cast<Action>(99)));
}

TEST(RepairLifecycle, MT_3_1_ActionNamesRoundTrip) {
    // MT-3.1: the names used in requests and the flow sheet's events.
    std::vector<std::string> names;
    for (Action a : kAllActions) {
        names.emplace_back(action_name(a));
        EXPECT_EQ(parse_action(action_name(a)), a) << action_name(a);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"assign", "check_in", "no_one_home", "rebook", "propose", "consent",
                                               "start", "material", "complete", "close", "note", "return_visit"}));
    EXPECT_EQ(action_name(static_cast<Action>(99)), "");
    for (const char* bad : {"", "Assign", "check-in", "checkin", "reject", "close ", "archive"})
        EXPECT_EQ(parse_action(bad), std::nullopt) << '"' << bad << '"';
}

// ---- consent before work (MT-3.2) ----

TEST(RepairStart, MT_3_2_ASimpleJobStartsWithoutConsent) {
    // MT-3.2: "survey visit (skipped for simple repairs)".
    Repair r;
    r.simple = true;
    EXPECT_EQ(start_refusal(r), std::nullopt);
}

TEST(RepairStart, MT_3_2_ASurveyedJobStartsOnceConsentIsRecorded) {
    // MT-3.2: the resident's consent recorded before work starts.
    Repair r;
    r.simple = false;
    r.consent_at = kT0;
    EXPECT_EQ(start_refusal(r), std::nullopt);
    r.simple = true;
    EXPECT_EQ(start_refusal(r), std::nullopt);
}

TEST(RepairStart, MT_3_2_NeitherSimpleNorConsentedIsRefused) {
    // MT-3.2: work does not start without the resident's agreement.
    Repair r;
    r.simple = false;
    auto refusal = start_refusal(r);
    ASSERT_TRUE(refusal);
    EXPECT_EQ(refusal_status(*refusal), 409);
    EXPECT_EQ(refusal->field, "");
    EXPECT_NE(refusal->message.find("MT-3.2"), std::string::npos);
    r.proposed_at = kT0;  // a proposal alone is not the agreement
    EXPECT_TRUE(start_refusal(r));
}

// ---- closing, never rejecting (MT-3.1) ----

TEST(RepairClose, MT_3_1_ABlankReasonIsRefused) {
    // MT-3.1: a request is never rejected, only closed with the explanation given.
    for (const char* blank : {"", " ", "   ", "\t", "\r\n", " \t\r\n "}) {
        SCOPED_TRACE(std::string("MT-3.1 reason \"") + blank + "\"");
        auto r = close_refusal(blank);
        ASSERT_TRUE(r);
        EXPECT_EQ(refusal_status(*r), 422);
        EXPECT_EQ(r->field, "reason");
        EXPECT_NE(r->message.find("never rejected"), std::string::npos);
    }
}

TEST(RepairClose, MT_3_1_AnExplanationCloses) {
    // MT-3.1: the explanation given to the resident.
    EXPECT_EQ(close_refusal("住戶已自行找人維修,已向住戶解釋"), std::nullopt);
    EXPECT_EQ(close_refusal("x"), std::nullopt);
    EXPECT_EQ(close_refusal("  duplicate of R000041  "), std::nullopt);
}

// ---- the wait at a door nobody opens (MT-3.4) ----

TEST(RepairWait, MT_3_4_ExactlyTheMinimumWaitIsEnough) {
    // MT-3.4: "if nobody is home, wait 5–10 minutes and leave".
    EXPECT_EQ(wait_refusal(kT0, kT0 + 5 * kMinute, 5), std::nullopt);
    EXPECT_EQ(wait_refusal(kT0, kT0 + 10 * kMinute, 10), std::nullopt);
    EXPECT_EQ(wait_refusal(kT0, kT0 + 2 * kHour, 10), std::nullopt);
}

TEST(RepairWait, MT_3_4_OneMillisecondShortIsRefusedWithTheTimeLeft) {
    // MT-3.4: leaving before the site's minimum wait is refused; the time left rounds up.
    auto r = wait_refusal(kT0, kT0 + 5 * kMinute - 1, 5);
    ASSERT_TRUE(r);
    EXPECT_EQ(refusal_status(*r), 409);
    EXPECT_EQ(r->field, "");
    EXPECT_NE(r->message.find("wait at least 5 minutes"), std::string::npos) << r->message;
    EXPECT_NE(r->message.find("(1 s left)"), std::string::npos) << r->message;

    auto at_once = wait_refusal(kT0, kT0, 5);
    ASSERT_TRUE(at_once);
    EXPECT_NE(at_once->message.find("(300 s left)"), std::string::npos) << at_once->message;
    auto most = wait_refusal(kT0, kT0 + 3 * kMinute + 500, 10);
    ASSERT_TRUE(most);
    EXPECT_NE(most->message.find("wait at least 10 minutes"), std::string::npos) << most->message;
    EXPECT_NE(most->message.find("(420 s left)"), std::string::npos) << most->message;
}

TEST(RepairWait, MT_3_4_APolicyWaitBelowFiveMinutesIsNotAPolicyTheManualAllows) {
    // MT-3.4: "wait 5–10 minutes": the policy itself is refused outside that (RepairPolicy); the
    // wait is the policy's.
    Policy p;
    p.min_wait_minutes = 0;
    auto r = policy_refusal(p);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->field, "min_wait_minutes");
    EXPECT_TRUE(wait_refusal(kT0, kT0 + 4 * kMinute, kMinWaitMinutes));
}

// ---- materials (MT-3.3, MT-3.4) ----

Material resident_material() {
    Material m;
    m.source = "resident";
    m.name = "水龍頭";
    m.quantity = "1";
    m.quality_ok = true;
    return m;
}

Material bought_material() {
    Material m;
    m.source = "bought";
    m.name = "PVC pipe 20mm";
    m.quantity = "2 m";
    m.place = "旺角五金店";
    m.amount_cents = 4'500;
    m.receipt_file_id = 7;
    return m;
}

void expect_refused(const std::optional<Refusal>& r, const std::string& field) {
    ASSERT_TRUE(r) << "expected a refusal on " << field;
    EXPECT_EQ(refusal_status(*r), 422);
    EXPECT_EQ(r->field, field);
    EXPECT_FALSE(r->message.empty());
}

TEST(RepairMaterial, MT_3_3_ACompleteResidentOrBoughtMaterialIsAccepted) {
    // MT-3.3: supplied by the resident (checked), or bought with place, amount and receipt.
    EXPECT_EQ(material_refusal(resident_material()), std::nullopt);
    EXPECT_EQ(material_refusal(bought_material()), std::nullopt);
    // MT-3.4: not good enough, with the note and the resident's decision.
    auto m = resident_material();
    m.quality_ok = false;
    m.quality_note = "螺紋不合";
    m.resident_decision = "住戶同意改用購買的";
    EXPECT_EQ(material_refusal(m), std::nullopt);
}

TEST(RepairMaterial, MT_3_3_AMaterialNeedsAName) {
    // MT-3.3: the materials list names each one; checked before anything else.
    for (const char* blank : {"", "  ", "\t\n"}) {
        auto r = resident_material();
        r.name = blank;
        expect_refused(material_refusal(r), "name");
        auto b = bought_material();
        b.name = blank;
        expect_refused(material_refusal(b), "name");
        Material unknown;
        unknown.source = "donated";
        unknown.name = blank;
        expect_refused(material_refusal(unknown), "name");
    }
}

TEST(RepairMaterial, MT_3_4_AResidentsMaterialNeedsItsQualityCheck) {
    // MT-3.4: "check resident-supplied materials".
    auto m = resident_material();
    m.quality_ok.reset();
    expect_refused(material_refusal(m), "quality_ok");
}

TEST(RepairMaterial, MT_3_4_NotGoodEnoughNeedsTheNoteThenTheDecision) {
    // MT-3.4: "note it if they are not good enough", and what the resident decided.
    auto m = resident_material();
    m.quality_ok = false;
    m.resident_decision = "住戶會另購";
    for (const char* blank : {"", " \t "}) {
        m.quality_note = blank;
        expect_refused(material_refusal(m), "quality_note");
    }
    m.quality_note = "已生鏽";
    for (const char* blank : {"", "  "}) {
        m.resident_decision = blank;
        expect_refused(material_refusal(m), "resident_decision");
    }
    // A good material needs neither.
    auto ok = resident_material();
    ok.quality_note = "";
    ok.resident_decision = "";
    EXPECT_EQ(material_refusal(ok), std::nullopt);
}

TEST(RepairMaterial, MT_3_3_AResidentsMaterialHasNoPlaceAmountOrReceipt) {
    // MT-3.3: those belong to a bought material.
    auto place = resident_material();
    place.place = "五金店";
    expect_refused(material_refusal(place), "source");
    auto amount = resident_material();
    amount.amount_cents = 100;
    expect_refused(material_refusal(amount), "source");
    auto zero = resident_material();
    zero.amount_cents = 0;
    expect_refused(material_refusal(zero), "source");
    auto receipt = resident_material();
    receipt.receipt_file_id = 3;
    expect_refused(material_refusal(receipt), "source");
}

TEST(RepairMaterial, MT_3_3_ABoughtMaterialNeedsPlaceAmountAndReceipt) {
    // MT-3.3: "bought where the resident says, with invoice or receipt".
    for (const char* blank : {"", "   "}) {
        auto m = bought_material();
        m.place = blank;
        expect_refused(material_refusal(m), "place");
    }
    auto no_amount = bought_material();
    no_amount.amount_cents.reset();
    expect_refused(material_refusal(no_amount), "amount_cents");
    for (int64_t bad : {int64_t{0}, int64_t{-1}, int64_t{-4'500}}) {
        auto m = bought_material();
        m.amount_cents = bad;
        expect_refused(material_refusal(m), "amount_cents");
    }
    auto one_cent = bought_material();
    one_cent.amount_cents = 1;
    EXPECT_EQ(material_refusal(one_cent), std::nullopt);
    auto no_receipt = bought_material();
    no_receipt.receipt_file_id.reset();
    expect_refused(material_refusal(no_receipt), "receipt_file_id");
}

TEST(RepairMaterial, MT_3_4_ABoughtMaterialHasNoQualityCheck) {
    // MT-3.4: the quality check is for the resident's own material.
    for (bool ok : {true, false}) {
        auto m = bought_material();
        m.quality_ok = ok;
        expect_refused(material_refusal(m), "quality_ok");
    }
}

TEST(RepairMaterial, MT_3_3_TheSourceIsResidentOrBought) {
    // MT-3.3: "supplied by resident, or bought".
    for (const char* bad : {"", "Resident", "BOUGHT", "donated", "stock"}) {
        auto m = bought_material();
        m.source = bad;
        expect_refused(material_refusal(m), "source");
    }
}

// ---- adjustments to the list price (MT-3.4) ----

TEST(RepairAdjustment, MT_3_4_NoAdjustmentNeedsNoReasonOrAgreement) {
    // MT-3.4: the list price as it is.
    EXPECT_EQ(adjustment_refusal(10'000, 0, "", false), std::nullopt);
    EXPECT_EQ(adjustment_refusal(0, 0, "", false), std::nullopt);
}

TEST(RepairAdjustment, MT_3_4_AnAdjustmentNeedsItsReason) {
    // MT-3.4: "adjusting only by agreement and noting it".
    for (int64_t adj : {int64_t{500}, int64_t{-500}}) {
        for (const char* blank : {"", "  ", "\n"}) {
            SCOPED_TRACE("MT-3.4 adjustment " + std::to_string(adj));
            auto r = adjustment_refusal(10'000, adj, blank, true);
            expect_refused(r, "adjustment_reason");
        }
    }
}

TEST(RepairAdjustment, MT_3_4_AnAdjustmentNeedsTheResidentsAgreement) {
    // MT-3.4: "adjusting only by agreement".
    expect_refused(adjustment_refusal(10'000, -2'000, "長者優惠", false), "adjustment_agreed");
    expect_refused(adjustment_refusal(10'000, 2'000, "夜間附加", false), "adjustment_agreed");
}

TEST(RepairAdjustment, MT_3_4_TheTotalMayNotGoBelowZero) {
    // MT-3.4: a discount at most takes the charge to nothing.
    expect_refused(adjustment_refusal(10'000, -10'001, "全免並補償", true), "adjustment_cents");
    expect_refused(adjustment_refusal(0, -1, "折扣", true), "adjustment_cents");
    EXPECT_EQ(adjustment_refusal(10'000, -10'000, "全免", true), std::nullopt);
}

TEST(RepairAdjustment, MT_3_4_AnAgreedAdjustmentWithItsReasonIsAccepted) {
    // MT-3.4: a discount or a surcharge, noted and agreed.
    EXPECT_EQ(adjustment_refusal(10'000, -2'000, "長者優惠", true), std::nullopt);
    EXPECT_EQ(adjustment_refusal(10'000, 2'000, "夜間附加", true), std::nullopt);
    EXPECT_EQ(adjustment_refusal(0, 500, "額外材料", true), std::nullopt);
}

TEST(RepairAdjustment, MT_3_4_AnAdjustmentThatWouldOverflowTheTotalIsRefused) {
    // MT-3.4: a hostile request cannot make the total wrap around.
    expect_refused(adjustment_refusal(10'000, kMax, "x", true), "adjustment_cents");
    expect_refused(adjustment_refusal(kMax, 1, "x", true), "adjustment_cents");
    EXPECT_EQ(adjustment_refusal(kMax - 1, 1, "x", true), std::nullopt);
    expect_refused(adjustment_refusal(10'000, std::numeric_limits<int64_t>::min(), "x", true), "adjustment_cents");
}

// ---- charges from the price list (MT-3.4) ----

ChargeLine line(int64_t unit_price_cents, int64_t quantity) {
    ChargeLine l;
    l.unit_price_cents = unit_price_cents;
    l.quantity = quantity;
    return l;
}

TEST(RepairCharge, MT_3_4_ALineIsThePriceTimesTheQuantity) {
    // MT-3.4: "charge per 《特約服務收費指導標準》".
    EXPECT_EQ(line_amount(12'000, 1), 12'000);
    EXPECT_EQ(line_amount(12'000, 3), 36'000);
    EXPECT_EQ(line_amount(0, 5), 0);
    EXPECT_EQ(line_amount(kMax, 1), kMax);
}

TEST(RepairCharge, MT_3_4_ZeroOrNegativeQuantityOrPriceIsNotALine) {
    // MT-3.4: the price list has no negative prices and a line has at least one of its unit.
    EXPECT_EQ(line_amount(12'000, 0), std::nullopt);
    EXPECT_EQ(line_amount(12'000, -1), std::nullopt);
    EXPECT_EQ(line_amount(-1, 1), std::nullopt);
    EXPECT_EQ(line_amount(-12'000, -2), std::nullopt);
}

TEST(RepairCharge, MT_3_4_OverflowIsNotAnAmount) {
    // MT-3.4: a hostile quantity cannot wrap the charge around.
    EXPECT_EQ(line_amount(kMax, 2), std::nullopt);
    EXPECT_EQ(line_amount(kMax / 2 + 1, 2), std::nullopt);
    EXPECT_EQ(line_amount(2, kMax), std::nullopt);
    EXPECT_EQ(line_amount(kMax / 2, 2), kMax - 1);
}

TEST(RepairCharge, MT_3_4_TheTotalIsTheSumOfTheLines) {
    // MT-3.4: the charge is the price-list lines added up.
    EXPECT_EQ(charge_total({}), 0);
    std::vector<ChargeLine> lines = {line(12'000, 1), line(3'500, 2), line(0, 1)};
    EXPECT_EQ(charge_total(lines), 19'000);
}

TEST(RepairCharge, MT_3_4_ABadLineOrAnOverflowingSumIsNoTotal) {
    // MT-3.4: any line that is not an amount, or a sum past the range, makes no total.
    std::vector<ChargeLine> zero = {line(12'000, 1), line(3'500, 0)};
    EXPECT_EQ(charge_total(zero), std::nullopt);
    std::vector<ChargeLine> negative = {line(12'000, -1), line(3'500, 1)};
    EXPECT_EQ(charge_total(negative), std::nullopt);
    std::vector<ChargeLine> line_overflow = {line(kMax, 2)};
    EXPECT_EQ(charge_total(line_overflow), std::nullopt);
    std::vector<ChargeLine> sum_overflow = {line(kMax, 1), line(1, 1)};
    EXPECT_EQ(charge_total(sum_overflow), std::nullopt);
    std::vector<ChargeLine> just_fits = {line(kMax - 1, 1), line(1, 1)};
    EXPECT_EQ(charge_total(just_fits), kMax);
}

// ---- the versioned price list (MT-3.4) ----

PriceItem version(int64_t v, EpochMs created_at, int64_t price_cents) {
    PriceItem p;
    p.item_key = 1;
    p.version = v;
    p.code = "A01";
    p.name = "更換水龍頭";
    p.price_cents = price_cents;
    p.created_at = created_at;
    return p;
}

TEST(RepairPriceList, MT_3_4_TheVersionInForceIsTheNewestCreatedAtOrBefore) {
    // MT-3.4: a job is charged at the price in force when it was done, whatever order the
    // versions come in.
    std::vector<PriceItem> versions = {version(2, kT0 + kHour, 150), version(3, kT0 + 2 * kHour, 200),
                                       version(1, kT0, 100)};
    EXPECT_EQ(price_in_force(versions, kT0 - 1), std::nullopt);
    for (int rotation = 0; rotation < 3; ++rotation) {
        SCOPED_TRACE("MT-3.4 rotation " + std::to_string(rotation));
        auto at = [&](EpochMs t) {
            auto p = price_in_force(versions, t);
            return p ? p->version : int64_t{0};
        };
        EXPECT_EQ(at(kT0 - 1), 0);
        EXPECT_EQ(at(kT0), 1);  // the exact creation instant
        EXPECT_EQ(at(kT0 + kHour - 1), 1);
        EXPECT_EQ(at(kT0 + kHour), 2);
        EXPECT_EQ(at(kT0 + 2 * kHour - 1), 2);
        EXPECT_EQ(at(kT0 + 2 * kHour), 3);
        EXPECT_EQ(at(kT0 + 1000 * kHour), 3);
        std::rotate(versions.begin(), versions.begin() + 1, versions.end());
    }
    auto p = price_in_force(versions, kT0 + 90 * kMinute);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->price_cents, 150);
    EXPECT_EQ(p->code, "A01");
}

TEST(RepairPriceList, MT_3_4_NoVersionsNoPrice) {
    // MT-3.4: an item not yet on the list has no price.
    EXPECT_EQ(price_in_force({}, kT0), std::nullopt);
}

TEST(RepairPriceList, MT_3_4_AnItemNeedsCodeNameAndANonNegativePrice) {
    // MT-3.4: the price list's items.
    EXPECT_EQ(price_item_refusal("A01", "更換水龍頭", 12'000), std::nullopt);
    EXPECT_EQ(price_item_refusal("A02", "檢查", 0), std::nullopt);  // free
    expect_refused(price_item_refusal("", "更換水龍頭", 12'000), "code");
    expect_refused(price_item_refusal("  ", "更換水龍頭", 12'000), "code");
    expect_refused(price_item_refusal("A01", "", 12'000), "name");
    expect_refused(price_item_refusal("A01", "\t", 12'000), "name");
    expect_refused(price_item_refusal("A01", "更換水龍頭", -1), "price_cents");
    expect_refused(price_item_refusal("", "", -1), "code");  // the first at fault
}

// ---- first-time fix (MT-1) ----

TEST(RepairKpi, MT_1_FirstTimeFixIsOneVisitWithSomeoneHomeAndNoReopening) {
    // MT-1: "first-time fix".
    EXPECT_TRUE(first_time_fix(1, 0, 0));
    EXPECT_TRUE(first_time_fix(2, 1, 0));  // nobody home the first time does not count
    EXPECT_TRUE(first_time_fix(4, 3, 0));
    EXPECT_FALSE(first_time_fix(2, 0, 0));  // came back
    EXPECT_FALSE(first_time_fix(1, 0, 1));  // reopened
    EXPECT_FALSE(first_time_fix(2, 1, 1));
    EXPECT_FALSE(first_time_fix(0, 0, 0));  // never visited
    EXPECT_FALSE(first_time_fix(1, 1, 0));  // only nobody home
}

// ---- return visits (MT-4.0) ----

TEST(RepairReturnVisit, MT_4_0_OneHundredPercentSamplesEveryJob) {
    // MT-4.0: "rate 100 %".
    for (int64_t id :
         {int64_t{0}, int64_t{1}, int64_t{42}, int64_t{99}, int64_t{100}, int64_t{123'456'789}, kMax, int64_t{-1}})
        EXPECT_TRUE(sampled_for_return_visit(id, 100)) << id;
    EXPECT_TRUE(sampled_for_return_visit(7, 150));
    EXPECT_FALSE(sampled_for_return_visit(0, 0));
    EXPECT_FALSE(sampled_for_return_visit(7, -5));
}

TEST(RepairReturnVisit, MT_4_0_ExactlyNOfEveryHundredConsecutiveIds) {
    // MT-4.0: the policy's rate, exactly, in any run of 100 jobs.
    for (int64_t percent : {1, 2, 5, 10, 25, 33, 37, 50, 63, 99}) {
        for (int64_t first : {int64_t{0}, int64_t{1}, int64_t{37}, int64_t{57}, int64_t{1'000'003}, int64_t{-50}}) {
            SCOPED_TRACE("MT-4.0 " + std::to_string(percent) + " % from id " + std::to_string(first));
            int sampled = 0;
            for (int64_t id = first; id < first + 100; ++id) sampled += sampled_for_return_visit(id, percent);
            EXPECT_EQ(sampled, percent);
        }
    }
}

TEST(RepairReturnVisit, MT_4_0_TheSampleIsSpreadNotTheFirstIds) {
    // MT-4.0: 10 % is not ids 0–9 of each hundred.
    int first_ten = 0;
    for (int64_t id = 0; id < 10; ++id) first_ten += sampled_for_return_visit(id, 10);
    EXPECT_LT(first_ten, 10);
    // Ids near 0: id 0 (and every hundredth) is in any sample, id 1 only above 37 %.
    EXPECT_TRUE(sampled_for_return_visit(0, 1));
    EXPECT_TRUE(sampled_for_return_visit(100, 1));
    EXPECT_FALSE(sampled_for_return_visit(1, 37));
    EXPECT_TRUE(sampled_for_return_visit(1, 38));
    // A higher rate keeps every job a lower rate sampled.
    for (int64_t id = 0; id < 200; ++id)
        for (int64_t p = 1; p < 100; ++p)
            if (sampled_for_return_visit(id, p)) {
                ASSERT_TRUE(sampled_for_return_visit(id, p + 1)) << id << " " << p;
            }
}

TEST(RepairReturnVisit, MT_4_0_DueTheSameDayOrSoonerByThePolicy) {
    // MT-4.0 / FD-C: "at once": by the end of the completion's local day, or the policy's hours
    // when sooner. kT0 is 19:06:40 in Hong Kong; its day ends 4 h 53 min 20 s later.
    constexpr EpochMs kDayEnd = kT0 + 4 * kHour + 53 * kMinute + 20'000;
    EXPECT_EQ(return_visit_due(kT0, Policy{}, "Asia/Hong_Kong"), kDayEnd);
    Policy p;
    p.return_visit_hours = 1;
    EXPECT_EQ(return_visit_due(kT0, p, "Asia/Hong_Kong"), kT0 + kHour);
    p.return_visit_hours = 720;  // a stretch stored before the bound: read as the day's end
    EXPECT_EQ(return_visit_due(kT0, p, "Asia/Hong_Kong"), kDayEnd);
}

TEST(RepairPolicy, MT_4_0_TheDefaultsAreValid) {
    // MT-4.0, MT-3.4: the same day, 100 %, a 5-minute wait.
    Policy p;
    EXPECT_EQ(p.return_visit_hours, 24);
    EXPECT_EQ(p.return_visit_percent, 100);
    EXPECT_EQ(p.min_wait_minutes, 5);
    EXPECT_EQ(p.version, 0);
    EXPECT_EQ(policy_refusal(p), std::nullopt);
}

TEST(RepairPolicy, MT_4_0_EachFieldWithinItsBounds) {
    // MT-4.0: 1–24 hours (the same day), 1–100 %; MT-3.4: a 5–10 minute wait.
    struct Case {
        int64_t Policy::*field;
        const char* name;
        std::vector<int64_t> ok;
        std::vector<int64_t> bad;
    };
    const std::vector<Case> cases = {
        {&Policy::return_visit_hours, "return_visit_hours", {1, 12, 24}, {-1, 0, 25, 48, 720, 100'000}},
        {&Policy::return_visit_percent, "return_visit_percent", {1, 50, 100}, {-1, 0, 101}},
        {&Policy::min_wait_minutes, "min_wait_minutes", {5, 7, 10}, {-1, 0, 4, 11, 60}},
    };
    for (const auto& c : cases) {
        for (int64_t v : c.ok) {
            Policy p;
            p.*c.field = v;
            EXPECT_EQ(policy_refusal(p), std::nullopt) << c.name << " " << v;
        }
        for (int64_t v : c.bad) {
            SCOPED_TRACE(std::string("MT-4.0 ") + c.name + " " + std::to_string(v));
            Policy p;
            p.*c.field = v;
            expect_refused(policy_refusal(p), c.name);
        }
    }
    Policy all_bad;
    all_bad.return_visit_hours = 0;
    all_bad.return_visit_percent = 0;
    all_bad.min_wait_minutes = -1;
    expect_refused(policy_refusal(all_bad), "return_visit_hours");  // the first at fault
}

// ---- public work orders (MT-3.5) ----

const std::vector<OrderAction> kAllOrderActions = {OrderAction::report, OrderAction::accept, OrderAction::send_back,
                                                   OrderAction::archive};

const std::map<OrderAction, std::map<std::string, std::string>> kOrderTable = {
    {OrderAction::report, {{"issued", "reported"}, {"returned", "reported"}}},
    {OrderAction::accept, {{"reported", "accepted"}}},
    {OrderAction::send_back, {{"reported", "returned"}}},
    {OrderAction::archive, {{"accepted", "archived"}}},
};

TEST(RepairWorkOrder, MT_3_5_EveryActionFromEveryStatusHasExactlyTheTableTarget) {
    // MT-3.5: issue → work → inspection by the issuer → signed and archived.
    for (OrderAction a : kAllOrderActions) {
        const auto& allowed = kOrderTable.at(a);
        for (const char* from : kWorkOrderStatuses) {
            SCOPED_TRACE(std::string("MT-3.5 ") + std::string(order_action_name(a)) + " from " + from);
            auto got = next_order_status(from, a);
            auto it = allowed.find(from);
            if (it == allowed.end()) {
                EXPECT_EQ(got, std::nullopt);
            } else {
                EXPECT_EQ(got, std::optional<std::string>(it->second));
            }
        }
    }
}

TEST(RepairWorkOrder, MT_3_5_AnUnacceptedOrderIsNeverArchived) {
    // MT-3.5: "the head inspects, takes it back, signs and files it".
    for (const char* from : {"issued", "reported", "returned", "archived", ""})
        EXPECT_EQ(next_order_status(from, OrderAction::archive), std::nullopt) << from;
    EXPECT_EQ(next_order_status("accepted", OrderAction::archive), "archived");
}

TEST(RepairWorkOrder, MT_3_5_SentBackAndReportedAgain) {
    // MT-3.5: returned to the technician with the reasons, then reported again and accepted.
    std::string s = "issued";
    for (OrderAction a : {OrderAction::report, OrderAction::send_back, OrderAction::report, OrderAction::accept,
                          OrderAction::archive}) {
        auto next = next_order_status(s, a);
        ASSERT_TRUE(next) << order_action_name(a) << " from " << s;
        s = *next;
    }
    EXPECT_EQ(s, "archived");
    for (OrderAction a : kAllOrderActions) EXPECT_EQ(next_order_status("archived", a), std::nullopt);
}

TEST(RepairWorkOrder, MT_3_5_EveryActionHasItsName) {
    // MT-3.5: the names used in requests and events.
    std::vector<std::string> names;
    for (OrderAction a : kAllOrderActions) names.emplace_back(order_action_name(a));
    EXPECT_EQ(names, (std::vector<std::string>{"report", "accept", "send_back", "archive"}));
    EXPECT_EQ(order_action_name(static_cast<OrderAction>(99)), "");
}

TEST(RepairPolicy, MT_4_0_MT_3_4_AStretchAndAWaitOutsideFiveToTenSayWhichBoundTheyBreak) {
    Policy weeks;
    weeks.return_visit_hours = 24 * 14;
    auto r = policy_refusal(weeks);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code, "policy_stretch");
    EXPECT_EQ(params_json(*r), R"({"max":24})");
    Policy quick;
    quick.min_wait_minutes = 2;
    r = policy_refusal(quick);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code, "out_of_range");
    EXPECT_EQ(params_json(*r), R"({"min":5,"max":10})");
}

TEST(RepairWorkOrder, MT_3_5_TheIssuerWhoInspectsNeverIssuesTheOrderToThemselves) {
    auto r = issue_refusal(7, 7);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code, "same_person");
    EXPECT_EQ(r->field, "technician_id");
    EXPECT_EQ(refusal_status(*r), 422);
    EXPECT_EQ(issue_refusal(7, 8), std::nullopt);
}

TEST(RepairWorkOrder, MT_3_5_TheTechnicianNeverInspectsTheirOwnWork) {
    WorkOrder w;
    w.issued_by = 3;
    w.technician_id = 8;
    auto r = inspection_refusal(w, 8);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code, "same_person");
    EXPECT_EQ(inspection_refusal(w, 3), std::nullopt);
    EXPECT_EQ(inspection_refusal(w, 4), std::nullopt);  // a stand-in (the site manager) who is not the technician
}

// ---- each rule in one place: the door, completion, the return visit (MT-3.1, 3.4, 4.0) ----

Repair immediate_job() {
    Repair r;
    r.mode = "immediate";
    r.status = "assigned";
    r.requested_at = kT0;
    r.due_at = immediate_deadline(kT0);
    return r;
}

TEST(RepairArrival, MT_3_1_AnImmediateJobNotReachedByItsDeadlineIsMissedOnce) {
    auto r = immediate_job();
    EXPECT_FALSE(arrival_missed(r, r.due_at));
    EXPECT_TRUE(arrival_missed(r, r.due_at + 1));
    r.status = "recorded";  // not even assigned yet: still the promise broken
    EXPECT_TRUE(arrival_missed(r, r.due_at + 1));
    r.arrival_missed_at = r.due_at + 1;  // already flagged: not again
    EXPECT_FALSE(arrival_missed(r, r.due_at + kHour));
    EXPECT_FALSE(arrival_missed(rescheduled(r), r.due_at)) << "a new time clears the flag";
    EXPECT_TRUE(arrival_missed(rescheduled(r), r.due_at + 1));
    for (const char* reached : {"on_site", "proposed", "in_progress", "completed", "closed", "rebook"}) {
        auto at = immediate_job();
        at.status = reached;
        EXPECT_FALSE(arrival_missed(at, at.due_at + kHour)) << reached;
    }
    auto booked = immediate_job();
    booked.mode = "appointment";
    EXPECT_FALSE(arrival_missed(booked, booked.due_at + kHour)) << "the 30-minute promise is the immediate one's";
}

TEST(RepairArrival, MT_3_1_OverdueIsPastThePromiseAndAnAppointmentHasItsFiveMinutes) {
    auto r = immediate_job();
    EXPECT_FALSE(arrival_overdue(r, r.due_at));
    EXPECT_TRUE(arrival_overdue(r, r.due_at + 1));
    r.mode = "appointment";
    EXPECT_FALSE(arrival_overdue(r, r.due_at + kToleranceMs));
    EXPECT_TRUE(arrival_overdue(r, r.due_at + kToleranceMs + 1));
    r.status = "on_site";
    EXPECT_FALSE(arrival_overdue(r, r.due_at + kHour));
}

TEST(RepairArrival, MT_3_1_ACheckInKeepsTheFirstArrivalForTheResponseTime) {
    auto r = checked_in(immediate_job(), kT0 + 40 * kMinute);
    EXPECT_EQ(r.arrived_at, kT0 + 40 * kMinute);
    EXPECT_EQ(r.first_arrived_at, kT0 + 40 * kMinute);
    EXPECT_EQ(r.first_on_time, false);
    EXPECT_EQ(r.visit_count, 1);
    auto again = checked_in(r, kT0 + kDay);
    EXPECT_EQ(again.arrived_at, kT0 + kDay);
    EXPECT_EQ(again.first_arrived_at, kT0 + 40 * kMinute);
    EXPECT_EQ(again.visit_count, 2);
    EXPECT_EQ(checked_in(immediate_job(), kT0 + 30 * kMinute).first_on_time, true);
}

TEST(RepairComplete, MT_3_4_EverythingPutBackAndCleanedFirst) {
    expect_refused(completion_refusal({false, true, std::nullopt, false}), "restored");
    expect_refused(completion_refusal({true, false, std::nullopt, false}), "cleaned");
    EXPECT_EQ(completion_refusal({true, true, std::nullopt, false}), std::nullopt);
    EXPECT_EQ(completion_refusal({true, true, std::nullopt, true}), std::nullopt);
}

TEST(RepairComplete, MT_4_0_ARevisitOfAChargedJobIsNotChargedAgain) {
    auto r = completion_refusal({true, true, std::string("WX2026-000001"), true});
    expect_refused(r, "charges");
    EXPECT_EQ(r->code, "not_applicable");
    EXPECT_EQ(completion_refusal({true, true, std::string("WX2026-000001"), false}), std::nullopt);
}

TEST(RepairCharge, MT_3_4_OnlyAnItemOfThisSitesListInForceIsCharged) {
    PriceItem p;
    p.site_id = 1;
    EXPECT_EQ(price_line_refusal(p, 1), std::nullopt);
    expect_refused(price_line_refusal(std::nullopt, 1), "charges");
    expect_refused(price_line_refusal(p, 2), "charges");
    auto old = p;
    old.superseded_at = kT0;
    expect_refused(price_line_refusal(old, 1), "charges");
    auto retired = p;
    retired.active = false;
    expect_refused(price_line_refusal(retired, 1), "charges");
}

TEST(RepairReturnVisit, MT_4_0_EveryAnswerCountsAndNotSatisfiedReopensTheJob) {
    Repair r;
    r.status = "completed";
    r.first_time_fix = true;
    r.arrived_at = r.started_at = kT0;
    auto happy = visit_answered(r, true, kT0 + kHour);
    EXPECT_EQ(happy.return_visit_outcome, "satisfied");
    EXPECT_EQ(happy.return_visited_at, kT0 + kHour);
    EXPECT_EQ(happy.visits_answered, 1);
    EXPECT_EQ(happy.visits_satisfied, 1);
    EXPECT_EQ(happy.first_time_fix, true);
    EXPECT_EQ(happy.reopen_count, 0);
    auto unhappy = visit_answered(r, false, kT0 + kHour);
    EXPECT_EQ(unhappy.return_visit_outcome, "not_satisfied");
    EXPECT_EQ(unhappy.visits_answered, 1);
    EXPECT_EQ(unhappy.visits_satisfied, 0);
    EXPECT_EQ(unhappy.reopen_count, 1);
    EXPECT_EQ(unhappy.first_time_fix, false);
    EXPECT_EQ(unhappy.arrived_at, std::nullopt);
    EXPECT_EQ(unhappy.started_at, std::nullopt);
}

TEST(RepairRaise, FD_B_MT_3_1_ARaisedCaseIsDispatchedToEngineeringAndLinkedToItsJob) {
    desk::Case v;
    v.category = "repair";
    v.status = "recorded";
    v.created_at = kT0;
    v.due_at = v.target_due_at = kT0 + 48 * kHour;
    desk::Policy p;
    auto raised = raised_case(v, 42, kT0 + 5 * kMinute, p, 3);
    EXPECT_EQ(raised.status, "dispatched");
    EXPECT_EQ(raised.repair_request_id, 42);
    EXPECT_EQ(raised.department_id, 3);
    EXPECT_EQ(raised.dispatched_at, kT0 + 5 * kMinute);
    EXPECT_EQ(raised.target_due_at, kT0 + 5 * kMinute + 48 * kHour);
}

// ---- numbers on the forms (MT-5.0) and search (MT-3.1) ----

TEST(RepairNumbers, MT_5_0_RepairReceiptAndWorkOrderNumbers) {
    // MT-5.0: the numbers printed on 《客戶請修流程單》, the receipt and 《派工單》.
    EXPECT_EQ(repair_number(42), "R000042");
    EXPECT_EQ(repair_number(0), "R000000");
    EXPECT_EQ(repair_number(999'999), "R999999");
    EXPECT_EQ(repair_number(1'234'567), "R1234567");  // widens, never truncates
    EXPECT_EQ(receipt_number(2026, 17), "WX2026-000017");
    EXPECT_EQ(receipt_number(2026, 1'234'567), "WX2026-1234567");
    EXPECT_EQ(work_order_number(2026, 5), "PG2026-0005");
    EXPECT_EQ(work_order_number(2027, 12'345), "PG2027-12345");
}

TEST(RepairSearch, MT_3_1_SearchTextFoldsTraditionalToSimplifiedAndLowerCases) {
    // MT-3.1: the request register is searched by caller, phone, unit, location and description,
    // in either script.
    Repair r;
    r.caller_name = "陳大文";
    r.caller_phone = "91234567";
    r.unit_label = "第一座 12B";
    r.location = "廚房";
    r.description = "水龍頭漏水";
    r.technician_name = "TECHNICIAN";  // not searched
    r.work_done = "已更換";
    EXPECT_EQ(search_text(r), "陈大文 91234567 第一座 12b 厨房 水龙头漏水");

    Repair simplified = r;
    simplified.caller_name = "陈大文";
    simplified.unit_label = "第一座 12b";
    simplified.location = "厨房";
    simplified.description = "水龙头漏水";
    EXPECT_EQ(search_text(simplified), search_text(r));

    Repair empty;
    EXPECT_EQ(search_text(empty), "    ");
}

}  // namespace
}  // namespace propdesk::repair::rules
