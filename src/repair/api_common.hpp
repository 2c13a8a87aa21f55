// What the repair module's handlers share: reading a job or order in the caller's site, who
// may act on it, the audit entry, notifications, and keeping the job's desk case in step.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "desk/model.hpp"
#include "org/site.hpp"
#include "platform/auth/principal.hpp"
#include "platform/context.hpp"
#include "platform/db/db.hpp"
#include "platform/error.hpp"
#include "platform/http/message.hpp"
#include "platform/json/json_in.hpp"
#include "repair/model.hpp"
#include "repair/rules.hpp"

namespace propdesk::repair::detail {

// The site in the path and its zone are org's (org/site.hpp).
using org::site_in_path;
using org::zone_of;

// Whether the caller may read the job: repairs_read in its site, or it is their own job.
bool may_read(const Repair& r, const auth::Principal& who);
// The job named by {id}: 404 when missing or of another site, 403 when the caller may not read it.
Repair repair_in_path(db::Conn& c, const http::Request& req);
// By role and person, ignoring the lifecycle: a technician acts only on their own job.
bool may(const Repair& r, rules::Action a, const auth::Principal& who);
std::vector<rules::Action> allowed_actions(const Repair& r, const auth::Principal& who);

// MT-3.1: {mode, slot?}: an immediate job is due 30 minutes from the call (called_at: the desk
// case's recorded time, or now for a rebooking); an appointment at its booked slot, read in the
// site's zone (422 naming slot.date / slot.start / slot.end). A new deadline clears a missed one.
void schedule(Repair& r, const propdesk::json::JsonIn& in, const std::string& zone, EpochMs now, EpochMs called_at);

void audit_repair(db::Conn& c,
                  const http::Request& req,
                  EpochMs now,
                  const Repair& after,
                  const char* action,
                  const std::optional<Repair>& before,
                  const std::string& zone);

// Tells each user (never the actor) and notes on the job's timeline who was told.
struct Alert {
    std::string kind;  // repair_assigned, repair_no_one_home, repair_reopened, …
    std::string title;
    std::string body;
};
void alert(db::Conn& c,
           const Repair& about,
           const Alert& a,
           const std::vector<int64_t>& users,
           std::optional<int64_t> actor_id,
           EpochMs now);
std::vector<int64_t> desk_staff(db::Conn& c, int64_t site_id);
std::vector<int64_t> engineering_heads(db::Conn& c, int64_t site_id);

// The job's desk case follows its steps: dispatched to engineering on registration, in
// progress at the first check-in, completed (then visited or archived) on completion, replied
// with the explanation on close. Writes the case's timeline and audit.
void case_follows(
    db::Conn& c, const http::Request& req, const Repair& r, const char* step, EpochMs now, const std::string& zone);

}  // namespace propdesk::repair::detail
