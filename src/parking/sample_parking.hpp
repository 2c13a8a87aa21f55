// The demo site's car park: one underground lot with an entry and an exit lane and their
// cameras, a tariff, a valid and an expired monthly card with their vehicle files.
#pragma once

#include <cstdint>
#include <string>

#include "platform/db/db.hpp"
#include "platform/time/clock.hpp"

namespace propdesk::parking {

// In the caller's transaction; does nothing when the site already has a car park. The cameras'
// URL tokens are demo-entry-token and demo-exit-token (/gate/vz/<token>/plate).
void seed_demo_parking(db::Conn& c, int64_t site_id, const std::string& zone, EpochMs now, int64_t admin_user_id);

}  // namespace propdesk::parking
