#include "platform/http/worker_pool.hpp"

namespace propdesk::http {

WorkerPool::WorkerPool(int threads, int max_queued) : max_queued_(max_queued) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool() {
    stop();
}

bool WorkerPool::try_submit(std::function<void()> task) {
    {
        std::lock_guard lock(mu_);
        if (stopping_ || static_cast<int>(queue_.size()) >= max_queued_) {
            ++rejected_;
            return false;
        }
        queue_.push_back(std::move(task));
    }
    cv_.notify_one();
    return true;
}

void WorkerPool::stop() {
    {
        std::lock_guard lock(mu_);
        if (stopping_ && threads_.empty()) return;
        stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_)
        if (t.joinable()) t.join();
    threads_.clear();
}

int WorkerPool::queued() const {
    std::lock_guard lock(mu_);
    return static_cast<int>(queue_.size());
}

int WorkerPool::busy() const {
    std::lock_guard lock(mu_);
    return busy_;
}

long long WorkerPool::rejected() const {
    std::lock_guard lock(mu_);
    return rejected_;
}

void WorkerPool::run() {
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(mu_);
            cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;
            task = std::move(queue_.front());
            queue_.pop_front();
            ++busy_;
        }
        task();
        std::lock_guard lock(mu_);
        --busy_;
    }
}

}  // namespace propdesk::http
