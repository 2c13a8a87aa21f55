#include "platform/notify/wake_loop.hpp"

#include <spdlog/spdlog.h>

namespace propdesk::notify {

void WakeLoop::start(std::chrono::milliseconds poll, std::function<void()> pass) {
    thread_ = std::thread([this, poll, pass = std::move(pass)] {
        std::unique_lock lock(mu_);
        while (!stopping_) {
            cv_.wait_for(lock, poll, [&] { return stopping_ || woken_; });
            woken_ = false;
            if (stopping_) break;
            lock.unlock();
            try {
                pass();
            } catch (const std::exception& e) {
                spdlog::warn("live events: {}", e.what());
            }
            lock.lock();
        }
    });
}

void WakeLoop::stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void WakeLoop::wake() {
    {
        std::lock_guard lock(mu_);
        woken_ = true;
    }
    cv_.notify_all();
}

}  // namespace propdesk::notify
