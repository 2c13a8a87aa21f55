// The organisation: company → sites → areas → buildings → units, the residents of the units,
// the site's departments. Plain types; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/time/clock.hpp"

namespace propdesk::org {

struct Stamp {
    int64_t version = 1;
    EpochMs created_at = 0;
    EpochMs updated_at = 0;
};

struct Company {
    int64_t id = 0;
    std::string name;
    Stamp stamp;
};

struct Site {
    int64_t id = 0;
    int64_t company_id = 0;
    std::string code;
    std::string name;
    std::string time_zone;  // IANA, e.g. Asia/Hong_Kong; "a day" is this zone's calendar
    std::string currency;   // ISO 4217, e.g. HKD; amounts are its minor units
    Stamp stamp;
};

// The kinds of area the manual's patrols and inspections cover (FD-E, FD-J).
inline constexpr const char* kAreaKinds[] = {"building", "district", "sales_centre", "clubhouse", "car_park"};

struct Area {
    int64_t id = 0;
    int64_t site_id = 0;
    std::string kind;
    std::string name;
    Stamp stamp;
};

struct Building {
    int64_t id = 0;
    int64_t site_id = 0;
    int64_t area_id = 0;
    std::string name;
    int64_t floors = 0;
    Stamp stamp;
};

struct Unit {
    int64_t id = 0;
    int64_t site_id = 0;
    int64_t building_id = 0;
    std::string building_name;  // read with the unit, for display
    std::string number;
    int64_t floor = 0;
    int64_t floor_area_cm2 = 0;  // m² × 10 000; management fees are charged by floor area
    Stamp stamp;
};

inline constexpr const char* kRelations[] = {"owner", "tenant", "occupant"};

struct UnitLink {
    int64_t unit_id = 0;
    std::string building_name;
    std::string unit_number;
    std::string relation;
};

struct Resident {
    int64_t id = 0;
    int64_t site_id = 0;
    std::string name;
    std::vector<std::string> phones;  // digits, optional leading +
    std::string email;
    std::string notes;
    std::vector<UnitLink> units;
    Stamp stamp;
};

struct ResidentOfUnit {
    int64_t resident_id = 0;
    std::string name;
    std::vector<std::string> phones;
    std::string relation;
};

inline constexpr const char* kDepartmentKinds[] = {"customer_service", "engineering", "security", "cleaning",
                                                   "greening",         "finance",     "admin",    "other"};

struct Department {
    int64_t id = 0;
    int64_t site_id = 0;
    std::string kind;
    std::string name;
    Stamp stamp;
};

struct StaffRole {
    int64_t site_id = 0;
    std::string role;
    std::optional<int64_t> department_id;
};

struct Staff {
    int64_t id = 0;
    std::string login;
    std::string name;
    std::string phone;
    std::string language;
    bool system_admin = false;
    bool active = true;
    std::vector<StaffRole> roles;
    Stamp stamp;
};

struct Device {
    int64_t id = 0;
    int64_t site_id = 0;
    std::string name;
    std::string kind;
    bool active = true;
    std::optional<EpochMs> last_seen_at;
    Stamp stamp;
};

}  // namespace propdesk::org
