// What a camera push needs that changes only with the set-up: the camera, its lane, the site's
// zone and the lot's tariffs. Kept in memory per token hash so the gate path does not read them
// inside the single writer's transaction. A set-up change on this server clears the cache at
// once; entries older than a few seconds are read again, so changes made through another server
// arrive too.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "parking/model.hpp"
#include "platform/db/db.hpp"

namespace propdesk::parking {

struct LaneContext {
    Camera camera;
    Lane lane;
    std::string zone;
    std::vector<Tariff> tariffs;  // every version of the lane's lot
};

// One per server (its routes hold it), so two servers in one process never share entries.
class LaneCache {
  public:
    // nullopt: no camera has this token.
    std::optional<LaneContext> get(db::Db& db, const std::string& token_hash);

  private:
    struct Entry {
        std::optional<LaneContext> context;
        std::chrono::steady_clock::time_point read_at;
        uint64_t generation = 0;
    };
    std::mutex mu_;
    std::unordered_map<std::string, Entry> entries_;
};

// Call after committing a change to lots, lanes, cameras or tariffs: every cache reads again.
void gate_setup_changed();

}  // namespace propdesk::parking
