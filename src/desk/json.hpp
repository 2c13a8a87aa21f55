// The desk's JSON shapes: what the API returns and what the audit trail records.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "desk/model.hpp"
#include "desk/rules.hpp"
#include "platform/json/writer.hpp"

namespace propdesk::desk::json {

// "C000042": the number printed on the case record.
std::string case_number(int64_t id);
// Times in `zone`, the site's. `now` decides whether the case shows as overdue. write_case is
// the one definition of a case's shape (lists write it straight out); case_record parses it.
// `actions`, when given: the steps the reader may take, as a list row carries them.
void write_case(propdesk::json::Writer& w,
                const Case& v,
                const std::string& zone,
                EpochMs now,
                const std::vector<rules::Action>* actions = nullptr);
// The same as JSON text, without building an object (the audit entry of every step).
std::string case_text(const Case& v, const std::string& zone, EpochMs now);
boost::json::object case_record(const Case& v, const std::string& zone, EpochMs now);
boost::json::object event(const CaseEvent& e, const std::string& zone);
// `now` decides whether the visit shows as overdue (FD-C).
boost::json::object return_visit(const ReturnVisit& v, const std::string& zone, EpochMs now);
// FD-C: the rounds a return visit turned down (rules::previous_rounds).
boost::json::object past_round(const PastRound& r, const std::string& zone);
boost::json::object policy(const Policy& p, const std::string& zone);
std::string text(const boost::json::object& o);

}  // namespace propdesk::desk::json
