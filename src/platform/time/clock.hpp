// Time is injected: production reads the system clock, tests move a manual one.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace propdesk {

using EpochMs = int64_t;  // milliseconds since 1970-01-01T00:00:00Z

class Clock {
  public:
    virtual ~Clock() = default;
    virtual EpochMs now_ms() const = 0;
};

class SystemClock final : public Clock {
  public:
    EpochMs now_ms() const override {
        using namespace std::chrono;
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }
};

class ManualClock final : public Clock {
  public:
    explicit ManualClock(EpochMs start) : now_(start) {}
    EpochMs now_ms() const override { return now_.load(); }
    void set(EpochMs t) { now_.store(t); }
    void advance_ms(int64_t d) { now_.fetch_add(d); }

  private:
    std::atomic<EpochMs> now_;
};

}  // namespace propdesk
