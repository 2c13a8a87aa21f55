// Camera events and what became of the cars waiting at a lane, to the booth pages (PK-7, PK-10,
// issue 13): reads what was stored since it last looked (by any server on this database) and
// sends each to the open pages of staff who may read that site's car park. wake() after a commit
// makes it look now.
#pragma once

#include <atomic>
#include <chrono>
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
    // A new event was stored (its id, or 0 when unknown — as after a lane change, which makes an
    // idle feed read the newest lane change): look now.
    void wake(int64_t event_id = 0);
    int publish_now();  // one pass; returns how many messages were sent

    // Where one table was read up to. PostgreSQL hands out ids before commit, so a lower id can
    // become visible after a higher one: the last few hundred ids are read again and those
    // already sent skipped.
    struct Cursor {
        int64_t last_id = 0;
        int64_t floor = 0;       // ids up to here are never read again
        std::set<int64_t> sent;  // ids sent among the last few hundred, for late-committed rows
    };

  private:
    template <class Row, class Read, class Message>
    int publish_rows(Cursor& cur, const std::vector<int64_t>& online, Read read, Message message);

    db::Db& db_;
    http::LiveHub& hub_;
    Cursor events_;                                          // gate_events
    Cursor changes_;                                         // parking_lane_changes
    std::atomic<int64_t> noted_{0};                          // the newest event id this server stored
    std::atomic<bool> changes_noted_{false};                 // a step stored a lane change
    std::chrono::steady_clock::time_point changes_checked_;  // the newest lane change last read
    notify::WakeLoop loop_;
};

}  // namespace propdesk::parking
