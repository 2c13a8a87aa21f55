// The JSON writer used for hot list pages: what it writes must parse, with the same values.
#include "platform/json/writer.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

namespace propdesk::json {
namespace {

TEST(JsonWriter, NestedObjectsAndArraysGetCommasOnlyBetweenItems) {
    std::string out;
    Writer w(out);
    w.begin_object().field("a", int64_t{1}).key("list").begin_array();
    w.value("x").begin_object().field("b", true).end_object().begin_array().end_array().null();
    w.end_array().key("empty").begin_object().end_object().field("n", -42).end_object();
    EXPECT_EQ(out, R"({"a":1,"list":["x",{"b":true},[],null],"empty":{},"n":-42})");
    EXPECT_NO_THROW(boost::json::parse(out));
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharactersAndKeepsUtf8) {
    std::string out;
    Writer w(out);
    std::string nasty = "他說\"你好\"\\\n\t\r\b\f";
    nasty += '\x01';
    nasty += '\x1f';
    w.begin_array().value(nasty).end_array();
    EXPECT_EQ(out, R"(["他說\"你好\"\\\n\t\r\b\f\u0001\u001f"])");
    EXPECT_EQ(boost::json::parse(out).as_array().at(0).as_string(), nasty);
}

TEST(JsonWriter, LargestAndSmallestIntegersAreExact) {
    std::string out;
    Writer w(out);
    w.begin_array().value(INT64_MAX).value(INT64_MIN).value(int64_t{0}).end_array();
    auto a = boost::json::parse(out).as_array();
    EXPECT_EQ(a.at(0).as_int64(), INT64_MAX);
    EXPECT_EQ(a.at(1).as_int64(), INT64_MIN);
    EXPECT_EQ(a.at(2).as_int64(), 0);
}

TEST(JsonWriter, RawInsertsAValueInPlace) {
    std::string out;
    Writer w(out);
    w.begin_object().field("a", 1).key("b").raw(R"({"c":[1,2]})").field("d", false).end_object();
    EXPECT_EQ(out, R"({"a":1,"b":{"c":[1,2]},"d":false})");
}

}  // namespace
}  // namespace propdesk::json
