// Creates accept Idempotency-Key: a retried create returns the first response, not a second record.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/test_server.hpp"

namespace propdesk::testing {
namespace {

// On the system clock, not ApiTest's manual one: nothing here turns on the time.
class Idempotency : public ::testing::TestWithParam<db::Backend> {
  protected:
    Idempotency() : server_(GetParam()) {}
    TestServer server_;
};

constexpr const char* kResident = R"({"name":"重試先生","phones":["91234567"]})";

TEST_P(Idempotency, RetryWithTheSameKeyAndBodyReturnsTheFirstResponse) {
    auto c = server_.signed_in("frontdesk");
    auto before = server_.count("residents");
    auto first = c.post("/api/v1/sites/1/residents", kResident, {{"Idempotency-Key", "k-1"}});
    ASSERT_EQ(first.status, 201);
    auto again = c.post("/api/v1/sites/1/residents", kResident, {{"Idempotency-Key", "k-1"}});
    EXPECT_EQ(again.status, 201);
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(again.header("idempotent-replayed"), "true");
    EXPECT_EQ(server_.count("residents"), before + 1);
}

TEST_P(Idempotency, SameKeyWithAnotherBodyIsRefusedAndChangesNothing) {
    auto c = server_.signed_in("frontdesk");
    c.post("/api/v1/sites/1/residents", kResident, {{"Idempotency-Key", "k-2"}});
    auto before = server_.count("residents");
    auto other = c.post("/api/v1/sites/1/residents", R"({"name":"別人","phones":[]})", {{"Idempotency-Key", "k-2"}});
    EXPECT_EQ(other.status, 422);
    EXPECT_EQ(other.error_code(), "idempotency_key_reused");
    EXPECT_EQ(server_.count("residents"), before);
}

TEST_P(Idempotency, KeysBelongToTheirUser) {
    auto desk = server_.signed_in("frontdesk");
    auto assistant = server_.signed_in("assistant");
    auto before = server_.count("residents");
    EXPECT_EQ(desk.post("/api/v1/sites/1/residents", kResident, {{"Idempotency-Key", "same"}}).status, 201);
    EXPECT_EQ(assistant.post("/api/v1/sites/1/residents", kResident, {{"Idempotency-Key", "same"}}).status, 201);
    EXPECT_EQ(server_.count("residents"), before + 2);
}

TEST_P(Idempotency, AFailedCreateIsNotKeptSoTheRetryRunsAgain) {
    auto c = server_.signed_in("frontdesk");
    auto bad = c.post("/api/v1/sites/1/residents", R"({"name":""})", {{"Idempotency-Key", "k-3"}});
    EXPECT_EQ(bad.status, 422);
    auto fixed = c.post("/api/v1/sites/1/residents", R"({"name":""})", {{"Idempotency-Key", "k-3"}});
    EXPECT_EQ(fixed.status, 422);
    EXPECT_EQ(fixed.header("idempotent-replayed"), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, Idempotency, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
