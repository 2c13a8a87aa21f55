#include "platform/report/background.hpp"

#include "platform/error.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace propdesk::report {
namespace {

constexpr size_t kMaxWaiting = 2;

class ReportThread {
  public:
    ReportThread() : thread_([this] { run(); }) {}
    ~ReportThread() {
        {
            std::lock_guard lock(mu_);
            stopping_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }
    std::future<std::string> submit(std::packaged_task<std::string()> task) {
        auto result = task.get_future();
        {
            std::lock_guard lock(mu_);
            // Each waiting export holds a request worker; a few at most, so cameras and pages
            // always find one free.
            if (queue_.size() >= kMaxWaiting)
                throw AppError(429, "busy", "other exports are running; try again in a minute");
            queue_.push_back(std::move(task));
        }
        cv_.notify_one();
        return result;
    }

  private:
    void run() {
        // Linux applies a nice value to one thread when given its thread id.
        if (setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10) != 0)
            spdlog::warn("reports: could not lower the report thread's priority");
        for (;;) {
            std::packaged_task<std::string()> task;
            {
                std::unique_lock lock(mu_);
                cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
                if (queue_.empty()) return;
                task = std::move(queue_.front());
                queue_.pop_front();
            }
            task();
        }
    }

    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::packaged_task<std::string()>> queue_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace

std::string run_low_priority(const std::function<std::string()>& f) {
    static ReportThread reports;
    return reports.submit(std::packaged_task<std::string()>(f)).get();
}

}  // namespace propdesk::report
