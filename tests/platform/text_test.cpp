// One meaning of blank for every module (PK-8's verification note, PK-11's difference note,
// MT-3.4's reasons, FD-A's replies) and of membership in a list of allowed values.
#include "platform/text/text.hpp"

#include <gtest/gtest.h>

#include "org/model.hpp"

namespace propdesk::text {
namespace {

TEST(IsBlank, PK_8_PK_11_SpacesOfAnyScriptAreBlank) {
    EXPECT_TRUE(is_blank(""));
    EXPECT_TRUE(is_blank(" \t\r\n"));
    EXPECT_TRUE(is_blank("\xe3\x80\x80\xe3\x80\x80"));           // U+3000 ideographic space
    EXPECT_TRUE(is_blank("\xc2\xa0 \xe2\x80\x83\xe2\x80\x8b"));  // no-break, em and zero-width spaces
    EXPECT_TRUE(is_blank("\xef\xbb\xbf\t"));                     // a BOM pasted from a document
    EXPECT_TRUE(is_blank("\xe2\x80\xa8\xe2\x80\xaf\xe2\x81\x9f"));
}

TEST(IsBlank, PK_8_AnyVisibleCharacterIsNotBlank) {
    EXPECT_FALSE(is_blank("核實"));
    EXPECT_FALSE(
        is_blank("\xe3\x80\x80"
                 "a"));
    EXPECT_FALSE(is_blank("."));
    EXPECT_FALSE(is_blank("\xe3\x80\x81"));  // U+3001 the ideographic comma is punctuation, not space
    EXPECT_FALSE(is_blank("\xe2\x80\x8c"));  // U+200C joins nothing but is not a space either
}

TEST(IsBlank, ATruncatedMultibyteSequenceIsNotBlank) {
    EXPECT_FALSE(is_blank("\xe3\x80"));
    EXPECT_FALSE(is_blank("\xc2"));
}

TEST(Trim, DropsSpacesOfAnyScriptAtBothEndsOnly) {
    EXPECT_EQ(trim("\xe3\x80\x80 核實 司機 \t"), "核實 司機");
    EXPECT_EQ(trim("\xe3\x80\x80\xe3\x80\x80"), "");
    EXPECT_EQ(trim(""), "");
    EXPECT_EQ(trim("ab"), "ab");
    EXPECT_EQ(trim("\xc2\xa0"
                   "陳"
                   "\xc2\xa0"),
              "陳");
}

TEST(IsOneOf, MatchesExactlyOneOfTheWords) {
    EXPECT_TRUE(is_one_of("owner", org::kRelations));
    EXPECT_TRUE(is_one_of("occupant", org::kRelations));
    EXPECT_FALSE(is_one_of("Owner", org::kRelations));
    EXPECT_FALSE(is_one_of("", org::kRelations));
    EXPECT_FALSE(is_one_of("owners", org::kRelations));
    EXPECT_TRUE(is_one_of("car_park", org::kAreaKinds));
    EXPECT_FALSE(is_one_of("car park", org::kAreaKinds));
    EXPECT_TRUE(is_one_of("b", {"a", "b"}));
    EXPECT_FALSE(is_one_of("c", {"a", "b"}));
}

TEST(IsOneOf, EmptyRangeMatchesNothing) {
    const char* const* none = nullptr;
    EXPECT_FALSE(is_one_of("owner", none, none));
}

}  // namespace
}  // namespace propdesk::text
