// Sessions looked up in the last second, so a page of reads costs one session lookup rather
// than one per request. Sessions stay in the database: a sign-out on another server is seen here
// within kSessionCacheTtl. Writes never use the cache and empty it (see authenticate.cpp).
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "platform/auth/principal.hpp"
#include "platform/auth/store.hpp"

namespace propdesk::auth {

inline constexpr std::chrono::milliseconds kSessionCacheTtl{1000};

class SessionCache {
  public:
    struct Entry {
        store::SessionRow session;
        Principal user;
    };
    explicit SessionCache(std::chrono::milliseconds ttl = kSessionCacheTtl, size_t capacity = 4096)
        : ttl_(ttl), capacity_(capacity) {}

    std::optional<Entry> get(const std::string& token_hash);
    void put(const std::string& token_hash, Entry e);
    // The session's last_seen_at was written: keep the copy in step so it is not written again.
    void touched(const std::string& token_hash, EpochMs now);
    void erase(const std::string& token_hash);
    void clear();

  private:
    using Clock = std::chrono::steady_clock;  // age of a copy, not a business time
    struct Slot {
        Entry entry;
        Clock::time_point loaded;
    };
    std::chrono::milliseconds ttl_;
    size_t capacity_;
    std::mutex mu_;
    std::unordered_map<std::string, Slot> slots_;
};

}  // namespace propdesk::auth
