// The organisation's JSON shapes: what the API returns and what the audit trail records.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/storage_ptr.hpp>
#include <string>

#include "org/model.hpp"
#include "platform/json/writer.hpp"

namespace propdesk::org::json {

// Times are shown in `zone`, the record's site's time zone. A list page passes its own `sp`
// (a monotonic arena) so that building its JSON does not call malloc per value.
boost::json::object company(const Company& v, boost::json::storage_ptr sp = {});
boost::json::object site(const Site& v, boost::json::storage_ptr sp = {});
boost::json::object area(const Area& v, const std::string& zone, boost::json::storage_ptr sp = {});
boost::json::object building(const Building& v, const std::string& zone, boost::json::storage_ptr sp = {});
boost::json::object unit(const Unit& v, const std::string& zone, boost::json::storage_ptr sp = {});
// The one definition of a resident's shape; resident() parses what it writes.
void write_resident(propdesk::json::Writer& w, const Resident& v, const std::string& zone);
boost::json::object resident(const Resident& v, const std::string& zone, boost::json::storage_ptr sp = {});
boost::json::object department(const Department& v, const std::string& zone, boost::json::storage_ptr sp = {});
boost::json::object staff(const Staff& v, boost::json::storage_ptr sp = {});
boost::json::object device(const Device& v, const std::string& zone, boost::json::storage_ptr sp = {});

std::string text(const boost::json::object& o);

}  // namespace propdesk::org::json
