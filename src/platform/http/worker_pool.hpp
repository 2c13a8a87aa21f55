// A fixed set of threads for blocking work (database, files) with a bounded queue.
// When the queue is full, try_submit refuses, and the caller answers 503 instead of waiting.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace propdesk::http {

class WorkerPool {
  public:
    WorkerPool(int threads, int max_queued);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    bool try_submit(std::function<void()> task);
    void stop();  // runs what is queued, then joins

    int threads() const { return static_cast<int>(threads_.size()); }
    int queued() const;
    int busy() const;
    long long rejected() const;

  private:
    void run();

    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> queue_;
    std::vector<std::thread> threads_;
    int max_queued_;
    int busy_ = 0;
    long long rejected_ = 0;
    bool stopping_ = false;
};

}  // namespace propdesk::http
