// FD-I through the real server, on SQLite and PostgreSQL: the desk's KPIs (complaints handled
// on time against the deadline of their first dispatch, return visits) per department, staff
// member and local day, the cases that break a target, and the xlsx workbook.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "desk/overdue_job.hpp"
#include "support/desk_fixture.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

class DeskKpi : public DeskApi {};

TEST_P(DeskKpi, FD_I_KpisCountComplaintsOnTimeAndReturnVisitsPerDepartmentStaffAndDayAndListTheBreaches) {
    auto fd = signed_in("frontdesk");
    auto assistant = signed_in("assistant");
    auto eng = signed_in("enghead");
    int64_t engineering = department("engineering");

    // 2026-11-18 19:06:40: three complaints by the front desk, an inquiry by the assistant.
    auto a = record(fd, "complaint", "A 準時處理");
    auto b = record(fd, "complaint", "B 逾時處理");
    auto c = record(fd, "complaint", "C 未處理");
    auto d = record(assistant, "inquiry", "D 查詢");
    clock_.set(kStart + 10 * kMinute);
    a = take(fd, a, "dispatch", {{"department_id", engineering}});  // due +24 h 10 min
    clock_.set(kStart + 20 * kMinute);
    a = take(eng, a, "accept");
    clock_.set(kStart + 30 * kMinute);
    d = take(assistant, d, "reply", {{"reply", "已答覆"}});
    clock_.set(kStart + kHour);
    b = take(fd, b, "dispatch", {{"department_id", engineering}});  // due +25 h
    clock_.set(kStart + 2 * kHour);
    a = take(eng, a, "complete", {{"feedback", "完成"}});  // on time; its visit is due by midnight
    clock_.set(kStart + 3 * kHour);
    fd = signed_in("frontdesk");  // idle for two hours: signed out
    a = take(fd, a, "return-visit", {{"outcome", "satisfied"}});
    clock_.set(kStart + 26 * kHour);
    eng = signed_in("enghead");  // a day later: a new session
    b = take(eng, b, "accept");
    b = take(eng, b, "complete", {{"feedback", "遲了完成"}});  // late; its visit is due by 11-20 00:00
    EXPECT_EQ(b.at("handled_on_time"), false);
    clock_.set(kStart + 51 * kHour);  // 2026-11-20 22:06: B's visit is overdue, C never handled

    auto cs = signed_in("csmanager");
    auto r = cs.get("/api/v1/sites/1/desk/kpi?from=2026-11-18&to=2026-11-20");
    ASSERT_EQ(r.status, 200) << r.body;
    auto k = r.json();
    EXPECT_EQ(k.at("from"), "2026-11-18");
    EXPECT_EQ(k.at("to"), "2026-11-20");
    EXPECT_EQ(k.at("targets"), (bj::object{{"complaints_on_time", 100}, {"return_visits", 100}}));

    const auto& t = k.at("totals");
    EXPECT_EQ(t.at("cases"), 4);
    EXPECT_EQ(t.at("complaints"), 3);
    // A on time; B late; C past its deadline unhandled.
    EXPECT_EQ(t.at("complaints_on_time").at("done"), 1);
    EXPECT_EQ(t.at("complaints_on_time").at("due"), 3);
    EXPECT_NEAR(t.at("complaints_on_time").at("percent").to_number<double>(), 100.0 / 3.0, 1e-9);
    EXPECT_EQ(t.at("complaints_on_time").at("meets_target"), false);
    // A's visit done; B's due and not done.
    EXPECT_EQ(t.at("return_visits"), (bj::object{{"done", 1}, {"due", 2}, {"percent", 50.0}, {"meets_target", false}}));
    // Minutes: dispatch (10 + 60) / 2; accept (10 + 1500) / 2; complete (100 + 0) / 2; visit 60; reply 30.
    EXPECT_EQ(t.at("average_minutes"), (bj::object{{"dispatch", 35},
                                                   {"accept", 755},
                                                   {"complete", 50},
                                                   {"return_visit", 60},
                                                   {"reply", 30},
                                                   {"archive", nullptr}}));

    const auto& depts = k.at("departments").as_array();
    ASSERT_EQ(depts.size(), 2u);
    EXPECT_TRUE(depts[0].at("id").is_null());  // C and D were never dispatched
    EXPECT_EQ(depts[0].at("name"), "");
    EXPECT_EQ(depts[0].at("cases"), 2);
    EXPECT_EQ(depts[0].at("complaints"), 1);
    EXPECT_EQ(depts[0].at("complaints_on_time").at("done"), 0);
    EXPECT_EQ(depts[0].at("complaints_on_time").at("due"), 1);
    EXPECT_EQ(depts[0].at("complaints_on_time").at("percent"), 0.0);
    EXPECT_EQ(depts[0].at("return_visits").at("due"), 0);
    EXPECT_TRUE(depts[0].at("return_visits").at("percent").is_null());
    EXPECT_EQ(depts[0].at("return_visits").at("meets_target"), true);
    EXPECT_EQ(depts[1].at("id"), engineering);
    EXPECT_EQ(depts[1].at("name"), "工程部");
    EXPECT_EQ(depts[1].at("cases"), 2);
    EXPECT_EQ(depts[1].at("complaints_on_time").at("done"), 1);
    EXPECT_EQ(depts[1].at("complaints_on_time").at("due"), 2);
    EXPECT_EQ(depts[1].at("complaints_on_time").at("percent"), 50.0);
    EXPECT_EQ(depts[1].at("return_visits").at("done"), 1);
    EXPECT_EQ(depts[1].at("return_visits").at("due"), 2);

    const auto& staff = k.at("staff").as_array();
    ASSERT_EQ(staff.size(), 2u);
    EXPECT_EQ(staff[0].at("id"), user_id("frontdesk"));
    EXPECT_EQ(staff[0].at("name"), "黃前臺");
    EXPECT_EQ(staff[0].at("cases"), 3);
    EXPECT_EQ(staff[0].at("complaints_on_time").at("due"), 3);
    EXPECT_EQ(staff[0].at("return_visits").at("due"), 2);
    EXPECT_EQ(staff[1].at("id"), user_id("assistant"));
    EXPECT_EQ(staff[1].at("name"), "張物業助理");
    EXPECT_EQ(staff[1].at("cases"), 1);
    EXPECT_EQ(staff[1].at("complaints"), 0);
    EXPECT_TRUE(staff[1].at("complaints_on_time").at("percent").is_null());
    EXPECT_EQ(staff[1].at("average_minutes").at("reply"), 30);

    const auto& days = k.at("days").as_array();
    ASSERT_EQ(days.size(), 3u);
    EXPECT_EQ(days[0].at("date"), "2026-11-18");
    EXPECT_EQ(days[0].at("cases"), 4);
    // A's visit was made on the first day, before it fell due on the second: it counts when made.
    EXPECT_EQ(days[0].at("return_visits"),
              (bj::object{{"done", 1}, {"due", 1}, {"percent", 100.0}, {"meets_target", true}}));
    EXPECT_EQ(days[1].at("date"), "2026-11-19");
    EXPECT_EQ(days[1].at("cases"), 0);
    EXPECT_EQ(days[1].at("return_visits").at("due"), 0);
    EXPECT_EQ(days[2].at("date"), "2026-11-20");
    EXPECT_EQ(days[2].at("return_visits").at("done"), 0);
    EXPECT_EQ(days[2].at("return_visits").at("due"), 1);

    const auto& breaches = k.at("breaches").as_array();
    ASSERT_EQ(breaches.size(), 3u);
    EXPECT_EQ(breaches[0], (bj::object{{"kind", "complaint_late"},
                                       {"case_id", id_of(b)},
                                       {"number", number(id_of(b))},
                                       {"category", "complaint"},
                                       {"caller_name", "陳先生"},
                                       {"department_name", "工程部"},
                                       {"recorded_by_name", "黃前臺"},
                                       {"due_at", hk(kStart + 25 * kHour)},
                                       {"handled_at", hk(kStart + 26 * kHour)}}));
    EXPECT_EQ(breaches[1].at("kind"), "complaint_overdue");
    EXPECT_EQ(breaches[1].at("case_id"), id_of(c));
    EXPECT_EQ(breaches[1].at("department_name"), "");
    EXPECT_EQ(breaches[1].at("due_at"), hk(kStart + 24 * kHour));
    EXPECT_TRUE(breaches[1].at("handled_at").is_null());
    EXPECT_EQ(breaches[2].at("kind"), "return_visit_missed");
    EXPECT_EQ(breaches[2].at("case_id"), id_of(b));
    EXPECT_EQ(breaches[2].at("due_at"), "2026-11-20T00:00:00+08:00");

    // One day only: the first day's cases, and A's visit made that day.
    auto first_day = cs.get("/api/v1/sites/1/desk/kpi?from=2026-11-18&to=2026-11-18").json();
    EXPECT_EQ(first_day.at("totals").at("cases"), 4);
    EXPECT_EQ(first_day.at("totals").at("return_visits").at("done"), 1);
    EXPECT_EQ(first_day.at("totals").at("return_visits").at("due"), 1);
    EXPECT_EQ(first_day.at("days").as_array().size(), 1u);
    // Not again on the day it was due.
    auto second_day = cs.get("/api/v1/sites/1/desk/kpi?from=2026-11-19&to=2026-11-19").json();
    EXPECT_EQ(second_day.at("totals").at("cases"), 0);
    EXPECT_EQ(second_day.at("totals").at("return_visits").at("due"), 0);
    EXPECT_EQ(second_day.at("totals").at("complaints_on_time").at("due"), 0);
    // B's visit, due on the third day and not made, counts there.
    auto third_day = cs.get("/api/v1/sites/1/desk/kpi?from=2026-11-20&to=2026-11-20").json();
    EXPECT_EQ(third_day.at("totals").at("return_visits").at("done"), 0);
    EXPECT_EQ(third_day.at("totals").at("return_visits").at("due"), 1);
}

TEST_P(DeskKpi, FD_I_APeriodWithNothingDueHasNoPercentagesAndBreaksNoTarget) {
    auto fd = signed_in("frontdesk");
    record(fd, "complaint", "本月的投訴");  // not in October
    auto r = fd.get("/api/v1/sites/1/desk/kpi?from=2026-10-01&to=2026-10-31");
    ASSERT_EQ(r.status, 200) << r.body;
    auto k = r.json();
    const auto& t = k.at("totals");
    EXPECT_EQ(t.at("cases"), 0);
    EXPECT_EQ(t.at("complaints_on_time"),
              (bj::object{{"done", 0}, {"due", 0}, {"percent", nullptr}, {"meets_target", true}}));
    EXPECT_EQ(t.at("return_visits"),
              (bj::object{{"done", 0}, {"due", 0}, {"percent", nullptr}, {"meets_target", true}}));
    EXPECT_TRUE(t.at("average_minutes").at("dispatch").is_null());
    EXPECT_TRUE(k.at("departments").as_array().empty());
    EXPECT_TRUE(k.at("staff").as_array().empty());
    EXPECT_TRUE(k.at("breaches").as_array().empty());
    ASSERT_EQ(k.at("days").as_array().size(), 31u);
    EXPECT_EQ(k.at("days").at(30).at("date"), "2026-10-31");

    // A complaint not yet due is not counted against the rate either.
    auto now = fd.get("/api/v1/sites/1/desk/kpi?from=2026-11-18&to=2026-11-18").json();
    EXPECT_EQ(now.at("totals").at("complaints"), 1);
    EXPECT_EQ(now.at("totals").at("complaints_on_time").at("due"), 0);
    EXPECT_TRUE(now.at("totals").at("complaints_on_time").at("percent").is_null());
    EXPECT_TRUE(now.at("breaches").as_array().empty());

    // By default: this month so far.
    auto month = fd.get("/api/v1/sites/1/desk/kpi").json();
    EXPECT_EQ(month.at("from"), "2026-11-01");
    EXPECT_EQ(month.at("to"), "2026-11-18");
    EXPECT_EQ(month.at("days").as_array().size(), 18u);
    EXPECT_EQ(month.at("totals").at("cases"), 1);

    for (const auto& [query, field] :
         std::vector<std::pair<std::string, std::string>>{{"from=2026-11-18&to=2026-11-17", "to"},
                                                          {"from=18-11-2026&to=2026-11-18", "from"},
                                                          {"from=2026-11-01&to=2026-11-31", "to"},
                                                          {"from=2025-01-01&to=2026-11-18", "to"}}) {
        auto bad = fd.get("/api/v1/sites/1/desk/kpi?" + query);
        EXPECT_EQ(bad.status, 422) << query;
        EXPECT_EQ(bad.error_field(), field) << query;
    }
}

// A call back made before the visit is due counts where it was made: by default the period
// ends today, and a visit done today but due tomorrow must not vanish from it.

TEST_P(DeskKpi, FD_I_AReturnVisitMadeBeforeItIsDueCountsInThePeriodItWasMade) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    auto v = record(fd, "other", "窗戶鉸位鬆脫");
    v = take(fd, v, "dispatch", {{"department_id", department("engineering")}});
    v = take(eng, v, "accept");
    v = take(eng, v, "complete", {{"feedback", "已更換鉸位"}});
    v = take(fd, v, "return-visit", {{"outcome", "satisfied"}});  // at once; due 24 h later, tomorrow
    auto today = fd.get("/api/v1/sites/1/desk/kpi").json();       // this month so far, to today
    EXPECT_EQ(today.at("to"), "2026-11-18");
    EXPECT_EQ(today.at("totals").at("return_visits"),
              (bj::object{{"done", 1}, {"due", 1}, {"percent", 100.0}, {"meets_target", true}}));
    auto tomorrow = fd.get("/api/v1/sites/1/desk/kpi?from=2026-11-19&to=2026-11-19").json();
    EXPECT_EQ(tomorrow.at("totals").at("return_visits").at("due"), 0);  // not counted twice
}

TEST_P(DeskKpi, FD_I_AnUnhandledComplaintCountsAgainstTheRateOnlyOnceItsDeadlineHasPassed) {
    auto fd = signed_in("frontdesk");
    int64_t id = id_of(record(fd, "complaint", "電梯停用未有通知"));  // due kStart + 24 h
    auto kpi = [&]() {
        auto cs = signed_in("csmanager");
        auto r = cs.get("/api/v1/sites/1/desk/kpi?from=2026-11-18&to=2026-11-19");
        if (r.status != 200) throw std::runtime_error("kpi: " + r.body);
        return r.json();
    };
    // At the deadline itself it may still be handled on time: not overdue, not due for the rate.
    clock_.set(kStart + 24 * kHour);
    auto at = kpi();
    EXPECT_EQ(at.at("totals").at("complaints_on_time").at("due"), 0);
    EXPECT_TRUE(at.at("breaches").as_array().empty());
    EXPECT_EQ(read(fd = signed_in("frontdesk"), id).at("overdue"), false);
    clock_.advance_ms(1);
    auto past = kpi();
    EXPECT_EQ(past.at("totals").at("complaints_on_time").at("due"), 1);
    EXPECT_EQ(past.at("totals").at("complaints_on_time").at("done"), 0);
    ASSERT_EQ(past.at("breaches").as_array().size(), 1u);
    EXPECT_EQ(past.at("breaches").at(0).at("kind"), "complaint_overdue");
    EXPECT_EQ(read(fd, id).at("overdue"), true);
}

TEST_P(DeskKpi, FD_I_FD_B_DaysAreTheSitesLocalCalendarDaysAcrossADaylightSavingChange) {
    // Europe/London leaves summer time on 2026-10-25, a day of 25 hours.
    auto admin = signed_in("admin");
    auto site = admin.post("/api/v1/sites",
                           R"({"code":"LDN","name":"London Court","time_zone":"Europe/London","currency":"GBP"})");
    ASSERT_EQ(site.status, 201) << site.body;
    int64_t london = id_of(site.json());
    create_user(admin, "london.desk", bj::array{bj::object{{"site_id", london}, {"role", "front_desk"}}});
    const std::string base = path("/api/v1/sites/", london);
    std::vector<int64_t> made;
    for (EpochMs t : {EpochMs{1'790'811'000'000},     // 2026-10-01 00:30 BST, the first day
                      EpochMs{1'792'971'000'000},     // 2026-10-25 23:30 GMT, the long day's last hour
                      EpochMs{1'793'489'400'000}}) {  // 2026-10-31 23:30 GMT, the last day
        clock_.set(t);
        auto desk = signed_in("london.desk", "east-side-password");
        auto r = create(desk, case_body("inquiry", "London"), london);
        ASSERT_EQ(r.status, 201) << r.body;
        made.push_back(id_of(r.json()));
    }
    auto desk = signed_in("london.desk", "east-side-password");
    auto r = desk.get(base + "/desk/kpi?from=2026-10-01&to=2026-10-31");
    ASSERT_EQ(r.status, 200) << r.body;
    auto k = r.json();
    EXPECT_EQ(k.at("totals").at("cases"), 3);
    const auto& days = k.at("days").as_array();
    ASSERT_EQ(days.size(), 31u);
    EXPECT_EQ(days[0].at("date"), "2026-10-01");
    EXPECT_EQ(days[0].at("cases"), 1);
    EXPECT_EQ(days[24].at("date"), "2026-10-25");
    EXPECT_EQ(days[24].at("cases"), 1);
    EXPECT_EQ(days[25].at("date"), "2026-10-26");
    EXPECT_EQ(days[25].at("cases"), 0);
    EXPECT_EQ(days[30].at("date"), "2026-10-31");
    EXPECT_EQ(days[30].at("cases"), 1);
    // The case list's dates are the same local days.
    EXPECT_EQ(ids(desk.get(base + "/cases?from=2026-10-25&to=2026-10-25")), (std::vector<int64_t>{made[1]}));
    EXPECT_EQ(ids(desk.get(base + "/cases?from=2026-10-26&to=2026-10-31")), (std::vector<int64_t>{made[2]}));
}

TEST_P(DeskKpi, FD_I_TheKpisDownloadAsAnXlsxWorkbook) {
    completed_case("complaint", "投訴 xlsx");
    auto cs = signed_in("csmanager");
    auto r = cs.get("/api/v1/sites/1/desk/kpi.xlsx?from=2026-11-01&to=2026-11-30");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("content-type"), kXlsx);
    EXPECT_EQ(r.header("content-disposition"), "attachment; filename=\"desk-kpi-2026-11-01-2026-11-30.xlsx\"");
    ASSERT_GT(r.body.size(), 1000u);
    EXPECT_EQ(r.body.substr(0, 2), "PK");
    // The workbook's parts are there (zip entries are named in clear).
    EXPECT_NE(r.body.find("xl/worksheets/sheet4.xml"), std::string::npos);
}

TEST_P(DeskKpi, FD_I_KpisAreForTheDeskAndManagersNotTheEngineeringHead) {
    for (const char* login : {"frontdesk", "assistant", "butler", "csmanager", "manager"}) {
        auto c = signed_in(login);
        EXPECT_EQ(c.get("/api/v1/sites/1/desk/kpi").status, 200) << login;
    }
    for (const char* login : {"enghead", "tech1", "attendant", "finance", "admin"}) {
        auto c = signed_in(login);
        auto json = c.get("/api/v1/sites/1/desk/kpi");
        EXPECT_EQ(json.status, 403) << login;
        EXPECT_EQ(json.error_code(), "forbidden") << login;
        EXPECT_EQ(c.get("/api/v1/sites/1/desk/kpi.xlsx").status, 403) << login;
    }
}

TEST_P(DeskKpi, FD_I_AComplaintIsJudgedByItsFirstDispatchsDeadlineNeverAReassignsOrAReopensOne) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    int64_t engineering = department("engineering");
    int64_t security = department("security");
    // A: a deadline of three days, which the category's 24 hours do not allow, is refused (FD-B); A goes
    // out with the category's and is finished late.
    auto a = record(fd, "complaint", "A 延長期限");
    auto stretched = step(fd, a, "dispatch", {{"department_id", engineering}, {"due_at", hk(kStart + 72 * kHour)}});
    EXPECT_EQ(stretched.status, 422);
    EXPECT_EQ(stretched.error_code(), "policy_stretch");
    a = take(fd, a, "dispatch", {{"department_id", engineering}});
    EXPECT_EQ(a.at("target_due_at"), hk(kStart + 24 * kHour));
    // B: reassigned an hour later with the new department's full 24 hours: its due_at moves, its target does not.
    auto b = record(fd, "complaint", "B 改派");
    b = take(fd, b, "dispatch", {{"department_id", engineering}});
    clock_.set(kStart + kHour);
    b = take(fd, b, "reassign",
             {{"department_id", security}, {"due_at", hk(kStart + 25 * kHour)}, {"note", "屬保安部"}});
    EXPECT_EQ(b.at("due_at"), hk(kStart + 25 * kHour));
    EXPECT_EQ(b.at("target_due_at"), hk(kStart + 24 * kHour));
    // C: done in time, reopened by an unhappy resident, then finished after its deadline.
    auto c = record(fd, "complaint", "C 重開");
    clock_.set(kStart);
    c = take(fd, c, "dispatch", {{"department_id", engineering}});
    c = take(eng, c, "accept");
    c = take(eng, c, "complete", {{"feedback", "已處理"}});
    EXPECT_EQ(c.at("handled_on_time"), true);
    c = take(fd, c, "return-visit", {{"outcome", "not_satisfied"}, {"note", "仍有問題"}});
    EXPECT_EQ(c.at("target_due_at"), hk(kStart + 24 * kHour));  // the reopen gave a new due_at only
    // D: done in time, reopened, and still open past its deadline.
    auto d = record(fd, "complaint", "D 重開未完");
    d = take(fd, d, "dispatch", {{"department_id", engineering}});
    d = take(eng, d, "accept");
    d = take(eng, d, "complete", {{"feedback", "已處理"}});
    d = take(fd, d, "return-visit", {{"outcome", "not_satisfied"}, {"note", "仍未修好"}});

    clock_.set(kStart + 30 * kHour);
    fd = signed_in("frontdesk");
    eng = signed_in("enghead");
    a = take(eng, a, "accept");
    a = take(eng, a, "complete", {{"feedback", "遲了"}});
    EXPECT_EQ(a.at("handled_on_time"), false);
    c = take(eng, c, "accept");
    c = take(eng, c, "complete", {{"feedback", "再處理"}});
    EXPECT_EQ(c.at("handled_at"), kStartLocal);  // first handled then…
    EXPECT_EQ(c.at("handled_on_time"), false);   // …but finished late after the reopen
    auto teamlead = signed_in("teamlead");
    b = take(teamlead, b, "accept");
    b = take(teamlead, b, "complete", {{"feedback", "已處理"}});
    EXPECT_EQ(b.at("handled_on_time"), false);

    auto k = signed_in("csmanager").get("/api/v1/sites/1/desk/kpi?from=2026-11-18&to=2026-11-19").json();
    EXPECT_EQ(k.at("totals").at("complaints_on_time"),
              (bj::object{{"done", 0}, {"due", 4}, {"percent", 0.0}, {"meets_target", false}}));
    std::map<int64_t, std::string> breaches;
    for (const auto& x : k.at("breaches").as_array())
        if (str(x.at("kind")).starts_with("complaint")) breaches[x.at("case_id").as_int64()] = str(x.at("kind"));
    EXPECT_EQ(breaches, (std::map<int64_t, std::string>{{id_of(a), "complaint_late"},
                                                        {id_of(b), "complaint_late"},
                                                        {id_of(c), "complaint_late"},
                                                        {id_of(d), "complaint_overdue"}}));
    for (const auto& x : k.at("breaches").as_array())
        if (x.at("case_id") == id_of(d) && str(x.at("kind")) == "complaint_overdue") {
            EXPECT_EQ(x.at("due_at"), hk(kStart + 24 * kHour));  // the target, not its reopened due_at
            EXPECT_EQ(x.at("handled_at"), kStartLocal);          // handled once, open again
        }
}

INSTANTIATE_TEST_SUITE_P(Backends, DeskKpi, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
