// The car park's JSON shapes (docs/parking-api.md): what the API returns and the audit trail
// records.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "parking/model.hpp"
#include "parking/store.hpp"

namespace propdesk::parking::json {

// json.cpp: stays, camera events, holds.
boost::json::object visit(const Visit& v, const std::string& zone);
boost::json::object event(const GateEvent& e, const std::string& zone);
boost::json::object lane_change(const LaneChange& ch, const std::string& zone);
boost::json::object hold(const Hold& h, const std::string& zone);
boost::json::object escalation(const Escalation& e, const std::string& zone);
boost::json::object free_request(const FreeRequest& r, const std::string& zone);
boost::json::object fee(const Fee& f);

// json_setup.cpp: set-up, files and paperwork.
boost::json::object lot(const Lot& l);
boost::json::object lane(const Lane& l);
boost::json::object camera(const Camera& c, const std::string& zone, EpochMs now);
boost::json::object tariff(const Tariff& t, const std::string& zone);
boost::json::object vehicle(const Vehicle& v);
boost::json::object card(const Card& c, const std::string& zone, EpochMs now);
boost::json::object incident(const Incident& i, const std::string& zone);
boost::json::object handover(const Handover& h, const std::string& zone);
boost::json::object post(const store::Post& p, const std::string& zone);

}  // namespace propdesk::parking::json
