// MT-1 through the real server, on SQLite and PostgreSQL: the repair KPIs (response, on-time
// arrival with immediate jobs never reached counted late, first-time fix, satisfaction, return
// visits) and their workbook.
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

class RepairKpi : public RepairApi {};

TEST_P(RepairKpi, MT_1_TheKpisCountArrivalsResponseFirstTimeFixSatisfactionAndReturnVisitsPerTechnician) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    // Five requests at 19:06:40: A, B, E immediate and simple; C booked for 20:00; D never assigned.
    auto a = registered(fd, "A", {{"simple", true}});
    auto b = registered(fd, "B", {{"simple", true}});
    auto c = registered(fd, "C", bj::object{{"mode", "appointment"}, {"slot", slot("2026-11-18", "20:00", "21:00")}});
    registered(fd, "D");
    auto e = registered(fd, "E", {{"simple", true}});
    a = take(eng, a, "assign", {{"technician_id", user_id("tech1")}});
    b = take(eng, b, "assign", {{"technician_id", user_id("tech2")}});
    c = take(eng, c, "assign", {{"technician_id", user_id("tech1")}});
    e = take(eng, e, "assign", {{"technician_id", user_id("tech1")}});
    auto tech1 = signed_in("tech1");
    auto tech2 = signed_in("tech2");
    auto finish = [&](HttpClient& t, bj::value v, EpochMs at) {
        clock_.set(at);
        v = take(t, v, "check-in");
        v = take(t, v, "start");
        return take(t, v, "complete", completion(signature(t)));
    };
    a = finish(tech1, a, kStart + 20 * kMinute);  // on time, 20 min
    e = finish(tech1, e, kStart + 25 * kMinute);  // on time, 25 min
    b = finish(tech2, b, kStart + 31 * kMinute);  // late, 31 min
    clock_.set(kEight + 3 * kMinute);
    c = take(tech1, c, "check-in");  // on time for 20:00
    clock_.advance_ms(5 * kMinute);
    c = take(tech1, c, "no-one-home");
    ASSERT_EQ(visit(a, "satisfied").status, 200);
    ASSERT_EQ(visit(b, "not_satisfied", "仍然漏水").status, 200);  // E's visit is still to come

    auto rate = [](const bj::value& r, int64_t numerator, int64_t denominator) {
        EXPECT_EQ(r.at("numerator"), numerator);
        EXPECT_EQ(r.at("denominator"), denominator);
        if (denominator == 0)
            EXPECT_TRUE(r.at("percent").is_null());
        else
            EXPECT_DOUBLE_EQ(number(r.at("percent")), 100.0 * numerator / denominator);
    };
    auto k = kpi(eng);
    EXPECT_EQ(k.at("from"), "2026-11-18");
    EXPECT_EQ(k.at("to"), "2026-11-18");
    const auto& t = k.at("totals");
    EXPECT_EQ(t.at("requests"), 5);
    // MT-3.1: D, immediate and never reached, is late too (A and E on time; B late).
    rate(t.at("arrivals_immediate"), 2, 4);
    rate(t.at("arrivals_appointment"), 1, 1);
    EXPECT_EQ(t.at("late_arrivals"), 2);
    EXPECT_EQ(t.at("response_avg_minutes"), 25);  // (20 + 25 + 31) / 3 = 25.3
    EXPECT_EQ(t.at("completed"), 3);
    rate(t.at("first_time_fix"), 2, 3);  // B was reopened
    rate(t.at("satisfaction"), 1, 2);
    rate(t.at("return_visits"), 2, 3);
    EXPECT_EQ(t.at("return_visit_target_percent"), 100);
    EXPECT_EQ(t.at("return_visits").at("meets_target"), false);

    ASSERT_EQ(k.at("technicians").as_array().size(), 3u);
    std::map<int64_t, bj::value> per;
    for (const auto& row : k.at("technicians").as_array())
        per[row.at("technician").is_null() ? 0 : row.at("technician").at("id").as_int64()] = row;
    ASSERT_TRUE(per.count(0) && per.count(user_id("tech1")) && per.count(user_id("tech2")));
    const auto& t1 = per[user_id("tech1")];
    EXPECT_EQ(t1.at("technician"), ref("tech1", "王技工"));
    EXPECT_EQ(t1.at("requests"), 3);
    rate(t1.at("arrivals_immediate"), 2, 2);
    rate(t1.at("arrivals_appointment"), 1, 1);
    EXPECT_EQ(t1.at("late_arrivals"), 0);
    EXPECT_EQ(t1.at("response_avg_minutes"), 23);  // (20 + 25) / 2 = 22.5
    EXPECT_EQ(t1.at("completed"), 2);
    rate(t1.at("first_time_fix"), 2, 2);
    rate(t1.at("satisfaction"), 1, 1);
    rate(t1.at("return_visits"), 1, 2);
    const auto& t2 = per[user_id("tech2")];
    EXPECT_EQ(t2.at("technician"), ref("tech2", "劉技工"));
    EXPECT_EQ(t2.at("requests"), 1);
    rate(t2.at("arrivals_immediate"), 0, 1);
    EXPECT_EQ(t2.at("late_arrivals"), 1);
    EXPECT_EQ(t2.at("response_avg_minutes"), 31);
    rate(t2.at("first_time_fix"), 0, 1);
    rate(t2.at("satisfaction"), 0, 1);
    const auto& none = per[0];  // D, never assigned: never reached, late
    EXPECT_EQ(none.at("requests"), 1);
    EXPECT_EQ(none.at("completed"), 0);
    EXPECT_TRUE(none.at("response_avg_minutes").is_null());
    rate(none.at("arrivals_immediate"), 0, 1);
    EXPECT_EQ(none.at("late_arrivals"), 1);

    ASSERT_EQ(k.at("days").as_array().size(), 1u);
    EXPECT_EQ(k.at("days").at(0).at("date"), "2026-11-18");
    EXPECT_EQ(k.at("days").at(0).at("requests"), 5);
    EXPECT_EQ(k.at("days").at(0).at("completed"), 3);

    // A day with nothing: no percentages.
    auto empty = kpi(eng, "from=2026-11-19&to=2026-11-19");
    EXPECT_EQ(empty.at("totals").at("requests"), 0);
    EXPECT_TRUE(empty.at("totals").at("arrivals_immediate").at("percent").is_null());

    // Against a policy that visits 60 % of jobs, 2 of 3 meets the target.
    auto put = eng.put("/api/v1/sites/1/repair-policy", R"({"return_visit_percent":60})", if_match(0));
    ASSERT_EQ(put.status, 200) << put.body;
    auto against = kpi(eng).at("totals");
    EXPECT_EQ(against.at("return_visit_target_percent"), 60);
    EXPECT_EQ(against.at("return_visits").at("meets_target"), true);
}

TEST_P(RepairKpi, MT_1_TheKpisDownloadAsAnXlsxWorkbookForEngineeringAndManagersOnly) {
    completed_job("xlsx");
    for (const char* login : {"enghead", "csmanager", "manager"}) {
        auto c = signed_in(login);
        EXPECT_EQ(c.get("/api/v1/sites/1/repair-kpi?from=2026-11-01&to=2026-11-30").status, 200) << login;
        auto r = c.get("/api/v1/sites/1/repair-kpi.xlsx?from=2026-11-01&to=2026-11-30");
        ASSERT_EQ(r.status, 200) << login << " " << r.body.substr(0, 200);
        EXPECT_EQ(r.header("content-type"), kXlsx);
        EXPECT_EQ(r.header("content-disposition"), "attachment; filename=\"repair-kpi-2026-11-01-2026-11-30.xlsx\"");
        EXPECT_EQ(r.body.substr(0, 2), "PK");
        EXPECT_NE(r.body.find("xl/worksheets/sheet3.xml"), std::string::npos);
    }
    for (const char* login : {"tech1", "englead", "frontdesk", "finance", "attendant"}) {
        auto c = signed_in(login);
        auto json = c.get("/api/v1/sites/1/repair-kpi");
        EXPECT_EQ(json.status, 403) << login;
        EXPECT_EQ(json.error_code(), "forbidden") << login;
        EXPECT_EQ(c.get("/api/v1/sites/1/repair-kpi.xlsx").status, 403) << login;
    }
    auto eng = signed_in("enghead");
    auto bad = eng.get("/api/v1/sites/1/repair-kpi?from=2026-11-30&to=2026-11-01");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "to");
}

TEST_P(RepairKpi, MT_1_MT_4_0_AnUnsatisfiedAnswerStillCountsOnceTheJobIsRevisited) {
    auto v = completed_job("廚房水龍頭漏水");
    ASSERT_EQ(visit(v, "not_satisfied", "仍然滴水").status, 200);
    auto eng = signed_in("enghead");
    auto before = kpi(eng).at("totals");
    EXPECT_EQ(before.at("satisfaction").at("numerator"), 0);
    EXPECT_EQ(before.at("satisfaction").at("denominator"), 1);
    v = take(eng, read(eng, id_of(v)), "rebook", {{"mode", "immediate"}});
    auto tech = signed_in("tech1");
    clock_.advance_ms(20 * kMinute);
    v = take(tech, v, "check-in");
    v = take(tech, v, "start");
    v = take(tech, v, "complete", completion(signature(tech)));
    auto after = kpi(eng).at("totals");
    EXPECT_EQ(after.at("first_time_fix").at("numerator"), 0);
    EXPECT_EQ(after.at("first_time_fix").at("denominator"), 1);
    // The resident's recorded "not satisfied" still counts after the revisit is completed: every
    // answer is kept on the job for the KPIs.
    EXPECT_EQ(after.at("satisfaction").at("numerator"), 0);
    EXPECT_EQ(after.at("satisfaction").at("denominator"), 1);
    EXPECT_EQ(after.at("satisfaction").at("meets_target"), false);
    EXPECT_EQ(after.at("return_visits").at("numerator"), 1);
}

TEST_P(RepairKpi, MT_1_MT_3_1_AnImmediateJobNeverReachedOrClosedBeforeAnyVisitCountsAsLate) {
    auto fd = signed_in("frontdesk");
    auto never = registered(fd, "A 無人到場");
    auto closed = registered(fd, "B 未到場已結案");
    auto on_time = assigned("tech1", "C 準時");
    clock_.advance_ms(10 * kMinute);
    take(fd, closed, "close", {{"reason", "住戶自行修好"}});
    auto tech = signed_in("tech1");
    take(tech, on_time, "check-in");
    auto eng = signed_in("enghead");
    clock_.set(kStart + 20 * kMinute);  // A's 30 minutes are not over yet
    auto t = kpi(eng).at("totals");
    EXPECT_EQ(t.at("arrivals_immediate").at("numerator"), 1);
    EXPECT_EQ(t.at("arrivals_immediate").at("denominator"), 2);  // C on time, B closed unvisited
    EXPECT_EQ(t.at("late_arrivals"), 1);
    clock_.set(kStart + 31 * kMinute);
    eng = signed_in("enghead");
    t = kpi(eng).at("totals");
    EXPECT_EQ(t.at("arrivals_immediate").at("numerator"), 1);
    EXPECT_EQ(t.at("arrivals_immediate").at("denominator"), 3);  // and A, never reached
    EXPECT_EQ(t.at("late_arrivals"), 2);
    EXPECT_EQ(t.at("arrivals_immediate").at("meets_target"), false);
    (void)never;
}

INSTANTIATE_TEST_SUITE_P(Backends, RepairKpi, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
