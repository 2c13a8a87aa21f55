// What every module's routes are built with.
#pragma once

#include "platform/auth/rules.hpp"
#include "platform/db/db.hpp"
#include "platform/time/clock.hpp"

namespace propdesk {

struct Context {
    db::Db& db;
    const Clock& clock;
    auth::SessionPolicy sessions{};
    bool secure_cookies = false;  // behind TLS: add Secure to the session cookie
};

}  // namespace propdesk
