// The organisation's value rules: site codes, zones, currencies, logins, emails, phones, floors,
// floor areas in exact integer cm², and search text.
#include "org/rules.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "org/model.hpp"
#include "platform/search/fold.hpp"

namespace propdesk::org::rules {
namespace {

// ---- site code ----

TEST(SiteCodeRule, LettersDigitsDashAndUnderscoreOfTwoToTwentyCharacters) {
    EXPECT_EQ(site_code_problem("HK"), std::nullopt);
    EXPECT_EQ(site_code_problem("HK-01"), std::nullopt);
    EXPECT_EQ(site_code_problem("tko_garden_2"), std::nullopt);
    EXPECT_EQ(site_code_problem(std::string(20, 'A')), std::nullopt);
}

TEST(SiteCodeRule, TooShortOrTooLongIsRefused) {
    EXPECT_TRUE(site_code_problem(""));
    EXPECT_TRUE(site_code_problem("H"));
    auto p = site_code_problem(std::string(21, 'A'));
    ASSERT_TRUE(p);
    EXPECT_NE(p->find("2–20"), std::string::npos);
}

TEST(SiteCodeRule, OtherCharactersAreRefused) {
    for (const char* code : {"HK 01", "HK/01", "HK.01", "HK@1", "管理處", "HK\t1"}) {
        auto p = site_code_problem(code);
        ASSERT_TRUE(p) << code;
        EXPECT_NE(p->find("letters, digits"), std::string::npos) << code;
    }
}

// ---- time zone and currency ----

TEST(TimeZoneRule, IanaZonesAreAcceptedOthersRefused) {
    EXPECT_EQ(time_zone_problem("Asia/Hong_Kong"), std::nullopt);
    EXPECT_EQ(time_zone_problem("Europe/London"), std::nullopt);
    EXPECT_TRUE(time_zone_problem(""));
    EXPECT_TRUE(time_zone_problem("HKT"));
    EXPECT_TRUE(time_zone_problem("Asia/Hong Kong"));
}

TEST(CurrencyRule, ThreeUpperCaseLetters) {
    EXPECT_EQ(currency_problem("HKD"), std::nullopt);
    EXPECT_EQ(currency_problem("CNY"), std::nullopt);
    for (const char* c : {"", "HK", "HKDD", "hkd", "Hkd", "HK1", "H D"}) EXPECT_TRUE(currency_problem(c)) << c;
}

// ---- login ----

TEST(LoginRule, LowerCaseLettersDigitsDotUnderscoreDash) {
    EXPECT_EQ(login_problem("frontdesk"), std::nullopt);
    EXPECT_EQ(login_problem("chan.tai-man_2"), std::nullopt);
    EXPECT_EQ(login_problem("ab"), std::nullopt);
    EXPECT_EQ(login_problem(std::string(40, 'a')), std::nullopt);
}

TEST(LoginRule, LengthOutsideTwoToFortyIsRefused) {
    EXPECT_TRUE(login_problem(""));
    EXPECT_TRUE(login_problem("a"));
    auto p = login_problem(std::string(41, 'a'));
    ASSERT_TRUE(p);
    EXPECT_NE(p->find("2–40"), std::string::npos);
}

TEST(LoginRule, UpperCaseSpacesAndOtherCharactersAreRefused) {
    for (const char* login : {"FrontDesk", "front desk", "front@desk", "陳大文", "a+b"}) {
        auto p = login_problem(login);
        ASSERT_TRUE(p) << login;
        EXPECT_NE(p->find("lower-case"), std::string::npos) << login;
    }
}

// ---- email ----

TEST(EmailRule, EmptyMeansNoEmailAndIsFine) {
    EXPECT_EQ(email_problem(""), std::nullopt);
}

TEST(EmailRule, NameAtDomainWithADotIsAccepted) {
    EXPECT_EQ(email_problem("ann@example.com"), std::nullopt);
    EXPECT_EQ(email_problem("a.b+c@mail.example.com.hk"), std::nullopt);
}

TEST(EmailRule, MalformedAddressesAreRefused) {
    for (const char* e : {"ann", "ann.example.com", "@example.com", "ann@example", "ann@example.", "ann.x@localhost"}) {
        auto p = email_problem(e);
        ASSERT_TRUE(p) << e;
        EXPECT_NE(p->find("name@example.com"), std::string::npos) << e;
    }
}

TEST(EmailRule, LongerThan200CharactersIsRefused) {
    std::string ok = std::string(188, 'a') + "@example.com";  // 200
    EXPECT_EQ(ok.size(), 200u);
    EXPECT_EQ(email_problem(ok), std::nullopt);
    EXPECT_TRUE(email_problem("a" + ok));
}

// ---- phones ----

TEST(PhoneRule, HongKongNumbersWithPlus852AreKeptWithThePlus) {
    EXPECT_EQ(normalise_phone("+852 9123 4567"), "+85291234567");
    EXPECT_EQ(normalise_phone("+85291234567"), "+85291234567");
    EXPECT_EQ(normalise_phone("(+852) 2123-4567"), "+85221234567");
}

TEST(PhoneRule, SpacesDashesAndBracketsAreDropped) {
    EXPECT_EQ(normalise_phone("9123 4567"), "91234567");
    EXPECT_EQ(normalise_phone("9123-4567"), "91234567");
    EXPECT_EQ(normalise_phone("(852) 9123-4567"), "85291234567");
    EXPECT_EQ(normalise_phone(" 138 0013 8000 "), "13800138000");
}

TEST(PhoneRule, EightToFifteenDigitsNotCountingThePlus) {
    EXPECT_EQ(normalise_phone("12345678"), "12345678");
    EXPECT_EQ(normalise_phone("+12345678"), "+12345678");
    EXPECT_EQ(normalise_phone("123456789012345"), "123456789012345");
    EXPECT_EQ(normalise_phone("+123456789012345"), "+123456789012345");
}

TEST(PhoneRule, SevenOrSixteenDigitsAreRefused) {
    EXPECT_EQ(normalise_phone("1234567"), std::nullopt);
    EXPECT_EQ(normalise_phone("+1234567"), std::nullopt);
    EXPECT_EQ(normalise_phone("123 4567"), std::nullopt);
    EXPECT_EQ(normalise_phone("1234567890123456"), std::nullopt);
    EXPECT_EQ(normalise_phone("+1234567890123456"), std::nullopt);
}

TEST(PhoneRule, LettersDotsAndMisplacedPlusAreRefused) {
    for (const char* raw : {"", "+", "   ", "9123 456x", "9123.4567", "852+91234567", "++85291234567",
                            "9123 4567 ext 2", "9123/4567", "９１２３４５６７"}) {
        EXPECT_EQ(normalise_phone(raw), std::nullopt) << '"' << raw << '"';
    }
}

TEST(PhoneRule, PlusAfterLeadingSeparatorsStillCountsAsLeading) {
    EXPECT_EQ(normalise_phone(" (+852)91234567"), "+85291234567");
}

TEST(PhoneRule, PhoneProblemAgreesWithNormalise) {
    EXPECT_EQ(phone_problem("+852 9123 4567"), std::nullopt);
    auto p = phone_problem("1234567");
    ASSERT_TRUE(p);
    EXPECT_NE(p->find("8–15 digits"), std::string::npos);
    EXPECT_TRUE(phone_problem("abc"));
}

// ---- floors and floor areas ----

TEST(FloorRule, MinusTenToTwoHundred) {
    EXPECT_EQ(floor_problem(-10), std::nullopt);
    EXPECT_EQ(floor_problem(0), std::nullopt);
    EXPECT_EQ(floor_problem(200), std::nullopt);
    EXPECT_TRUE(floor_problem(-11));
    EXPECT_TRUE(floor_problem(201));
    EXPECT_TRUE(floor_problem(std::numeric_limits<int64_t>::min()));
    EXPECT_TRUE(floor_problem(std::numeric_limits<int64_t>::max()));
}

TEST(FloorAreaRule, SquareMetresBecomeExactSquareCentimetres) {
    EXPECT_EQ(floor_area_cm2(85.5), 855000);
    EXPECT_EQ(floor_area_cm2(48.25), 482500);
    EXPECT_EQ(floor_area_cm2(1), 10000);
    EXPECT_EQ(floor_area_cm2(0.01), 100);
    EXPECT_EQ(floor_area_cm2(100000), 1'000'000'000);
}

TEST(FloorAreaRule, DecimalsThatAreNotExactInBinaryStillConvertExactly) {
    EXPECT_EQ(floor_area_cm2(0.07), 700);
    EXPECT_EQ(floor_area_cm2(0.29), 2900);
    EXPECT_EQ(floor_area_cm2(1.15), 11500);
    EXPECT_EQ(floor_area_cm2(70.33), 703300);
    EXPECT_EQ(floor_area_cm2(99999.99), 999'999'900);
}

TEST(FloorAreaRule, ZeroNegativeAndAbove100000AreRefused) {
    EXPECT_EQ(floor_area_cm2(0), std::nullopt);
    EXPECT_EQ(floor_area_cm2(-0.0), std::nullopt);
    EXPECT_EQ(floor_area_cm2(-1), std::nullopt);
    EXPECT_EQ(floor_area_cm2(-85.5), std::nullopt);
    EXPECT_EQ(floor_area_cm2(100000.01), std::nullopt);
    EXPECT_EQ(floor_area_cm2(1e9), std::nullopt);
}

TEST(FloorAreaRule, MoreThanTwoDecimalsAreRefused) {
    EXPECT_EQ(floor_area_cm2(85.555), std::nullopt);
    EXPECT_EQ(floor_area_cm2(0.001), std::nullopt);
    EXPECT_EQ(floor_area_cm2(0.005), std::nullopt);
    EXPECT_EQ(floor_area_cm2(48.251), std::nullopt);
}

TEST(FloorAreaRule, NotANumberAndInfinityAreRefused) {
    EXPECT_EQ(floor_area_cm2(std::numeric_limits<double>::quiet_NaN()), std::nullopt);
    EXPECT_EQ(floor_area_cm2(std::numeric_limits<double>::infinity()), std::nullopt);
    EXPECT_EQ(floor_area_cm2(-std::numeric_limits<double>::infinity()), std::nullopt);
}

TEST(FloorAreaRule, SquareMetresAreTheInverse) {
    EXPECT_DOUBLE_EQ(floor_area_m2(855000), 85.5);
    EXPECT_DOUBLE_EQ(floor_area_m2(482500), 48.25);
    EXPECT_DOUBLE_EQ(floor_area_m2(100), 0.01);
    EXPECT_DOUBLE_EQ(floor_area_m2(0), 0.0);
    for (double m2 : {0.01, 0.07, 1.15, 48.25, 85.5, 70.33, 1234.56, 99999.99, 100000.0}) {
        auto cm2 = floor_area_cm2(m2);
        ASSERT_TRUE(cm2) << m2;
        EXPECT_DOUBLE_EQ(floor_area_m2(*cm2), m2) << m2;
        EXPECT_EQ(floor_area_cm2(floor_area_m2(*cm2)), cm2) << m2;
    }
}

TEST(FloorAreaRule, SquareMetresDropAnythingBelowOneHundredthOfASquareMetre) {
    // Stored areas are whole hundredths of m²; a stray remainder is cut, not rounded.
    EXPECT_DOUBLE_EQ(floor_area_m2(855099), 85.5);
}

// ---- lists and search text ----

TEST(SearchText, JoinsNonEmptyPartsWithOneSpaceAndFolds) {
    EXPECT_EQ(search_text({"第一座", "", "Flat 12B", "陳大文"}), "第一座 flat 12b 陈大文");
    EXPECT_EQ(search_text({"投訴"}), search::fold("投诉"));
}

TEST(SearchText, NoPartsOrOnlyEmptyPartsGiveEmptyText) {
    EXPECT_EQ(search_text({}), "");
    EXPECT_EQ(search_text({"", ""}), "");
}

TEST(SearchText, TraditionalAndSimplifiedRecordsGiveTheSameText) {
    EXPECT_EQ(search_text({"管理處", "電梯維修"}), search_text({"管理处", "电梯维修"}));
}

// ---- unit links kept on the resident row ----

TEST(UnitLinksText, RoundTripsLinksInOrder) {
    std::vector<LinkFields> links{{12, "第1座", "12A", "owner"}, {7, "第2座", "3B", "tenant"}};
    auto back = decode_links(encode_links(links));
    ASSERT_EQ(back.size(), 2u);
    EXPECT_EQ(back[0].unit_id, 12);
    EXPECT_EQ(back[0].building_name, "第1座");
    EXPECT_EQ(back[0].unit_number, "12A");
    EXPECT_EQ(back[0].relation, "owner");
    EXPECT_EQ(back[1].unit_id, 7);
    EXPECT_EQ(back[1].relation, "tenant");
}

TEST(UnitLinksText, EscapesTabsNewlinesAndBackslashesInNames) {
    std::vector<LinkFields> links{{1, "A\tB\nC\\D", "x\\t", "owner"}};
    auto text = encode_links(links);
    EXPECT_EQ(text.find('\n'), std::string::npos);
    auto back = decode_links(text);
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].building_name, "A\tB\nC\\D");
    EXPECT_EQ(back[0].unit_number, "x\\t");
}

TEST(UnitLinksText, EmptyListIsEmptyText) {
    EXPECT_EQ(encode_links({}), "");
    EXPECT_TRUE(decode_links("").empty());
}

TEST(UnitLinksText, SkipsLinesWithoutANumericUnitIdAndIgnoresExtraFields) {
    auto back = decode_links("abc\tX\t1\towner\n5\tB\t2\ttenant\textra\n\n9\tC");
    ASSERT_EQ(back.size(), 2u);
    EXPECT_EQ(back[0].unit_id, 5);
    EXPECT_EQ(back[0].relation, "tenant");
    EXPECT_EQ(back[1].unit_id, 9);
    EXPECT_EQ(back[1].building_name, "C");
    EXPECT_EQ(back[1].unit_number, "");
}

}  // namespace
}  // namespace propdesk::org::rules
