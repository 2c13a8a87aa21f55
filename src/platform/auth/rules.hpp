// Sign-in rules as pure functions: throttling after failed logins, session timeouts, passwords.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/time/clock.hpp"

namespace propdesk::auth {

struct ThrottlePolicy {
    int64_t free_failures = 5;              // failures allowed before any wait
    int64_t base_lock_ms = 30'000;          // first wait; doubles with each further failure
    int64_t max_lock_ms = 15 * 60'000;      // longest wait
    int64_t forget_after_ms = 15 * 60'000;  // a quiet spell this long clears the count
};

// An account is guessed from many places; an address may be a whole office behind one NAT.
ThrottlePolicy account_policy();
ThrottlePolicy address_policy();

// Failures still counted at `now` (0 once the quiet spell has passed).
int64_t live_failures(const ThrottlePolicy& p, int64_t failures, EpochMs last_failure_at, EpochMs now);
// How long the caller must still wait before another attempt; nullopt when it may try now.
std::optional<int64_t> wait_ms(const ThrottlePolicy& p, int64_t failures, EpochMs last_failure_at, EpochMs now);

struct SessionPolicy {
    int64_t idle_timeout_ms = 2 * 3600'000;       // no request for this long ends the session
    int64_t absolute_timeout_ms = 12 * 3600'000;  // a shift; then sign in again
    int64_t touch_interval_ms = 60'000;           // last_seen is written at most this often
};

enum class SessionState { active, idle_expired, absolute_expired };
SessionState session_state(const SessionPolicy& p, EpochMs last_seen_at, EpochMs expires_at, EpochMs now);
bool session_needs_touch(const SessionPolicy& p, EpochMs last_seen_at, EpochMs now);

// Why a new password is refused, or nullopt when it is acceptable.
std::optional<std::string> password_problem(std::string_view password, std::string_view login);

}  // namespace propdesk::auth
