#include "org/json.hpp"

#include <boost/json.hpp>

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
bj::array strings(const std::vector<std::string>& v) {
    bj::array a;
    for (const auto& s : v) a.push_back(bj::string(s));
    return a;
}
}  // namespace

bj::object company(const Company& v) {
    bj::object o{{"id", v.id}, {"name", v.name}};
    stamp(o, v.stamp, "UTC");
    return o;
}

bj::object site(const Site& v) {
    bj::object o{{"id", v.id},     {"company_id", v.company_id}, {"code", v.code},
                 {"name", v.name}, {"time_zone", v.time_zone},   {"currency", v.currency}};
    stamp(o, v.stamp, v.time_zone);
    return o;
}

bj::object area(const Area& v, const std::string& zone) {
    bj::object o{{"id", v.id}, {"site_id", v.site_id}, {"kind", v.kind}, {"name", v.name}};
    stamp(o, v.stamp, zone);
    return o;
}

bj::object building(const Building& v, const std::string& zone) {
    bj::object o{{"id", v.id}, {"site_id", v.site_id}, {"area_id", v.area_id}, {"name", v.name}, {"floors", v.floors}};
    stamp(o, v.stamp, zone);
    return o;
}

bj::object unit(const Unit& v, const std::string& zone) {
    bj::object o{{"id", v.id},
                 {"site_id", v.site_id},
                 {"building_id", v.building_id},
                 {"building_name", v.building_name},
                 {"number", v.number},
                 {"floor", v.floor},
                 {"floor_area_m2", rules::floor_area_m2(v.floor_area_cm2)}};
    stamp(o, v.stamp, zone);
    return o;
}

bj::object resident(const Resident& v, const std::string& zone) {
    bj::array units;
    units.reserve(v.units.size());
    for (const auto& u : v.units) {
        bj::object uo;
        uo.reserve(4);
        uo.emplace("unit_id", u.unit_id);
        uo.emplace("building_name", u.building_name);
        uo.emplace("unit_number", u.unit_number);
        uo.emplace("relation", u.relation);
        units.emplace_back(std::move(uo));
    }
    bj::object o;
    o.reserve(10);
    o.emplace("id", v.id);
    o.emplace("site_id", v.site_id);
    o.emplace("name", v.name);
    o.emplace("phones", strings(v.phones));
    o.emplace("email", v.email);
    o.emplace("notes", v.notes);
    o.emplace("units", std::move(units));
    stamp(o, v.stamp, zone);
    return o;
}

bj::object department(const Department& v, const std::string& zone) {
    bj::object o{{"id", v.id}, {"site_id", v.site_id}, {"kind", v.kind}, {"name", v.name}};
    stamp(o, v.stamp, zone);
    return o;
}

bj::object staff(const Staff& v) {
    bj::array roles;
    for (const auto& r : v.roles) {
        bj::object ro{{"site_id", r.site_id}, {"role", r.role}};
        ro["department_id"] = r.department_id ? bj::value(*r.department_id) : bj::value(nullptr);
        roles.push_back(std::move(ro));
    }
    bj::object o{{"id", v.id},         {"login", v.login},         {"name", v.name},
                 {"phone", v.phone},   {"language", v.language},   {"system_admin", v.system_admin},
                 {"active", v.active}, {"roles", std::move(roles)}};
    stamp(o, v.stamp, "UTC");
    return o;
}

bj::object device(const Device& v, const std::string& zone) {
    bj::object o{{"id", v.id}, {"site_id", v.site_id}, {"name", v.name}, {"kind", v.kind}, {"active", v.active}};
    o["last_seen_at"] = v.last_seen_at ? bj::value(timefmt::to_rfc3339(*v.last_seen_at, zone)) : bj::value(nullptr);
    stamp(o, v.stamp, zone);
    return o;
}

std::string text(const bj::object& o) {
    return bj::serialize(o);
}

}  // namespace propdesk::org::json
