#include "parking/feed.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "org/store.hpp"
#include "parking/api_common.hpp"
#include "parking/json.hpp"
#include "parking/store.hpp"

namespace propdesk::parking {

GateFeed::GateFeed(db::Db& db, http::LiveHub& hub) : db_(db), hub_(hub) {
    db_.read([&](db::Conn& c) {
        events_.last_id = events_.floor = store::newest_event_id(c);
        changes_.last_id = changes_.floor = store::newest_lane_change_id(c);
    });
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
    if (event_id == 0) changes_noted_ = true;
    int64_t seen = noted_.load();
    while (event_id > seen && !noted_.compare_exchange_weak(seen, event_id)) {
    }
    loop_.wake();
}

namespace {
constexpr int64_t kLookBack = 200;
constexpr int kBatch = 500;

std::optional<int64_t> site_of(const GateEvent& e) {
    return e.site_id;
}
std::optional<int64_t> site_of(const LaneChange& ch) {
    return ch.site_id;
}
}  // namespace

template <class Row, class Read, class Message>
int GateFeed::publish_rows(Cursor& cur, const std::vector<int64_t>& online, Read read, Message message) {
    int sent = 0;
    for (;;) {
        std::vector<Row> batch;
        std::map<int64_t, std::vector<int64_t>> readers;  // site → connected staff who may read it
        std::map<int64_t, std::string> zones;
        db_.read([&](db::Conn& c) {
            batch = read(c, std::max(cur.floor, cur.last_id - kLookBack), static_cast<int>(kLookBack) + kBatch);
            std::erase_if(batch, [&](const Row& r) { return r.id <= cur.last_id && cur.sent.count(r.id); });
            for (const auto& r : batch) {
                auto site = site_of(r);
                if (!site || readers.count(*site)) continue;
                auto staff = org::store::users_with_roles(
                    c, *site, {"parking_attendant", "security_lead", "site_manager", "finance"});
                std::vector<int64_t> here;
                for (int64_t u : staff)
                    if (std::binary_search(online.begin(), online.end(), u)) here.push_back(u);
                readers[*site] = std::move(here);
                zones[*site] = detail::zone_of(c, *site);
            }
        });
        size_t fresh = 0;
        for (const auto& r : batch) {
            if (r.id > cur.last_id) ++fresh;
            cur.last_id = std::max(cur.last_id, r.id);
            cur.sent.insert(r.id);
            auto site = site_of(r);
            if (!site) continue;
            const auto& users = readers[*site];
            if (users.empty()) continue;
            std::string text = boost::json::serialize(message(r, *site, zones[*site]));
            for (int64_t u : users) sent += hub_.publish(u, text);
        }
        while (!cur.sent.empty() && *cur.sent.begin() < cur.last_id - kLookBack) cur.sent.erase(cur.sent.begin());
        if (fresh < static_cast<size_t>(kBatch)) return sent;
    }
}

int GateFeed::publish_now() {
    auto online = hub_.user_ids();
    if (online.empty()) {
        // Nobody is watching: skip what this server stored without reading it, however many
        // pushes wake us. Other servers' events are read when a page connects.
        events_.last_id = std::max(events_.last_id, noted_.load());
        events_.floor = events_.last_id;  // nothing before this is sent when a page connects
        // Lane changes come from staff steps, not cameras: their newest id is read after a step
        // and at most once a second otherwise, so a page that connects hears only what follows.
        auto now = std::chrono::steady_clock::now();
        if (changes_noted_.exchange(false) || now - changes_checked_ >= std::chrono::seconds(1)) {
            int64_t newest = db_.read_value([](db::Conn& c) { return store::newest_lane_change_id(c); });
            changes_.last_id = changes_.floor = std::max(changes_.last_id, newest);
            changes_checked_ = now;
        }
        return 0;
    }
    int sent = publish_rows<GateEvent>(
        events_, online, [](db::Conn& c, int64_t after, int limit) { return store::events_after(c, after, limit); },
        [](const GateEvent& e, int64_t site, const std::string& zone) {
            return boost::json::object{{"type", "gate_event"}, {"site_id", site}, {"event", json::event(e, zone)}};
        });
    sent += publish_rows<LaneChange>(
        changes_, online,
        [](db::Conn& c, int64_t after, int limit) { return store::lane_changes_after(c, after, limit); },
        [](const LaneChange& ch, int64_t site, const std::string& zone) {
            return boost::json::object{
                {"type", "lane_change"}, {"site_id", site}, {"change", json::lane_change(ch, zone)}};
        });
    return sent;
}

}  // namespace propdesk::parking
