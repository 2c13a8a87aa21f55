// Background jobs run once per interval across servers, thanks to the lease row.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "platform/auth/cleanup_job.hpp"
#include "platform/jobs/runner.hpp"
#include "support/test_db.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {
namespace {

constexpr EpochMs kStart = 1'795'000'000'000;

class JobsTest : public ::testing::TestWithParam<db::Backend> {
  protected:
    JobsTest() : database_(make_test_database(GetParam())), db_(open_migrated(*database_)), clock_(kStart) {}
    jobs::Job counting_job(int& runs) {
        return jobs::Job{"count", 60'000, 30'000, [&runs](db::Db&, EpochMs) { ++runs; }};
    }
    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<db::Db> db_;
    ManualClock clock_;
    http::Metrics metrics_;
};

TEST_P(JobsTest, TwoServersRunAJobOncePerInterval) {
    int runs = 0;
    jobs::Runner a(*db_, clock_, metrics_, "server-a");
    jobs::Runner b(*db_, clock_, metrics_, "server-b");
    a.add(counting_job(runs));
    b.add(counting_job(runs));
    EXPECT_EQ(a.run_due(), 1);
    EXPECT_EQ(b.run_due(), 0);
    clock_.advance_ms(30'000);
    EXPECT_EQ(a.run_due() + b.run_due(), 0);
    clock_.advance_ms(30'000);
    EXPECT_EQ(b.run_due(), 1);
    EXPECT_EQ(a.run_due(), 0);
    EXPECT_EQ(runs, 2);
    EXPECT_NE(metrics_.render().find(R"(propdesk_job_runs_total{job="count"} 2)"), std::string::npos);
}

TEST_P(JobsTest, AFailedRunIsCountedAndRetriedAfterTheLeaseExpires) {
    int attempts = 0;
    jobs::Runner a(*db_, clock_, metrics_, "server-a");
    a.add(jobs::Job{"flaky", 60'000, 30'000, [&](db::Db&, EpochMs) {
                        if (++attempts == 1) throw std::runtime_error("disk full");
                    }});
    EXPECT_EQ(a.run_due(), 0);
    EXPECT_NE(metrics_.render().find(R"(propdesk_job_failures_total{job="flaky"} 1)"), std::string::npos);
    EXPECT_EQ(a.run_due(), 0);  // the lease still stands
    clock_.advance_ms(30'001);
    EXPECT_EQ(a.run_due(), 1);
    EXPECT_EQ(attempts, 2);
}

TEST_P(JobsTest, SessionCleanupDeletesEndedSessionsAndForgottenFailures) {
    db_->write([&](db::Conn& c) {
        c.exec(
            "INSERT INTO users (login, name, password_hash, created_at, updated_at, password_changed_at)"
            " VALUES ('u', 'U', 'x', 0, 0, 0)");
        c.exec(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES"
            " ('idle', 1, $1, $1, $2), ('fresh', 1, $3, $3, $4)",
            kStart - 3 * 3600'000, kStart + 9 * 3600'000, kStart - 60'000, kStart + 11 * 3600'000);
        c.exec("INSERT INTO login_failures (throttle_key, failures, last_failure_at) VALUES ('login:u', 3, $1)",
               kStart - 3600'000);
    });
    jobs::Runner r(*db_, clock_, metrics_, "server-a");
    r.add(auth::session_cleanup_job({}));
    EXPECT_EQ(r.run_due(), 1);
    db_->read([&](db::Conn& c) {
        EXPECT_EQ(c.one("SELECT COUNT(*) FROM sessions")->i64(0), 1);
        EXPECT_EQ(c.one("SELECT token_hash FROM sessions")->str(0), "fresh");
        EXPECT_EQ(c.one("SELECT COUNT(*) FROM login_failures")->i64(0), 0);
    });
}

TEST_P(JobsTest, InBatchesRunsPassesUntilOneHandlesLessThanABatch) {
    int left = 7;
    std::vector<int> taken;
    int handled = jobs::in_batches(*db_, 3, [&](db::Conn&, int batch) {
        int n = std::min(left, batch);
        left -= n;
        taken.push_back(n);
        return n;
    });
    EXPECT_EQ(handled, 7);
    EXPECT_EQ(taken, (std::vector<int>{3, 3, 1}));
    taken.clear();
    EXPECT_EQ(jobs::in_batches(*db_, 3, [&](db::Conn&, int) { return 0; }), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, JobsTest, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
