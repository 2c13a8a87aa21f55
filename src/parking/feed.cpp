#include "parking/feed.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "org/store.hpp"
#include "parking/api_common.hpp"
#include "parking/json.hpp"
#include "parking/store.hpp"

namespace propdesk::parking {

GateFeed::GateFeed(db::Db& db, http::LiveHub& hub) : db_(db), hub_(hub) {
    last_id_ = db_.read_value([](db::Conn& c) { return store::newest_event_id(c); });
    floor_ = last_id_;
}

GateFeed::~GateFeed() {
    stop();
}

void GateFeed::start(std::chrono::milliseconds poll) {
    loop_.start(poll, [this] { publish_now(); });
}

void GateFeed::stop() {
    loop_.stop();
}

void GateFeed::wake(int64_t event_id) {
    int64_t seen = noted_.load();
    while (event_id > seen && !noted_.compare_exchange_weak(seen, event_id)) {
    }
    loop_.wake();
}

namespace {
constexpr int64_t kLookBack = 200;
}  // namespace

int GateFeed::publish_now() {
    int sent = 0;
    for (;;) {
        auto online = hub_.user_ids();
        if (online.empty()) {
            // Nobody is watching: skip what this server stored without reading it, however many
            // pushes wake us. Other servers' events are read when a page connects.
            last_id_ = std::max(last_id_, noted_.load());
            floor_ = last_id_;  // nothing before this is sent when a page connects
            return sent;
        }
        std::vector<GateEvent> batch;
        std::map<int64_t, std::vector<int64_t>> readers;  // site → connected staff who may read it
        std::map<int64_t, std::string> zones;
        db_.read([&](db::Conn& c) {
            // PostgreSQL hands out ids before commit, so a lower id can become visible after a
            // higher one: the last kLookBack ids are read again and those already sent skipped.
            batch = store::events_after(c, std::max(floor_, last_id_ - kLookBack), kLookBack + 500);
            std::erase_if(batch, [&](const GateEvent& e) { return e.id <= last_id_ && sent_.count(e.id); });
            for (const auto& e : batch) {
                if (!e.site_id || readers.count(*e.site_id)) continue;
                auto staff = org::store::users_with_roles(
                    c, *e.site_id, {"parking_attendant", "security_lead", "site_manager", "finance"});
                std::vector<int64_t> here;
                for (int64_t u : staff)
                    if (std::binary_search(online.begin(), online.end(), u)) here.push_back(u);
                readers[*e.site_id] = std::move(here);
                zones[*e.site_id] = detail::zone_of(c, *e.site_id);
            }
        });
        size_t fresh = 0;
        for (const auto& e : batch) {
            if (e.id > last_id_) ++fresh;
            last_id_ = std::max(last_id_, e.id);
            sent_.insert(e.id);
            if (!e.site_id) continue;
            const auto& users = readers[*e.site_id];
            if (users.empty()) continue;
            std::string message = boost::json::serialize(boost::json::object{
                {"type", "gate_event"}, {"site_id", *e.site_id}, {"event", json::event(e, zones[*e.site_id])}});
            for (int64_t u : users) sent += hub_.publish(u, message);
        }
        while (!sent_.empty() && *sent_.begin() < last_id_ - kLookBack) sent_.erase(sent_.begin());
        if (fresh < 500) return sent;
    }
}

}  // namespace propdesk::parking
