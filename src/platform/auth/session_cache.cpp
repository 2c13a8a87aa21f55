#include "platform/auth/session_cache.hpp"

namespace propdesk::auth {

std::optional<SessionCache::Entry> SessionCache::get(const std::string& token_hash) {
    std::lock_guard lock(mu_);
    auto it = slots_.find(token_hash);
    if (it == slots_.end()) return std::nullopt;
    if (Clock::now() - it->second.loaded >= ttl_) {
        slots_.erase(it);
        return std::nullopt;
    }
    return it->second.entry;
}

void SessionCache::put(const std::string& token_hash, Entry e) {
    std::lock_guard lock(mu_);
    if (slots_.size() >= capacity_) slots_.clear();  // bounded: a burst of sign-ins starts afresh
    slots_.insert_or_assign(token_hash, Slot{std::move(e), Clock::now()});
}

void SessionCache::touched(const std::string& token_hash, EpochMs now) {
    std::lock_guard lock(mu_);
    if (auto it = slots_.find(token_hash); it != slots_.end()) it->second.entry.session.last_seen_at = now;
}

void SessionCache::erase(const std::string& token_hash) {
    std::lock_guard lock(mu_);
    slots_.erase(token_hash);
}

void SessionCache::clear() {
    std::lock_guard lock(mu_);
    slots_.clear();
}

}  // namespace propdesk::auth
