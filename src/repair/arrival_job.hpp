// MT-3.1 / MT-1: the 30-minute promise is watched. An immediate job nobody checked in for by its
// deadline is flagged, and the engineering head and the desk are told, once (whichever server
// runs the pass; a rebooking gives a new deadline that is watched again).
#pragma once

#include <functional>

#include "platform/jobs/runner.hpp"

namespace propdesk::repair {

// `notify_changed`: called after a pass that told someone, so open pages hear of it at once.
jobs::Job missed_arrival_job(std::function<void()> notify_changed);
// One pass, as the job runs it: returns how many jobs were flagged.
int flag_missed_arrivals(db::Db& db, EpochMs now);

}  // namespace propdesk::repair
