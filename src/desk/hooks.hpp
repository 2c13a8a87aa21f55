// What other modules learn from the desk. A repair job's case gets its return visit at the desk
// (the same list and mechanism as every case); the repair module decides what the answer
// means for the job. Set once at start-up, before the server takes requests.
#pragma once

#include <functional>
#include <string>

#include "desk/model.hpp"
#include "platform/db/db.hpp"
#include "platform/http/message.hpp"

namespace propdesk::desk::hooks {

// Called in the visit's transaction once a visit is answered satisfied or not_satisfied.
using ReturnVisitAnswered = std::function<void(db::Conn& c,
                                               const http::Request& req,
                                               const Case& after,
                                               const std::string& outcome,
                                               const std::string& note,
                                               EpochMs now)>;
void on_return_visit_answered(ReturnVisitAnswered f);
void return_visit_answered(db::Conn& c,
                           const http::Request& req,
                           const Case& after,
                           const std::string& outcome,
                           const std::string& note,
                           EpochMs now);

}  // namespace propdesk::desk::hooks
