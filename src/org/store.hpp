// The organisation's SQL. Inserts return the new id; updates take the version the caller read
// and return false when the row has moved on (the API answers 412).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "org/model.hpp"
#include "platform/db/db.hpp"

namespace propdesk::org::store {

struct ListQuery {
    int64_t after_id = 0;  // id order: continue after this id
    int limit = 50;
    std::string order;  // a column to sort by (from a fixed list, never user text); "" for id order
    bool descending = false;
    int64_t offset = 0;  // sorted lists page by offset
    std::string q;       // folded
    std::optional<int64_t> site_id;
    std::optional<int64_t> parent_id;  // area for buildings, building for units, unit for residents
    std::optional<std::string> kind;
};

// The site's zone, for showing its times; "UTC" when the site is gone.
// The site's time zone, or nullopt when there is no such site.
std::optional<std::string> find_site_zone(db::Conn& c, int64_t site_id);
std::string site_zone(db::Conn& c, int64_t site_id);

std::optional<Company> get_company(db::Conn& c, int64_t id);
std::vector<Company> list_companies(db::Conn& c, const ListQuery& q);
int64_t insert_company(db::Conn& c, const Company& v, EpochMs now);
bool update_company(db::Conn& c, const Company& v, int64_t expected_version, EpochMs now);

std::optional<Site> get_site(db::Conn& c, int64_t id);
// Every site when site_ids is empty and all_sites; otherwise only those.
std::vector<Site> list_sites(db::Conn& c, const ListQuery& q, const std::vector<int64_t>& site_ids, bool all_sites);
int64_t insert_site(db::Conn& c, const Site& v, EpochMs now);
bool update_site(db::Conn& c, const Site& v, int64_t expected_version, EpochMs now);
bool any_site(db::Conn& c);

std::optional<Area> get_area(db::Conn& c, int64_t id);
std::vector<Area> list_areas(db::Conn& c, const ListQuery& q);
int64_t insert_area(db::Conn& c, const Area& v, EpochMs now);
bool update_area(db::Conn& c, const Area& v, int64_t expected_version, EpochMs now);

std::optional<Building> get_building(db::Conn& c, int64_t id);
std::optional<Building> building_by_name(db::Conn& c, int64_t site_id, const std::string& name);
std::vector<Building> list_buildings(db::Conn& c, const ListQuery& q);
int64_t insert_building(db::Conn& c, const Building& v, EpochMs now);
bool update_building(db::Conn& c, const Building& v, int64_t expected_version, EpochMs now);

std::optional<Unit> get_unit(db::Conn& c, int64_t id);
std::optional<Unit> unit_by_number(db::Conn& c, int64_t building_id, const std::string& number);
std::vector<Unit> list_units(db::Conn& c, const ListQuery& q);
int64_t insert_unit(db::Conn& c, const Unit& v, EpochMs now);
bool update_unit(db::Conn& c, const Unit& v, int64_t expected_version, EpochMs now);
std::vector<ResidentOfUnit> residents_of_unit(db::Conn& c, int64_t unit_id);
// Search text names the building and unit, so renaming either rewrites it for those who live there.
void refresh_unit_residents_search(db::Conn& c, int64_t unit_id);
void refresh_building_search(db::Conn& c, int64_t building_id);

std::optional<Resident> get_resident(db::Conn& c, int64_t id);
std::vector<Resident> list_residents(db::Conn& c, const ListQuery& q);
int64_t insert_resident(db::Conn& c, const Resident& v, EpochMs now);
bool update_resident(db::Conn& c, const Resident& v, int64_t expected_version, EpochMs now);
void link_unit(db::Conn& c, int64_t resident_id, int64_t unit_id, const std::string& relation, EpochMs now);
bool unlink_unit(db::Conn& c, int64_t resident_id, int64_t unit_id);
// Bumps the resident's version when their units change, so If-Match covers the links too.
bool bump_resident(db::Conn& c, int64_t resident_id, int64_t expected_version, EpochMs now);

std::optional<Department> get_department(db::Conn& c, int64_t id);
std::vector<Department> list_departments(db::Conn& c, const ListQuery& q);
int64_t insert_department(db::Conn& c, const Department& v, EpochMs now);
bool update_department(db::Conn& c, const Department& v, int64_t expected_version, EpochMs now);

std::optional<Staff> get_staff(db::Conn& c, int64_t id);
// Staff holding a role in any of site_ids (every account when all_sites).
std::vector<Staff> list_staff(db::Conn& c, const ListQuery& q, const std::vector<int64_t>& site_ids, bool all_sites);
// Active staff holding any of these roles in the site (who is told of something), by id.
std::vector<int64_t> users_with_roles(db::Conn& c, int64_t site_id, const std::vector<std::string>& roles);
// The names of these users, for lists and reports.
std::vector<std::pair<int64_t, std::string>> user_names(db::Conn& c, const std::vector<int64_t>& ids);
int64_t insert_staff(db::Conn& c, const Staff& v, const std::string& password_hash, EpochMs now);
bool update_staff(db::Conn& c, const Staff& v, int64_t expected_version, EpochMs now);
void replace_roles(db::Conn& c, int64_t user_id, const std::vector<StaffRole>& roles);
void set_staff_password(db::Conn& c, int64_t user_id, const std::string& password_hash, EpochMs now);
void end_sessions(db::Conn& c, int64_t user_id);

std::optional<Device> get_device(db::Conn& c, int64_t id);
std::vector<Device> list_devices(db::Conn& c, const ListQuery& q);
int64_t insert_device(db::Conn& c, const Device& v, const std::string& token_hash, EpochMs now);
bool deactivate_device(db::Conn& c, int64_t id, int64_t expected_version, EpochMs now);

}  // namespace propdesk::org::store
