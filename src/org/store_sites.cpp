// Companies, sites, areas and buildings.
#include "org/rules.hpp"
#include "org/store.hpp"
#include "org/store_query.hpp"
#include "platform/db/query_builder.hpp"

namespace propdesk::org::store {
namespace {

Stamp stamp_at(const db::Row& r, size_t i) {
    return {r.i64(i), r.i64(i + 1), r.i64(i + 2)};
}

void page(db::Filter& f, const ListQuery& q) {
    after(f, q, "id");
    if (!q.q.empty()) f.contains("search_text", q.q);
}

template <class T, class F>
std::vector<T> rows_to(const db::Result& r, F&& from_row) {
    std::vector<T> out;
    out.reserve(r.rows.size());
    for (const auto& row : r.rows) out.push_back(from_row(row));
    return out;
}

const char* kCompanyCols = "id, name, version, created_at, updated_at";
Company company_from(const db::Row& r) {
    return {r.i64(0), r.str(1), stamp_at(r, 2)};
}

const char* kSiteCols = "id, company_id, code, name, time_zone, currency, version, created_at, updated_at";
Site site_from(const db::Row& r) {
    return {r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4), r.str(5), stamp_at(r, 6)};
}

const char* kAreaCols = "id, site_id, kind, name, version, created_at, updated_at";
Area area_from(const db::Row& r) {
    return {r.i64(0), r.i64(1), r.str(2), r.str(3), stamp_at(r, 4)};
}

const char* kBuildingCols = "id, site_id, area_id, name, floors, version, created_at, updated_at";
Building building_from(const db::Row& r) {
    return {r.i64(0), r.i64(1), r.i64(2), r.str(3), r.i64(4), stamp_at(r, 5)};
}

}  // namespace

std::optional<std::string> find_site_zone(db::Conn& c, int64_t site_id) {
    auto r = c.one("SELECT time_zone FROM sites WHERE id = $1", site_id);
    if (!r) return std::nullopt;
    return r->str(0);
}

std::string site_zone(db::Conn& c, int64_t site_id) {
    return find_site_zone(c, site_id).value_or("UTC");
}

std::optional<Company> get_company(db::Conn& c, int64_t id) {
    auto r = c.one(std::string("SELECT ") + kCompanyCols + " FROM companies WHERE id = $1", id);
    if (!r) return std::nullopt;
    return company_from(*r);
}

std::vector<Company> list_companies(db::Conn& c, const ListQuery& q) {
    db::Filter f;
    after(f, q, "id");
    if (!q.q.empty()) f.where("LOWER(name) LIKE ?", "%" + q.q + "%");
    auto sql = std::string("SELECT ") + kCompanyCols + " FROM companies" + f.sql();
    sql += order_limit(f, q, "id");
    return rows_to<Company>(c.run(sql, f.params()), company_from);
}

int64_t insert_company(db::Conn& c, const Company& v, EpochMs now) {
    return c.one("INSERT INTO companies (name, created_at, updated_at) VALUES ($1, $2, $2) RETURNING id", v.name, now)
        ->i64(0);
}

bool update_company(db::Conn& c, const Company& v, int64_t expected_version, EpochMs now) {
    return c.exec(
               "UPDATE companies SET name = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4",
               v.name, now, v.id, expected_version) == 1;
}

std::optional<Site> get_site(db::Conn& c, int64_t id) {
    auto r = c.one(std::string("SELECT ") + kSiteCols + " FROM sites WHERE id = $1", id);
    if (!r) return std::nullopt;
    return site_from(*r);
}

std::vector<Site> list_sites(db::Conn& c, const ListQuery& q, const std::vector<int64_t>& site_ids, bool all_sites) {
    db::Filter f;
    page(f, q);
    std::string sql = std::string("SELECT ") + kSiteCols + " FROM sites" + f.sql();
    if (!all_sites) {
        if (site_ids.empty()) return {};
        std::string in;
        for (auto id : site_ids) in += (in.empty() ? "" : ", ") + std::to_string(id);
        sql += std::string(f.params().empty() ? " WHERE" : " AND") + " id IN (" + in + ")";
    }
    sql += order_limit(f, q, "id");
    return rows_to<Site>(c.run(sql, f.params()), site_from);
}

int64_t insert_site(db::Conn& c, const Site& v, EpochMs now) {
    return c
        .one(
            "INSERT INTO sites (company_id, code, name, time_zone, currency, search_text, created_at, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
            v.company_id, v.code, v.name, v.time_zone, v.currency, rules::search_text({v.code, v.name}), now)
        ->i64(0);
}

bool update_site(db::Conn& c, const Site& v, int64_t expected_version, EpochMs now) {
    return c.exec(
               "UPDATE sites SET name = $1, time_zone = $2, currency = $3, search_text = $4, updated_at = $5,"
               " version = version + 1 WHERE id = $6 AND version = $7",
               v.name, v.time_zone, v.currency, rules::search_text({v.code, v.name}), now, v.id, expected_version) == 1;
}

bool any_site(db::Conn& c) {
    return c.one("SELECT id FROM sites LIMIT 1").has_value();
}

std::optional<Area> get_area(db::Conn& c, int64_t id) {
    auto r = c.one(std::string("SELECT ") + kAreaCols + " FROM areas WHERE id = $1", id);
    if (!r) return std::nullopt;
    return area_from(*r);
}

std::vector<Area> list_areas(db::Conn& c, const ListQuery& q) {
    db::Filter f;
    f.where("site_id = ?", *q.site_id);
    if (q.kind) f.where("kind = ?", *q.kind);
    page(f, q);
    auto sql = std::string("SELECT ") + kAreaCols + " FROM areas" + f.sql();
    sql += order_limit(f, q, "id");
    return rows_to<Area>(c.run(sql, f.params()), area_from);
}

int64_t insert_area(db::Conn& c, const Area& v, EpochMs now) {
    return c
        .one(
            "INSERT INTO areas (site_id, kind, name, search_text, created_at, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
            v.site_id, v.kind, v.name, rules::search_text({v.name}), now)
        ->i64(0);
}

bool update_area(db::Conn& c, const Area& v, int64_t expected_version, EpochMs now) {
    return c.exec(
               "UPDATE areas SET kind = $1, name = $2, search_text = $3, updated_at = $4, version = version + 1"
               " WHERE id = $5 AND version = $6",
               v.kind, v.name, rules::search_text({v.name}), now, v.id, expected_version) == 1;
}

std::optional<Building> get_building(db::Conn& c, int64_t id) {
    auto r = c.one(std::string("SELECT ") + kBuildingCols + " FROM buildings WHERE id = $1", id);
    if (!r) return std::nullopt;
    return building_from(*r);
}

std::optional<Building> building_by_name(db::Conn& c, int64_t site_id, const std::string& name) {
    auto r = c.one(std::string("SELECT ") + kBuildingCols + " FROM buildings WHERE site_id = $1 AND name = $2", site_id,
                   name);
    if (!r) return std::nullopt;
    return building_from(*r);
}

std::vector<Building> list_buildings(db::Conn& c, const ListQuery& q) {
    db::Filter f;
    f.where("site_id = ?", *q.site_id);
    if (q.parent_id) f.where("area_id = ?", *q.parent_id);
    page(f, q);
    auto sql = std::string("SELECT ") + kBuildingCols + " FROM buildings" + f.sql();
    sql += order_limit(f, q, "id");
    return rows_to<Building>(c.run(sql, f.params()), building_from);
}

int64_t insert_building(db::Conn& c, const Building& v, EpochMs now) {
    return c
        .one(
            "INSERT INTO buildings (site_id, area_id, name, floors, search_text, created_at, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
            v.site_id, v.area_id, v.name, v.floors, rules::search_text({v.name}), now)
        ->i64(0);
}

bool update_building(db::Conn& c, const Building& v, int64_t expected_version, EpochMs now) {
    bool ok = c.exec(
                  "UPDATE buildings SET area_id = $1, name = $2, floors = $3, search_text = $4, updated_at = $5,"
                  " version = version + 1 WHERE id = $6 AND version = $7",
                  v.area_id, v.name, v.floors, rules::search_text({v.name}), now, v.id, expected_version) == 1;
    if (ok) refresh_building_search(c, v.id);
    return ok;
}

}  // namespace propdesk::org::store
