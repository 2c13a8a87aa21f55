// What every module's routes are built with.
#pragma once

#include <functional>

#include "platform/auth/rules.hpp"
#include "platform/db/db.hpp"
#include "platform/time/clock.hpp"

namespace propdesk {

struct Context {
    db::Db& db;
    const Clock& clock;
    auth::SessionPolicy sessions{};
    bool secure_cookies = false;  // behind TLS: add Secure to the session cookie
    // Call after committing notifications so open pages get them now rather than at the next poll.
    std::function<void()> notify_changed = [] {};
    // Call after committing a gate event (with its id), or a lane change (0), so booth pages get
    // it now (PK-7, PK-10).
    std::function<void(int64_t)> gate_changed = [](int64_t) {};
};

}  // namespace propdesk
