#include "parking/lane_context.hpp"

#include <atomic>
#include <chrono>

#include "parking/api_common.hpp"
#include "parking/store.hpp"

namespace propdesk::parking {
namespace {

using Steady = std::chrono::steady_clock;
constexpr auto kFresh = std::chrono::seconds(5);

std::atomic<uint64_t> g_generation{1};

}  // namespace

void gate_setup_changed() {
    g_generation.fetch_add(1);
}

std::optional<LaneContext> LaneCache::get(db::Db& db, const std::string& token_hash) {
    auto now = Steady::now();
    uint64_t generation = g_generation.load();
    {
        std::lock_guard lock(mu_);
        auto it = entries_.find(token_hash);
        if (it != entries_.end() && it->second.generation == generation && now - it->second.read_at < kFresh)
            return it->second.context;
    }
    auto context = db.read_value([&](db::Conn& c) -> std::optional<LaneContext> {
        auto cam = store::camera_by_token_hash(c, token_hash);
        if (!cam) return std::nullopt;
        auto lane = store::get_lane(c, cam->lane_id);
        return LaneContext{*cam, *lane, detail::zone_of(c, cam->site_id), store::tariffs_of_lot(c, lane->lot_id)};
    });
    std::lock_guard lock(mu_);
    // Unknown tokens are cached too, so a misconfigured camera costs no reads; bounded so a
    // stream of random tokens cannot grow the map.
    if (entries_.size() > 10'000) entries_.clear();
    entries_[token_hash] = Entry{context, now, generation};
    return context;
}

}  // namespace propdesk::parking
