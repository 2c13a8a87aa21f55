// Units and residents.
#include <algorithm>
#include <map>

#include "org/rules.hpp"
#include "org/store.hpp"
#include "org/store_query.hpp"
#include "platform/db/query_builder.hpp"

namespace propdesk::org::store {
namespace {

Stamp stamp_at(const db::Row& r, size_t i) {
    return {r.i64(i), r.i64(i + 1), r.i64(i + 2)};
}

std::vector<std::string> split_phones(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < s.size()) {
        size_t comma = s.find(',', start);
        if (comma == std::string::npos) comma = s.size();
        if (comma > start) out.push_back(s.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

std::string join_phones(const std::vector<std::string>& phones) {
    std::string out;
    for (const auto& p : phones) out += (out.empty() ? "" : ",") + p;
    return out;
}

const char* kUnitSelect =
    "SELECT u.id, u.site_id, u.building_id, b.name, u.number, u.floor, u.floor_area_cm2, u.version, u.created_at,"
    " u.updated_at FROM units u JOIN buildings b ON b.id = u.building_id";
Unit unit_from(const db::Row& r) {
    return {r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), r.i64(5), r.i64(6), stamp_at(r, 7)};
}

const char* kResidentCols = "id, site_id, name, phones, email, notes, version, created_at, updated_at";
Resident resident_from(const db::Row& r) {
    Resident v;
    v.id = r.i64(0);
    v.site_id = r.i64(1);
    v.name = r.str(2);
    v.phones = split_phones(r.str(3));
    v.email = r.str(4);
    v.notes = r.str(5);
    v.stamp = stamp_at(r, 6);
    return v;
}

// The units of each resident in `ids`, in one query.
std::map<int64_t, std::vector<UnitLink>> links_of(db::Conn& c, const std::vector<int64_t>& ids) {
    std::map<int64_t, std::vector<UnitLink>> out;
    if (ids.empty()) return out;
    // The IN list has 1, 8, 64 or 256 placeholders (the last id repeated), so there are four
    // statement texts in all and each is prepared once per connection.
    for (size_t start = 0; start < ids.size(); start += 256) {
        size_t n = std::min<size_t>(256, ids.size() - start);
        size_t slots = n <= 1 ? 1 : n <= 8 ? 8 : n <= 64 ? 64 : 256;
        std::string sql =
            "SELECT ru.resident_id, ru.unit_id, b.name, u.number, ru.relation FROM resident_units ru"
            " JOIN units u ON u.id = ru.unit_id JOIN buildings b ON b.id = u.building_id"
            " WHERE ru.resident_id IN (";
        std::vector<db::Value> params;
        params.reserve(slots);
        for (size_t i = 0; i < slots; ++i) {
            sql += (i ? ", $" : "$") + std::to_string(i + 1);
            params.emplace_back(ids[start + std::min(i, n - 1)]);
        }
        sql += ") ORDER BY ru.resident_id, b.name, u.number";
        auto r = c.run(sql, params);
        for (const auto& row : r.rows) out[row.i64(0)].push_back({row.i64(1), row.str(2), row.str(3), row.str(4)});
    }
    return out;
}

// Residents are found by their units too ("12A" finds who lives there), so the search text is
// rebuilt whenever their name, phones or units change.
void refresh_resident_search(db::Conn& c, int64_t resident_id) {
    auto r = get_resident(c, resident_id);
    if (!r) return;
    std::vector<std::string> unit_labels;
    for (const auto& u : r->units) unit_labels.push_back(u.building_name + " " + u.unit_number);
    std::vector<std::string_view> parts{r->name, r->email};
    for (const auto& p : r->phones) parts.push_back(p);
    for (const auto& l : unit_labels) parts.push_back(l);
    std::vector<rules::LinkFields> links;
    links.reserve(r->units.size());
    for (const auto& u : r->units) links.push_back({u.unit_id, u.building_name, u.unit_number, u.relation});
    c.exec("UPDATE residents SET search_text = $1, unit_links = $2 WHERE id = $3", rules::search_text(parts),
           rules::encode_links(links), resident_id);
}

}  // namespace

std::optional<Unit> get_unit(db::Conn& c, int64_t id) {
    auto r = c.one(std::string(kUnitSelect) + " WHERE u.id = $1", id);
    if (!r) return std::nullopt;
    return unit_from(*r);
}

std::optional<Unit> unit_by_number(db::Conn& c, int64_t building_id, const std::string& number) {
    auto r = c.one(std::string(kUnitSelect) + " WHERE u.building_id = $1 AND u.number = $2", building_id, number);
    if (!r) return std::nullopt;
    return unit_from(*r);
}

std::vector<Unit> list_units(db::Conn& c, const ListQuery& q) {
    db::Filter f;
    f.where("u.site_id = ?", *q.site_id);
    if (q.parent_id) f.where("u.building_id = ?", *q.parent_id);
    after(f, q, "u.id");
    if (!q.q.empty()) f.contains("u.search_text", q.q);
    auto sql = std::string(kUnitSelect) + f.sql();
    sql += order_limit(f, q, "u.id");
    std::vector<Unit> out;
    for (const auto& row : c.run(sql, f.params()).rows) out.push_back(unit_from(row));
    return out;
}

int64_t insert_unit(db::Conn& c, const Unit& v, EpochMs now) {
    return c
        .one(
            "INSERT INTO units (site_id, building_id, number, floor, floor_area_cm2, search_text, created_at,"
            " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
            v.site_id, v.building_id, v.number, v.floor, v.floor_area_cm2,
            rules::search_text({v.building_name, v.number}), now)
        ->i64(0);
}

bool update_unit(db::Conn& c, const Unit& v, int64_t expected_version, EpochMs now) {
    bool ok = c.exec(
                  "UPDATE units SET number = $1, floor = $2, floor_area_cm2 = $3, search_text = $4, updated_at = $5,"
                  " version = version + 1 WHERE id = $6 AND version = $7",
                  v.number, v.floor, v.floor_area_cm2, rules::search_text({v.building_name, v.number}), now, v.id,
                  expected_version) == 1;
    if (ok) refresh_unit_residents_search(c, v.id);
    return ok;
}

void refresh_unit_residents_search(db::Conn& c, int64_t unit_id) {
    for (const auto& row : c.query("SELECT resident_id FROM resident_units WHERE unit_id = $1", unit_id).rows)
        refresh_resident_search(c, row.i64(0));
}

void refresh_building_search(db::Conn& c, int64_t building_id) {
    auto units = c.query(
        "SELECT u.id, b.name, u.number FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.building_id = $1",
        building_id);
    for (const auto& row : units.rows) {
        c.exec("UPDATE units SET search_text = $1 WHERE id = $2", rules::search_text({row.str(1), row.str(2)}),
               row.i64(0));
        refresh_unit_residents_search(c, row.i64(0));
    }
}

std::vector<ResidentOfUnit> residents_of_unit(db::Conn& c, int64_t unit_id) {
    auto r = c.query(
        "SELECT r.id, r.name, r.phones, ru.relation FROM resident_units ru JOIN residents r ON r.id = ru.resident_id"
        " WHERE ru.unit_id = $1 ORDER BY ru.relation, r.name",
        unit_id);
    std::vector<ResidentOfUnit> out;
    for (const auto& row : r.rows) out.push_back({row.i64(0), row.str(1), split_phones(row.str(2)), row.str(3)});
    return out;
}

std::optional<Resident> get_resident(db::Conn& c, int64_t id) {
    auto r = c.one(std::string("SELECT ") + kResidentCols + " FROM residents WHERE id = $1", id);
    if (!r) return std::nullopt;
    Resident v = resident_from(*r);
    v.units = std::move(links_of(c, {id})[id]);
    return v;
}

std::vector<Resident> list_residents(db::Conn& c, const ListQuery& q) {
    db::Filter f;
    f.where("site_id = ?", *q.site_id);
    if (q.parent_id) f.where("id IN (SELECT resident_id FROM resident_units WHERE unit_id = ?)", *q.parent_id);
    after(f, q, "id");
    if (!q.q.empty()) f.contains("search_text", q.q);
    auto sql = std::string("SELECT ") + kResidentCols + ", unit_links FROM residents" + f.sql();
    sql += order_limit(f, q, "id");
    std::vector<Resident> out;
    out.reserve(static_cast<size_t>(std::max(q.limit, 0)));
    std::vector<int64_t> unbuilt;  // rows written before unit_links existed
    c.each(sql, f.params(), [&](const db::Row& row) {
        out.push_back(resident_from(row));
        if (row.is_null(9)) {
            unbuilt.push_back(out.back().id);
            return;
        }
        for (auto& l : rules::decode_links(std::get<std::string>(row.at(9))))
            out.back().units.push_back(
                {l.unit_id, std::move(l.building_name), std::move(l.unit_number), std::move(l.relation)});
    });
    if (!unbuilt.empty()) {
        auto links = links_of(c, unbuilt);
        for (auto& r : out)
            if (auto it = links.find(r.id); it != links.end()) r.units = std::move(it->second);
    }
    return out;
}

int64_t insert_resident(db::Conn& c, const Resident& v, EpochMs now) {
    int64_t id = c.one(
                      "INSERT INTO residents (site_id, name, phones, email, notes, created_at, updated_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                      v.site_id, v.name, join_phones(v.phones), v.email, v.notes, now)
                     ->i64(0);
    for (const auto& u : v.units) link_unit(c, id, u.unit_id, u.relation, now);
    refresh_resident_search(c, id);
    return id;
}

bool update_resident(db::Conn& c, const Resident& v, int64_t expected_version, EpochMs now) {
    bool ok = c.exec(
                  "UPDATE residents SET name = $1, phones = $2, email = $3, notes = $4, updated_at = $5,"
                  " version = version + 1 WHERE id = $6 AND version = $7",
                  v.name, join_phones(v.phones), v.email, v.notes, now, v.id, expected_version) == 1;
    if (ok) refresh_resident_search(c, v.id);
    return ok;
}

void link_unit(db::Conn& c, int64_t resident_id, int64_t unit_id, const std::string& relation, EpochMs now) {
    c.exec(
        "INSERT INTO resident_units (resident_id, unit_id, relation, created_at) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (resident_id, unit_id) DO UPDATE SET relation = excluded.relation",
        resident_id, unit_id, relation, now);
    refresh_resident_search(c, resident_id);
}

bool unlink_unit(db::Conn& c, int64_t resident_id, int64_t unit_id) {
    bool removed =
        c.exec("DELETE FROM resident_units WHERE resident_id = $1 AND unit_id = $2", resident_id, unit_id) == 1;
    if (removed) refresh_resident_search(c, resident_id);
    return removed;
}

bool bump_resident(db::Conn& c, int64_t resident_id, int64_t expected_version, EpochMs now) {
    return c.exec("UPDATE residents SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3", now,
                  resident_id, expected_version) == 1;
}

}  // namespace propdesk::org::store
