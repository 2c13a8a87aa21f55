// Strict JSON request bodies: malformed and non-object bodies, unknown fields, wrong types,
// required fields, lengths in characters, integer/number/bool/list/time/enum readers, UTF-8.
#include "platform/json/json_in.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "platform/error.hpp"

namespace propdesk::json {
namespace {

// Runs f and returns the AppError it threw; fails the test when it threw nothing.
AppError error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const AppError& e) {
        return e;
    }
    ADD_FAILURE() << "expected an AppError";
    return AppError(0, "none", "none");
}

void expect_error(const AppError& e, int status, const std::string& code, const std::string& field) {
    EXPECT_EQ(e.status(), status);
    EXPECT_EQ(e.code(), code);
    EXPECT_EQ(e.field(), field);
}

// 2026-11-28T15:04:05+08:00 == 2026-11-28T07:04:05Z
constexpr EpochMs k2026_11_28_070405Z = 1795849445000;

// ---- body shape ----

TEST(JsonIn, MalformedJsonIs400MalformedJson) {
    for (const char* body : {"", "{", "{\"name\":}", "not json", "{\"a\":1,}", "{'a':1}"}) {
        auto e = error_of([&] { JsonIn in(body, {"a", "name"}); });
        EXPECT_EQ(e.status(), 400) << body;
        EXPECT_EQ(e.code(), "malformed_json") << body;
    }
}

TEST(JsonIn, InvalidUtf8InsideAStringIsMalformedJson) {
    auto e = error_of([] { JsonIn in("{\"name\":\"\xC3\x28\"}", {"name"}); });
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.code(), "malformed_json");
}

TEST(JsonIn, BodyThatIsNotAnObjectIs400MalformedJson) {
    for (const char* body : {"[]", "[{\"a\":1}]", "42", "\"text\"", "null", "true"}) {
        auto e = error_of([&] { JsonIn in(body, {"a"}); });
        EXPECT_EQ(e.status(), 400) << body;
        EXPECT_EQ(e.code(), "malformed_json") << body;
        EXPECT_NE(std::string(e.what()).find("object"), std::string::npos) << body;
    }
}

TEST(JsonIn, UnknownFieldIs400NamingTheField) {
    auto e = error_of([] { JsonIn in(R"({"name":"Ann","nmae":"typo"})", {"name", "phone"}); });
    expect_error(e, 400, "unknown_field", "nmae");
    EXPECT_NE(std::string(e.what()).find("nmae"), std::string::npos);
}

TEST(JsonIn, UnknownFieldIsRejectedEvenWhenNull) {
    auto e = error_of([] { JsonIn in(R"({"extra":null})", {"name"}); });
    expect_error(e, 400, "unknown_field", "extra");
}

TEST(JsonIn, EmptyObjectAndKnownFieldsAreAccepted) {
    EXPECT_NO_THROW(JsonIn("{}", {}));
    EXPECT_NO_THROW(JsonIn(" { \"name\" : \"x\" } ", {"name"}));
}

TEST(JsonIn, HasIsTrueForAPresentFieldEvenWhenNull) {
    JsonIn in(R"({"a":null,"b":1})", {"a", "b", "c"});
    EXPECT_TRUE(in.has("a"));
    EXPECT_TRUE(in.has("b"));
    EXPECT_FALSE(in.has("c"));
}

TEST(JsonIn, RawIsNullForMissingOrNullFields) {
    JsonIn in(R"({"a":null,"b":[1,2]})", {"a", "b", "c"});
    EXPECT_EQ(in.raw("a"), nullptr);
    EXPECT_EQ(in.raw("c"), nullptr);
    ASSERT_NE(in.raw("b"), nullptr);
    EXPECT_TRUE(in.raw("b")->is_array());
}

// ---- strings ----

TEST(JsonInString, TrimsSpacesTabsAndNewlines) {
    JsonIn in("{\"name\":\" \\t Ann Lee \\r\\n\"}", {"name"});
    EXPECT_EQ(in.req_string("name"), "Ann Lee");
}

TEST(JsonInString, RequiredMissingIs422ValidationFailedWithField) {
    JsonIn in("{}", {"name"});
    auto e = error_of([&] { in.req_string("name"); });
    expect_error(e, 422, "validation_failed", "name");
    EXPECT_NE(std::string(e.what()).find("required"), std::string::npos);
}

TEST(JsonInString, RequiredNullIsTheSameAsMissing) {
    JsonIn in(R"({"name":null})", {"name"});
    expect_error(error_of([&] { in.req_string("name"); }), 422, "validation_failed", "name");
}

TEST(JsonInString, RequiredBlankAfterTrimmingIs422MustNotBeEmpty) {
    JsonIn in(R"({"name":"   "})", {"name"});
    auto e = error_of([&] { in.req_string("name"); });
    expect_error(e, 422, "validation_failed", "name");
    EXPECT_NE(std::string(e.what()).find("must not be empty"), std::string::npos);
}

TEST(JsonInString, WrongTypeIs400NamingTheField) {
    for (const char* body : {R"({"name":5})", R"({"name":true})", R"({"name":["a"]})", R"({"name":{"x":1}})"}) {
        JsonIn in(body, {"name"});
        auto e = error_of([&] { in.req_string("name"); });
        expect_error(e, 400, "wrong_type", "name");
        EXPECT_EQ(error_of([&] { in.opt_string("name"); }).code(), "wrong_type") << body;
    }
}

TEST(JsonInString, OptionalMissingOrNullIsNullopt) {
    JsonIn in(R"({"a":null})", {"a", "b"});
    EXPECT_EQ(in.opt_string("a"), std::nullopt);
    EXPECT_EQ(in.opt_string("b"), std::nullopt);
}

TEST(JsonInString, OptionalEmptyStringIsAllowedByDefault) {
    JsonIn in(R"({"notes":"  "})", {"notes"});
    EXPECT_EQ(in.opt_string("notes"), std::optional<std::string>(""));
}

TEST(JsonInString, MaxIsMeasuredInCharactersNotBytes) {
    // Six Chinese characters, eighteen bytes.
    JsonIn in(R"({"name":"物業服務中心"})", {"name"});
    EXPECT_EQ(in.req_string("name", 1, 6), "物業服務中心");
    auto e = error_of([&] { in.req_string("name", 1, 5); });
    expect_error(e, 422, "validation_failed", "name");
    EXPECT_NE(std::string(e.what()).find("at most 5 characters"), std::string::npos);
}

TEST(JsonInString, MinIsMeasuredInCharactersNotBytes) {
    JsonIn in(R"({"name":"投訴"})", {"name"});
    EXPECT_EQ(in.req_string("name", 2, 10), "投訴");
    auto e = error_of([&] { in.req_string("name", 3, 10); });
    expect_error(e, 422, "validation_failed", "name");
    EXPECT_NE(std::string(e.what()).find("at least 3 characters"), std::string::npos);
}

TEST(JsonInString, LengthIsCheckedAfterTrimming) {
    JsonIn in(R"({"code":"  ab  "})", {"code"});
    EXPECT_EQ(in.req_string("code", 2, 2), "ab");
}

TEST(JsonInString, DefaultMaxIs200Characters) {
    std::string ok(200, 'x');
    std::string too_long(201, 'x');
    JsonIn a("{\"s\":\"" + ok + "\"}", {"s"});
    EXPECT_EQ(a.req_string("s").size(), 200u);
    JsonIn b("{\"s\":\"" + too_long + "\"}", {"s"});
    expect_error(error_of([&] { b.req_string("s"); }), 422, "validation_failed", "s");
}

TEST(JsonInString, EscapedUnicodeIsDecoded) {
    JsonIn in(R"({"name":"\u6295\u8a34"})", {"name"});
    EXPECT_EQ(in.req_string("name"), "投訴");
}

// ---- integers ----

TEST(JsonInInt, ReadsAnIntegerInRange) {
    JsonIn in(R"({"floor":12,"neg":-3})", {"floor", "neg"});
    EXPECT_EQ(in.req_int("floor", -10, 200), 12);
    EXPECT_EQ(in.opt_int("neg", -10, 200), -3);
}

TEST(JsonInInt, BoundsAreInclusive) {
    JsonIn in(R"({"lo":-10,"hi":200})", {"lo", "hi"});
    EXPECT_EQ(in.req_int("lo", -10, 200), -10);
    EXPECT_EQ(in.req_int("hi", -10, 200), 200);
}

TEST(JsonInInt, OutOfRangeIs422NamingTheFieldAndRange) {
    JsonIn in(R"({"lo":-11,"hi":201})", {"lo", "hi"});
    auto lo = error_of([&] { in.req_int("lo", -10, 200); });
    expect_error(lo, 422, "validation_failed", "lo");
    EXPECT_NE(std::string(lo.what()).find("between -10 and 200"), std::string::npos);
    expect_error(error_of([&] { in.opt_int("hi", -10, 200); }), 422, "validation_failed", "hi");
}

TEST(JsonInInt, WholeDoublesAreAcceptedAsIntegers) {
    JsonIn in(R"({"a":3.0,"b":-0.0,"c":1e3,"d":1e15})", {"a", "b", "c", "d"});
    EXPECT_EQ(in.req_int("a", 0, 10), 3);
    EXPECT_EQ(in.req_int("b", 0, 10), 0);
    EXPECT_EQ(in.req_int("c", 0, 10000), 1000);
    EXPECT_EQ(in.req_int("d", 0, std::numeric_limits<int64_t>::max()), 1'000'000'000'000'000);
}

TEST(JsonInInt, NonWholeDoublesAreWrongType) {
    JsonIn in(R"({"a":2.5,"b":-0.1})", {"a", "b"});
    expect_error(error_of([&] { in.req_int("a", 0, 10); }), 400, "wrong_type", "a");
    expect_error(error_of([&] { in.opt_int("b", -10, 10); }), 400, "wrong_type", "b");
}

TEST(JsonInInt, HugeDoublesAreWrongTypeRatherThanLosingPrecision) {
    JsonIn in(R"({"a":1e16,"b":1e400})", {"a", "b"});
    auto max = std::numeric_limits<int64_t>::max();
    expect_error(error_of([&] { in.req_int("a", 0, max); }), 400, "wrong_type", "a");
    expect_error(error_of([&] { in.req_int("b", 0, max); }), 400, "wrong_type", "b");
}

TEST(JsonInInt, StringsBoolsAndListsAreWrongType) {
    JsonIn in(R"({"s":"3","b":true,"l":[3]})", {"s", "b", "l"});
    expect_error(error_of([&] { in.req_int("s", 0, 10); }), 400, "wrong_type", "s");
    expect_error(error_of([&] { in.req_int("b", 0, 10); }), 400, "wrong_type", "b");
    expect_error(error_of([&] { in.req_int("l", 0, 10); }), 400, "wrong_type", "l");
}

TEST(JsonInInt, LargestInt64IsReadAndAnythingBeyondIsWrongType) {
    JsonIn in(R"({"max":9223372036854775807,"over":9223372036854775808})", {"max", "over"});
    auto max = std::numeric_limits<int64_t>::max();
    EXPECT_EQ(in.req_int("max", 0, max), max);
    expect_error(error_of([&] { in.req_int("over", 0, max); }), 400, "wrong_type", "over");
}

TEST(JsonInInt, MissingOptionalIsNulloptAndMissingRequiredIs422) {
    JsonIn in(R"({"n":null})", {"n", "m"});
    EXPECT_EQ(in.opt_int("n", 0, 1), std::nullopt);
    EXPECT_EQ(in.opt_int("m", 0, 1), std::nullopt);
    expect_error(error_of([&] { in.req_int("m", 0, 1); }), 422, "validation_failed", "m");
    expect_error(error_of([&] { in.req_int("n", 0, 1); }), 422, "validation_failed", "n");
}

// ---- numbers ----

TEST(JsonInNumber, ReadsIntegersAndDecimals) {
    JsonIn in(R"({"i":85,"d":85.5,"u":18446744073709551615})", {"i", "d", "u"});
    EXPECT_DOUBLE_EQ(*in.opt_number("i", 0, 100), 85.0);
    EXPECT_DOUBLE_EQ(*in.opt_number("d", 0, 100), 85.5);
    EXPECT_DOUBLE_EQ(*in.opt_number("u", 0, 1e20), 18446744073709551615.0);
}

TEST(JsonInNumber, BoundsAreInclusiveAndOutsideIs422) {
    JsonIn in(R"({"lo":0.01,"hi":100000,"below":0,"above":100000.01})", {"lo", "hi", "below", "above"});
    EXPECT_DOUBLE_EQ(*in.opt_number("lo", 0.01, 100000), 0.01);
    EXPECT_DOUBLE_EQ(*in.opt_number("hi", 0.01, 100000), 100000);
    auto e = error_of([&] { in.opt_number("below", 0.01, 100000); });
    expect_error(e, 422, "validation_failed", "below");
    EXPECT_NE(std::string(e.what()).find("out of range"), std::string::npos);
    expect_error(error_of([&] { in.opt_number("above", 0.01, 100000); }), 422, "validation_failed", "above");
}

TEST(JsonInNumber, OverflowToInfinityIsRejected) {
    JsonIn in(R"({"x":1e400})", {"x"});
    auto inf = std::numeric_limits<double>::infinity();
    expect_error(error_of([&] { in.opt_number("x", -inf, inf); }), 422, "validation_failed", "x");
}

TEST(JsonInNumber, NonNumbersAreWrongType) {
    JsonIn in(R"({"s":"1.5","b":false})", {"s", "b"});
    expect_error(error_of([&] { in.opt_number("s", 0, 10); }), 400, "wrong_type", "s");
    expect_error(error_of([&] { in.opt_number("b", 0, 10); }), 400, "wrong_type", "b");
}

TEST(JsonInNumber, MissingOrNullIsNullopt) {
    JsonIn in(R"({"x":null})", {"x", "y"});
    EXPECT_EQ(in.opt_number("x", 0, 1), std::nullopt);
    EXPECT_EQ(in.opt_number("y", 0, 1), std::nullopt);
}

// ---- bools ----

TEST(JsonInBool, ReadsTrueAndFalse) {
    JsonIn in(R"({"t":true,"f":false})", {"t", "f", "m"});
    EXPECT_EQ(in.opt_bool("t"), std::optional<bool>(true));
    EXPECT_EQ(in.opt_bool("f"), std::optional<bool>(false));
    EXPECT_EQ(in.opt_bool("m"), std::nullopt);
}

TEST(JsonInBool, NumbersAndStringsAreWrongType) {
    JsonIn in(R"({"n":1,"s":"true"})", {"n", "s"});
    expect_error(error_of([&] { in.opt_bool("n"); }), 400, "wrong_type", "n");
    expect_error(error_of([&] { in.opt_bool("s"); }), 400, "wrong_type", "s");
}

// ---- string lists ----

TEST(JsonInStringList, ReadsAListOfStrings) {
    JsonIn in(R"({"phones":["91234567","+85221234567"],"empty":[]})", {"phones", "empty"});
    EXPECT_EQ(in.opt_string_list("phones", 5, 20), (std::vector<std::string>{"91234567", "+85221234567"}));
    EXPECT_EQ(in.opt_string_list("empty", 5, 20), std::vector<std::string>{});
}

TEST(JsonInStringList, MissingOrNullIsNullopt) {
    JsonIn in(R"({"tags":null})", {"tags", "other"});
    EXPECT_EQ(in.opt_string_list("tags", 5, 20), std::nullopt);
    EXPECT_EQ(in.opt_string_list("other", 5, 20), std::nullopt);
}

TEST(JsonInStringList, MoreThanMaxItemsIs422) {
    JsonIn in(R"({"tags":["a","b","c"]})", {"tags"});
    EXPECT_EQ(in.opt_string_list("tags", 3, 10)->size(), 3u);
    auto e = error_of([&] { in.opt_string_list("tags", 2, 10); });
    expect_error(e, 422, "validation_failed", "tags");
    EXPECT_NE(std::string(e.what()).find("more than 2 items"), std::string::npos);
}

TEST(JsonInStringList, ItemLongerThanMaxCharactersIs422CountingCharacters) {
    JsonIn in(R"({"tags":["漏水","投訴處理"]})", {"tags"});
    EXPECT_EQ(in.opt_string_list("tags", 5, 4)->at(1), "投訴處理");
    expect_error(error_of([&] { in.opt_string_list("tags", 5, 3); }), 422, "validation_failed", "tags");
}

TEST(JsonInStringList, NonStringItemOrNonListIsWrongType) {
    JsonIn a(R"({"tags":["a",1]})", {"tags"});
    expect_error(error_of([&] { a.opt_string_list("tags", 5, 10); }), 400, "wrong_type", "tags");
    JsonIn b(R"({"tags":["a",null]})", {"tags"});
    expect_error(error_of([&] { b.opt_string_list("tags", 5, 10); }), 400, "wrong_type", "tags");
    JsonIn c(R"({"tags":"a"})", {"tags"});
    expect_error(error_of([&] { c.opt_string_list("tags", 5, 10); }), 400, "wrong_type", "tags");
    JsonIn d(R"({"tags":{"0":"a"}})", {"tags"});
    expect_error(error_of([&] { d.opt_string_list("tags", 5, 10); }), 400, "wrong_type", "tags");
}

// ---- times ----

TEST(JsonInTime, ReadsRfc3339WithOffset) {
    JsonIn in(R"({"at":"2026-11-28T15:04:05+08:00"})", {"at"});
    EXPECT_EQ(in.opt_time("at"), std::optional<EpochMs>(k2026_11_28_070405Z));
}

TEST(JsonInTime, ReadsRfc3339WithZ) {
    JsonIn in(R"({"at":"2026-11-28T07:04:05Z"})", {"at"});
    EXPECT_EQ(in.opt_time("at"), std::optional<EpochMs>(k2026_11_28_070405Z));
}

TEST(JsonInTime, TrimsSurroundingSpaces) {
    JsonIn in(R"({"at":" 2026-11-28T07:04:05Z "})", {"at"});
    EXPECT_EQ(in.opt_time("at"), std::optional<EpochMs>(k2026_11_28_070405Z));
}

TEST(JsonInTime, BadTimesAre422NamingTheField) {
    for (const char* body :
         {R"({"at":"2026-11-28 15:04:05"})", R"({"at":"2026-02-30T00:00:00Z"})", R"({"at":"2026-11-28T15:04:05"})",
          R"({"at":"yesterday"})", R"({"at":""})", R"({"at":"2026-11-28"})"}) {
        JsonIn in(body, {"at"});
        auto e = error_of([&] { in.opt_time("at"); });
        expect_error(e, 422, "validation_failed", "at");
    }
}

TEST(JsonInTime, TooLongIs422) {
    JsonIn in("{\"at\":\"2026-11-28T07:04:05." + std::string(60, '0') + "Z\"}", {"at"});
    expect_error(error_of([&] { in.opt_time("at"); }), 422, "validation_failed", "at");
}

TEST(JsonInTime, NumberIsWrongTypeAndMissingIsNullopt) {
    JsonIn in(R"({"at":1795849445000})", {"at", "other"});
    expect_error(error_of([&] { in.opt_time("at"); }), 400, "wrong_type", "at");
    EXPECT_EQ(in.opt_time("other"), std::nullopt);
}

// ---- enums ----

TEST(JsonInEnum, AcceptsOneOfTheWordsAfterTrimming) {
    JsonIn in(R"({"relation":" tenant "})", {"relation"});
    EXPECT_EQ(in.req_enum("relation", {"owner", "tenant", "occupant"}), "tenant");
    EXPECT_EQ(in.opt_enum("relation", {"owner", "tenant"}), std::optional<std::string>("tenant"));
}

TEST(JsonInEnum, OtherWordIs422ListingTheChoices) {
    JsonIn in(R"({"relation":"Owner"})", {"relation"});
    auto e = error_of([&] { in.req_enum("relation", {"owner", "tenant", "occupant"}); });
    expect_error(e, 422, "validation_failed", "relation");
    EXPECT_NE(std::string(e.what()).find("owner, tenant, occupant"), std::string::npos);
}

TEST(JsonInEnum, MissingRequiredIs422AndMissingOptionalIsNullopt) {
    JsonIn in("{}", {"relation"});
    expect_error(error_of([&] { in.req_enum("relation", {"owner"}); }), 422, "validation_failed", "relation");
    EXPECT_EQ(in.opt_enum("relation", {"owner"}), std::nullopt);
}

TEST(JsonInEnum, EmptyStringIs422AndNumberIsWrongType) {
    JsonIn a(R"({"relation":""})", {"relation"});
    expect_error(error_of([&] { a.req_enum("relation", {"owner"}); }), 422, "validation_failed", "relation");
    JsonIn b(R"({"relation":1})", {"relation"});
    expect_error(error_of([&] { b.req_enum("relation", {"owner"}); }), 400, "wrong_type", "relation");
}

// ---- UTF-8 ----

TEST(Utf8Length, CountsCodePointsNotBytes) {
    EXPECT_EQ(utf8_length(""), 0u);
    EXPECT_EQ(utf8_length("abc"), 3u);
    EXPECT_EQ(utf8_length("é"), 1u);                 // 2 bytes
    EXPECT_EQ(utf8_length("投訴"), 2u);              // 6 bytes
    EXPECT_EQ(utf8_length("\xF0\x9F\x98\x80"), 1u);  // U+1F600, 4 bytes
    EXPECT_EQ(utf8_length("A投\xF0\x9F\x98\x80é"), 4u);
}

TEST(IsValidUtf8, AcceptsAsciiAndWellFormedMultiByteSequences) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("plain ascii, 123"));
    EXPECT_TRUE(is_valid_utf8("é"));
    EXPECT_TRUE(is_valid_utf8("物業服務中心"));
    EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));   // U+1F600
    EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));   // U+10FFFF, the last code point
    EXPECT_TRUE(is_valid_utf8("\xEF\xBB\xBFhello"));  // a BOM is a valid character
    EXPECT_TRUE(is_valid_utf8(std::string_view("a\0b", 3)));
}

TEST(IsValidUtf8, RejectsTruncatedSequences) {
    EXPECT_FALSE(is_valid_utf8("\xC3"));
    EXPECT_FALSE(is_valid_utf8("\xE6\x8A"));      // first two bytes of 投
    EXPECT_FALSE(is_valid_utf8("\xF0\x9F\x98"));  // first three bytes of U+1F600
    EXPECT_FALSE(is_valid_utf8("abc\xE6\x8A"));   // truncated at the end of longer text
    EXPECT_FALSE(
        is_valid_utf8("\xE6\x8A"
                      "abc"));  // truncated, then ASCII
}

TEST(IsValidUtf8, RejectsStrayContinuationAndInvalidLeadBytes) {
    EXPECT_FALSE(is_valid_utf8("\x80"));
    EXPECT_FALSE(is_valid_utf8("a\xBFz"));
    EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));  // old 5-byte form
    EXPECT_FALSE(is_valid_utf8("\xFE"));
    EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(IsValidUtf8, RejectsLatin1AndBig5Bytes) {
    EXPECT_FALSE(is_valid_utf8("caf\xE9"));           // Latin-1 é at the end
    EXPECT_FALSE(is_valid_utf8("caf\xE9,x"));         // Latin-1 é followed by ASCII
    EXPECT_FALSE(is_valid_utf8("\xA7\xEB\xB6\x44"));  // 投訴 in Big5
}

// ---- nested objects and lists: errors name the field by its path ----

TEST(JsonInNested, AnObjectsErrorsNameTheFieldByItsPath) {
    JsonIn in(R"({"payment":{"method":"cash","amount_cents":-5}})", {"payment"});
    auto pay = in.opt_object("payment", {"method", "amount_cents", "reference"});
    ASSERT_TRUE(pay);
    EXPECT_EQ(pay->req_enum("method", {"cash", "electronic"}), "cash");
    expect_error(error_of([&] { pay->req_int("amount_cents", 0, 100); }), 422, "validation_failed",
                 "payment.amount_cents");
    expect_error(error_of([&] { pay->req_string("reference"); }), 422, "validation_failed", "payment.reference");
    EXPECT_EQ(pay->path("method"), "payment.method");
}

TEST(JsonInNested, AnAbsentOrNullObjectIsNoneAndAnythingElseIsTheWrongType) {
    EXPECT_FALSE(JsonIn(R"({})", {"payment"}).opt_object("payment", {"method"}));
    EXPECT_FALSE(JsonIn(R"({"payment":null})", {"payment"}).opt_object("payment", {"method"}));
    JsonIn in(R"({"payment":[1]})", {"payment"});
    expect_error(error_of([&] { in.opt_object("payment", {"method"}); }), 400, "wrong_type", "payment");
}

TEST(JsonInNested, AnUnknownFieldInsideIsNamedByItsPath) {
    JsonIn in(R"({"payment":{"method":"cash","tip":20}})", {"payment"});
    expect_error(error_of([&] { in.opt_object("payment", {"method"}); }), 400, "unknown_field", "payment.tip");
}

TEST(JsonInNested, EachItemOfAListIsNamedByItsIndex) {
    JsonIn in(R"({"charges":[{"price_item_id":1,"quantity":2},{"price_item_id":2,"quantity":0},{"x":1}]})",
              {"charges"});
    expect_error(error_of([&] {
                     in.object_list("charges", {"price_item_id", "quantity"}, 10);
                 }),
                 400, "unknown_field", "charges[2].x");
    JsonIn ok(R"({"charges":[{"price_item_id":1,"quantity":2},{"price_item_id":2,"quantity":0}]})", {"charges"});
    auto items = ok.object_list("charges", {"price_item_id", "quantity"}, 10);
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].req_int("quantity", 1, 10), 2);
    expect_error(error_of([&] { items[1].req_int("quantity", 1, 10); }), 422, "validation_failed",
                 "charges[1].quantity");
    expect_error(error_of([&] {
                     ok.object_list("charges", {"price_item_id", "quantity"}, 1);
                 }),
                 422, "validation_failed", "charges");
    EXPECT_TRUE(JsonIn(R"({})", {"charges"}).object_list("charges", {"quantity"}, 5).empty());
    JsonIn not_list(R"({"charges":{"quantity":1}})", {"charges"});
    expect_error(error_of([&] { not_list.object_list("charges", {"quantity"}, 5); }), 400, "wrong_type", "charges");
    JsonIn not_objects(R"({"charges":[1]})", {"charges"});
    expect_error(error_of([&] { not_objects.object_list("charges", {"quantity"}, 5); }), 400, "wrong_type",
                 "charges[0]");
}

TEST(JsonInNested, ListsNestInObjectsWithTheWholePath) {
    JsonIn in(R"({"order":{"lines":[{"qty":-1}]}})", {"order"});
    auto order = in.opt_object("order", {"lines"});
    auto lines = order->object_list("lines", {"qty"}, 5);
    expect_error(error_of([&] { lines[0].req_int("qty", 0, 9); }), 422, "validation_failed", "order.lines[0].qty");
}

// RFC 3629 §3: overlong forms, UTF-16 surrogates and code points above U+10FFFF are not UTF-8.
// is_valid_utf8 checks only the bit patterns, so it accepts them; a CSV import with such bytes
// passes validation and then fails on PostgreSQL (which rejects invalid UTF-8) or is stored as is.
TEST(IsValidUtf8, RejectsOverlongEncodings) {
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));  // '/' in two bytes
    EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));
    EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // '/' in three bytes
    EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
}

TEST(IsValidUtf8, RejectsSurrogatesAndCodePointsAboveU10FFFF) {
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // U+D800
    EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));      // U+DFFF
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
    EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
}

}  // namespace
}  // namespace propdesk::json
