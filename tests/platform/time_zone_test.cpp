// Showing times in a site's zone (RFC 3339 with its offset) and reading RFC 3339 from requests.
#include "platform/time/zone.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace propdesk::timefmt {
namespace {

constexpr EpochMs k2026_11_28_070405Z = 1795849445000;  // 15:04:05 in Hong Kong
constexpr EpochMs k2026_07_01_1200Z = 1782907200000;
constexpr EpochMs k2026_01_15_1200Z = 1768478400000;
constexpr EpochMs k2026_03_29_0100Z = 1774746000000;  // London springs forward
constexpr EpochMs k2026_10_25_0100Z = 1792890000000;  // London falls back
constexpr EpochMs k2024_02_29_0000Z = 1709164800000;
constexpr EpochMs k1960_06_15_1230Z = -301231800000;
constexpr EpochMs k2017_01_01_0000Z = 1483228800000;

// ---- is_valid_zone ----

TEST(IsValidZone, KnowsIanaZones) {
    EXPECT_TRUE(is_valid_zone("Asia/Hong_Kong"));
    EXPECT_TRUE(is_valid_zone("Asia/Shanghai"));
    EXPECT_TRUE(is_valid_zone("Europe/London"));
    EXPECT_TRUE(is_valid_zone("UTC"));
    EXPECT_TRUE(is_valid_zone("America/St_Johns"));
}

TEST(IsValidZone, RefusesMadeUpZonesOffsetsAndEmpty) {
    EXPECT_FALSE(is_valid_zone(""));
    EXPECT_FALSE(is_valid_zone("Mars/Olympus_Mons"));
    EXPECT_FALSE(is_valid_zone("+08:00"));
    EXPECT_FALSE(is_valid_zone("Asia/HongKong"));
    EXPECT_FALSE(is_valid_zone("Asia/"));
}

// ---- to_rfc3339 ----

TEST(ToRfc3339, HongKongIsPlusEight) {
    EXPECT_EQ(to_rfc3339(k2026_11_28_070405Z, "Asia/Hong_Kong"), "2026-11-28T15:04:05+08:00");
}

TEST(ToRfc3339, LocalDateCanBeTheNextDayInHongKong) {
    EXPECT_EQ(to_rfc3339(1798732800000 /* 2026-12-31T16:00Z */, "Asia/Hong_Kong"), "2027-01-01T00:00:00+08:00");
}

TEST(ToRfc3339, UtcZoneShowsAZeroOffset) {
    EXPECT_EQ(to_rfc3339(k2026_11_28_070405Z, "UTC"), "2026-11-28T07:04:05+00:00");
}

TEST(ToRfc3339, LondonIsPlusOneInSummerAndZeroInWinter) {
    EXPECT_EQ(to_rfc3339(k2026_07_01_1200Z, "Europe/London"), "2026-07-01T13:00:00+01:00");
    EXPECT_EQ(to_rfc3339(k2026_01_15_1200Z, "Europe/London"), "2026-01-15T12:00:00+00:00");
}

TEST(ToRfc3339, LondonSwitchesExactlyAtTheDstTransitions) {
    EXPECT_EQ(to_rfc3339(k2026_03_29_0100Z - 1000, "Europe/London"), "2026-03-29T00:59:59+00:00");
    EXPECT_EQ(to_rfc3339(k2026_03_29_0100Z, "Europe/London"), "2026-03-29T02:00:00+01:00");
    EXPECT_EQ(to_rfc3339(k2026_10_25_0100Z - 1000, "Europe/London"), "2026-10-25T01:59:59+01:00");
    EXPECT_EQ(to_rfc3339(k2026_10_25_0100Z, "Europe/London"), "2026-10-25T01:00:00+00:00");
}

TEST(ToRfc3339, NegativeAndHalfHourOffsets) {
    EXPECT_EQ(to_rfc3339(k2026_01_15_1200Z, "America/New_York"), "2026-01-15T07:00:00-05:00");
    EXPECT_EQ(to_rfc3339(k2026_01_15_1200Z, "Asia/Kolkata"), "2026-01-15T17:30:00+05:30");
    EXPECT_EQ(to_rfc3339(k2026_01_15_1200Z, "America/St_Johns"), "2026-01-15T08:30:00-03:30");
}

TEST(ToRfc3339, MillisecondsAreDroppedNotRounded) {
    EXPECT_EQ(to_rfc3339(k2026_11_28_070405Z + 999, "Asia/Hong_Kong"), "2026-11-28T15:04:05+08:00");
}

TEST(ToRfc3339, NegativeEpochRoundsDownToTheWholeSecond) {
    EXPECT_EQ(to_rfc3339(0, "Unknown/Zone"), "1970-01-01T00:00:00Z");
    EXPECT_EQ(to_rfc3339(-1, "Unknown/Zone"), "1969-12-31T23:59:59Z");
    EXPECT_EQ(to_rfc3339(-1000, "Unknown/Zone"), "1969-12-31T23:59:59Z");
    EXPECT_EQ(to_rfc3339(-1001, "Unknown/Zone"), "1969-12-31T23:59:58Z");
    EXPECT_EQ(to_rfc3339(-1, "Asia/Hong_Kong"), "1970-01-01T07:59:59+08:00");
    EXPECT_EQ(to_rfc3339(k1960_06_15_1230Z, "UTC"), "1960-06-15T12:30:00+00:00");
}

TEST(ToRfc3339, UnknownZoneFallsBackToUtcWithZ) {
    EXPECT_EQ(to_rfc3339(k2026_11_28_070405Z, "Mars/Olympus_Mons"), "2026-11-28T07:04:05Z");
    EXPECT_EQ(to_rfc3339(k2026_11_28_070405Z, ""), "2026-11-28T07:04:05Z");
}

// ---- parse_rfc3339 ----

TEST(ParseRfc3339, ReadsAnOffset) {
    EXPECT_EQ(parse_rfc3339("2026-11-28T15:04:05+08:00"), k2026_11_28_070405Z);
    EXPECT_EQ(parse_rfc3339("2026-11-28T15:04:05-05:30"), 1795898045000);
    EXPECT_EQ(parse_rfc3339("2026-11-28T07:04:05+00:00"), k2026_11_28_070405Z);
    EXPECT_EQ(parse_rfc3339("2026-11-28T07:04:05-00:00"), k2026_11_28_070405Z);
}

TEST(ParseRfc3339, ReadsZInEitherCaseAndALowerCaseT) {
    EXPECT_EQ(parse_rfc3339("2026-11-28T07:04:05Z"), k2026_11_28_070405Z);
    EXPECT_EQ(parse_rfc3339("2026-11-28T07:04:05z"), k2026_11_28_070405Z);
    EXPECT_EQ(parse_rfc3339("2026-11-28t07:04:05Z"), k2026_11_28_070405Z);
}

TEST(ParseRfc3339, FractionalSecondsGiveMilliseconds) {
    EXPECT_EQ(parse_rfc3339("2026-11-28T07:04:05.123Z"), k2026_11_28_070405Z + 123);
    EXPECT_EQ(parse_rfc3339("2026-11-28T07:04:05.1Z"), k2026_11_28_070405Z + 100);
    EXPECT_EQ(parse_rfc3339("2026-11-28T07:04:05.05Z"), k2026_11_28_070405Z + 50);
    EXPECT_EQ(parse_rfc3339("2026-11-28T15:04:05.123+08:00"), k2026_11_28_070405Z + 123);
}

TEST(ParseRfc3339, DigitsBeyondMillisecondsAreTruncated) {
    EXPECT_EQ(parse_rfc3339("2026-11-28T07:04:05.999999999Z"), k2026_11_28_070405Z + 999);
    EXPECT_EQ(parse_rfc3339("2026-11-28T07:04:05.0001Z"), k2026_11_28_070405Z);
}

TEST(ParseRfc3339, BeforeTheEpochIsNegative) {
    EXPECT_EQ(parse_rfc3339("1960-06-15T12:30:00Z"), k1960_06_15_1230Z);
    EXPECT_EQ(parse_rfc3339("1970-01-01T07:59:59+08:00"), -1000);
}

TEST(ParseRfc3339, LeapDayOfALeapYearIsValid) {
    EXPECT_EQ(parse_rfc3339("2024-02-29T00:00:00Z"), k2024_02_29_0000Z);
}

TEST(ParseRfc3339, LeapSecondSixtyIsReadAsTheNextMinute) {
    EXPECT_EQ(parse_rfc3339("2016-12-31T23:59:60Z"), k2017_01_01_0000Z);
}

TEST(ParseRfc3339, InvalidCalendarDatesAreRefused) {
    EXPECT_EQ(parse_rfc3339("2026-02-30T00:00:00Z"), std::nullopt);
    EXPECT_EQ(parse_rfc3339("2026-02-29T00:00:00Z"), std::nullopt);  // 2026 is not a leap year
    EXPECT_EQ(parse_rfc3339("2026-04-31T00:00:00Z"), std::nullopt);
    EXPECT_EQ(parse_rfc3339("2026-13-01T00:00:00Z"), std::nullopt);
    EXPECT_EQ(parse_rfc3339("2026-00-10T00:00:00Z"), std::nullopt);
    EXPECT_EQ(parse_rfc3339("2026-01-00T00:00:00Z"), std::nullopt);
    EXPECT_EQ(parse_rfc3339("1900-02-29T00:00:00Z"), std::nullopt);
}

TEST(ParseRfc3339, InvalidClockTimesAreRefused) {
    EXPECT_EQ(parse_rfc3339("2026-11-28T24:00:00Z"), std::nullopt);
    EXPECT_EQ(parse_rfc3339("2026-11-28T23:60:00Z"), std::nullopt);
    EXPECT_EQ(parse_rfc3339("2026-11-28T23:59:61Z"), std::nullopt);
}

TEST(ParseRfc3339, BadFormatsAreRefused) {
    for (const char* s : {
             "",
             "2026-11-28",
             "2026-11-28T15:04:05",         // no offset
             "2026-11-28 15:04:05+08:00",   // space instead of T
             "2026/11/28T15:04:05+08:00",   // slashes
             "2026-11-28T15:04:05+0800",    // offset without colon
             "2026-11-28T15:04:05+08",      // offset without minutes
             "2026-11-28T15:04:05+08:00 ",  // trailing space
             " 2026-11-28T15:04:05+08:00",  // leading space
             "2026-11-28T15:04:05Zjunk",    // text after Z
             "2026-11-28T15:04:05+08:00Z",  // two offsets
             "2026-11-28T15:04:05.Z",       // dot without digits
             "2026-11-28T15:04:05.123",     // fraction without offset
             "2026-1a-28T15:04:05Z",        // letter in the month
             "2026-11-28T15:4:05Z",         // one-digit minute
             "26-11-28T15:04:05Z",          // two-digit year
             "+2026-11-28T15:04:05Z",       // signed year
             "2026-11-28T15:04:05+0a:00",   // letter in the offset
             "2026-11-28T15:04:05 +08:00",  // space before the offset
             "2026-11-28T15:04:05UTC",
             "1795849445000",
         }) {
        EXPECT_EQ(parse_rfc3339(s), std::nullopt) << '"' << s << '"';
    }
}

TEST(ParseRfc3339, RoundTripsWhatToRfc3339Writes) {
    for (const char* zone : {"Asia/Hong_Kong", "UTC", "Europe/London", "America/St_Johns", "Asia/Kolkata",
                             "America/New_York", "Not/A_Zone"}) {
        for (EpochMs t :
             {k2026_11_28_070405Z, k2026_07_01_1200Z, k2026_01_15_1200Z, k2026_03_29_0100Z, k2026_10_25_0100Z - 1000,
              k2026_10_25_0100Z, k2024_02_29_0000Z, k1960_06_15_1230Z, EpochMs{0}, EpochMs{-1000}}) {
            auto text = to_rfc3339(t, zone);
            EXPECT_EQ(parse_rfc3339(text), t) << zone << " " << text;
        }
    }
}

// RFC 3339 §5.6: time-numoffset is time-hour ":" time-minute, i.e. 00-23 and 00-59. An offset
// like +24:00 or +08:60 is not a valid time and should be refused like an hour of 24 is.
TEST(ParseRfc3339, OffsetHoursAndMinutesOutOfRangeAreRefused) {
    EXPECT_EQ(parse_rfc3339("2026-11-28T15:04:05+24:00"), std::nullopt);
    EXPECT_EQ(parse_rfc3339("2026-11-28T15:04:05+99:00"), std::nullopt);
    EXPECT_EQ(parse_rfc3339("2026-11-28T15:04:05+08:60"), std::nullopt);
}

}  // namespace
}  // namespace propdesk::timefmt
