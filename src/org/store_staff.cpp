// Departments, staff accounts with their roles, and gate devices.
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

std::string id_list(const std::vector<int64_t>& ids) {
    std::string in;
    for (auto id : ids) in += (in.empty() ? "" : ", ") + std::to_string(id);
    return in;
}

const char* kDepartmentCols = "id, site_id, kind, name, version, created_at, updated_at";
Department department_from(const db::Row& r) {
    return {r.i64(0), r.i64(1), r.str(2), r.str(3), stamp_at(r, 4)};
}

const char* kStaffCols = "id, login, name, phone, language, system_admin, active, version, created_at, updated_at";
Staff staff_from(const db::Row& r) {
    Staff s;
    s.id = r.i64(0);
    s.login = r.str(1);
    s.name = r.str(2);
    s.phone = r.str(3);
    s.language = r.str(4);
    s.system_admin = r.i64(5) != 0;
    s.active = r.i64(6) != 0;
    s.stamp = stamp_at(r, 7);
    return s;
}

std::map<int64_t, std::vector<StaffRole>> roles_of(db::Conn& c, const std::vector<int64_t>& user_ids) {
    std::map<int64_t, std::vector<StaffRole>> out;
    if (user_ids.empty()) return out;
    auto r = c.query("SELECT user_id, site_id, role, department_id FROM user_site_roles WHERE user_id IN (" +
                     id_list(user_ids) + ") ORDER BY user_id, site_id, role");
    for (const auto& row : r.rows) out[row.i64(0)].push_back({row.i64(1), row.str(2), row.opt_i64(3)});
    return out;
}

const char* kDeviceCols = "id, site_id, name, kind, active, last_seen_at, version, created_at, updated_at";
Device device_from(const db::Row& r) {
    return {r.i64(0), r.i64(1), r.str(2), r.str(3), r.i64(4) != 0, r.opt_i64(5), stamp_at(r, 6)};
}

}  // namespace

std::optional<Department> get_department(db::Conn& c, int64_t id) {
    auto r = c.one(std::string("SELECT ") + kDepartmentCols + " FROM departments WHERE id = $1", id);
    if (!r) return std::nullopt;
    return department_from(*r);
}

std::vector<Department> list_departments(db::Conn& c, const ListQuery& q) {
    db::Filter f;
    f.where("site_id = ?", *q.site_id);
    if (q.kind) f.where("kind = ?", *q.kind);
    after(f, q, "id");
    if (!q.q.empty()) f.contains("search_text", q.q);
    auto sql = std::string("SELECT ") + kDepartmentCols + " FROM departments" + f.sql();
    sql += order_limit(f, q, "id");
    std::vector<Department> out;
    for (const auto& row : c.run(sql, f.params()).rows) out.push_back(department_from(row));
    return out;
}

int64_t insert_department(db::Conn& c, const Department& v, EpochMs now) {
    return c
        .one(
            "INSERT INTO departments (site_id, kind, name, search_text, created_at, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
            v.site_id, v.kind, v.name, rules::search_text({v.name}), now)
        ->i64(0);
}

bool update_department(db::Conn& c, const Department& v, int64_t expected_version, EpochMs now) {
    return c.exec(
               "UPDATE departments SET kind = $1, name = $2, search_text = $3, updated_at = $4,"
               " version = version + 1 WHERE id = $5 AND version = $6",
               v.kind, v.name, rules::search_text({v.name}), now, v.id, expected_version) == 1;
}

std::optional<Staff> get_staff(db::Conn& c, int64_t id) {
    auto r = c.one(std::string("SELECT ") + kStaffCols + " FROM users WHERE id = $1", id);
    if (!r) return std::nullopt;
    Staff s = staff_from(*r);
    s.roles = std::move(roles_of(c, {id})[id]);
    return s;
}

std::vector<Staff> list_staff(db::Conn& c, const ListQuery& q, const std::vector<int64_t>& site_ids, bool all_sites) {
    db::Filter f;
    after(f, q, "id");
    if (!q.q.empty()) f.contains("search_text", q.q);
    if (q.site_id) f.where("id IN (SELECT user_id FROM user_site_roles WHERE site_id = ?)", *q.site_id);
    std::string sql = std::string("SELECT ") + kStaffCols + " FROM users" + f.sql();
    if (!all_sites) {
        if (site_ids.empty()) return {};
        sql += std::string(f.params().empty() ? " WHERE" : " AND") +
               " id IN (SELECT user_id FROM user_site_roles WHERE site_id IN (" + id_list(site_ids) + "))";
    }
    sql += order_limit(f, q, "id");
    std::vector<Staff> out;
    std::vector<int64_t> ids;
    for (const auto& row : c.run(sql, f.params()).rows) {
        out.push_back(staff_from(row));
        ids.push_back(out.back().id);
    }
    auto roles = roles_of(c, ids);
    for (auto& s : out) s.roles = std::move(roles[s.id]);
    return out;
}

int64_t insert_staff(db::Conn& c, const Staff& v, const std::string& password_hash, EpochMs now) {
    int64_t id = c.one(
                      "INSERT INTO users (login, name, phone, password_hash, language, system_admin, active,"
                      " search_text, created_at, updated_at, password_changed_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $9) RETURNING id",
                      v.login, v.name, v.phone, password_hash, v.language, v.system_admin, v.active,
                      rules::search_text({v.login, v.name, v.phone}), now)
                     ->i64(0);
    replace_roles(c, id, v.roles);
    return id;
}

bool update_staff(db::Conn& c, const Staff& v, int64_t expected_version, EpochMs now) {
    return c.exec(
               "UPDATE users SET name = $1, phone = $2, language = $3, system_admin = $4, active = $5,"
               " search_text = $6, updated_at = $7, version = version + 1 WHERE id = $8 AND version = $9",
               v.name, v.phone, v.language, v.system_admin, v.active, rules::search_text({v.login, v.name, v.phone}),
               now, v.id, expected_version) == 1;
}

void replace_roles(db::Conn& c, int64_t user_id, const std::vector<StaffRole>& roles) {
    c.exec("DELETE FROM user_site_roles WHERE user_id = $1", user_id);
    for (const auto& r : roles)
        c.exec("INSERT INTO user_site_roles (user_id, site_id, role, department_id) VALUES ($1, $2, $3, $4)", user_id,
               r.site_id, r.role, r.department_id);
}

void set_staff_password(db::Conn& c, int64_t user_id, const std::string& password_hash, EpochMs now) {
    c.exec("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3", password_hash, now, user_id);
}

void end_sessions(db::Conn& c, int64_t user_id) {
    c.exec("DELETE FROM sessions WHERE user_id = $1", user_id);
}

std::optional<Device> get_device(db::Conn& c, int64_t id) {
    auto r = c.one(std::string("SELECT ") + kDeviceCols + " FROM devices WHERE id = $1", id);
    if (!r) return std::nullopt;
    return device_from(*r);
}

std::vector<Device> list_devices(db::Conn& c, const ListQuery& q) {
    db::Filter f;
    f.where("site_id = ?", *q.site_id);
    after(f, q, "id");
    auto sql = std::string("SELECT ") + kDeviceCols + " FROM devices" + f.sql();
    sql += order_limit(f, q, "id");
    std::vector<Device> out;
    for (const auto& row : c.run(sql, f.params()).rows) out.push_back(device_from(row));
    return out;
}

int64_t insert_device(db::Conn& c, const Device& v, const std::string& token_hash, EpochMs now) {
    return c
        .one(
            "INSERT INTO devices (site_id, name, kind, token_hash, active, created_at, updated_at)"
            " VALUES ($1, $2, $3, $4, 1, $5, $5) RETURNING id",
            v.site_id, v.name, v.kind, token_hash, now)
        ->i64(0);
}

bool deactivate_device(db::Conn& c, int64_t id, int64_t expected_version, EpochMs now) {
    return c.exec(
               "UPDATE devices SET active = 0, updated_at = $1, version = version + 1 WHERE id = $2 AND version = $3",
               now, id, expected_version) == 1;
}

std::vector<int64_t> users_with_roles(db::Conn& c, int64_t site_id, const std::vector<std::string>& roles) {
    db::Filter f;
    f.where("r.site_id = ?", site_id);
    f.where_in("r.role", roles);
    std::vector<int64_t> out;
    auto sql = "SELECT DISTINCT u.id FROM user_site_roles r JOIN users u ON u.id = r.user_id" + f.sql() +
               " AND u.active = 1 ORDER BY u.id";
    for (const auto& row : c.run(sql, f.params()).rows) out.push_back(row.i64(0));
    return out;
}

std::vector<std::pair<int64_t, std::string>> user_names(db::Conn& c, const std::vector<int64_t>& ids) {
    std::vector<std::pair<int64_t, std::string>> out;
    for (int64_t id : ids)
        if (auto r = c.one("SELECT name FROM users WHERE id = $1", id)) out.emplace_back(id, r->str(0));
    return out;
}

}  // namespace propdesk::org::store
