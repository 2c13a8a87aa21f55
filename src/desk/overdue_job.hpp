// FD-B, FD-D: flags open cases past their deadline, tells the desk and the department, and
// escalates complaints to the customer-department manager, the butler and the site manager.
#pragma once

#include "platform/jobs/runner.hpp"

namespace propdesk::desk {

jobs::Job overdue_job();
// One pass, as the job runs it: returns how many cases were flagged.
int flag_overdue(db::Db& db, EpochMs now);

}  // namespace propdesk::desk
