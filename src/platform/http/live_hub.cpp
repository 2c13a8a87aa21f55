#include "platform/http/live_hub.hpp"

#include <algorithm>

#include <vector>

namespace propdesk::http {

int64_t LiveHub::subscribe(int64_t user_id, Sink sink) {
    std::lock_guard lock(mu_);
    int64_t id = next_++;
    subscribers_.emplace(id, Subscriber{user_id, std::move(sink)});
    return id;
}

void LiveHub::unsubscribe(int64_t subscription) {
    std::lock_guard lock(mu_);
    subscribers_.erase(subscription);
}

int LiveHub::publish(int64_t user_id, const std::string& message) {
    std::vector<Sink> sinks;
    {
        std::lock_guard lock(mu_);
        for (const auto& [_, s] : subscribers_)
            if (s.user_id == user_id) sinks.push_back(s.sink);
    }
    for (auto& sink : sinks) sink(message);
    return static_cast<int>(sinks.size());
}

int LiveHub::connections() const {
    std::lock_guard lock(mu_);
    return static_cast<int>(subscribers_.size());
}

std::vector<int64_t> LiveHub::user_ids() const {
    std::lock_guard lock(mu_);
    std::vector<int64_t> out;
    for (const auto& [_, s] : subscribers_)
        if (out.empty() || out.back() != s.user_id) out.push_back(s.user_id);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace propdesk::http
