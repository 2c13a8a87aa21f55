// A thread that runs one pass every `poll`, or at once when woken: how live events reach open
// pages promptly from this server and, by polling the database, from any other.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace propdesk::notify {

class WakeLoop {
  public:
    ~WakeLoop() { stop(); }
    void start(std::chrono::milliseconds poll, std::function<void()> pass);
    void stop();
    void wake();

  private:
    std::thread thread_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    bool woken_ = false;
};

}  // namespace propdesk::notify
