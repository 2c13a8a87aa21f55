// The repair module's JSON shapes (docs/repairs-api.md): what the API returns and the audit
// trail records. write_repair is the one definition of a job's shape.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "platform/json/writer.hpp"
#include "repair/model.hpp"

namespace propdesk::repair::json {

void write_repair(propdesk::json::Writer& w, const Repair& r, const std::string& zone, EpochMs now);
std::string repair_text(const Repair& r, const std::string& zone, EpochMs now);
boost::json::object repair_record(const Repair& r, const std::string& zone, EpochMs now);
boost::json::object event(const Event& e, const std::string& zone);
boost::json::object arrival(const Arrival& a, const std::string& zone);
boost::json::object material(const Material& m, const std::string& zone);
boost::json::object charge(const ChargeLine& l);
boost::json::object price_item(const PriceItem& p, const std::string& zone);
boost::json::object work_order(const WorkOrder& w, const std::string& zone);
boost::json::object policy(const Policy& p, const std::string& zone);

}  // namespace propdesk::repair::json
