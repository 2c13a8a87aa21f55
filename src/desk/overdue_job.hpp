// FD-B, FD-D: flags open cases past their deadline, tells the desk and the department, and
// escalates complaints to the customer-department manager, the butler and the site manager.
// FD-C: flags return visits still waiting past their due time and tells the desk and the butler.
// Each is flagged once, whichever server runs the pass.
#pragma once

#include <functional>

#include "platform/jobs/runner.hpp"

namespace propdesk::desk {

// `notify_changed`: called after a pass that told someone, so open pages hear of it at once.
jobs::Job overdue_job(std::function<void()> notify_changed);
// One pass, as the job runs it: returns how many cases (visits) were flagged.
int flag_overdue(db::Db& db, EpochMs now);
int flag_overdue_visits(db::Db& db, EpochMs now);

}  // namespace propdesk::desk
