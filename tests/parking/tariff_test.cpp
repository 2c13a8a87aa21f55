// Parking fees: PK-5 (the fee at exit, by the tariff in force at entry, per local day with a cap)
// and PK-6 (the free period). Every expected amount is worked out by hand in the comments.
#include "parking/tariff.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace propdesk::parking {
namespace {

const std::string kHk = "Asia/Hong_Kong";  // UTC+8 all year
const std::string kNy = "America/New_York";

constexpr int64_t kMs = 1;
constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;

EpochMs utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0) {
    using namespace std::chrono;
    auto t = date::sys_days{date::year{y} / mo / d} + hours{h} + minutes{mi};
    return duration_cast<milliseconds>(t.time_since_epoch()).count();
}

// Hong Kong wall time: UTC+8, no DST.
EpochMs hk(int y, unsigned mo, unsigned d, int h = 0, int mi = 0) {
    return utc(y, mo, d, h, mi) - 8 * kHour;
}

// 15 minutes free; HK$20 for the first hour, HK$10 a half-hour after; no night rate, no cap.
Tariff day_tariff() {
    Tariff t;
    t.id = 1;
    t.free_minutes = 15;
    t.first_minutes = 60;
    t.first_cents = 2000;
    t.unit_minutes = 30;
    t.unit_cents = 1000;
    return t;
}

// The same with HK$5 half-hours from 22:00 to 07:00 (a window that wraps midnight).
Tariff night_tariff() {
    Tariff t = day_tariff();
    t.night_unit_cents = 500;
    t.night_start_minute = 22 * 60;
    t.night_end_minute = 7 * 60;
    return t;
}

void expect_day(const DayCharge& d, const std::string& date, int64_t cents, bool capped) {
    EXPECT_EQ(d.date, date);
    EXPECT_EQ(d.cents, cents) << d.date;
    EXPECT_EQ(d.capped, capped) << d.date;
}

// ---- PK-6 free period ----

TEST(ParkingTariff, PK_6_StayOfExactlyTheFreePeriodIsFree) {
    Fee f = stay_fee(day_tariff(), hk(2026, 3, 10, 10), hk(2026, 3, 10, 10, 15), kHk);
    EXPECT_TRUE(f.free_period);
    EXPECT_EQ(f.cents, 0);
    EXPECT_EQ(f.minutes, 15);
    EXPECT_TRUE(f.days.empty());
}

TEST(ParkingTariff, PK_6_OneMillisecondOverTheFreePeriodIsChargedFromEntry) {
    // The free 15 minutes are not deducted: the first hour from entry is charged whole.
    Fee f = stay_fee(day_tariff(), hk(2026, 3, 10, 10), hk(2026, 3, 10, 10, 15) + 1 * kMs, kHk);
    EXPECT_FALSE(f.free_period);
    EXPECT_EQ(f.cents, 2000);
    EXPECT_EQ(f.minutes, 16);  // rounded up
    ASSERT_EQ(f.days.size(), 1u);
    expect_day(f.days[0], "2026-03-10", 2000, false);
}

TEST(ParkingTariff, PK_6_NoFreePeriodChargesEvenAMillisecond) {
    Tariff t = day_tariff();
    t.free_minutes = 0;
    Fee f = stay_fee(t, hk(2026, 3, 10, 10), hk(2026, 3, 10, 10) + 1, kHk);
    EXPECT_FALSE(f.free_period);
    EXPECT_EQ(f.cents, 2000);
    EXPECT_EQ(f.minutes, 1);
}

TEST(ParkingTariff, PK_6_ExitBeforeOrAtEntryIsAZeroFee) {
    EpochMs entry = hk(2026, 3, 10, 10);
    for (EpochMs exit : {entry, entry - 1, entry - kDay}) {
        Fee f = stay_fee(day_tariff(), entry, exit, kHk);
        EXPECT_TRUE(f.free_period);
        EXPECT_EQ(f.cents, 0);
        EXPECT_EQ(f.minutes, 0);
        EXPECT_TRUE(f.days.empty());
    }
}

// ---- PK-5 blocks ----

TEST(ParkingTariff, PK_5_ExactlyTheFirstBlockIsTheFirstBlockAlone) {
    Fee f = stay_fee(day_tariff(), hk(2026, 3, 10, 10), hk(2026, 3, 10, 11), kHk);
    EXPECT_EQ(f.cents, 2000);
    EXPECT_EQ(f.minutes, 60);
}

TEST(ParkingTariff, PK_5_FirstBlockPlusOneMillisecondAddsAWholeUnit) {
    Fee f = stay_fee(day_tariff(), hk(2026, 3, 10, 10), hk(2026, 3, 10, 11) + 1, kHk);
    EXPECT_EQ(f.cents, 2000 + 1000);
    EXPECT_EQ(f.minutes, 61);
}

TEST(ParkingTariff, PK_5_EachUnitBoundaryAddsAUnitOnlyWhenPassed) {
    EpochMs in = hk(2026, 3, 10, 10);
    // 10:00–11:00 first block, then 11:00–11:30, 11:30–12:00, 12:00–12:30 …
    EXPECT_EQ(stay_fee(day_tariff(), in, hk(2026, 3, 10, 11, 30), kHk).cents, 3000);
    EXPECT_EQ(stay_fee(day_tariff(), in, hk(2026, 3, 10, 11, 30) + 1, kHk).cents, 4000);
    EXPECT_EQ(stay_fee(day_tariff(), in, hk(2026, 3, 10, 12, 0), kHk).cents, 4000);
    EXPECT_EQ(stay_fee(day_tariff(), in, hk(2026, 3, 10, 12, 0) + 1, kHk).cents, 5000);
    EXPECT_EQ(stay_fee(day_tariff(), in, hk(2026, 3, 10, 12, 30) - 1, kHk).cents, 5000);
}

TEST(ParkingTariff, PK_5_NoFirstBlockMeansEveryBlockIsAUnit) {
    Tariff t = day_tariff();
    t.free_minutes = 0;
    t.first_minutes = 0;
    EpochMs in = hk(2026, 3, 10, 10);
    EXPECT_EQ(stay_fee(t, in, in + 30 * kMinute, kHk).cents, 1000);
    EXPECT_EQ(stay_fee(t, in, in + 30 * kMinute + 1, kHk).cents, 2000);
    EXPECT_EQ(stay_fee(t, in, in + 1, kHk).cents, 1000);
}

TEST(ParkingTariff, PK_5_WithoutAFirstBlockTheFirstUnitTakesTheNightRate) {
    Tariff t = night_tariff();
    t.first_minutes = 0;
    // 23:00 and 23:30 are night units: 2 × 500.
    EXPECT_EQ(stay_fee(t, hk(2026, 3, 10, 23), hk(2026, 3, 11, 0), kHk).cents, 1000);
}

// ---- PK-5 daily cap ----

TEST(ParkingTariff, PK_5_DailyCapReachedWithinADay) {
    Tariff t = day_tariff();
    t.daily_cap_cents = 5000;
    EpochMs in = hk(2026, 3, 10, 10);
    // Until 12:00: 2000 + 2 × 1000 = 4000, under the cap.
    Fee under = stay_fee(t, in, hk(2026, 3, 10, 12), kHk);
    EXPECT_EQ(under.cents, 4000);
    ASSERT_EQ(under.days.size(), 1u);
    EXPECT_FALSE(under.days[0].capped);
    // Until 12:30: 2000 + 3 × 1000 = 5000, exactly the cap.
    Fee at = stay_fee(t, in, hk(2026, 3, 10, 12, 30), kHk);
    EXPECT_EQ(at.cents, 5000);
    EXPECT_TRUE(at.days[0].capped);
    // Until 14:00: 2000 + 6 × 1000 = 8000, charged 5000.
    Fee over = stay_fee(t, in, hk(2026, 3, 10, 14), kHk);
    EXPECT_EQ(over.cents, 5000);
    ASSERT_EQ(over.days.size(), 1u);
    expect_day(over.days[0], "2026-03-10", 5000, true);
}

TEST(ParkingTariff, PK_5_DailyCapAppliesToEachLocalDayAcrossMidnight) {
    Tariff t = night_tariff();
    t.daily_cap_cents = 5000;
    // 20:00 → 10:00 next day. 10 Mar: first 20:00 2000, 21:00 and 21:30 at 1000, 22:00–23:30 four
    // night units at 500: 6000 → capped 5000. 11 Mar: 00:00–06:30 fourteen night units (7000) and
    // 07:00–09:30 six day units (6000): 13000 → capped 5000.
    Fee f = stay_fee(t, hk(2026, 3, 10, 20), hk(2026, 3, 11, 10), kHk);
    EXPECT_EQ(f.cents, 10000);
    EXPECT_EQ(f.minutes, 14 * 60);
    ASSERT_EQ(f.days.size(), 2u);
    expect_day(f.days[0], "2026-03-10", 5000, true);
    expect_day(f.days[1], "2026-03-11", 5000, true);
}

TEST(ParkingTariff, PK_5_DayCapOnlyCapsTheDayThatReachesIt) {
    Tariff t = night_tariff();
    t.daily_cap_cents = 8000;
    // As above: 10 Mar 6000 (under 8000), 11 Mar 13000 → 8000.
    Fee f = stay_fee(t, hk(2026, 3, 10, 20), hk(2026, 3, 11, 10), kHk);
    EXPECT_EQ(f.cents, 14000);
    ASSERT_EQ(f.days.size(), 2u);
    expect_day(f.days[0], "2026-03-10", 6000, false);
    expect_day(f.days[1], "2026-03-11", 8000, true);
}

TEST(ParkingTariff, PK_5_ABlockIsChargedToTheDayItStartsIn) {
    // First block 23:30 → 00:30 belongs to 10 Mar; the unit starting 00:30 to 11 Mar (no night rate).
    Fee f = stay_fee(day_tariff(), hk(2026, 3, 10, 23, 30), hk(2026, 3, 11, 0, 45), kHk);
    EXPECT_EQ(f.cents, 3000);
    ASSERT_EQ(f.days.size(), 2u);
    expect_day(f.days[0], "2026-03-10", 2000, false);
    expect_day(f.days[1], "2026-03-11", 1000, false);
    // Leaving at 00:30 exactly: no block starts on 11 Mar, so it has no line.
    Fee g = stay_fee(day_tariff(), hk(2026, 3, 10, 23, 30), hk(2026, 3, 11, 0, 30), kHk);
    ASSERT_EQ(g.days.size(), 1u);
    expect_day(g.days[0], "2026-03-10", 2000, false);
}

// ---- PK-5 night rate ----

TEST(ParkingTariff, PK_5_NightRateWindowWrappingMidnight) {
    // The same 20:00 → 10:00 stay with no cap: 6000 + 13000.
    Fee f = stay_fee(night_tariff(), hk(2026, 3, 10, 20), hk(2026, 3, 11, 10), kHk);
    EXPECT_EQ(f.cents, 19000);
    ASSERT_EQ(f.days.size(), 2u);
    expect_day(f.days[0], "2026-03-10", 6000, false);
    expect_day(f.days[1], "2026-03-11", 13000, false);
}

TEST(ParkingTariff, PK_5_NightRateEdgesAreTheBlockStartsLocalMinute) {
    Tariff t = night_tariff();
    // First block 20:59:30–21:59:30, then a unit starting 21:59:30 (minute 1319, before 22:00): day rate.
    EpochMs in = hk(2026, 3, 10, 20, 59) + 30'000;
    EXPECT_EQ(stay_fee(t, in, hk(2026, 3, 10, 22), kHk).cents, 2000 + 1000);
    // First block 21:00–22:00, unit starting 22:00: night rate.
    EXPECT_EQ(stay_fee(t, hk(2026, 3, 10, 21), hk(2026, 3, 10, 22, 30), kHk).cents, 2000 + 500);
    // Morning: units starting 06:30 (night) and 07:00 (day).
    EXPECT_EQ(stay_fee(t, hk(2026, 3, 11, 5, 30), hk(2026, 3, 11, 7, 30), kHk).cents, 2000 + 500 + 1000);
}

TEST(ParkingTariff, PK_5_NightWindowThatDoesNotWrap) {
    Tariff t = day_tariff();
    t.night_unit_cents = 500;  // a cheaper lunchtime, 12:00–14:00
    t.night_start_minute = 12 * 60;
    t.night_end_minute = 14 * 60;
    // First 11:00 2000; units 12:00–13:30 four at 500; 14:00, 14:30 at 1000.
    EXPECT_EQ(stay_fee(t, hk(2026, 3, 10, 11), hk(2026, 3, 10, 15), kHk).cents, 2000 + 2000 + 2000);
}

TEST(ParkingTariff, PK_5_EqualNightStartAndEndMeansNoNightRate) {
    Tariff t = night_tariff();
    t.night_start_minute = t.night_end_minute = 22 * 60;
    // First 22:00, then 23:00 and 23:30 at the day rate.
    EXPECT_EQ(stay_fee(t, hk(2026, 3, 10, 22), hk(2026, 3, 11, 0), kHk).cents, 2000 + 2000);
}

// ---- PK-5 multi-day and long stays ----

TEST(ParkingTariff, PK_5_ThreeDaysAndABit) {
    // 10 Mar 10:00 → 13 Mar 10:00:00.001. 10 Mar: first 2000 + 26 units (11:00–23:30) = 28000;
    // 11 and 12 Mar: 48 units = 48000; 13 Mar: units 00:00–10:00 (21) = 21000.
    EpochMs in = hk(2026, 3, 10, 10);
    EpochMs out = hk(2026, 3, 13, 10) + 1;
    Fee f = stay_fee(day_tariff(), in, out, kHk);
    EXPECT_EQ(f.cents, 28000 + 48000 + 48000 + 21000);
    EXPECT_EQ(f.minutes, 3 * 24 * 60 + 1);
    ASSERT_EQ(f.days.size(), 4u);
    expect_day(f.days[0], "2026-03-10", 28000, false);
    expect_day(f.days[1], "2026-03-11", 48000, false);
    expect_day(f.days[2], "2026-03-12", 48000, false);
    expect_day(f.days[3], "2026-03-13", 21000, false);

    Tariff capped = day_tariff();
    capped.daily_cap_cents = 5000;
    Fee c = stay_fee(capped, in, out, kHk);
    EXPECT_EQ(c.cents, 4 * 5000);
    ASSERT_EQ(c.days.size(), 4u);
    for (const auto& d : c.days) EXPECT_TRUE(d.capped) << d.date;
}

TEST(ParkingTariff, PK_5_StaysLongerThan400DaysAreChargedInFull) {
    Tariff t = day_tariff();
    t.daily_cap_cents = 5000;
    // 500 whole local days from 10 Mar 2026 00:00: every day reaches the cap.
    Fee f = stay_fee(t, hk(2026, 3, 10), hk(2026, 3, 10) + 500 * kDay, kHk);
    EXPECT_EQ(f.cents, 500 * 5000);
    ASSERT_EQ(f.days.size(), 500u);
    EXPECT_EQ(f.days.front().date, "2026-03-10");
    EXPECT_EQ(f.days.back().date, "2027-07-22");
    EXPECT_EQ(f.days[296].date, "2026-12-31");
    EXPECT_EQ(f.days[297].date, "2027-01-01");
}

// ---- PK-5 daylight saving (America/New_York) ----

Tariff hourly_night_tariff() {
    // $1 an hour by day, $3 by night 22:00–06:00; every block an hour, none first.
    Tariff t;
    t.first_minutes = 0;
    t.unit_minutes = 60;
    t.unit_cents = 100;
    t.night_unit_cents = 300;
    t.night_start_minute = 22 * 60;
    t.night_end_minute = 6 * 60;
    return t;
}

TEST(ParkingTariff, PK_5_SpringForwardDayHas23HourlyBlocksJudgedOnLocalTime) {
    // 7 Mar 22:00 EST (03:00Z 8 Mar) → 9 Mar 00:00 EDT (04:00Z): 25 hours.
    // 7 Mar: 22:00, 23:00 night = 600. 8 Mar (clocks go 02:00 → 03:00): blocks start at 00, 01,
    // 03 … 23 = 23 blocks; night 00, 01, 03, 04, 05, 22, 23 = 7 × 300 = 2100; day 06 … 21 =
    // 16 × 100 = 1600; 3700. A fixed EST offset would read 06:00 EDT as 05:00 and charge night.
    Fee f = stay_fee(hourly_night_tariff(), utc(2026, 3, 8, 3), utc(2026, 3, 9, 4), kNy);
    EXPECT_EQ(f.minutes, 25 * 60);
    EXPECT_EQ(f.cents, 600 + 3700);
    ASSERT_EQ(f.days.size(), 2u);
    expect_day(f.days[0], "2026-03-07", 600, false);
    expect_day(f.days[1], "2026-03-08", 3700, false);
}

TEST(ParkingTariff, PK_5_FallBackDayHas25HourlyBlocksJudgedOnLocalTime) {
    // 31 Oct 22:00 EDT (02:00Z 1 Nov) → 2 Nov 00:00 EST (05:00Z): 27 hours.
    // 31 Oct: 22:00, 23:00 night = 600. 1 Nov (clocks go 02:00 → 01:00): 00, 01 EDT, 01 EST,
    // 02 … 23 = 25 blocks; night 00, 01, 01, 02, 03, 04, 05, 22, 23 = 9 × 300 = 2700; day
    // 06 … 21 = 16 × 100 = 1600; 4300.
    Fee f = stay_fee(hourly_night_tariff(), utc(2026, 11, 1, 2), utc(2026, 11, 2, 5), kNy);
    EXPECT_EQ(f.minutes, 27 * 60);
    EXPECT_EQ(f.cents, 600 + 4300);
    ASSERT_EQ(f.days.size(), 2u);
    expect_day(f.days[0], "2026-10-31", 600, false);
    expect_day(f.days[1], "2026-11-01", 4300, false);
}

TEST(ParkingTariff, PK_5_LocalMidnightInNewYorkStartsTheDay) {
    Tariff t = hourly_night_tariff();
    t.daily_cap_cents = 1000;
    // 7 Mar 23:00 EST (04:00Z 8 Mar) → 8 Mar 23:00 EDT (03:00Z 9 Mar): 23 hours, 23 blocks.
    // 7 Mar: 23:00 = 300. 8 Mar: 22 blocks, night 00, 01, 03, 04, 05, 22 = 1800 + day 16 × 100
    // = 3400 → capped 1000.
    Fee f = stay_fee(t, utc(2026, 3, 8, 4), utc(2026, 3, 9, 3), kNy);
    EXPECT_EQ(f.cents, 300 + 1000);
    ASSERT_EQ(f.days.size(), 2u);
    expect_day(f.days[0], "2026-03-07", 300, false);
    expect_day(f.days[1], "2026-03-08", 1000, true);
}

// ---- PK-5 tariff versions ----

TEST(ParkingTariff, PK_5_TariffChangeDuringAStayChargesTheEntrysVersion) {
    Tariff v1 = day_tariff();
    v1.id = 1;
    v1.effective_from = hk(2026, 1, 1);
    Tariff v2 = day_tariff();
    v2.id = 2;
    v2.effective_from = hk(2026, 3, 10, 12);
    v2.first_cents = 3000;
    v2.unit_cents = 1500;
    Tariff v0 = day_tariff();
    v0.id = 3;
    v0.effective_from = hk(2025, 1, 1);
    std::vector<Tariff> versions{v2, v0, v1};  // unsorted on purpose

    EpochMs entry = hk(2026, 3, 10, 11);
    EpochMs exit = hk(2026, 3, 10, 13);
    const Tariff* at_entry = tariff_at(versions, entry);
    ASSERT_NE(at_entry, nullptr);
    EXPECT_EQ(at_entry->id, 1);
    EXPECT_EQ(tariff_at(versions, exit)->id, 2);
    // v1: 2000 + 2 × 1000; v2 would have been 3000 + 2 × 1500.
    EXPECT_EQ(stay_fee(*at_entry, entry, exit, kHk).cents, 4000);
}

TEST(ParkingTariff, PK_5_TariffAtItsEffectiveInstantAndBeforeAny) {
    Tariff a;
    a.id = 1;
    a.effective_from = 1000;
    Tariff b;
    b.id = 2;
    b.effective_from = 2000;
    std::vector<Tariff> versions{b, a};
    EXPECT_EQ(tariff_at(versions, 999), nullptr);
    EXPECT_EQ(tariff_at(versions, 1000)->id, 1);
    EXPECT_EQ(tariff_at(versions, 1999)->id, 1);
    EXPECT_EQ(tariff_at(versions, 2000)->id, 2);
    EXPECT_EQ(tariff_at({}, 2000), nullptr);
}

// ---- tariff_problem ----

TEST(ParkingTariff, PK_5_ValidTariffHasNoProblem) {
    EXPECT_EQ(tariff_problem(day_tariff()), std::nullopt);
    EXPECT_EQ(tariff_problem(night_tariff()), std::nullopt);
    Tariff edge = night_tariff();
    edge.free_minutes = 7 * 24 * 60;
    edge.first_minutes = 0;
    edge.first_cents = 1'000'000'000;
    edge.night_start_minute = 1439;
    edge.night_end_minute = 0;
    edge.daily_cap_cents = 0;
    EXPECT_EQ(tariff_problem(edge), std::nullopt);
}

TEST(ParkingTariff, PK_5_TariffProblemNamesTheField) {
    auto problem = [](auto change) {
        Tariff t = night_tariff();
        change(t);
        return tariff_problem(t).value_or("");
    };
    EXPECT_EQ(problem([](Tariff& t) { t.free_minutes = -1; }), "free_minutes");
    EXPECT_EQ(problem([](Tariff& t) { t.free_minutes = 7 * 24 * 60 + 1; }), "free_minutes");
    EXPECT_EQ(problem([](Tariff& t) { t.first_minutes = -1; }), "first_minutes");
    EXPECT_EQ(problem([](Tariff& t) { t.first_cents = -1; }), "first_cents");
    EXPECT_EQ(problem([](Tariff& t) { t.first_cents = 1'000'000'001; }), "first_cents");
    EXPECT_EQ(problem([](Tariff& t) { t.unit_minutes = 0; }), "unit_minutes");
    EXPECT_EQ(problem([](Tariff& t) { t.unit_minutes = -30; }), "unit_minutes");
    EXPECT_EQ(problem([](Tariff& t) { t.unit_cents = -1; }), "unit_cents");
    EXPECT_EQ(problem([](Tariff& t) { t.unit_cents = 1'000'000'001; }), "unit_cents");
    EXPECT_EQ(problem([](Tariff& t) { t.night_unit_cents = -1; }), "night_unit_cents");
    EXPECT_EQ(problem([](Tariff& t) { t.night_unit_cents = 1'000'000'001; }), "night_unit_cents");
    EXPECT_EQ(problem([](Tariff& t) { t.night_start_minute = -1; }), "night_start_minute");
    EXPECT_EQ(problem([](Tariff& t) { t.night_start_minute = 1440; }), "night_start_minute");
    EXPECT_EQ(problem([](Tariff& t) { t.night_end_minute = -1; }), "night_end_minute");
    EXPECT_EQ(problem([](Tariff& t) { t.night_end_minute = 1440; }), "night_end_minute");
    EXPECT_EQ(problem([](Tariff& t) { t.daily_cap_cents = -1; }), "daily_cap_cents");
    EXPECT_EQ(problem([](Tariff& t) { t.daily_cap_cents = 1'000'000'001; }), "daily_cap_cents");
}

TEST(ParkingTariff, PK_5_AnInvalidUnitDoesNotHangTheExit) {
    Tariff t = day_tariff();
    t.unit_minutes = 0;  // refused by tariff_problem; read as one minute if it slips through
    EXPECT_EQ(stay_fee(t, hk(2026, 3, 10, 10), hk(2026, 3, 10, 11, 2), kHk).cents, 2000 + 2 * 1000);
}

}  // namespace
}  // namespace propdesk::parking
