// Search folding: ASCII lower-case and Traditional → Simplified, so a query in either script finds both.
#include "platform/search/fold.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace propdesk::search {
namespace {

TEST(Fold, TraditionalAndSimplifiedFoldToTheSameText) {
    EXPECT_EQ(fold("投訴"), fold("投诉"));
    EXPECT_EQ(fold("投訴"), "投诉");
    EXPECT_EQ(fold("漏水維修"), fold("漏水维修"));
    EXPECT_EQ(fold("管理處"), fold("管理处"));
}

TEST(Fold, SimplifiedTextIsLeftAsItIs) {
    EXPECT_EQ(fold("投诉"), "投诉");
}

TEST(Fold, AsciiIsLowerCased) {
    EXPECT_EQ(fold("ABC"), "abc");
    EXPECT_EQ(fold("Tower A, Flat 12B"), "tower a, flat 12b");
    EXPECT_EQ(fold("already lower 123 -_/"), "already lower 123 -_/");
}

TEST(Fold, MixedTextLowerCasesAsciiAndConvertsChinese) {
    EXPECT_EQ(fold("第一座 Block A 電梯"), "第一座 block a 电梯");
    EXPECT_EQ(fold("陳大文 CHAN Tai Man"), fold("陈大文 chan tai man"));
}

TEST(Fold, EmptyStringStaysEmpty) {
    EXPECT_EQ(fold(""), "");
}

TEST(Fold, NonAsciiLettersOutsideChineseAreNotLowerCased) {
    // Only ASCII is lower-cased; accented letters pass through unchanged.
    EXPECT_EQ(fold("CAFÉ"), "cafÉ");
}

TEST(Fold, FoldingIsIdempotent) {
    for (const char* s : {"投訴 ABC", "管理處經理", "Hello", ""}) EXPECT_EQ(fold(fold(s)), fold(s)) << s;
}

TEST(Fold, WorksFromAnotherThreadWithItsOwnConverter) {
    std::string result;
    std::thread t([&] { result = fold("客戶請修"); });
    t.join();
    EXPECT_EQ(result, fold("客户请修"));
    EXPECT_EQ(result, "客户请修");
}

}  // namespace
}  // namespace propdesk::search
