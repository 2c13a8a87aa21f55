// The organisation's JSON shapes: what the API returns and what the audit trail records.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "org/model.hpp"

namespace propdesk::org::json {

// Times are shown in `zone`, the record's site's time zone.
boost::json::object company(const Company& v);
boost::json::object site(const Site& v);
boost::json::object area(const Area& v, const std::string& zone);
boost::json::object building(const Building& v, const std::string& zone);
boost::json::object unit(const Unit& v, const std::string& zone);
boost::json::object resident(const Resident& v, const std::string& zone);
boost::json::object department(const Department& v, const std::string& zone);
boost::json::object staff(const Staff& v);
boost::json::object device(const Device& v, const std::string& zone);

std::string text(const boost::json::object& o);

}  // namespace propdesk::org::json
