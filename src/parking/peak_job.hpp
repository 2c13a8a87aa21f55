// PK-10: at peak hours the team lead deploys enough staff. Every minute, a lane whose passes in
// the last hour reached its lot's threshold with fewer people on post than the lot asks for
// alerts the site's team leads, once per lane and hour.
#pragma once

#include <functional>

#include "platform/jobs/runner.hpp"

namespace propdesk::parking {

// notify_changed: the alerts go out live at once, not at the next poll.
jobs::Job peak_job(std::function<void()> notify_changed);
// One pass, as the job runs it: returns how many lanes were reported understaffed.
int check_peak_staffing(db::Db& db, EpochMs now);

}  // namespace propdesk::parking
