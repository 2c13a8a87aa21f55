// The organisation through the real server: sites, areas, buildings, units, residents, departments,
// staff and roles; ETag/If-Match, lists and search, site scoping, who may do what, and the audit trail.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/api_fixture.hpp"
#include "support/api_helpers.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

class OrgApi : public ApiTest {
  protected:
    int64_t department_of_kind(HttpClient& c, int64_t site, const std::string& kind) {
        auto r = c.get(path("/api/v1/sites/", site, "/departments?kind=" + kind));
        return id_of(r.json().at("items").at(0));
    }
};

// ---- create, read back, ETag, times ----

TEST_P(OrgApi, CreatedSiteAreaBuildingUnitAndLinkedResidentReadBackWithEtagAndLocalTimes) {
    auto admin = signed_in("admin");
    auto site = admin.post("/api/v1/sites", R"({"code":"EAST","name":"東岸花園"})");
    ASSERT_EQ(site.status, 201) << site.body;
    int64_t site_id = id_of(site);
    EXPECT_EQ(site.json().at("time_zone"), "Asia/Hong_Kong");
    EXPECT_EQ(site.json().at("currency"), "HKD");
    EXPECT_EQ(site.json().at("company_id"), 1);

    const std::string base = path("/api/v1/sites/", site_id);
    auto area = admin.post(base + "/areas", R"({"kind":"clubhouse","name":"東岸會所"})");
    ASSERT_EQ(area.status, 201) << area.body;
    auto building = admin.post(base + "/buildings",
                               bj::serialize(bj::object{{"area_id", id_of(area)}, {"name", "東1座"}, {"floors", 30}}));
    ASSERT_EQ(building.status, 201) << building.body;
    auto unit =
        admin.post(base + "/units",
                   bj::serialize(bj::object{
                       {"building_id", id_of(building)}, {"number", "3A"}, {"floor", 3}, {"floor_area_m2", 72.25}}));
    ASSERT_EQ(unit.status, 201) << unit.body;
    EXPECT_TRUE(unit.json().at("residents").as_array().empty());
    auto resident = admin.post(
        base + "/residents",
        bj::serialize(bj::object{{"name", "陳大文"},
                                 {"phones", bj::array{"9123 4567"}},
                                 {"email", "chan@example.com"},
                                 {"units", bj::array{bj::object{{"unit_id", id_of(unit)}, {"relation", "owner"}}}}}));
    ASSERT_EQ(resident.status, 201) << resident.body;

    // Each record reads back as created, with ETag "<version>" and times in the site's zone (+08:00).
    for (const auto& [created, target] :
         std::vector<std::pair<HttpResult, std::string>>{{site, path("/api/v1/sites/", site_id)},
                                                         {area, path("/api/v1/areas/", id_of(area))},
                                                         {building, path("/api/v1/buildings/", id_of(building))},
                                                         {unit, path("/api/v1/units/", id_of(unit))},
                                                         {resident, path("/api/v1/residents/", id_of(resident))}}) {
        SCOPED_TRACE(target);
        EXPECT_EQ(created.header("etag"), "\"1\"");
        auto got = admin.get(target);
        ASSERT_EQ(got.status, 200) << got.body;
        auto j = got.json();
        EXPECT_EQ(j.at("id"), created.json().at("id"));
        EXPECT_EQ(j.at("version"), 1);
        EXPECT_EQ(got.header("etag"), etag(j.at("version").as_int64()));
        EXPECT_EQ(j.at("created_at"), kStartLocal);
        EXPECT_EQ(j.at("updated_at"), kStartLocal);
    }

    auto a = admin.get(path("/api/v1/areas/", id_of(area))).json();
    EXPECT_EQ(a.at("kind"), "clubhouse");
    EXPECT_EQ(a.at("name"), "東岸會所");
    EXPECT_EQ(a.at("site_id"), site_id);
    auto b = admin.get(path("/api/v1/buildings/", id_of(building))).json();
    EXPECT_EQ(b.at("area_id"), id_of(area));
    EXPECT_EQ(b.at("floors"), 30);

    // The unit shows its resident, and the resident shows the unit.
    auto u = admin.get(path("/api/v1/units/", id_of(unit))).json();
    EXPECT_EQ(u.at("building_name"), "東1座");
    EXPECT_EQ(u.at("number"), "3A");
    EXPECT_EQ(u.at("floor"), 3);
    EXPECT_DOUBLE_EQ(u.at("floor_area_m2").to_number<double>(), 72.25);
    ASSERT_EQ(u.at("residents").as_array().size(), 1u);
    EXPECT_EQ(u.at("residents").at(0).at("resident_id"), id_of(resident));
    EXPECT_EQ(u.at("residents").at(0).at("name"), "陳大文");
    EXPECT_EQ(u.at("residents").at(0).at("relation"), "owner");
    EXPECT_EQ(u.at("residents").at(0).at("phones"), (bj::array{"91234567"}));

    auto r = admin.get(path("/api/v1/residents/", id_of(resident))).json();
    EXPECT_EQ(r.at("phones"), (bj::array{"91234567"}));
    EXPECT_EQ(r.at("email"), "chan@example.com");
    ASSERT_EQ(r.at("units").as_array().size(), 1u);
    EXPECT_EQ(r.at("units").at(0).at("unit_id"), id_of(unit));
    EXPECT_EQ(r.at("units").at(0).at("building_name"), "東1座");
    EXPECT_EQ(r.at("units").at(0).at("unit_number"), "3A");
    EXPECT_EQ(r.at("units").at(0).at("relation"), "owner");
}

// ---- If-Match ----

TEST_P(OrgApi, PatchWithCurrentIfMatchBumpsVersionAndUpdatedAt) {
    auto ids = demo_ids(server_);
    auto manager = signed_in("manager");
    clock_.advance_ms(3600'000);
    auto r = manager.patch(path("/api/v1/units/", ids.first_unit), R"({"floor_area_m2":90.5})", 1);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("version"), 2);
    EXPECT_EQ(r.header("etag"), "\"2\"");
    EXPECT_DOUBLE_EQ(r.json().at("floor_area_m2").to_number<double>(), 90.5);
    EXPECT_EQ(r.json().at("created_at"), kStartLocal);
    EXPECT_EQ(r.json().at("updated_at"), "2026-11-18T20:06:40+08:00");
    auto again = manager.get(path("/api/v1/units/", ids.first_unit));
    EXPECT_EQ(again.header("etag"), "\"2\"");
    EXPECT_DOUBLE_EQ(again.json().at("floor_area_m2").to_number<double>(), 90.5);
}

TEST_P(OrgApi, StaleIfMatchIs412AndChangesNothing) {
    auto ids = demo_ids(server_);
    auto manager = signed_in("manager");
    ASSERT_EQ(manager.patch(path("/api/v1/units/", ids.first_unit), R"({"floor_area_m2":90.5})", 1).status, 200);
    auto frontdesk = signed_in("frontdesk");
    auto before = org_table_counts(server_);
    auto stale = manager.patch(path("/api/v1/units/", ids.first_unit), R"({"floor_area_m2":10})", 1);
    EXPECT_EQ(stale.status, 412);
    EXPECT_EQ(stale.error_code(), "version_mismatch");
    auto now = manager.get(path("/api/v1/units/", ids.first_unit)).json();
    EXPECT_EQ(now.at("version"), 2);
    EXPECT_DOUBLE_EQ(now.at("floor_area_m2").to_number<double>(), 90.5);

    auto res = frontdesk.patch(path("/api/v1/residents/", ids.first_resident), R"({"name":"改名"})", 7);
    EXPECT_EQ(res.status, 412);
    EXPECT_NE(frontdesk.get(path("/api/v1/residents/", ids.first_resident)).json().at("name"), "改名");
    EXPECT_EQ(org_table_counts(server_), before);
}

TEST_P(OrgApi, PatchWithoutIfMatchIs428) {
    auto ids = demo_ids(server_);
    auto manager = signed_in("manager");
    auto before = org_table_counts(server_);
    for (const auto& target : {path("/api/v1/units/", ids.first_unit), path("/api/v1/residents/", ids.first_resident),
                               path("/api/v1/buildings/", ids.first_building), path("/api/v1/areas/", ids.first_area),
                               std::string("/api/v1/sites/1")}) {
        auto r = manager.request("PATCH", target, R"({"name":"x"})");
        EXPECT_EQ(r.status, 428) << target;
        EXPECT_EQ(r.error_code(), "if_match_required") << target;
    }
    EXPECT_EQ(manager.get(path("/api/v1/units/", ids.first_unit)).json().at("version"), 1);
    EXPECT_EQ(org_table_counts(server_), before);
}

// ---- lists ----

TEST_P(OrgApi, CursorPaginationWalksAll300DemoUnitsOnceEach) {
    auto c = signed_in("frontdesk");
    auto first = c.get("/api/v1/sites/1/units?limit=200");
    ASSERT_EQ(first.status, 200);
    auto p1 = first.json();
    ASSERT_EQ(p1.at("items").as_array().size(), 200u);
    ASSERT_TRUE(p1.at("next_cursor").is_string());
    auto second = c.get("/api/v1/sites/1/units?limit=200&cursor=" + enc(str(p1.at("next_cursor"))));
    ASSERT_EQ(second.status, 200);
    auto p2 = second.json();
    ASSERT_EQ(p2.at("items").as_array().size(), 100u);
    EXPECT_TRUE(p2.at("next_cursor").is_null());

    std::set<int64_t> seen;
    int64_t last = 0;
    for (const auto* page : {&p1, &p2})
        for (const auto& item : page->at("items").as_array()) {
            int64_t id = id_of(item);
            EXPECT_GT(id, last) << "ids must ascend across pages";
            last = id;
            seen.insert(id);
            EXPECT_EQ(item.at("site_id"), 1);
        }
    EXPECT_EQ(seen.size(), 300u);
    EXPECT_EQ(static_cast<int64_t>(seen.size()), server_.count("units"));
}

TEST_P(OrgApi, SortedPaginationWalksAll300UnitsInOrderOnceEach) {
    auto c = signed_in("frontdesk");
    auto p1 = c.get("/api/v1/sites/1/units?sort=-floor_area_m2&limit=200");
    ASSERT_EQ(p1.status, 200) << p1.body;
    auto j1 = p1.json();
    ASSERT_EQ(j1.at("items").as_array().size(), 200u);
    ASSERT_TRUE(j1.at("next_cursor").is_string());
    auto p2 = c.get("/api/v1/sites/1/units?sort=-floor_area_m2&limit=200&cursor=" + enc(str(j1.at("next_cursor"))));
    ASSERT_EQ(p2.status, 200) << p2.body;
    auto j2 = p2.json();
    ASSERT_EQ(j2.at("items").as_array().size(), 100u);
    EXPECT_TRUE(j2.at("next_cursor").is_null());

    std::set<int64_t> seen;
    double last_area = 1e9;
    int64_t last_id = INT64_MAX;
    for (const auto* page : {&j1, &j2})
        for (const auto& u : page->at("items").as_array()) {
            double area = u.at("floor_area_m2").to_number<double>();
            int64_t id = id_of(u);
            EXPECT_LE(area, last_area);
            if (area == last_area) EXPECT_LT(id, last_id) << "ties run by id, the same way";
            last_area = area;
            last_id = id;
            seen.insert(id);
        }
    EXPECT_EQ(seen.size(), 300u);
    // 120 flats of 85.5 m² (A and E) come first.
    EXPECT_DOUBLE_EQ(j1.at("items").at(119).at("floor_area_m2").to_number<double>(), 85.5);
    EXPECT_DOUBLE_EQ(j1.at("items").at(120).at("floor_area_m2").to_number<double>(), 62.0);

    // A cursor belongs to its kind of list; an unknown sort names the field.
    EXPECT_EQ(c.get("/api/v1/sites/1/units?cursor=" + enc(str(j1.at("next_cursor")))).error_field(), "cursor");
    auto bad_sort = c.get("/api/v1/sites/1/units?sort=colour");
    EXPECT_EQ(bad_sort.status, 422);
    EXPECT_EQ(bad_sort.error_field(), "sort");
}

TEST_P(OrgApi, LimitOutside1To200IsRefusedNamingLimit) {
    auto c = signed_in("frontdesk");
    for (const char* bad : {"0", "201", "abc", "-1", "1.5"}) {
        auto r = c.get(std::string("/api/v1/sites/1/units?limit=") + bad);
        EXPECT_EQ(r.status, 422) << bad;
        EXPECT_EQ(r.error_code(), "validation_failed") << bad;
        EXPECT_EQ(r.error_field(), "limit") << bad;
    }
    EXPECT_EQ(c.get("/api/v1/sites/1/units?limit=1").json().at("items").as_array().size(), 1u);
    EXPECT_EQ(c.get("/api/v1/sites/1/residents?limit=200").json().at("items").as_array().size(), 200u);
}

TEST_P(OrgApi, CursorTheServerNeverGaveOutIsRefused) {
    auto c = signed_in("frontdesk");
    for (const char* bad : {"abc", "-5", "12x"}) {
        auto r = c.get(std::string("/api/v1/sites/1/units?cursor=") + bad);
        EXPECT_EQ(r.status, 422) << bad;
        EXPECT_EQ(r.error_field(), "cursor") << bad;
    }
}

// ---- search ----

TEST_P(OrgApi, ResidentSearchFindsByNamePhoneDigitsAndUnitLabel) {
    auto c = signed_in("frontdesk");
    // The demo's second resident is 李志明 on 第1座 1B with phone 91000037.
    auto by_name = c.get("/api/v1/sites/1/residents?q=" + enc("李志明")).json().at("items").as_array();
    ASSERT_EQ(by_name.size(), 1u);
    EXPECT_EQ(by_name[0].at("name"), "李志明");
    EXPECT_EQ(by_name[0].at("units").at(0).at("unit_number"), "1B");

    auto by_phone = c.get("/api/v1/sites/1/residents?q=91000037").json().at("items").as_array();
    ASSERT_EQ(by_phone.size(), 1u);
    EXPECT_EQ(by_phone[0].at("name"), "李志明");

    // "12A" finds who lives in 12A of each of the three buildings.
    auto by_unit = c.get("/api/v1/sites/1/residents?q=12A").json().at("items").as_array();
    ASSERT_EQ(by_unit.size(), 3u);
    std::set<std::string> buildings;
    for (const auto& r : by_unit) {
        EXPECT_EQ(r.at("units").at(0).at("unit_number"), "12A");
        buildings.insert(str(r.at("units").at(0).at("building_name")));
    }
    EXPECT_EQ(buildings, (std::set<std::string>{"第1座", "第2座", "第3座"}));
}

TEST_P(OrgApi, SearchIsInsensitiveToTraditionalAndSimplified) {
    auto c = signed_in("frontdesk");
    // 陈 is the Simplified form of 陳; 15 of the 300 demo residents are surnamed 陳.
    auto simplified = c.get("/api/v1/sites/1/residents?q=" + enc("陈"));
    ASSERT_EQ(simplified.status, 200);
    auto items = simplified.json().at("items").as_array();
    ASSERT_EQ(items.size(), 15u);
    for (const auto& r : items) EXPECT_TRUE(str(r.at("name")).starts_with("陳")) << r.at("name");
    EXPECT_EQ(c.get("/api/v1/sites/1/residents?q=" + enc("陳")).json().at("items").as_array().size(), 15u);

    // 财务 (Simplified) finds 財務部.
    auto dept = c.get("/api/v1/sites/1/departments?q=" + enc("财务")).json().at("items").as_array();
    ASSERT_EQ(dept.size(), 1u);
    EXPECT_EQ(dept[0].at("name"), "財務部");
}

TEST_P(OrgApi, BuildingsAreasAndDepartmentsCanBeSearched) {
    auto c = signed_in("frontdesk");
    auto b = c.get("/api/v1/sites/1/buildings?q=" + enc("第2座")).json().at("items").as_array();
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(b[0].at("name"), "第2座");
    EXPECT_EQ(c.get("/api/v1/sites/1/buildings").json().at("items").as_array().size(), 3u);

    auto a = c.get("/api/v1/sites/1/areas?q=" + enc("會所")).json().at("items").as_array();
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].at("kind"), "clubhouse");
    EXPECT_EQ(c.get("/api/v1/sites/1/areas").json().at("items").as_array().size(), 5u);

    auto d = c.get("/api/v1/sites/1/departments?q=" + enc("工程")).json().at("items").as_array();
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].at("kind"), "engineering");
    EXPECT_EQ(c.get("/api/v1/sites/1/departments").json().at("items").as_array().size(), 7u);

    EXPECT_TRUE(c.get("/api/v1/sites/1/buildings?q=nothing-like-this").json().at("items").as_array().empty());
}

// BUG (src/org/store_units.cpp:119-125 update_unit): a resident's search text holds the labels of
// their units ("第1座 1a") and is rebuilt only when the resident or their links change
// (refresh_resident_search). Renumbering a unit leaves every linked resident findable by the old
// label and not by the new one. Fix: in update_unit (or api_units.cpp update_unit), when the
// number changes, call refresh_resident_search for each resident_id in resident_units of that unit.
TEST_P(OrgApi, RenumberingAUnitKeepsResidentSearchByUnitLabelCurrent) {
    auto ids = demo_ids(server_);
    auto manager = signed_in("manager");
    ASSERT_EQ(manager.patch(path("/api/v1/units/", ids.first_unit), R"({"number":"1Z"})", 1).status, 200);
    auto now = manager.get("/api/v1/sites/1/residents?q=1Z").json().at("items").as_array();
    ASSERT_EQ(now.size(), 1u);
    EXPECT_EQ(now[0].at("id"), ids.first_resident);
    EXPECT_EQ(now[0].at("units").at(0).at("unit_number"), "1Z");
}

// BUG (src/org/store_sites.cpp:184-189 update_building): a unit's search text is its building's
// name and its number, saved with the unit; renaming the building does not rebuild the search
// text of its units (nor of their residents), so q with the new name finds none of them and the
// old name still finds them all. Fix: when the name changes, rebuild units.search_text for the
// building's units (rules::search_text({new_name, number})) and refresh_resident_search for
// their residents, in the same transaction.
TEST_P(OrgApi, RenamingABuildingKeepsUnitAndResidentSearchCurrent) {
    auto ids = demo_ids(server_);
    auto manager = signed_in("manager");
    ASSERT_EQ(manager.patch(path("/api/v1/buildings/", ids.first_building), R"({"name":"海景閣"})", 1).status, 200);
    EXPECT_EQ(manager.get("/api/v1/sites/1/units?limit=200&q=" + enc("海景閣")).json().at("items").as_array().size(),
              100u);
    EXPECT_EQ(
        manager.get("/api/v1/sites/1/residents?limit=200&q=" + enc("海景閣")).json().at("items").as_array().size(),
        100u);
    EXPECT_TRUE(manager.get("/api/v1/sites/1/units?q=" + enc("第1座")).json().at("items").as_array().empty());
}

// The residents list is written straight as JSON text from the unit links kept on each resident
// row; it must show exactly what reading each resident shows, and follow renames.
TEST_P(OrgApi, ResidentsListItemsAreExactlyWhatReadingEachResidentGives) {
    auto ids = demo_ids(server_);
    auto manager = signed_in("manager");
    ASSERT_EQ(manager.patch(path("/api/v1/buildings/", ids.first_building), R"({"name":"海景\"閣\"\\A"})", 1).status,
              200);
    auto items = manager.get("/api/v1/sites/1/residents?limit=20").json().at("items").as_array();
    ASSERT_EQ(items.size(), 20u);
    for (const auto& item : items) {
        auto one = manager.get(path("/api/v1/residents/", id_of(item)));
        ASSERT_EQ(one.status, 200);
        EXPECT_EQ(item, one.json());
    }
    EXPECT_EQ(items[0].at("units").at(0).at("building_name"), "海景\"閣\"\\A");
}

TEST_P(OrgApi, ResidentsWrittenBeforeUnitLinksWereKeptStillListTheirUnits) {
    auto ids = demo_ids(server_);
    server_.db().write([](db::Conn& c) { c.exec("UPDATE residents SET unit_links = NULL WHERE id <= 3"); });
    auto c = signed_in("frontdesk");
    auto items = c.get("/api/v1/sites/1/residents?limit=5").json().at("items").as_array();
    ASSERT_EQ(items.size(), 5u);
    EXPECT_EQ(items[0].at("id"), ids.first_resident);
    for (const auto& item : items) {
        ASSERT_EQ(item.at("units").as_array().size(), 1u) << item;
        EXPECT_EQ(item, c.get(path("/api/v1/residents/", id_of(item))).json());
    }
}

// API.md "Changes": a retried create with the same Idempotency-Key and body returns the first
// response; the same key with another body is 422.
TEST_P(OrgApi, RetriedCreateWithTheSameIdempotencyKeyReturnsTheFirstResponse) {
    auto c = signed_in("frontdesk");
    const std::map<std::string, std::string> key{{"Idempotency-Key", "4f1c2a7e-retry"}};
    auto first = c.post("/api/v1/sites/1/residents", R"({"name":"陳大文"})", key);
    ASSERT_EQ(first.status, 201);
    auto again = c.post("/api/v1/sites/1/residents", R"({"name":"陳大文"})", key);
    EXPECT_EQ(again.status, 201);
    EXPECT_EQ(again.json().at("id"), first.json().at("id"));
    EXPECT_EQ(server_.count("residents"), 301);
    auto other_body = c.post("/api/v1/sites/1/residents", R"({"name":"李小龍"})", key);
    EXPECT_EQ(other_body.status, 422);
    EXPECT_EQ(server_.count("residents"), 301);
}

// ---- site scoping ----

TEST_P(OrgApi, StaffOfAnotherSiteGet404ForEverySite1Record) {
    auto ids = demo_ids(server_);
    auto admin = signed_in("admin");
    auto other = make_other_site(admin);
    create_user(admin, "east.desk", bj::array{bj::object{{"site_id", other.site}, {"role", "front_desk"}}});
    auto east = signed_in("east.desk", "east-side-password");
    int64_t site1_department = department_of_kind(admin, 1, "engineering");

    for (const auto& target : {path("/api/v1/units/", ids.first_unit), path("/api/v1/residents/", ids.first_resident),
                               path("/api/v1/buildings/", ids.first_building), path("/api/v1/areas/", ids.first_area),
                               path("/api/v1/departments/", site1_department), std::string("/api/v1/sites/1"),
                               std::string("/api/v1/sites/1/units"), std::string("/api/v1/sites/1/residents"),
                               std::string("/api/v1/sites/1/buildings"), std::string("/api/v1/sites/1/areas"),
                               std::string("/api/v1/sites/1/departments")}) {
        auto r = east.get(target);
        EXPECT_EQ(r.status, 404) << target;
        EXPECT_EQ(r.error_code(), "not_found") << target;
    }
    // Their own site's records are there.
    EXPECT_EQ(east.get(path("/api/v1/units/", other.unit)).status, 200);
    auto sites = east.get("/api/v1/sites").json().at("items").as_array();
    ASSERT_EQ(sites.size(), 1u);
    EXPECT_EQ(sites[0].at("id"), other.site);
}

TEST_P(OrgApi, Site1StaffGet404ForAnotherSitesRecordsAndListOnlyTheirSite) {
    auto admin = signed_in("admin");
    auto other = make_other_site(admin);
    auto frontdesk = signed_in("frontdesk");
    for (const auto& target :
         {path("/api/v1/units/", other.unit), path("/api/v1/residents/", other.resident),
          path("/api/v1/buildings/", other.building), path("/api/v1/areas/", other.area),
          path("/api/v1/departments/", other.department), path("/api/v1/sites/", other.site),
          path("/api/v1/sites/", other.site, "/units"), path("/api/v1/sites/", other.site, "/residents")}) {
        auto r = frontdesk.get(target);
        EXPECT_EQ(r.status, 404) << target;
        EXPECT_EQ(r.error_code(), "not_found") << target;
    }
    auto before = org_table_counts(server_);
    EXPECT_EQ(frontdesk.patch(path("/api/v1/residents/", other.resident), R"({"name":"x"})", 1).status, 404);
    EXPECT_EQ(frontdesk.post(path("/api/v1/sites/", other.site, "/residents"), R"({"name":"x"})").status, 404);
    EXPECT_EQ(org_table_counts(server_), before);

    auto sites = frontdesk.get("/api/v1/sites").json().at("items").as_array();
    ASSERT_EQ(sites.size(), 1u);
    EXPECT_EQ(sites[0].at("id"), 1);
    EXPECT_EQ(admin.get("/api/v1/sites").json().at("items").as_array().size(), 2u);
}

TEST_P(OrgApi, StaffAccountsAreVisibleOnlyToThemselvesManagersOfTheirSitesAndAdmins) {
    auto admin = signed_in("admin");
    auto other = make_other_site(admin);
    int64_t east =
        create_user(admin, "east.desk", bj::array{bj::object{{"site_id", other.site}, {"role", "front_desk"}}});
    auto manager = signed_in("manager");
    int64_t manager_id = id_of(manager.get("/api/v1/me"));
    auto frontdesk = signed_in("frontdesk");
    int64_t frontdesk_id = id_of(frontdesk.get("/api/v1/me"));

    EXPECT_EQ(manager.get(path("/api/v1/users/", frontdesk_id)).status, 200);
    EXPECT_EQ(manager.get(path("/api/v1/users/", east)).status, 404);
    EXPECT_EQ(frontdesk.get(path("/api/v1/users/", frontdesk_id)).status, 200);
    EXPECT_EQ(frontdesk.get(path("/api/v1/users/", manager_id)).status, 404);
    EXPECT_EQ(admin.get(path("/api/v1/users/", east)).status, 200);
    // A user's history is theirs and the admin's.
    EXPECT_EQ(frontdesk.get(path("/api/v1/audit?entity=user&id=", manager_id)).status, 404);
    EXPECT_EQ(frontdesk.get(path("/api/v1/audit?entity=user&id=", frontdesk_id)).status, 200);
}

// ---- who may do what ----

TEST_P(OrgApi, FrontDeskMayWriteResidentsButNotTheSiteStructureStaffDevicesOrImports) {
    auto ids = demo_ids(server_);
    auto c = signed_in("frontdesk");
    auto created = c.post("/api/v1/sites/1/residents", R"({"name":"新住戶","phones":["61234567"]})");
    EXPECT_EQ(created.status, 201) << created.body;
    auto patched = c.patch(path("/api/v1/residents/", id_of(created)), R"({"notes":"夜班"})", 1);
    EXPECT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.json().at("notes"), "夜班");

    auto before = org_table_counts(server_);
    struct Attempt {
        std::string method, target, body;
        std::map<std::string, std::string> headers;
    };
    const std::vector<Attempt> refused{
        {"POST", "/api/v1/sites/1/buildings",
         bj::serialize(bj::object{{"area_id", ids.first_area}, {"name", "第4座"}})},
        {"POST", "/api/v1/sites/1/units",
         bj::serialize(
             bj::object{{"building_id", ids.first_building}, {"number", "21A"}, {"floor", 21}, {"floor_area_m2", 80}})},
        {"POST", "/api/v1/sites/1/areas", R"({"kind":"district","name":"北大區"})"},
        {"POST", "/api/v1/sites/1/departments", R"({"kind":"other","name":"新部門"})"},
        {"PATCH", path("/api/v1/units/", ids.first_unit), R"({"floor":2})", if_match(1)},
        {"POST", "/api/v1/users", R"({"login":"sneaky","name":"x","password":"long-enough-password"})"},
        {"GET", "/api/v1/sites/1/devices", ""},
        {"POST",
         "/api/v1/sites/1/imports/units",
         "building,number,floor,floor_area_m2\n第1座,21A,21,80\n",
         {{"Content-Type", "text/csv"}}},
    };
    for (const auto& a : refused) {
        auto r = c.request(a.method, a.target, a.body, a.headers);
        EXPECT_EQ(r.status, 403) << a.method << " " << a.target << " " << r.body;
        EXPECT_EQ(r.error_code(), "forbidden") << a.method << " " << a.target;
    }
    EXPECT_EQ(org_table_counts(server_), before);
}

TEST_P(OrgApi, TechnicianMayNotCreateAResident) {
    auto c = signed_in("tech1");
    auto before = org_table_counts(server_);
    auto r = c.post("/api/v1/sites/1/residents", R"({"name":"新住戶"})");
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.error_code(), "forbidden");
    EXPECT_EQ(org_table_counts(server_), before);
    // A technician sees units, but residents' names and phones are not theirs to read.
    auto ids = demo_ids(server_);
    auto unit = c.get(path("/api/v1/units/", ids.first_unit));
    ASSERT_EQ(unit.status, 200);
    EXPECT_TRUE(unit.json().at("residents").as_array().empty());
    EXPECT_EQ(c.get("/api/v1/sites/1/residents?limit=1").status, 403);
    EXPECT_EQ(c.get(path("/api/v1/residents/", ids.first_resident)).status, 403);
}

TEST_P(OrgApi, SiteManagerMayCreateBuildingsAndDepartmentsButNotSitesOrUsers) {
    auto ids = demo_ids(server_);
    auto c = signed_in("manager");
    auto building = c.post("/api/v1/sites/1/buildings",
                           bj::serialize(bj::object{{"area_id", ids.first_area}, {"name", "第4座"}, {"floors", 12}}));
    EXPECT_EQ(building.status, 201) << building.body;
    auto department = c.post("/api/v1/sites/1/departments", R"({"kind":"other","name":"會所部"})");
    EXPECT_EQ(department.status, 201) << department.body;

    auto before = org_table_counts(server_);
    auto site = c.post("/api/v1/sites", R"({"code":"EAST","name":"東岸花園"})");
    EXPECT_EQ(site.status, 403);
    EXPECT_EQ(site.error_code(), "forbidden");
    auto user = c.post("/api/v1/users", R"({"login":"helper","name":"x","password":"long-enough-password"})");
    EXPECT_EQ(user.status, 403);
    EXPECT_EQ(org_table_counts(server_), before);
}

TEST_P(OrgApi, StaffListIsForManagersAndShowsOnlyTheirSitesStaff) {
    auto admin = signed_in("admin");
    auto other = make_other_site(admin);
    create_user(admin, "east.desk", bj::array{bj::object{{"site_id", other.site}, {"role", "front_desk"}}});
    const std::set<std::string> site1_staff{"manager", "csmanager", "frontdesk", "assistant", "butler",   "enghead",
                                            "englead", "tech1",     "tech2",     "attendant", "teamlead", "finance"};
    for (const char* login : {"manager", "csmanager"}) {
        auto c = signed_in(login);
        auto r = c.get("/api/v1/users?limit=200");
        ASSERT_EQ(r.status, 200) << login;
        std::set<std::string> logins;
        for (const auto& s : bj::array(r.json().at("items").as_array())) {
            logins.insert(str(s.at("login")));
            bool in_site1 = false;
            for (const auto& role : s.at("roles").as_array()) in_site1 = in_site1 || role.at("site_id") == 1;
            EXPECT_TRUE(in_site1) << s.at("login");
        }
        EXPECT_EQ(logins, site1_staff) << login;
        EXPECT_EQ(c.get(path("/api/v1/users?site_id=", other.site)).status, 404) << login;
    }
    auto frontdesk = signed_in("frontdesk");
    auto refused = frontdesk.get("/api/v1/users");
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.error_code(), "forbidden");
    EXPECT_EQ(admin.get("/api/v1/users?limit=200").json().at("items").as_array().size(), 14u);
}

// ---- staff accounts ----

TEST_P(OrgApi, AdminCreatesAUserWithARoleAndADepartmentOfThatSite) {
    auto admin = signed_in("admin");
    int64_t cs = department_of_kind(admin, 1, "customer_service");
    auto r = admin.post(
        "/api/v1/users",
        bj::serialize(bj::object{
            {"login", "new.desk"},
            {"name", "新前臺"},
            {"phone", "9123 4567"},
            {"password", "a-long-password"},
            {"roles", bj::array{bj::object{{"site_id", 1}, {"role", "front_desk"}, {"department_id", cs}}}}}));
    ASSERT_EQ(r.status, 201) << r.body;
    auto j = r.json();
    EXPECT_EQ(j.at("login"), "new.desk");
    EXPECT_EQ(j.at("phone"), "91234567");
    EXPECT_EQ(j.at("active"), true);
    EXPECT_EQ(j.at("system_admin"), false);
    ASSERT_EQ(j.at("roles").as_array().size(), 1u);
    EXPECT_EQ(j.at("roles").at(0).at("site_id"), 1);
    EXPECT_EQ(j.at("roles").at(0).at("role"), "front_desk");
    EXPECT_EQ(j.at("roles").at(0).at("department_id"), cs);
    EXPECT_FALSE(j.as_object().contains("password_hash"));
    EXPECT_FALSE(j.as_object().contains("password"));

    auto me = signed_in("new.desk", "a-long-password").get("/api/v1/me").json();
    EXPECT_EQ(me.at("sites").at(0).at("roles"), (bj::array{"front_desk"}));
}

TEST_P(OrgApi, BadUserAccountsAreRefusedNamingTheField) {
    auto admin = signed_in("admin");
    auto other = make_other_site(admin);
    auto before = org_table_counts(server_);
    auto user = [&](const std::string& login, const std::string& password, const bj::array& roles) {
        return admin.post(
            "/api/v1/users",
            bj::serialize(bj::object{{"login", login}, {"name", "x"}, {"password", password}, {"roles", roles}}));
    };
    // A department of another site.
    auto foreign =
        user("new.desk", "a-long-password",
             bj::array{bj::object{{"site_id", 1}, {"role", "front_desk"}, {"department_id", other.department}}});
    EXPECT_EQ(foreign.status, 422);
    EXPECT_EQ(foreign.error_field(), "roles");
    auto unknown = user("new.desk", "a-long-password", bj::array{bj::object{{"site_id", 1}, {"role", "janitor"}}});
    EXPECT_EQ(unknown.status, 422);
    EXPECT_EQ(unknown.error_code(), "validation_failed");
    EXPECT_EQ(unknown.error_field(), "roles");
    auto admin_role =
        user("new.desk", "a-long-password", bj::array{bj::object{{"site_id", 1}, {"role", "system_admin"}}});
    EXPECT_EQ(admin_role.status, 422);
    EXPECT_EQ(admin_role.error_field(), "roles");
    auto duplicate = user("frontdesk", "a-long-password", bj::array{});
    EXPECT_EQ(duplicate.status, 409);
    EXPECT_EQ(duplicate.error_code(), "conflict");
    EXPECT_EQ(duplicate.error_field(), "login");
    auto weak = user("new.desk", "short", bj::array{});
    EXPECT_EQ(weak.status, 422);
    EXPECT_EQ(weak.error_field(), "password");
    auto same_as_login = user("new.desk.1", "new.desk.1", bj::array{});
    EXPECT_EQ(same_as_login.status, 422);
    EXPECT_EQ(same_as_login.error_field(), "password");
    EXPECT_EQ(org_table_counts(server_), before);
}

TEST_P(OrgApi, PuttingRolesWithIfMatchReplacesThemAndMeShowsTheNewOnes) {
    auto admin = signed_in("admin");
    int64_t id = create_user(admin, "new.desk", bj::array{bj::object{{"site_id", 1}, {"role", "front_desk"}}});
    const std::string target = path("/api/v1/users/", id, "/roles");
    const std::string body = R"({"roles":[{"site_id":1,"role":"butler"},{"site_id":1,"role":"property_assistant"}]})";

    EXPECT_EQ(admin.put(target, body).status, 428);
    EXPECT_EQ(admin.put(target, body, if_match(9)).status, 412);
    auto r = admin.put(target, body, if_match(1));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("version"), 2);
    std::set<std::string> roles;
    for (const auto& x : bj::array(r.json().at("roles").as_array())) roles.insert(str(x.at("role")));
    EXPECT_EQ(roles, (std::set<std::string>{"butler", "property_assistant"}));

    auto me = signed_in("new.desk", "east-side-password").get("/api/v1/me").json();
    ASSERT_EQ(me.at("sites").as_array().size(), 1u);
    std::set<std::string> me_roles;
    for (const auto& x : me.at("sites").at(0).at("roles").as_array()) me_roles.insert(str(x));
    EXPECT_EQ(me_roles, roles);
}

TEST_P(OrgApi, PasswordResetByAdminEndsThatUsersSessions) {
    auto admin = signed_in("admin");
    int64_t id = create_user(admin, "new.desk", bj::array{bj::object{{"site_id", 1}, {"role", "front_desk"}}});
    auto user = signed_in("new.desk", "east-side-password");
    ASSERT_EQ(user.get("/api/v1/me").status, 200);
    auto r = admin.patch(path("/api/v1/users/", id), R"({"password":"a-brand-new-password"})", 1);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(user.get("/api/v1/me").status, 401);
    EXPECT_EQ(server_.db().read_value(
                  [&](db::Conn& c) { return c.one("SELECT COUNT(*) FROM sessions WHERE user_id = $1", id)->i64(0); }),
              0);
    auto fresh = server_.client();
    EXPECT_EQ(fresh.post("/api/v1/session", R"({"login":"new.desk","password":"east-side-password"})").status, 401);
    EXPECT_EQ(fresh.post("/api/v1/session", R"({"login":"new.desk","password":"a-brand-new-password"})").status, 200);
    EXPECT_EQ(admin.get("/api/v1/me").status, 200);  // the admin's own session is untouched
}

TEST_P(OrgApi, DeactivatedUserCannotSignInAndLosesTheirSession) {
    auto admin = signed_in("admin");
    int64_t id = create_user(admin, "new.desk", bj::array{bj::object{{"site_id", 1}, {"role", "front_desk"}}});
    auto user = signed_in("new.desk", "east-side-password");
    auto r = admin.patch(path("/api/v1/users/", id), R"({"active":false})", 1);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("active"), false);
    EXPECT_EQ(user.get("/api/v1/me").status, 401);
    auto again = server_.client().post("/api/v1/session", R"({"login":"new.desk","password":"east-side-password"})");
    EXPECT_EQ(again.status, 401);
}

TEST_P(OrgApi, AdminCannotDeactivateThemselves) {
    auto admin = signed_in("admin");
    auto me = admin.get("/api/v1/me").json();
    int64_t id = id_of(me);
    auto self = admin.get(path("/api/v1/users/", id));
    ASSERT_EQ(self.status, 200);
    int64_t version = self.json().at("version").as_int64();
    auto before = org_table_counts(server_);
    auto r = admin.patch(path("/api/v1/users/", id), R"({"active":false})", version);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.error_field(), "active");
    auto drop = admin.patch(path("/api/v1/users/", id), R"({"system_admin":false})", version);
    EXPECT_EQ(drop.status, 422);
    EXPECT_EQ(org_table_counts(server_), before);
    EXPECT_EQ(admin.get("/api/v1/me").status, 200);
    EXPECT_EQ(admin.get(path("/api/v1/users/", id)).json().at("active"), true);
}

// ---- resident ↔ unit links ----

TEST_P(OrgApi, LinkingAndUnlinkingAResidentUsesIfMatchAndShowsOnBothSides) {
    auto ids = demo_ids(server_);
    auto c = signed_in("frontdesk");
    const int64_t resident = ids.first_resident;
    const int64_t unit2 = ids.first_unit + 1;
    const std::string link = path("/api/v1/residents/", resident, path("/units/", unit2));

    auto linked = c.put(link, R"({"relation":"tenant"})", if_match(1));
    ASSERT_EQ(linked.status, 200) << linked.body;
    EXPECT_EQ(linked.json().at("version"), 2);
    auto units = linked.json().at("units").as_array();
    ASSERT_EQ(units.size(), 2u);
    bool found = false;
    for (const auto& u : units)
        if (u.at("unit_id") == unit2) {
            found = true;
            EXPECT_EQ(u.at("relation"), "tenant");
        }
    EXPECT_TRUE(found);
    auto on_unit = c.get(path("/api/v1/units/", unit2)).json().at("residents").as_array();
    bool listed = false;
    for (const auto& r : on_unit)
        if (r.at("resident_id") == resident) {
            listed = true;
            EXPECT_EQ(r.at("relation"), "tenant");
        }
    EXPECT_TRUE(listed);

    // PUT again changes the relation.
    auto changed = c.put(link, R"({"relation":"occupant"})", if_match(2));
    ASSERT_EQ(changed.status, 200);
    for (const auto& u : bj::array(changed.json().at("units").as_array()))
        if (u.at("unit_id") == unit2) EXPECT_EQ(u.at("relation"), "occupant");

    // A stale If-Match changes nothing.
    auto stale = c.del(link, if_match(2));
    EXPECT_EQ(stale.status, 412);
    EXPECT_EQ(c.get(path("/api/v1/residents/", resident)).json().at("units").as_array().size(), 2u);

    auto unlinked = c.del(link, if_match(3));
    ASSERT_EQ(unlinked.status, 200) << unlinked.body;
    EXPECT_EQ(unlinked.json().at("version"), 4);
    ASSERT_EQ(unlinked.json().at("units").as_array().size(), 1u);
    EXPECT_EQ(unlinked.json().at("units").at(0).at("unit_id"), ids.first_unit);
    for (const auto& r : bj::array(c.get(path("/api/v1/units/", unit2)).json().at("residents").as_array()))
        EXPECT_NE(r.at("resident_id"), resident);
    // Unlinking what is not linked is 404.
    EXPECT_EQ(c.del(link, if_match(4)).status, 404);
}

TEST_P(OrgApi, LinkingToAUnitOfAnotherSiteIs404AndChangesNothing) {
    auto ids = demo_ids(server_);
    auto admin = signed_in("admin");
    auto other = make_other_site(admin);
    auto c = signed_in("frontdesk");
    auto before = org_table_counts(server_);
    auto r = c.put(path("/api/v1/residents/", ids.first_resident, path("/units/", other.unit)),
                   R"({"relation":"owner"})", if_match(1));
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.error_code(), "not_found");
    // Even the admin, who sees both sites, cannot link across them.
    auto cross = admin.put(path("/api/v1/residents/", ids.first_resident, path("/units/", other.unit)),
                           R"({"relation":"owner"})", if_match(1));
    EXPECT_EQ(cross.status, 404);
    EXPECT_EQ(org_table_counts(server_), before);
    EXPECT_EQ(c.get(path("/api/v1/residents/", ids.first_resident)).json().at("version"), 1);
}

// ---- audit ----

TEST_P(OrgApi, AuditShowsCreateAndUpdateOfAUnitWithActorValuesAndRequestIds) {
    auto ids = demo_ids(server_);
    auto manager = signed_in("manager");
    auto created = manager.post(
        "/api/v1/sites/1/units",
        bj::serialize(bj::object{
            {"building_id", ids.first_building}, {"number", "21A"}, {"floor", 21}, {"floor_area_m2", 85.5}}));
    ASSERT_EQ(created.status, 201) << created.body;
    int64_t unit = id_of(created);
    clock_.advance_ms(60'000);
    auto updated = manager.patch(path("/api/v1/units/", unit), R"({"floor_area_m2":90.25})", 1);
    ASSERT_EQ(updated.status, 200) << updated.body;
    ASSERT_FALSE(created.header("x-request-id").empty());
    ASSERT_NE(created.header("x-request-id"), updated.header("x-request-id"));

    auto history = manager.get(path("/api/v1/audit?entity=unit&id=", unit));
    ASSERT_EQ(history.status, 200) << history.body;
    auto items = history.json().at("items").as_array();
    ASSERT_EQ(items.size(), 2u);
    const auto& create = items[0];
    EXPECT_EQ(create.at("action"), "create");
    EXPECT_EQ(create.at("entity"), "unit");
    EXPECT_EQ(create.at("entity_id"), unit);
    EXPECT_EQ(create.at("site_id"), 1);
    EXPECT_EQ(create.at("actor_name"), "陳經理");
    EXPECT_EQ(str(create.at("request_id")), created.header("x-request-id"));
    EXPECT_EQ(create.at("at"), kStartLocal);
    EXPECT_TRUE(create.at("before").is_null());
    EXPECT_EQ(create.at("after").at("number"), "21A");
    EXPECT_DOUBLE_EQ(create.at("after").at("floor_area_m2").to_number<double>(), 85.5);

    const auto& update = items[1];
    EXPECT_EQ(update.at("action"), "update");
    EXPECT_EQ(update.at("actor_name"), "陳經理");
    EXPECT_EQ(str(update.at("request_id")), updated.header("x-request-id"));
    EXPECT_EQ(update.at("at"), "2026-11-18T19:07:40+08:00");
    EXPECT_DOUBLE_EQ(update.at("before").at("floor_area_m2").to_number<double>(), 85.5);
    EXPECT_DOUBLE_EQ(update.at("after").at("floor_area_m2").to_number<double>(), 90.25);
    EXPECT_EQ(update.at("before").at("version"), 1);
    EXPECT_EQ(update.at("after").at("version"), 2);
}

TEST_P(OrgApi, AnotherSitesStaffGet404ForAUnitsHistory) {
    auto ids = demo_ids(server_);
    auto admin = signed_in("admin");
    auto other = make_other_site(admin);
    create_user(admin, "east.desk", bj::array{bj::object{{"site_id", other.site}, {"role", "front_desk"}}});
    auto east = signed_in("east.desk", "east-side-password");
    auto r = east.get(path("/api/v1/audit?entity=unit&id=", ids.first_unit));
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.error_code(), "not_found");
    // Their own site's unit history is theirs to read; site 1's is the front desk's.
    EXPECT_EQ(east.get(path("/api/v1/audit?entity=unit&id=", other.unit)).status, 200);
    auto frontdesk = signed_in("frontdesk");
    auto mine = frontdesk.get(path("/api/v1/audit?entity=unit&id=", ids.first_unit));
    ASSERT_EQ(mine.status, 200);
    ASSERT_EQ(mine.json().at("items").as_array().size(), 1u);
    EXPECT_EQ(mine.json().at("items").at(0).at("action"), "seed");
    EXPECT_EQ(mine.json().at("items").at(0).at("actor_name"), "system");
    EXPECT_EQ(frontdesk.get(path("/api/v1/audit?entity=unit&id=", other.unit)).status, 404);
}

TEST_P(OrgApi, NoRouteChangesAuditRows) {
    auto admin = signed_in("admin");
    auto before = org_table_counts(server_);
    for (const char* method : {"PUT", "PATCH", "DELETE", "POST"}) {
        auto r = admin.request(method, "/api/v1/audit?entity=unit&id=1", R"({"action":"tampered"})",
                               {{"If-Match", "\"1\""}});
        EXPECT_EQ(r.status, 405) << method;
        EXPECT_EQ(r.error_code(), "method_not_allowed") << method;
        // Only reading methods are allowed (GET, and HEAD where the router lists it).
        std::set<std::string> allowed;
        std::string allow = r.header("allow");
        for (size_t start = 0; start < allow.size();) {
            size_t comma = allow.find(',', start);
            if (comma == std::string::npos) comma = allow.size();
            std::string m = allow.substr(start, comma - start);
            m.erase(0, m.find_first_not_of(' '));
            allowed.insert(m);
            start = comma + 1;
        }
        EXPECT_TRUE(allowed.count("GET")) << allow;
        for (const char* write : {"PUT", "PATCH", "DELETE", "POST"}) EXPECT_FALSE(allowed.count(write)) << allow;
    }
    EXPECT_EQ(org_table_counts(server_), before);
}

TEST_P(OrgApi, AuditLogIsAppendOnlyInTheDatabaseItself) {
    auto before = server_.count("audit_log");
    ASSERT_GT(before, 0);
    EXPECT_THROW(server_.db().write([](db::Conn& c) { c.exec("UPDATE audit_log SET action = 'tampered'"); }),
                 std::exception);
    EXPECT_THROW(server_.db().write([](db::Conn& c) { c.exec("DELETE FROM audit_log"); }), std::exception);
    EXPECT_THROW(server_.db().write(
                     [](db::Conn& c) { c.exec("DELETE FROM audit_log WHERE id = (SELECT MIN(id) FROM audit_log)"); }),
                 std::exception);
    EXPECT_EQ(server_.count("audit_log"), before);
    auto tampered = server_.db().read_value(
        [](db::Conn& c) { return c.one("SELECT COUNT(*) FROM audit_log WHERE action = 'tampered'")->i64(0); });
    EXPECT_EQ(tampered, 0);
    // Appending still works after the refused statements.
    auto c = signed_in("manager");
    EXPECT_EQ(c.post("/api/v1/sites/1/departments", R"({"kind":"other","name":"新部門"})").status, 201);
    EXPECT_GT(server_.count("audit_log"), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, OrgApi, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
