#include "platform/auth/cleanup_job.hpp"

#include <algorithm>

#include "platform/auth/store.hpp"

namespace propdesk::auth {

jobs::Job session_cleanup_job(SessionPolicy policy) {
    jobs::Job job;
    job.name = "session_cleanup";
    job.interval_ms = 10 * 60'000;
    job.run = [policy](db::Db& db, EpochMs now) {
        int64_t forget = std::max(account_policy().forget_after_ms, address_policy().forget_after_ms);
        db.write([&](db::Conn& c) {
            store::delete_expired_sessions(c, now - policy.idle_timeout_ms, now);
            c.exec("DELETE FROM login_failures WHERE last_failure_at < $1", now - forget);
        });
    };
    return job;
}

}  // namespace propdesk::auth
