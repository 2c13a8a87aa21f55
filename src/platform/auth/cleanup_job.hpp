// Deletes ended sessions and forgotten login failures, so those tables stay small.
#pragma once

#include "platform/auth/rules.hpp"
#include "platform/jobs/runner.hpp"

namespace propdesk::auth {

jobs::Job session_cleanup_job(SessionPolicy policy);

}  // namespace propdesk::auth
