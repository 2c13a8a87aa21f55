// Camera events to the booth pages (PK-7, PK-10): reads events stored since it last looked (by
// any server on this database) and sends each to the open pages of staff who may read that
// site's car park. wake() after a commit makes it look now.
#pragma once

#include <atomic>
#include <map>
#include <set>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/http/live_hub.hpp"
#include "platform/notify/wake_loop.hpp"

namespace propdesk::parking {

class GateFeed {
  public:
    GateFeed(db::Db& db, http::LiveHub& hub);
    ~GateFeed();
    void start(std::chrono::milliseconds poll = std::chrono::seconds(1));
    void stop();
    // A new event was stored (its id, or 0 when unknown): look now.
    void wake(int64_t event_id = 0);
    int publish_now();  // one pass; returns how many messages were sent

  private:
    db::Db& db_;
    http::LiveHub& hub_;
    int64_t last_id_ = 0;
    int64_t floor_ = 0;              // ids up to here are never read again
    std::set<int64_t> sent_;         // ids sent among the last few hundred, for late-committed events
    std::atomic<int64_t> noted_{0};  // the newest event id this server stored
    notify::WakeLoop loop_;
};

}  // namespace propdesk::parking
