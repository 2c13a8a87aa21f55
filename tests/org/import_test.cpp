// CSV imports without a database: parsing (RFC 4180, BOM, CRLF, line numbers), header checks,
// and planning units and residents against a hand-built SiteIndex. One bad row plans nothing.
#include "org/import.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace propdesk::org::import {
namespace {

using Fields = std::vector<std::string>;

constexpr int64_t kSite = 7;
constexpr int64_t kTowerA = 100, kTowerB = 101;

Building building(int64_t id, std::string name) {
    Building b;
    b.id = id;
    b.site_id = kSite;
    b.area_id = 1;
    b.name = std::move(name);
    return b;
}

SiteIndex site_index() {
    SiteIndex idx;
    idx.site_id = kSite;
    idx.buildings_by_name["Tower A"] = building(kTowerA, "Tower A");
    idx.buildings_by_name["第二座"] = building(kTowerB, "第二座");
    idx.units = {{kTowerA, "12A"}, {kTowerA, "12B"}, {kTowerB, "3C"}};
    idx.unit_ids = {{{kTowerA, "12A"}, 5001}, {{kTowerA, "12B"}, 5002}, {{kTowerB, "3C"}, 5003}};
    return idx;
}

std::vector<CsvRow> parse_ok(std::string_view text) {
    std::vector<CsvRow> rows;
    std::vector<RowError> errors;
    EXPECT_TRUE(parse_csv(text, rows, errors)) << (errors.empty() ? "" : errors[0].message);
    EXPECT_TRUE(errors.empty());
    return rows;
}

UnitsPlan units(std::string_view csv) {
    return plan_units(parse_ok(csv), site_index());
}

ResidentsPlan residents(std::string_view csv) {
    return plan_residents(parse_ok(csv), site_index());
}

const std::string kUnitsHeader = "building,number,floor,floor_area_m2\n";
const std::string kResidentsHeader = "name,phones,email,building,unit,relation\n";

// ---- parse_csv ----

TEST(ParseCsv, PlainRowsWithLineNumbers) {
    auto rows = parse_ok("a,b,c\n1,2,3\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].line, 1);
    EXPECT_EQ(rows[0].fields, (Fields{"a", "b", "c"}));
    EXPECT_EQ(rows[1].line, 2);
    EXPECT_EQ(rows[1].fields, (Fields{"1", "2", "3"}));
}

TEST(ParseCsv, LastRowWithoutANewlineIsKept) {
    auto rows = parse_ok("a,b\n1,2");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].fields, (Fields{"1", "2"}));
}

TEST(ParseCsv, EmptyFieldsAreKept) {
    auto rows = parse_ok("a,,c,\n");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].fields, (Fields{"a", "", "c", ""}));
}

TEST(ParseCsv, QuotedFieldsMayHoldCommas) {
    auto rows = parse_ok("\"Chan, Tai Man\",x\n");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].fields, (Fields{"Chan, Tai Man", "x"}));
}

TEST(ParseCsv, DoubledQuotesInsideQuotesAreOneQuote) {
    auto rows = parse_ok("\"say \"\"hi\"\"\",\"\"\"\",\"\"\n");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].fields, (Fields{"say \"hi\"", "\"", ""}));
}

TEST(ParseCsv, QuoteInsideAnUnquotedFieldIsKeptAsText) {
    auto rows = parse_ok("12\" pipe,x\n");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].fields, (Fields{"12\" pipe", "x"}));
}

TEST(ParseCsv, NewlinesInsideQuotesStayInTheFieldAndLaterLinesAreStillNumberedRight) {
    auto rows = parse_ok("h1,h2\n\"line one\nline two\nline three\",x\nnext,row\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1].line, 2);
    EXPECT_EQ(rows[1].fields, (Fields{"line one\nline two\nline three", "x"}));
    EXPECT_EQ(rows[2].line, 5);
    EXPECT_EQ(rows[2].fields, (Fields{"next", "row"}));
}

TEST(ParseCsv, CrlfLineEndingsAreAccepted) {
    auto rows = parse_ok("a,b\r\n1,2\r\n3,4\r\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1].fields, (Fields{"1", "2"}));
    EXPECT_EQ(rows[2].line, 3);
    EXPECT_EQ(rows[2].fields, (Fields{"3", "4"}));
}

TEST(ParseCsv, CrlfInsideQuotesKeepsTheLineCountRight) {
    auto rows = parse_ok("a,b\r\n\"x\r\ny\",z\r\nlast,1\r\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1].fields[0], "x\r\ny");
    EXPECT_EQ(rows[2].line, 4);
}

TEST(ParseCsv, Utf8BomIsSkipped) {
    auto rows = parse_ok(
        "\xEF\xBB\xBF"
        "building,number\n");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].fields[0], "building");
    EXPECT_EQ(rows[0].line, 1);
}

TEST(ParseCsv, BlankLinesAreSkippedButCounted) {
    auto rows = parse_ok("a,b\n\n1,2\n   \n\r\n,\n3,4\n\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].line, 1);
    EXPECT_EQ(rows[1].line, 3);
    EXPECT_EQ(rows[2].line, 7);
}

TEST(ParseCsv, ChineseTextIsKept) {
    auto rows = parse_ok("陳大文,第二座\n");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].fields, (Fields{"陳大文", "第二座"}));
}

TEST(ParseCsv, EmptyTextHasNoRows) {
    EXPECT_TRUE(parse_ok("").empty());
    EXPECT_TRUE(parse_ok("\xEF\xBB\xBF").empty());
    EXPECT_TRUE(parse_ok("\n\n").empty());
}

TEST(ParseCsv, UnclosedQuoteIsAnErrorAtTheLineWhereTheRowStarts) {
    std::vector<CsvRow> rows;
    std::vector<RowError> errors;
    EXPECT_FALSE(parse_csv("a,b\n1,2\n\"never closed,3\n4,5\n", rows, errors));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].line, 3);
    EXPECT_NE(errors[0].message.find("never closed"), std::string::npos);
}

TEST(ParseCsv, NonUtf8IsRejected) {
    for (std::string_view text : {std::string_view("name\nCaf\xE9\n"),             // Latin-1
                                  std::string_view("\xB3\xAF\xA4\x6A\xA4\xE5\n"),  // 陳大文 in Big5
                                  std::string_view("\xEF\xBB\xBF"
                                                   "ok,\xC3\n")}) {  // truncated after a BOM
        std::vector<CsvRow> rows;
        std::vector<RowError> errors;
        EXPECT_FALSE(parse_csv(text, rows, errors));
        ASSERT_EQ(errors.size(), 1u);
        EXPECT_EQ(errors[0].line, 1);
        EXPECT_NE(errors[0].message.find("UTF-8"), std::string::npos);
        EXPECT_TRUE(rows.empty());
    }
}

// ---- units: header ----

TEST(PlanUnits, EmptyFileIsAnErrorNamingTheExpectedHeader) {
    auto plan = units("");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].line, 1);
    EXPECT_NE(plan.errors[0].message.find("building,number,floor,floor_area_m2"), std::string::npos);
    EXPECT_TRUE(plan.units.empty());
}

TEST(PlanUnits, HeaderOnlyPlansNothingWithoutErrors) {
    auto plan = units(kUnitsHeader);
    EXPECT_TRUE(plan.errors.empty());
    EXPECT_TRUE(plan.units.empty());
}

TEST(PlanUnits, HeaderNamesMayHaveSurroundingSpaces) {
    auto plan = units(" building , number,floor ,floor_area_m2\nTower A,15A,15,85.5\n");
    EXPECT_TRUE(plan.errors.empty());
    EXPECT_EQ(plan.units.size(), 1u);
}

TEST(PlanUnits, WrongColumnIsReportedWithItsPosition) {
    auto plan = units("building,flat,floor,floor_area_m2\nTower A,15A,15,85.5\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].line, 1);
    EXPECT_EQ(plan.errors[0].field, "number");
    EXPECT_NE(plan.errors[0].message.find("column 2 must be number"), std::string::npos);
    EXPECT_TRUE(plan.units.empty());
}

TEST(PlanUnits, ColumnsInAnotherOrderAreRefused) {
    auto plan = units("number,building,floor,floor_area_m2\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].field, "building");
}

TEST(PlanUnits, MissingColumnIsRefused) {
    auto plan = units("building,number,floor\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].field, "floor_area_m2");
    EXPECT_NE(plan.errors[0].message.find("column 4"), std::string::npos);
}

TEST(PlanUnits, ExtraColumnIsRefusedByName) {
    auto plan = units("building,number,floor,floor_area_m2,owner\nTower A,15A,15,85.5,x\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].line, 1);
    EXPECT_EQ(plan.errors[0].field, "owner");
    EXPECT_NE(plan.errors[0].message.find("unknown column"), std::string::npos);
    EXPECT_TRUE(plan.units.empty());
}

TEST(PlanUnits, HeaderAfterBlankLinesKeepsItsRealLineNumber) {
    auto plan = units("\n\nbuilding,number,floor,area\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].line, 3);
}

// ---- units: rows ----

TEST(PlanUnits, GoodRowsArePlannedWithExactAreasAndBuildingIds) {
    auto plan = units(kUnitsHeader + "Tower A,15A,15,85.5\n 第二座 , 3D ,-2, 48.25 \nTower A,G01,0,0.01\n");
    ASSERT_TRUE(plan.errors.empty()) << plan.errors[0].message;
    ASSERT_EQ(plan.units.size(), 3u);
    const auto& a = plan.units[0];
    EXPECT_EQ(a.site_id, kSite);
    EXPECT_EQ(a.building_id, kTowerA);
    EXPECT_EQ(a.building_name, "Tower A");
    EXPECT_EQ(a.number, "15A");
    EXPECT_EQ(a.floor, 15);
    EXPECT_EQ(a.floor_area_cm2, 855000);
    const auto& b = plan.units[1];
    EXPECT_EQ(b.building_id, kTowerB);
    EXPECT_EQ(b.number, "3D");
    EXPECT_EQ(b.floor, -2);
    EXPECT_EQ(b.floor_area_cm2, 482500);
    EXPECT_EQ(plan.units[2].floor_area_cm2, 100);
}

TEST(PlanUnits, QuotedFieldsAreReadLikeAnyOther) {
    auto plan = units(kUnitsHeader + "\"Tower A\",\"15A\",\"15\",\"85.50\"\n");
    ASSERT_TRUE(plan.errors.empty());
    ASSERT_EQ(plan.units.size(), 1u);
    EXPECT_EQ(plan.units[0].floor_area_cm2, 855000);
}

TEST(PlanUnits, WrongFieldCountIsReportedWithTheLine) {
    auto plan = units(kUnitsHeader + "Tower A,15A,15\nTower A,15B,15,85.5,extra\n");
    ASSERT_EQ(plan.errors.size(), 2u);
    EXPECT_EQ(plan.errors[0].line, 2);
    EXPECT_EQ(plan.errors[0].field, "");
    EXPECT_NE(plan.errors[0].message.find("expected 4 fields, found 3"), std::string::npos);
    EXPECT_EQ(plan.errors[1].line, 3);
    EXPECT_NE(plan.errors[1].message.find("found 5"), std::string::npos);
}

TEST(PlanUnits, UnknownBuildingIsReported) {
    auto plan = units(kUnitsHeader + "Tower Z,1A,1,50\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].line, 2);
    EXPECT_EQ(plan.errors[0].field, "building");
    EXPECT_NE(plan.errors[0].message.find("Tower Z"), std::string::npos);
}

TEST(PlanUnits, BuildingNamesAreCaseSensitive) {
    auto plan = units(kUnitsHeader + "tower a,1A,1,50\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].field, "building");
}

TEST(PlanUnits, EmptyOrTooLongNumberIsReported) {
    std::string twenty_one_chinese;
    for (int i = 0; i < 21; ++i) twenty_one_chinese += "室";
    std::string twenty_chinese;
    for (int i = 0; i < 20; ++i) twenty_chinese += "室";
    auto plan = units(kUnitsHeader + "Tower A, ,1,50\nTower A," + twenty_one_chinese + ",1,50\n");
    ASSERT_EQ(plan.errors.size(), 2u);
    EXPECT_EQ(plan.errors[0].line, 2);
    EXPECT_EQ(plan.errors[0].field, "number");
    EXPECT_EQ(plan.errors[1].line, 3);
    EXPECT_EQ(plan.errors[1].field, "number");
    // Twenty characters (sixty bytes) is still fine.
    auto ok = units(kUnitsHeader + "Tower A," + twenty_chinese + ",1,50\n");
    EXPECT_TRUE(ok.errors.empty());
    EXPECT_EQ(ok.units.size(), 1u);
}

TEST(PlanUnits, BadFloorIsReported) {
    auto plan = units(kUnitsHeader +
                      "Tower A,1A,ten,50\n"
                      "Tower A,1B,1.5,50\n"
                      "Tower A,1C,201,50\n"
                      "Tower A,1D,-11,50\n"
                      "Tower A,1E,,50\n"
                      "Tower A,1F,+3,50\n");
    ASSERT_EQ(plan.errors.size(), 6u);
    for (size_t i = 0; i < plan.errors.size(); ++i) {
        EXPECT_EQ(plan.errors[i].line, static_cast<int>(i) + 2);
        EXPECT_EQ(plan.errors[i].field, "floor");
    }
    EXPECT_TRUE(plan.units.empty());
}

TEST(PlanUnits, FloorBoundsAreAccepted) {
    auto plan = units(kUnitsHeader + "Tower A,B10,-10,50\nTower A,P200,200,50\n");
    EXPECT_TRUE(plan.errors.empty());
    ASSERT_EQ(plan.units.size(), 2u);
    EXPECT_EQ(plan.units[0].floor, -10);
    EXPECT_EQ(plan.units[1].floor, 200);
}

TEST(PlanUnits, BadAreaIsReported) {
    auto plan = units(kUnitsHeader +
                      "Tower A,1A,1,0\n"
                      "Tower A,1B,1,-5\n"
                      "Tower A,1C,1,85.555\n"
                      "Tower A,1D,1,100000.01\n"
                      "Tower A,1E,1,abc\n"
                      "Tower A,1F,1,\n"
                      "Tower A,1G,1,1e3\n"
                      "Tower A,1H,1,1.2.3\n"
                      "Tower A,1I,1,.\n"
                      "Tower A,1J,1,\"85,5\"\n");
    ASSERT_EQ(plan.errors.size(), 10u);
    for (size_t i = 0; i < plan.errors.size(); ++i) {
        EXPECT_EQ(plan.errors[i].line, static_cast<int>(i) + 2);
        EXPECT_EQ(plan.errors[i].field, "floor_area_m2");
    }
}

TEST(PlanUnits, AreaBoundsAndShortFormsAreAccepted) {
    auto plan = units(kUnitsHeader + "Tower A,1A,1,100000\nTower A,1B,1,.5\nTower A,1C,1,7.\n");
    ASSERT_TRUE(plan.errors.empty()) << plan.errors[0].message;
    ASSERT_EQ(plan.units.size(), 3u);
    EXPECT_EQ(plan.units[0].floor_area_cm2, 1'000'000'000);
    EXPECT_EQ(plan.units[1].floor_area_cm2, 5000);
    EXPECT_EQ(plan.units[2].floor_area_cm2, 70000);
}

TEST(PlanUnits, UnitThatAlreadyExistsIsReported) {
    auto plan = units(kUnitsHeader + "Tower A,12A,12,70\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].line, 2);
    EXPECT_EQ(plan.errors[0].field, "number");
    EXPECT_NE(plan.errors[0].message.find("already has a unit 12A"), std::string::npos);
}

TEST(PlanUnits, SameNumberInAnotherBuildingIsNotADuplicate) {
    auto plan = units(kUnitsHeader + "第二座,12A,12,70\n");
    EXPECT_TRUE(plan.errors.empty());
    EXPECT_EQ(plan.units.size(), 1u);
}

TEST(PlanUnits, DuplicateWithinTheFileIsReportedOnTheSecondLine) {
    auto plan = units(kUnitsHeader + "Tower A,20A,20,70\nTower A,20B,20,70\nTower A, 20A ,20,71\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].line, 4);
    EXPECT_EQ(plan.errors[0].field, "number");
    EXPECT_NE(plan.errors[0].message.find("appears twice"), std::string::npos);
    EXPECT_TRUE(plan.units.empty());
}

TEST(PlanUnits, OneBadRowMeansZeroPlannedRowsAndEveryBadRowIsReported) {
    auto plan = units(kUnitsHeader +
                      "Tower A,30A,30,70\n"
                      "Tower A,30B,999,70\n"  // line 3: floor
                      "Tower A,30C,30,70\n"
                      "Nowhere,30D,30,70\n"   // line 5: building
                      "Tower A,30E,30,0\n");  // line 6: area
    ASSERT_EQ(plan.errors.size(), 3u);
    EXPECT_EQ(plan.errors[0].line, 3);
    EXPECT_EQ(plan.errors[0].field, "floor");
    EXPECT_EQ(plan.errors[1].line, 5);
    EXPECT_EQ(plan.errors[1].field, "building");
    EXPECT_EQ(plan.errors[2].line, 6);
    EXPECT_EQ(plan.errors[2].field, "floor_area_m2");
    EXPECT_TRUE(plan.units.empty());
}

TEST(PlanUnits, LineNumbersCountNewlinesInsideQuotesAndBlankLines) {
    auto plan = units(kUnitsHeader + "\"Tower A\",\"40A\",40,70\n\n\"Tower\nA\",40B,40,70\nTower A,40C,x,70\n");
    ASSERT_EQ(plan.errors.size(), 2u);
    EXPECT_EQ(plan.errors[0].line, 4);  // the row starts on line 4; its building spans two lines
    EXPECT_EQ(plan.errors[0].field, "building");
    EXPECT_EQ(plan.errors[1].line, 6);
    EXPECT_EQ(plan.errors[1].field, "floor");
}

// ---- residents ----

TEST(PlanResidents, EmptyFileAndWrongHeaderAreReported) {
    auto empty = residents("");
    ASSERT_EQ(empty.errors.size(), 1u);
    EXPECT_NE(empty.errors[0].message.find("name,phones,email,building,unit,relation"), std::string::npos);
    auto wrong = residents("name,phone,email,building,unit,relation\n");
    ASSERT_EQ(wrong.errors.size(), 1u);
    EXPECT_EQ(wrong.errors[0].field, "phones");
    auto extra = residents("name,phones,email,building,unit,relation,notes\n");
    ASSERT_EQ(extra.errors.size(), 1u);
    EXPECT_EQ(extra.errors[0].field, "notes");
}

TEST(PlanResidents, PhonesAreSplitBySemicolonAndNormalised) {
    auto plan = residents(kResidentsHeader + "陳大文,+852 9123 4567; 2123-4567 ;;(852) 6000 0000,,,,\n");
    ASSERT_TRUE(plan.errors.empty()) << plan.errors[0].message;
    ASSERT_EQ(plan.residents.size(), 1u);
    const auto& r = plan.residents[0];
    EXPECT_EQ(r.site_id, kSite);
    EXPECT_EQ(r.name, "陳大文");
    EXPECT_EQ(r.phones, (Fields{"+85291234567", "21234567", "85260000000"}));
    EXPECT_EQ(r.email, "");
    EXPECT_TRUE(r.units.empty());
}

TEST(PlanResidents, NoPhonesAndNoUnitAtAllIsFine) {
    auto plan = residents(kResidentsHeader + "Ann Lee,,ann@example.com,,,\n");
    ASSERT_TRUE(plan.errors.empty());
    ASSERT_EQ(plan.residents.size(), 1u);
    EXPECT_TRUE(plan.residents[0].phones.empty());
    EXPECT_EQ(plan.residents[0].email, "ann@example.com");
    EXPECT_TRUE(plan.residents[0].units.empty());
}

TEST(PlanResidents, ResidentLinkedToAUnitWithARelation) {
    auto plan = residents(kResidentsHeader + "Ann Lee,91234567,,Tower A,12B,tenant\n李四,,,第二座,3C,owner\n");
    ASSERT_TRUE(plan.errors.empty()) << plan.errors[0].message;
    ASSERT_EQ(plan.residents.size(), 2u);
    ASSERT_EQ(plan.residents[0].units.size(), 1u);
    const auto& link = plan.residents[0].units[0];
    EXPECT_EQ(link.unit_id, 5002);
    EXPECT_EQ(link.building_name, "Tower A");
    EXPECT_EQ(link.unit_number, "12B");
    EXPECT_EQ(link.relation, "tenant");
    ASSERT_EQ(plan.residents[1].units.size(), 1u);
    EXPECT_EQ(plan.residents[1].units[0].unit_id, 5003);
    EXPECT_EQ(plan.residents[1].units[0].relation, "owner");
}

TEST(PlanResidents, QuotedNameWithACommaIsOneField) {
    auto plan = residents(kResidentsHeader + "\"Chan, Tai Man\",91234567,,Tower A,12A,occupant\n");
    ASSERT_TRUE(plan.errors.empty());
    ASSERT_EQ(plan.residents.size(), 1u);
    EXPECT_EQ(plan.residents[0].name, "Chan, Tai Man");
}

TEST(PlanResidents, WrongFieldCountIsReported) {
    auto plan = residents(kResidentsHeader + "Ann Lee,91234567,,Tower A,12A\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].line, 2);
    EXPECT_EQ(plan.errors[0].field, "");
    EXPECT_NE(plan.errors[0].message.find("expected 6 fields, found 5"), std::string::npos);
}

TEST(PlanResidents, EmptyOrTooLongNameIsReported) {
    std::string long_name;
    for (int i = 0; i < 101; ++i) long_name += "陳";
    auto plan = residents(kResidentsHeader + "  ,91234567,,,,\n" + long_name + ",,,,,\n");
    ASSERT_EQ(plan.errors.size(), 2u);
    EXPECT_EQ(plan.errors[0].line, 2);
    EXPECT_EQ(plan.errors[0].field, "name");
    EXPECT_EQ(plan.errors[1].line, 3);
    EXPECT_EQ(plan.errors[1].field, "name");
}

TEST(PlanResidents, BadPhoneIsReportedNamingThePhone) {
    auto plan = residents(kResidentsHeader + "Ann Lee,91234567;12345,,,,\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].line, 2);
    EXPECT_EQ(plan.errors[0].field, "phones");
    EXPECT_NE(plan.errors[0].message.find("12345"), std::string::npos);
    EXPECT_TRUE(plan.residents.empty());
}

TEST(PlanResidents, PhonesSeparatedByCommasInQuotesAreOnePhoneAndRefused) {
    auto plan = residents(kResidentsHeader + "Ann Lee,\"91234567,21234567\",,,,\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].field, "phones");
}

TEST(PlanResidents, BadEmailIsReported) {
    auto plan = residents(kResidentsHeader + "Ann Lee,,ann-at-example.com,,,\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].line, 2);
    EXPECT_EQ(plan.errors[0].field, "email");
}

TEST(PlanResidents, UnknownBuildingIsReported) {
    auto plan = residents(kResidentsHeader + "Ann Lee,,,Tower Z,12A,owner\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].field, "building");
    EXPECT_NE(plan.errors[0].message.find("Tower Z"), std::string::npos);
}

TEST(PlanResidents, UnitWithoutABuildingIsAnUnknownBuilding) {
    auto plan = residents(kResidentsHeader + "Ann Lee,,,,12A,owner\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].field, "building");
}

TEST(PlanResidents, UnknownUnitIsReported) {
    auto plan = residents(kResidentsHeader + "Ann Lee,,,Tower A,99Z,owner\nBen,,,Tower A,,owner\n");
    ASSERT_EQ(plan.errors.size(), 2u);
    EXPECT_EQ(plan.errors[0].line, 2);
    EXPECT_EQ(plan.errors[0].field, "unit");
    EXPECT_NE(plan.errors[0].message.find("99Z"), std::string::npos);
    EXPECT_EQ(plan.errors[1].line, 3);  // a building without a unit
    EXPECT_EQ(plan.errors[1].field, "unit");
}

TEST(PlanResidents, UnitOfAnotherBuildingIsUnknown) {
    auto plan = residents(kResidentsHeader + "Ann Lee,,,第二座,12A,owner\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].field, "unit");
}

TEST(PlanResidents, BadOrMissingRelationIsReported) {
    auto plan =
        residents(kResidentsHeader + "Ann Lee,,,Tower A,12A,landlord\nBen,,,Tower A,12A,\nCat,,,Tower A,12A,Owner\n");
    ASSERT_EQ(plan.errors.size(), 3u);
    for (size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(plan.errors[i].line, static_cast<int>(i) + 2);
        EXPECT_EQ(plan.errors[i].field, "relation");
        EXPECT_NE(plan.errors[i].message.find("owner, tenant or occupant"), std::string::npos);
    }
}

TEST(PlanResidents, RelationWithoutAUnitIsReported) {
    auto plan = residents(kResidentsHeader + "Ann Lee,91234567,,,,owner\n");
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].line, 2);
    EXPECT_EQ(plan.errors[0].field, "unit");
    EXPECT_NE(plan.errors[0].message.find("needs a building and a unit"), std::string::npos);
}

TEST(PlanResidents, OneBadRowMeansZeroPlannedRowsAndEveryBadRowIsReported) {
    auto plan = residents(kResidentsHeader +
                          "Ann Lee,91234567,,Tower A,12A,owner\n"
                          "Ben,1,,,,\n"  // line 3: phones
                          "Cat,,cat@example.com,,,\n"
                          "Dan,,,Tower A,12A,boss\n");  // line 5: relation
    ASSERT_EQ(plan.errors.size(), 2u);
    EXPECT_EQ(plan.errors[0].line, 3);
    EXPECT_EQ(plan.errors[0].field, "phones");
    EXPECT_EQ(plan.errors[1].line, 5);
    EXPECT_EQ(plan.errors[1].field, "relation");
    EXPECT_TRUE(plan.residents.empty());
}

TEST(PlanResidents, FieldsAreTrimmed) {
    auto plan = residents(kResidentsHeader + "  Ann Lee  , 91234567 , ann@example.com , Tower A , 12A , owner \n");
    ASSERT_TRUE(plan.errors.empty()) << plan.errors[0].message;
    ASSERT_EQ(plan.residents.size(), 1u);
    const auto& r = plan.residents[0];
    EXPECT_EQ(r.name, "Ann Lee");
    EXPECT_EQ(r.phones, (Fields{"91234567"}));
    EXPECT_EQ(r.email, "ann@example.com");
    ASSERT_EQ(r.units.size(), 1u);
    EXPECT_EQ(r.units[0].unit_id, 5001);
    EXPECT_EQ(r.units[0].relation, "owner");
}

}  // namespace
}  // namespace propdesk::org::import
