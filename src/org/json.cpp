#include "org/json.hpp"

#include <boost/json.hpp>
#include <boost/json/parse.hpp>

#include "org/rules.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::org::json {

namespace bj = boost::json;

namespace {
void stamp(bj::object& o, const Stamp& s, const std::string& zone) {
    o["version"] = s.version;
    o["created_at"] = timefmt::to_rfc3339(s.created_at, zone);
    o["updated_at"] = timefmt::to_rfc3339(s.updated_at, zone);
}
}  // namespace

bj::object company(const Company& v, bj::storage_ptr sp) {
    bj::object o({{"id", v.id}, {"name", v.name}}, sp);
    stamp(o, v.stamp, "UTC");
    return o;
}

bj::object site(const Site& v, bj::storage_ptr sp) {
    bj::object o({{"id", v.id},
                  {"company_id", v.company_id},
                  {"code", v.code},
                  {"name", v.name},
                  {"time_zone", v.time_zone},
                  {"currency", v.currency}},
                 sp);
    stamp(o, v.stamp, v.time_zone);
    return o;
}

bj::object area(const Area& v, const std::string& zone, bj::storage_ptr sp) {
    bj::object o({{"id", v.id}, {"site_id", v.site_id}, {"kind", v.kind}, {"name", v.name}}, sp);
    stamp(o, v.stamp, zone);
    return o;
}

bj::object building(const Building& v, const std::string& zone, bj::storage_ptr sp) {
    bj::object o({{"id", v.id}, {"site_id", v.site_id}, {"area_id", v.area_id}, {"name", v.name}, {"floors", v.floors}},
                 sp);
    stamp(o, v.stamp, zone);
    return o;
}

bj::object unit(const Unit& v, const std::string& zone, bj::storage_ptr sp) {
    bj::object o({{"id", v.id},
                  {"site_id", v.site_id},
                  {"building_id", v.building_id},
                  {"building_name", v.building_name},
                  {"number", v.number},
                  {"floor", v.floor},
                  {"floor_area_m2", rules::floor_area_m2(v.floor_area_cm2)}},
                 sp);
    stamp(o, v.stamp, zone);
    return o;
}

void write_resident(propdesk::json::Writer& w, const Resident& v, const std::string& zone) {
    w.begin_object().field("id", v.id).field("site_id", v.site_id).field("name", v.name).key("phones").begin_array();
    for (const auto& p : v.phones) w.value(p);
    w.end_array().field("email", v.email).field("notes", v.notes).key("units").begin_array();
    for (const auto& u : v.units)
        w.begin_object()
            .field("unit_id", u.unit_id)
            .field("building_name", u.building_name)
            .field("unit_number", u.unit_number)
            .field("relation", u.relation)
            .end_object();
    w.end_array()
        .field("version", v.stamp.version)
        .field("created_at", timefmt::to_rfc3339(v.stamp.created_at, zone))
        .field("updated_at", timefmt::to_rfc3339(v.stamp.updated_at, zone))
        .end_object();
}

bj::object resident(const Resident& v, const std::string& zone, bj::storage_ptr sp) {
    std::string text;
    propdesk::json::Writer w(text);
    write_resident(w, v, zone);
    return bj::parse(text, sp).as_object();
}

bj::object department(const Department& v, const std::string& zone, bj::storage_ptr sp) {
    bj::object o({{"id", v.id}, {"site_id", v.site_id}, {"kind", v.kind}, {"name", v.name}}, sp);
    stamp(o, v.stamp, zone);
    return o;
}

bj::object staff(const Staff& v, bj::storage_ptr sp) {
    bj::array roles(sp);
    for (const auto& r : v.roles) {
        bj::object ro({{"site_id", r.site_id}, {"role", r.role}}, sp);
        ro["department_id"] = r.department_id ? bj::value(*r.department_id) : bj::value(nullptr);
        roles.push_back(std::move(ro));
    }
    bj::object o({{"id", v.id},
                  {"login", v.login},
                  {"name", v.name},
                  {"phone", v.phone},
                  {"language", v.language},
                  {"system_admin", v.system_admin},
                  {"active", v.active},
                  {"roles", std::move(roles)}},
                 sp);
    stamp(o, v.stamp, "UTC");
    return o;
}

bj::object device(const Device& v, const std::string& zone, bj::storage_ptr sp) {
    bj::object o({{"id", v.id}, {"site_id", v.site_id}, {"name", v.name}, {"kind", v.kind}, {"active", v.active}}, sp);
    o["last_seen_at"] = v.last_seen_at ? bj::value(timefmt::to_rfc3339(*v.last_seen_at, zone)) : bj::value(nullptr);
    stamp(o, v.stamp, zone);
    return o;
}

std::string text(const bj::object& o) {
    return bj::serialize(o);
}

}  // namespace propdesk::org::json
