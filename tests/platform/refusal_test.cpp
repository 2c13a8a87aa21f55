// A rule's refusal is a stable code with its parameters; the status is the API's, from one table.
#include "platform/rules/refusal.hpp"

#include <gtest/gtest.h>

#include <set>

#include "platform/error.hpp"

namespace propdesk {
namespace {

TEST(Refusal, EachCodeHasOneStatusAndTheTableHasNoDuplicates) {
    std::set<std::string_view> seen;
    for (const auto& [code, status] : refusal_codes()) {
        EXPECT_TRUE(seen.insert(code).second) << code;
        EXPECT_TRUE(status == 403 || status == 409 || status == 422) << code;
    }
    EXPECT_EQ(refusal_status(not_now("wrong_status", "x")), 409);
    EXPECT_EQ(refusal_status(invalid_value("required", "reason", "x")), 422);
    EXPECT_EQ(refusal_status(invalid_value("responsibility_unset", "responsibility", "x")), 409);
}

TEST(Refusal, ACodeOutsideTheTableFollowsWhetherItNamesAField) {
    EXPECT_EQ(refusal_status(not_now("something_new", "x")), 409);
    EXPECT_EQ(refusal_status(invalid_value("something_new", "f", "x")), 422);
}

TEST(Refusal, RaisedAsAnAppErrorWithCodeFieldAndParameters) {
    try {
        raise(not_now("wait_not_over", "wait").with("minutes", int64_t{5}).with("plate", std::string("粵B1")));
        FAIL() << "nothing thrown";
    } catch (const AppError& e) {
        EXPECT_EQ(e.status(), 409);
        EXPECT_EQ(e.code(), "wait_not_over");
        EXPECT_EQ(e.field(), "");
        EXPECT_EQ(e.params_json, R"({"minutes":5,"plate":"粵B1"})");
    }
    EXPECT_NO_THROW(raise_refusal(std::nullopt));
}

}  // namespace
}  // namespace propdesk
