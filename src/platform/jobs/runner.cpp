#include "platform/jobs/runner.hpp"

#include <spdlog/spdlog.h>

namespace propdesk::jobs {

Runner::Runner(db::Db& db, const Clock& clock, http::Metrics& metrics, std::string holder)
    : db_(db), clock_(clock), metrics_(metrics), holder_(std::move(holder)) {}

Runner::~Runner() {
    stop();
}

void Runner::add(Job job) {
    jobs_.push_back(std::move(job));
}

bool Runner::take_lease(const Job& job, EpochMs now) {
    // Taken when nobody holds it (or it expired) and the last run is an interval ago.
    return db_.write_value([&](db::Conn& c) {
        return c.exec(
                   "INSERT INTO job_leases (name, holder, expires_at, last_run_at, runs) VALUES ($1, $2, $3, 0, 0)"
                   " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at"
                   " WHERE job_leases.expires_at <= $4 AND job_leases.last_run_at <= $5",
                   job.name, holder_, now + job.lease_ms, now, now - job.interval_ms) == 1;
    });
}

void Runner::finish(const Job& job, EpochMs now) {
    db_.write([&](db::Conn& c) {
        c.exec(
            "UPDATE job_leases SET last_run_at = $1, expires_at = $1, runs = runs + 1 WHERE name = $2 AND holder = $3",
            now, job.name, holder_);
    });
}

int Runner::run_due() {
    int ran = 0;
    for (const auto& job : jobs_) {
        EpochMs now = clock_.now_ms();
        try {
            if (!take_lease(job, now)) continue;
            auto t0 = std::chrono::steady_clock::now();
            job.run(db_, now);
            finish(job, clock_.now_ms());
            double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            metrics_.count("propdesk_job_runs_total{job=\"" + job.name + "\"}");
            metrics_.count("propdesk_job_seconds_total{job=\"" + job.name + "\"}", secs);
            ++ran;
        } catch (const std::exception& e) {
            metrics_.count("propdesk_job_failures_total{job=\"" + job.name + "\"}");
            spdlog::error("job {} failed: {}", job.name, e.what());
        }
    }
    return ran;
}

void Runner::start(std::chrono::milliseconds tick) {
    thread_ = std::thread([this, tick] {
        std::unique_lock lock(mu_);
        while (!stopping_) {
            lock.unlock();
            run_due();
            lock.lock();
            cv_.wait_for(lock, tick, [&] { return stopping_; });
        }
    });
}

void Runner::stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

int in_batches(db::Db& db, int batch, const std::function<int(db::Conn&, int batch)>& pass) {
    int handled = 0;
    for (;;) {
        int n = db.write_value([&](db::Conn& c) { return pass(c, batch); });
        handled += n;
        if (n < batch) return handled;
    }
}

}  // namespace propdesk::jobs
