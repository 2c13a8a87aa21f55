// Repairs end to end and for everyone who may not: the whole flow sheet audited step by step, a
// stale or missing If-Match, staff of another site, roles without a permission and unknown
// fields change nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "support/repair_fixture.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

class RepairAccess : public RepairApi {};

TEST_P(RepairAccess, MT_3_1_MT_3_2_MT_3_3_MT_3_4_MT_4_0_AJobGoesFromTheCallToTheReturnVisitAndEveryStepIsAudited) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    auto tech = signed_in("tech1");
    auto v = registered(fd, "浴室天花滲水", {{"location", "浴室"}});
    int64_t id = id_of(v);
    clock_.advance_ms(5 * kMinute);
    v = take(eng, v, "assign", {{"technician_id", user_id("tech1")}});
    clock_.advance_ms(15 * kMinute);
    v = take(tech, v, "check-in");
    v = take(tech, v, "propose", {{"solution", "更換浴缸去水喉"}, {"minutes", 60}, {"price_cents", 6000}});
    v = take(tech, v, "consent", {{"agreed", true}});
    v = take(tech, v, "start");
    v = take(tech, v, "material", {{"source", "resident"}, {"name", "去水喉"}, {"quality_ok", true}});
    v = take(tech, v, "note", {{"note", "住戶要求下午再檢查一次"}});
    clock_.advance_ms(45 * kMinute);
    v = take(tech, v, "complete", completion(signature(tech), charge(price("P06"))));
    EXPECT_EQ(v.at("total_cents"), 6000);
    ASSERT_EQ(visit(v, "satisfied").status, 200);
    v = read(fd, id);
    EXPECT_EQ(v.at("status"), "return_visited");
    EXPECT_EQ(v.at("version"), 10);
    EXPECT_EQ(event_kinds(v), (std::vector<std::string>{"recorded", "notified", "assigned", "notified", "checked_in",
                                                        "proposed", "consented", "started", "material", "note",
                                                        "completed", "receipt", "return_visit"}));
    auto history = audit("repair", id);
    std::vector<std::string> actions, actors;
    for (const auto& e : history) {
        actions.push_back(str(e.at("action")));
        actors.push_back(str(e.at("actor_name")));
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"create", "assign", "check_in", "propose", "consent", "start",
                                                 "material", "note", "complete", "return_visit"}));
    EXPECT_EQ(actors, (std::vector<std::string>{"黃前臺", "何工程部長", "王技工", "王技工", "王技工", "王技工",
                                                "王技工", "王技工", "王技工", "黃前臺"}));
    // Each entry holds the job before and after the step.
    const std::vector<std::pair<std::string, std::string>> statuses{
        {"recorded", "assigned"},       {"assigned", "on_site"},      {"on_site", "proposed"},
        {"proposed", "consented"},      {"consented", "in_progress"}, {"in_progress", "in_progress"},
        {"in_progress", "in_progress"}, {"in_progress", "completed"}, {"completed", "return_visited"}};
    ASSERT_EQ(history.size(), statuses.size() + 1);
    for (size_t i = 0; i < statuses.size(); ++i) {
        EXPECT_EQ(history[i + 1].at("before").at("status"), statuses[i].first.c_str()) << actions[i + 1];
        EXPECT_EQ(history[i + 1].at("after").at("status"), statuses[i].second.c_str()) << actions[i + 1];
        EXPECT_EQ(history[i + 1].at("after").at("version"), history[i + 1].at("before").at("version").as_int64() + 1)
            << actions[i + 1];
    }
    EXPECT_EQ(history[2].at("at"), hk(kStart + 20 * kMinute));
    // The desk case followed the job.
    auto c = read_case(fd, v.at("case_id").as_int64());
    EXPECT_EQ(c.at("status"), "return_visited");
    EXPECT_EQ(c.at("accepted_at"), hk(kStart + 20 * kMinute));
    EXPECT_EQ(c.at("completed_at"), hk(kStart + 65 * kMinute));
    auto case_history = audit_actions("case", id_of(c));
    EXPECT_EQ(std::count(case_history.begin(), case_history.end(), "repair_step"),
              3);  // dispatched, accepted, completed
    EXPECT_EQ(case_history.back(), "return_visit");
}

TEST_P(RepairAccess, AStaleIfMatchIs412AMissingOneIs428AndNeitherChangesAnything) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    auto v = registered(fd, "大堂燈壞");
    auto old = v;
    v = take(eng, v, "assign", {{"technician_id", user_id("tech1")}});
    auto before = table_counts();
    auto stale = step(eng, old, "assign", {{"technician_id", user_id("tech2")}, {"note", "改派"}});
    EXPECT_EQ(stale.status, 412) << stale.body;
    EXPECT_EQ(stale.error_code(), "version_mismatch");
    auto stale_close = step(fd, old, "close", {{"reason", "重複登記"}});
    EXPECT_EQ(stale_close.status, 412);
    auto missing = eng.post(path("/api/v1/repairs/", id_of(v), "/assign"),
                            bj::serialize(bj::object{{"technician_id", user_id("tech2")}, {"note", "改派"}}));
    EXPECT_EQ(missing.status, 428) << missing.body;
    EXPECT_EQ(missing.error_code(), "if_match_required");
    auto garbled = eng.post(path("/api/v1/repairs/", id_of(v), "/note"), R"({"note":"x"})", {{"If-Match", "abc"}});
    EXPECT_EQ(garbled.status, 400);
    auto tech = signed_in("tech1");
    auto stale_tech = tech.post(path("/api/v1/repairs/", id_of(v), "/check-in"), "{}", if_match(1));
    EXPECT_EQ(stale_tech.status, 412);
    EXPECT_EQ(table_counts(), before);
    auto now = read(fd, id_of(v));
    EXPECT_EQ(now.at("version"), 2);
    EXPECT_EQ(now.at("technician").at("id"), user_id("tech1"));
    auto got = fd.get(path("/api/v1/repairs/", id_of(v)));
    EXPECT_EQ(got.header("etag"), "\"2\"");
}

TEST_P(RepairAccess, StaffOfAnotherSiteGet404ForSite1sRepairsOrdersAndPrices) {
    auto v = assigned("tech1", "客廳燈不亮");
    auto lead = signed_in("englead");
    auto order =
        lead.post("/api/v1/sites/1/work-orders",
                  bj::serialize(bj::object{
                      {"title", "更換光管"}, {"instructions", "按圖施工"}, {"technician_id", user_id("tech1")}}));
    ASSERT_EQ(order.status, 201);
    auto tap = price("P01");
    auto admin = signed_in("admin");
    east_site_with_user(admin, "east.eng", "eng_head");
    auto stranger = signed_in("east.eng", "east-side-password");
    auto before = table_counts();
    for (const std::string& target :
         {path("/api/v1/repairs/", id_of(v)), std::string("/api/v1/sites/1/repairs"),
          std::string("/api/v1/sites/1/my-jobs"), std::string("/api/v1/sites/1/price-items"),
          std::string("/api/v1/sites/1/repair-policy"), std::string("/api/v1/sites/1/repair-kpi"),
          std::string("/api/v1/sites/1/work-orders"), path("/api/v1/work-orders/", id_of(order.json())),
          path("/api/v1/price-items/", id_of(tap), "/versions"),
          std::string("/api/v1/audit?entity=repair&id=") + std::to_string(id_of(v))}) {
        auto r = stranger.get(target);
        EXPECT_EQ(r.status, 404) << target << " " << r.body;
    }
    EXPECT_EQ(step(stranger, v, "assign", {{"technician_id", user_id("tech2")}}).status, 404);
    EXPECT_EQ(step(stranger, v, "close", {{"reason", "x"}}).status, 404);
    EXPECT_EQ(register_request(stranger, request_body("越權")).status, 404);
    EXPECT_EQ(stranger.put(path("/api/v1/price-items/", id_of(tap)), R"({"price_cents":1})", if_match(1)).status, 404);
    EXPECT_EQ(stranger.post(path("/api/v1/work-orders/", id_of(order.json()), "/archive"), "{}", if_match(1)).status,
              404);
    EXPECT_EQ(table_counts(), before);
}

TEST_P(RepairAccess, RolesWithoutARepairPermissionGet403AndChangeNothing) {
    auto fd = signed_in("frontdesk");
    auto v = registered(fd, "冷氣機滴水");
    auto before = table_counts();
    auto attendant = signed_in("attendant");  // the car-park attendant: no repair permission at all
    auto reg = register_request(attendant, request_body("停車場燈壞"));
    EXPECT_EQ(reg.status, 403) << reg.body;
    EXPECT_EQ(reg.error_code(), "forbidden");
    EXPECT_EQ(attendant.get("/api/v1/sites/1/repairs").status, 403);
    EXPECT_EQ(attendant.get(path("/api/v1/repairs/", id_of(v))).status, 403);
    EXPECT_EQ(step(attendant, v, "note", {{"note", "x"}}).status, 403);
    EXPECT_EQ(step(attendant, v, "close", {{"reason", "x"}}).status, 403);
    EXPECT_EQ(attendant.get("/api/v1/sites/1/price-items").status, 403);
    // Reading is not writing: finance sees the register but registers nothing.
    auto finance = signed_in("finance");
    EXPECT_EQ(finance.get(path("/api/v1/repairs/", id_of(v))).status, 200);
    EXPECT_EQ(register_request(finance, request_body("x")).status, 403);
    EXPECT_EQ(step(finance, v, "close", {{"reason", "x"}}).status, 403);
    // A technician and the team lead do not take calls.
    for (const char* login : {"tech1", "englead"}) {
        auto c = signed_in(login);
        EXPECT_EQ(register_request(c, request_body("x")).status, 403) << login;
    }
    EXPECT_EQ(table_counts(), before);
    // The engineering head may register one directly.
    auto eng = signed_in("enghead");
    EXPECT_EQ(register_request(eng, request_body("工程部自行登記")).status, 201);
}

TEST_P(RepairAccess, UnknownFieldsAre400NamingTheField) {
    auto fd = signed_in("frontdesk");
    auto r = register_request(fd, request_body("漏水", {{"tip_cents", 2000}}));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.error_code(), "unknown_field");
    EXPECT_EQ(r.error_field(), "tip_cents");
    auto v = registered(fd, "漏水");
    auto s = step(fd, v, "close", {{"reason", "x"}, {"rejected", true}});
    EXPECT_EQ(s.status, 400);
    EXPECT_EQ(s.error_field(), "rejected");
    EXPECT_EQ(server_.count("repairs"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, RepairAccess, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
