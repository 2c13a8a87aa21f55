#include "platform/auth/rules.hpp"

#include <algorithm>

#include "platform/json/json_in.hpp"

namespace propdesk::auth {

ThrottlePolicy account_policy() {
    return ThrottlePolicy{};
}

ThrottlePolicy address_policy() {
    ThrottlePolicy p;
    p.free_failures = 20;
    return p;
}

int64_t live_failures(const ThrottlePolicy& p, int64_t failures, EpochMs last_failure_at, EpochMs now) {
    return now - last_failure_at >= p.forget_after_ms ? 0 : failures;
}

std::optional<int64_t> wait_ms(const ThrottlePolicy& p, int64_t failures, EpochMs last_failure_at, EpochMs now) {
    int64_t n = live_failures(p, failures, last_failure_at, now);
    if (n < p.free_failures) return std::nullopt;
    int64_t extra = std::min<int64_t>(n - p.free_failures, 20);
    int64_t lock = std::min(p.max_lock_ms, p.base_lock_ms << extra);
    int64_t remaining = last_failure_at + lock - now;
    if (remaining <= 0) return std::nullopt;
    return remaining;
}

SessionState session_state(const SessionPolicy& p, EpochMs last_seen_at, EpochMs expires_at, EpochMs now) {
    if (now >= expires_at) return SessionState::absolute_expired;
    if (now - last_seen_at >= p.idle_timeout_ms) return SessionState::idle_expired;
    return SessionState::active;
}

bool session_needs_touch(const SessionPolicy& p, EpochMs last_seen_at, EpochMs now) {
    return now - last_seen_at >= p.touch_interval_ms;
}

std::optional<std::string> password_problem(std::string_view password, std::string_view login) {
    size_t len = json::utf8_length(password);
    if (len < 10) return "password must be at least 10 characters";
    if (len > 200) return "password must be at most 200 characters";
    auto lower = [](std::string_view v) {
        std::string out(v);
        for (auto& ch : out)
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        return out;
    };
    if (lower(password) == lower(login)) return "password must not be the login";
    return std::nullopt;
}

}  // namespace propdesk::auth
