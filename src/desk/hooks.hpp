// What other modules learn from the desk. A repair job's case gets its return visit at the desk
// (the same list and mechanism as every case); the repair module decides what the answer means
// for the job. The application wires it at start-up (app/routes.cpp), in plain sight: there is
// no global to set.
#pragma once

#include <functional>
#include <string>

#include "desk/model.hpp"
#include "platform/db/db.hpp"
#include "platform/http/message.hpp"

namespace propdesk::desk {

struct Hooks {
    // Called in the visit's transaction once a visit is answered satisfied or not_satisfied (by
    // the desk, or by the butler for a visit escalated to them).
    std::function<void(db::Conn& c,
                       const http::Request& req,
                       const Case& after,
                       const std::string& outcome,
                       const std::string& note,
                       EpochMs now)>
        return_visit_answered;
};

}  // namespace propdesk::desk
