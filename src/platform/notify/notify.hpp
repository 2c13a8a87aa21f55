// In-app notifications: rows a module writes in its own transaction, read through the bell,
// and pushed live to the user's open pages by the Dispatcher.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/http/live_hub.hpp"
#include "platform/notify/wake_loop.hpp"
#include "platform/time/clock.hpp"

namespace propdesk::notify {

struct NewNotification {
    int64_t user_id = 0;
    std::optional<int64_t> site_id;
    std::string kind;  // "test", "case_dispatched", …
    std::string title;
    std::string body;
    std::string link;  // an app path such as /cases/42
};

struct Notification {
    int64_t id = 0;
    int64_t user_id = 0;
    std::optional<int64_t> site_id;
    std::string kind, title, body, link;
    EpochMs created_at = 0;
    std::optional<EpochMs> read_at;
    std::string zone = "UTC";  // the site's, for showing created_at
};

int64_t create(db::Conn& c, const NewNotification& n, EpochMs now);
// Newest first, before the cursor id (0: from the newest).
std::vector<Notification> list_for_user(db::Conn& c, int64_t user_id, int64_t before_id, int limit);
int64_t unread_count(db::Conn& c, int64_t user_id);
bool mark_read(db::Conn& c, int64_t user_id, int64_t id, EpochMs now);
void mark_all_read(db::Conn& c, int64_t user_id, EpochMs now);
std::vector<Notification> created_after(db::Conn& c, int64_t after_id, int limit);
int64_t newest_id(db::Conn& c);

std::string to_json(const Notification& n);   // the notification object
std::string to_event(const Notification& n);  // {"type":"notification","notification":{…}}

// Reads notifications created since it last looked (by any server on this database) and
// publishes each to its user's open connections here. wake() makes it look now.
class Dispatcher {
  public:
    Dispatcher(db::Db& db, http::LiveHub& hub);
    ~Dispatcher();
    void start(std::chrono::milliseconds poll = std::chrono::seconds(1));
    void stop();
    void wake();
    int dispatch_now();  // one pass; returns how many were published

  private:
    db::Db& db_;
    http::LiveHub& hub_;
    int64_t last_id_ = 0;
    WakeLoop loop_;
};

}  // namespace propdesk::notify
