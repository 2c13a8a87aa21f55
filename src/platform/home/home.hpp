// A role's home page: what each module says this person must see today, as figures that link to
// the filtered list behind them. A module adds its tiles through a Source wired at start-up, so a
// new module (inspections, fees) brings its own tiles without this file knowing it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/auth/principal.hpp"
#include "platform/context.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"
#include "platform/time/clock.hpp"

namespace propdesk::home {

struct Tile {
    std::string key;    // what it counts; the web app's label is home.tile.<key>
    int64_t value = 0;  // a count, or cents when `money`
    bool money = false;
    std::string tone;           // "" | "warning" (to be done) | "danger" (late)
    std::string link;           // the list it counts, filters in the query ("/cases?overdue=true")
    std::optional<int64_t> of;  // "12 of 40": a capacity
    std::vector<std::pair<std::string, int64_t>> parts;  // a money tile's sources (cash, electronic)
};

// A count that is late work when not zero.
Tile late(std::string key, int64_t n, std::string link);
// A count that waits for this person when not zero.
Tile waiting(std::string key, int64_t n, std::string link);

struct Section {
    std::string key;  // the module: desk, repairs, parking
    std::vector<Tile> tiles;
};

// The caller's site and its day, in the site's zone.
struct Today {
    int64_t site_id = 0;
    EpochMs now = 0;
    EpochMs day_start = 0;  // local midnight
    EpochMs day_end = 0;    // the next one
    std::string date;       // YYYY-MM-DD, local
};

// A module's tiles for this person (nothing when none of their roles has a part in it).
using Source = std::function<std::optional<Section>(db::Conn&, const auth::Principal&, const Today&)>;
// The site's IANA zone, nullopt when there is no such site.
using SiteZone = std::function<std::optional<std::string>(db::Conn&, int64_t)>;

// GET /api/v1/sites/{site_id}/home: every section with a tile for the caller, in one read.
void register_routes(http::Router& router, Context& ctx, std::vector<Source> sources, SiteZone site_zone);

}  // namespace propdesk::home
