// The one-second session cache in front of the sessions table (reads only; writes clear it).
#include "platform/auth/session_cache.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace propdesk::auth {
namespace {

SessionCache::Entry entry(int64_t session_id, const std::string& login) {
    SessionCache::Entry e;
    e.session.session_id = session_id;
    e.session.user_id = session_id * 10;
    e.session.last_seen_at = 1000;
    e.user.kind = Principal::Kind::user;
    e.user.login = login;
    return e;
}

TEST(SessionCache, GivesBackWhatWasPutUntilItsTimeIsUp) {
    SessionCache cache(std::chrono::milliseconds(50));
    cache.put("h1", entry(1, "frontdesk"));
    auto hit = cache.get("h1");
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->session.session_id, 1);
    EXPECT_EQ(hit->user.login, "frontdesk");
    EXPECT_FALSE(cache.get("other"));
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    EXPECT_FALSE(cache.get("h1"));  // older than the ttl: looked up again
}

TEST(SessionCache, ClearAndEraseForgetSessions) {
    SessionCache cache;
    cache.put("a", entry(1, "a"));
    cache.put("b", entry(2, "b"));
    cache.erase("a");
    EXPECT_FALSE(cache.get("a"));
    EXPECT_TRUE(cache.get("b"));
    cache.clear();
    EXPECT_FALSE(cache.get("b"));
}

TEST(SessionCache, TouchedUpdatesLastSeenSoTheSessionIsNotTouchedAgain) {
    SessionCache cache;
    cache.put("a", entry(1, "a"));
    cache.touched("a", 5000);
    EXPECT_EQ(cache.get("a")->session.last_seen_at, 5000);
    cache.touched("missing", 7000);  // no entry: nothing to update, nothing added
    EXPECT_FALSE(cache.get("missing"));
}

TEST(SessionCache, StaysWithinItsCapacity) {
    SessionCache cache(std::chrono::milliseconds(1000), 3);
    for (int i = 0; i < 3; ++i) cache.put("k" + std::to_string(i), entry(i + 1, "u"));
    EXPECT_TRUE(cache.get("k0"));
    cache.put("k3", entry(4, "u"));  // full: starts afresh with the new one
    EXPECT_FALSE(cache.get("k0"));
    EXPECT_TRUE(cache.get("k3"));
}

}  // namespace
}  // namespace propdesk::auth
