// The fixture most API tests share, and the records they make through the API: a real server on
// a fresh database of the test's backend (the demo site seeded), its clock held at kStart until a
// test moves it, clients signed in as the demo staff, a second site and its staff.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

#include "support/api_helpers.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {

class ApiTest : public ::testing::TestWithParam<db::Backend> {
  protected:
    ApiTest() : clock_(kStart), server_(GetParam(), &clock_) {}

    HttpClient signed_in(const std::string& login, const std::string& password = "propdesk-demo") {
        return server_.signed_in(login, password);
    }
    int64_t user_id(const std::string& login) {
        return server_.db().read_value(
            [&](db::Conn& c) { return c.one("SELECT id FROM users WHERE login = $1", login)->i64(0); });
    }
    // Notifications of that kind sent to that user.
    int64_t told(const std::string& login, const std::string& kind) {
        return server_.db().read_value([&](db::Conn& c) {
            return c
                .one(
                    "SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id"
                    " WHERE u.login = $1 AND n.kind = $2",
                    login, kind)
                ->i64(0);
        });
    }

    ManualClock clock_;
    TestServer server_;
};

// POSTs a step ("dispatch", "check-in", …) to a versioned record read as `v` from `prefix` + its id
// ("/api/v1/cases/"), with If-Match set to the version read.
inline HttpResult step_on(HttpClient& c,
                          const std::string& prefix,
                          const boost::json::value& v,
                          const std::string& action,
                          const boost::json::object& body = {}) {
    return c.post(path(prefix, id_of(v), "/" + action), boost::json::serialize(body),
                  if_match(v.at("version").as_int64()));
}

// Takes that step and returns the record as it now is; anything but 200 with the new version as
// its ETag throws, failing the test.
inline boost::json::value take_step(HttpClient& c,
                                    const std::string& prefix,
                                    const boost::json::value& v,
                                    const std::string& action,
                                    const boost::json::object& body = {}) {
    auto r = step_on(c, prefix, v, action, body);
    if (r.status != 200) throw std::runtime_error(action + ": " + std::to_string(r.status) + " " + r.body);
    auto j = r.json();
    if (r.header("etag") != etag(j.at("version").as_int64()))
        throw std::runtime_error(action + ": ETag is not the version");
    return j;
}

// GETs a record; anything but 200 throws ("<what>: <body>"), failing the test.
inline boost::json::value read_ok(HttpClient& c, const std::string& target, const std::string& what = "read") {
    auto r = c.get(target);
    if (r.status != 200) throw std::runtime_error(what + ": " + r.body);
    return r.json();
}

// Rows of every table a refused organisation request might touch; equal before and after shows it
// changed nothing.
inline std::map<std::string, int64_t> org_table_counts(TestServer& s) {
    std::map<std::string, int64_t> out;
    for (const char* t : {"companies", "sites", "areas", "buildings", "units", "residents", "resident_units",
                          "departments", "users", "user_site_roles", "devices", "audit_log"})
        out[t] = s.count(t);
    return out;
}

// A second, empty site ("EAST", 東岸花園), made by the system admin; returns its id.
inline int64_t create_east_site(HttpClient& admin) {
    auto site = admin.post("/api/v1/sites", R"({"code":"EAST","name":"東岸花園"})");
    if (site.status != 201) throw std::runtime_error("site: " + site.body);
    return id_of(site);
}

// The second site with one record of each kind, made by the system admin. The department's kind
// is the caller's to choose, so that naming it somewhere is refused for its site alone and not for
// its kind (the desk's tests dispatch a case to it, so theirs is an engineering department).
struct OtherSite {
    int64_t site = 0, area = 0, building = 0, unit = 0, resident = 0, department = 0;
};

inline OtherSite make_other_site(HttpClient& admin,
                                 const std::string& department_kind = "customer_service",
                                 const std::string& department_name = "東岸客戶服務部") {
    namespace bj = boost::json;
    OtherSite o;
    o.site = create_east_site(admin);
    const std::string base = path("/api/v1/sites/", o.site);
    o.area = id_of(admin.post(base + "/areas", R"({"kind":"building","name":"東岸樓宇"})"));
    o.building = id_of(admin.post(base + "/buildings",
                                  bj::serialize(bj::object{{"area_id", o.area}, {"name", "東1座"}, {"floors", 30}})));
    o.unit = id_of(admin.post(
        base + "/units", bj::serialize(bj::object{
                             {"building_id", o.building}, {"number", "3A"}, {"floor", 3}, {"floor_area_m2", 72.25}})));
    o.resident = id_of(admin.post(
        base + "/residents",
        bj::serialize(bj::object{{"name", "東岸住戶"},
                                 {"phones", bj::array{"98765432"}},
                                 {"units", bj::array{bj::object{{"unit_id", o.unit}, {"relation", "owner"}}}}})));
    o.department = id_of(admin.post(base + "/departments",
                                    bj::serialize(bj::object{{"kind", department_kind}, {"name", department_name}})));
    return o;
}

// A staff account made by the admin, with roles as the API takes them ([{site_id, role, …}]);
// returns its id.
inline int64_t create_user(HttpClient& admin,
                           const std::string& login,
                           const boost::json::array& roles,
                           const std::string& password = "east-side-password") {
    namespace bj = boost::json;
    auto r = admin.post(
        "/api/v1/users",
        bj::serialize(bj::object{{"login", login}, {"name", login}, {"password", password}, {"roles", roles}}));
    if (r.status != 201) throw std::runtime_error("user " + login + ": " + r.body);
    return id_of(r);
}

}  // namespace propdesk::testing
