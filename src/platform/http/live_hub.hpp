// Open live-event connections by user: a message published for a user reaches every page that
// user has open on this server. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace propdesk::http {

class LiveHub {
  public:
    // Called from any thread; must hand the message to its connection without blocking.
    using Sink = std::function<void(const std::string& message)>;

    int64_t subscribe(int64_t user_id, Sink sink);
    void unsubscribe(int64_t subscription);
    // Returns how many connections it reached.
    int publish(int64_t user_id, const std::string& message);
    int connections() const;
    // The users with at least one open connection, each once.
    std::vector<int64_t> user_ids() const;

  private:
    struct Subscriber {
        int64_t user_id;
        Sink sink;
    };
    mutable std::mutex mu_;
    std::map<int64_t, Subscriber> subscribers_;
    int64_t next_ = 1;
};

}  // namespace propdesk::http
