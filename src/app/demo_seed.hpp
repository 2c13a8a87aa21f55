// The demo site a new install starts with: areas of every kind, 3 buildings, ~300 units and
// residents, and one staff account per role (password propdesk-demo).
#pragma once

#include "platform/db/db.hpp"
#include "platform/time/clock.hpp"

namespace propdesk::app {

inline constexpr const char* kDemoPassword = "propdesk-demo";

// Seeds only into a database with no site yet; returns whether it seeded.
bool seed_demo_if_empty(db::Db& db, const Clock& clock);
// The demo site's price list and `count` past repair jobs over the last 30 days.
void seed_demo_repairs(db::Conn& c, int64_t count, EpochMs now);
// The car park: one lot, an entry and an exit lane with their cameras, a tariff, cards (PK-*).
void seed_demo_parking(db::Conn& c, EpochMs now);

}  // namespace propdesk::app
