// Background jobs (clean-ups now; overdue scans and reminders as modules arrive). Each run takes
// a lease row, so with several servers on one database a job runs once per interval, not once
// per server. Jobs must be idempotent: a server that dies mid-run leaves the lease to expire.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/http/metrics.hpp"
#include "platform/time/clock.hpp"

namespace propdesk::jobs {

struct Job {
    std::string name;
    int64_t interval_ms = 60'000;
    int64_t lease_ms = 60'000;  // longest a run may take before another server may take over
    std::function<void(db::Db&, EpochMs now)> run;
};

// Runs `pass` in one write transaction after another until a pass handles fewer than `batch`
// rows (it is given the batch size and returns how many it took); returns the rows handled in
// all. A job working through many rows keeps each transaction, and SQLite's one writer, short.
int in_batches(db::Db& db, int batch, const std::function<int(db::Conn&, int batch)>& pass);

class Runner {
  public:
    Runner(db::Db& db, const Clock& clock, http::Metrics& metrics, std::string holder);
    ~Runner();
    void add(Job job);
    // Runs every job that is due and whose lease this server gets; returns how many ran.
    int run_due();
    void start(std::chrono::milliseconds tick = std::chrono::seconds(5));
    void stop();

  private:
    bool take_lease(const Job& job, EpochMs now);
    void finish(const Job& job, EpochMs now);

    db::Db& db_;
    const Clock& clock_;
    http::Metrics& metrics_;
    std::string holder_;
    std::vector<Job> jobs_;
    std::thread thread_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
};

}  // namespace propdesk::jobs
