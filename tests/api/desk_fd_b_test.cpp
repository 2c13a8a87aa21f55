// FD-B through the real server, on SQLite and PostgreSQL: dispatch to a department with a
// deadline from the category's policy, reassigning, the department's queue, overdue cases
// flagged once, and a repair case going through the repair process, never dispatched as a plain
// case.
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

class DeskDispatch : public DeskApi {};

TEST_P(DeskDispatch, FD_B_MT_3_1_ARepairIsNotRepliedAtTheDesk) {
    auto fd = signed_in("frontdesk");
    auto v = record(fd, "repair", "大堂燈壞");
    auto before = table_counts();
    auto r = step(fd, v, "reply", {{"reply", "會安排"}});
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.error_code(), "repair_process");
    EXPECT_NE(r.body.find("repair"), std::string::npos);
    EXPECT_EQ(table_counts(), before);
    EXPECT_EQ(read(fd, id_of(v)).at("status"), "recorded");
}

TEST_P(DeskDispatch, FD_B_EachCategoryGetsItsDefaultDeadlineWhileTheSiteHasNoPolicy) {
    auto fd = signed_in("frontdesk");
    auto policy = fd.get("/api/v1/sites/1/desk/policy");
    ASSERT_EQ(policy.status, 200) << policy.body;
    EXPECT_EQ(policy.header("etag"), "\"0\"");
    auto p = policy.json();
    EXPECT_EQ(p.at("version"), 0);
    EXPECT_TRUE(p.at("updated_at").is_null());
    EXPECT_EQ(p.at("return_visit_hours"), 24);
    EXPECT_EQ(p.at("max_unreachable"), 3);
    const std::map<std::string, int64_t> hours = {{"inquiry", 24},    {"repair", 48}, {"complaint", 24},
                                                  {"suggestion", 72}, {"praise", 72}, {"other", 48}};
    for (const auto& [category, h] : hours) {
        EXPECT_EQ(p.at("deadline_hours").at(category), h) << category;
        EXPECT_EQ(record(fd, category, "內容").at("due_at"), hk(kStart + h * kHour)) << category;
    }
}

TEST_P(DeskDispatch, FD_B_ThePolicyIsChangedWithIfMatchAndSetsTheDeadlinesOfNewCases) {
    auto cs = signed_in("csmanager");
    auto first = cs.put("/api/v1/sites/1/desk/policy", bj::serialize(policy_body(6)), if_match(0));
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(first.header("etag"), "\"1\"");
    EXPECT_EQ(first.json().at("version"), 1);
    EXPECT_EQ(first.json().at("deadline_hours").at("complaint"), 6);
    EXPECT_EQ(first.json().at("updated_at"), kStartLocal);
    // "0" again is stale now that a policy is saved.
    auto stale = cs.put("/api/v1/sites/1/desk/policy", bj::serialize(policy_body(8)), if_match(0));
    EXPECT_EQ(stale.status, 412) << stale.body;
    EXPECT_EQ(stale.error_code(), "version_mismatch");
    clock_.advance_ms(kMinute);
    auto second = cs.put("/api/v1/sites/1/desk/policy", bj::serialize(policy_body(12)), if_match(1));
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(second.json().at("version"), 2);
    EXPECT_EQ(second.json().at("updated_at"), hk(kStart + kMinute));
    auto stale_again = cs.put("/api/v1/sites/1/desk/policy", bj::serialize(policy_body(8)), if_match(1));
    EXPECT_EQ(stale_again.status, 412);
    auto read_back = cs.get("/api/v1/sites/1/desk/policy");
    EXPECT_EQ(read_back.header("etag"), "\"2\"");
    EXPECT_EQ(read_back.json().at("deadline_hours").at("complaint"), 12);

    auto fd = signed_in("frontdesk");
    auto v = record(fd, "complaint", "升降機經常故障");
    EXPECT_EQ(v.at("due_at"), hk(kStart + kMinute + 12 * kHour));

    auto history = cs.get("/api/v1/audit?entity=desk_policy&id=1");
    ASSERT_EQ(history.status, 200) << history.body;
    auto audit = history.json();
    const auto& items = audit.at("items").as_array();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].at("action"), "update");
    EXPECT_TRUE(items[0].at("before").is_null());
    EXPECT_EQ(items[0].at("after").at("deadline_hours").at("complaint"), 6);
    EXPECT_EQ(items[1].at("before").at("deadline_hours").at("complaint"), 6);
    EXPECT_EQ(items[1].at("after").at("deadline_hours").at("complaint"), 12);
    EXPECT_EQ(items[1].at("actor_name"), "李客戶部經理");
}

TEST_P(DeskDispatch, FD_B_BadPolicyValuesAreRefusedNamingTheFieldAndChangeNothing) {
    auto cs = signed_in("csmanager");
    auto fd = signed_in("frontdesk");
    auto put = [&](const bj::object& body) {
        return cs.put("/api/v1/sites/1/desk/policy", bj::serialize(body), if_match(0));
    };
    auto before = table_counts();
    for (int64_t hours : {int64_t{0}, int64_t{721}, int64_t{-24}}) {
        auto r = put(policy_body(hours));
        EXPECT_EQ(r.status, 422) << hours;
        EXPECT_EQ(r.error_field(), "deadline_hours.complaint") << hours;
    }
    auto text = policy_body(24);
    text["deadline_hours"].as_object()["repair"] = "48";
    EXPECT_EQ(put(text).error_field(), "deadline_hours.repair");
    auto missing = policy_body(24);
    missing["deadline_hours"].as_object().erase("other");
    auto r = put(missing);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.error_field(), "deadline_hours.other");
    auto unknown = policy_body(24);
    unknown["deadline_hours"].as_object()["parking"] = 24;
    r = put(unknown);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.error_code(), "unknown_field");
    EXPECT_EQ(r.error_field(), "deadline_hours.parking");
    r = put(policy_body(24, 0));
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.error_field(), "return_visit_hours");
    r = put(policy_body(24, 24, 11));
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.error_field(), "max_unreachable");
    auto no_hours = policy_body(24);
    no_hours.erase("deadline_hours");
    r = put(no_hours);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.error_field(), "deadline_hours");
    // Without If-Match: 428; the front desk may read the policy but not change it.
    r = cs.put("/api/v1/sites/1/desk/policy", bj::serialize(policy_body(24)));
    EXPECT_EQ(r.status, 428);
    EXPECT_EQ(r.error_code(), "if_match_required");
    r = fd.put("/api/v1/sites/1/desk/policy", bj::serialize(policy_body(24)), if_match(0));
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.error_code(), "forbidden");
    EXPECT_EQ(table_counts(), before);
    EXPECT_EQ(cs.get("/api/v1/sites/1/desk/policy").json().at("version"), 0);
}

TEST_P(DeskDispatch, FD_B_DispatchNeedsADepartmentOfTheSiteAndTakesAnOptionalFutureDeadline) {
    auto admin = signed_in("admin");
    auto other = make_other_site(admin, "engineering", "東岸工程部");
    auto fd = signed_in("frontdesk");
    int64_t engineering = department("engineering");
    auto v = record(fd, "other", "外牆剝落");
    auto before = table_counts();
    auto none = step(fd, v, "dispatch", {});
    EXPECT_EQ(none.status, 422);
    EXPECT_EQ(none.error_field(), "department_id");
    auto foreign = step(fd, v, "dispatch", {{"department_id", other.department}});
    EXPECT_EQ(foreign.status, 422);
    EXPECT_EQ(foreign.error_field(), "department_id");
    auto past = step(fd, v, "dispatch", {{"department_id", engineering}, {"due_at", "2026-11-18T19:00:00+08:00"}});
    EXPECT_EQ(past.status, 422);
    EXPECT_EQ(past.error_field(), "due_at");
    // A deadline later than the category's would put off the overdue flag and the escalation.
    auto later = step(fd, v, "dispatch", {{"department_id", engineering}, {"due_at", "2099-01-01T09:00:00+08:00"}});
    EXPECT_EQ(later.status, 422) << later.body;
    EXPECT_EQ(later.error_code(), "policy_stretch");
    EXPECT_EQ(later.error_field(), "due_at");
    EXPECT_EQ(table_counts(), before);

    v = take(fd, v, "dispatch", {{"department_id", engineering}, {"due_at", "2026-11-20T09:00:00+08:00"}});
    EXPECT_EQ(v.at("due_at"), "2026-11-20T09:00:00+08:00");
    // The department's staff hear of it; the desk that dispatched it does not.
    for (const char* login : {"enghead", "tech1", "tech2"}) EXPECT_EQ(told(login, "case_dispatched"), 1) << login;
    EXPECT_EQ(told("frontdesk", "case_dispatched"), 0);
    EXPECT_EQ(told("teamlead", "case_dispatched"), 0);
    // Dispatched once: dispatching again is not a step of the lifecycle.
    auto again = step(fd, v, "dispatch", {{"department_id", engineering}});
    EXPECT_EQ(again.status, 409);
    EXPECT_NE(again.body.find("current status: dispatched"), std::string::npos);
}

TEST_P(DeskDispatch, FD_B_ReassignNeedsTheReasonAndAnotherDepartment) {
    auto fd = signed_in("frontdesk");
    int64_t engineering = department("engineering"), cleaning = department("cleaning");
    auto v = record(fd, "other", "垃圾房有異味");
    v = take(fd, v, "dispatch", {{"department_id", engineering}});
    auto before = table_counts();
    auto no_reason = step(fd, v, "reassign", {{"department_id", cleaning}});
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_EQ(no_reason.error_field(), "note");
    auto same = step(fd, v, "reassign", {{"department_id", engineering}, {"note", "再派"}});
    EXPECT_EQ(same.status, 422);
    EXPECT_EQ(same.error_field(), "department_id");
    EXPECT_EQ(table_counts(), before);

    clock_.advance_ms(kHour);
    v = take(fd, v, "reassign", {{"department_id", cleaning}, {"note", "屬清潔範圍"}});
    EXPECT_EQ(v.at("status"), "dispatched");
    EXPECT_EQ(v.at("department").at("id"), cleaning);
    EXPECT_EQ(v.at("department").at("name"), "清潔部");
    EXPECT_EQ(v.at("due_at"), hk(kStart + kHour + 48 * kHour));
    const auto& last = v.at("events").as_array().back();
    EXPECT_EQ(last.at("kind"), "reassigned");
    EXPECT_EQ(last.at("note"), "屬清潔範圍");
    EXPECT_EQ(last.at("department").at("id"), cleaning);
    // It left engineering's queue.
    auto eng = signed_in("enghead");
    EXPECT_TRUE(eng.get("/api/v1/sites/1/cases?queue=mine").json().at("items").as_array().empty());
    EXPECT_EQ(eng.post(path("/api/v1/cases/", id_of(v), "/accept"), "{}", if_match(3)).status, 403);
}

TEST_P(DeskDispatch, FD_B_TheDepartmentQueueHoldsOnlyTheCasesOfMyDepartments) {
    auto fd = signed_in("frontdesk");
    auto a = record(fd, "other", "水泵故障");
    a = take(fd, a, "dispatch", {{"department_id", department("engineering")}});
    auto b = record(fd, "other", "訪客車輛違泊");
    b = take(fd, b, "dispatch", {{"department_id", department("security")}});
    auto c = record(fd, "inquiry", "查詢");

    auto eng = signed_in("enghead");
    auto mine = eng.get("/api/v1/sites/1/cases?queue=mine");
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(ids(mine), (std::vector<int64_t>{id_of(a)}));
    EXPECT_EQ(ids(signed_in("teamlead").get("/api/v1/sites/1/cases?queue=mine")), (std::vector<int64_t>{id_of(b)}));
    EXPECT_TRUE(ids(fd.get("/api/v1/sites/1/cases?queue=mine")).empty());  // nothing with customer service
    // The whole list is still readable.
    EXPECT_EQ(ids(eng.get("/api/v1/sites/1/cases")), (std::vector<int64_t>{id_of(c), id_of(b), id_of(a)}));
    auto bad = eng.get("/api/v1/sites/1/cases?queue=all");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "queue");
}

TEST_P(DeskDispatch, FD_B_TheQueueSortsByDeadlineAndEachRowCarriesTheStepsItsReaderMayTake) {
    auto fd = signed_in("frontdesk");
    int64_t engineering = department("engineering");
    auto dispatch_due = [&](const std::string& content, EpochMs due) {
        auto v = record(fd, "other", content);
        bj::object body{{"department_id", engineering}};
        body["due_at"] = hk(due);
        return take(fd, v, "dispatch", body);
    };
    auto a = dispatch_due("A 五小時", kStart + 5 * kHour);
    auto b = dispatch_due("B 兩小時", kStart + 2 * kHour);
    auto c = dispatch_due("C 八小時", kStart + 8 * kHour);

    auto eng = signed_in("enghead");
    auto queue = eng.get("/api/v1/sites/1/cases?queue=mine&sort=due_at");
    ASSERT_EQ(queue.status, 200) << queue.body;
    EXPECT_EQ(ids(queue), (std::vector<int64_t>{id_of(b), id_of(a), id_of(c)}));
    // The department may accept each from the list; the desk, reading the same cases, may not.
    const auto rows = queue.json().at("items").as_array();
    for (const auto& row : rows)
        EXPECT_EQ(strings(row.at("actions")), (std::vector<std::string>{"accept", "progress"})) << row;
    const auto desk_rows = fd.get("/api/v1/sites/1/cases?sort=due_at").json().at("items").as_array();
    for (const auto& row : desk_rows) EXPECT_FALSE(has(strings(row.at("actions")), "accept")) << row;
    EXPECT_EQ(ids(eng.get("/api/v1/sites/1/cases?queue=mine&sort=-due_at")),
              (std::vector<int64_t>{id_of(c), id_of(a), id_of(b)}));
    auto page = eng.get("/api/v1/sites/1/cases?queue=mine&sort=due_at&limit=2").json();
    ASSERT_EQ(page.at("next_cursor"), "o2");
    EXPECT_EQ(ids(eng.get("/api/v1/sites/1/cases?queue=mine&sort=due_at&limit=2&cursor=o2")),
              (std::vector<int64_t>{id_of(c)}));
    // An id cursor does not continue a sorted list, nor the other way round.
    EXPECT_EQ(eng.get("/api/v1/sites/1/cases?sort=due_at&cursor=5").status, 422);
    auto bad = eng.get("/api/v1/sites/1/cases?sort=content");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "sort");
}

TEST_P(DeskDispatch, FD_B_TheOverdueJobFlagsOpenCasesPastTheirDeadlineEscalatesComplaintsAndNotifiesOnce) {
    auto fd = signed_in("frontdesk");
    int64_t engineering = department("engineering");
    auto complaint = record(fd, "complaint", "管理費單錯誤");  // due +24 h, not dispatched
    auto inquiry = record(fd, "inquiry", "水壓不足");
    inquiry = take(fd, inquiry, "dispatch", {{"department_id", engineering}});  // due +24 h with engineering
    auto repair = record(fd, "other", "門鎖壞");
    repair = take(fd, repair, "dispatch", {{"department_id", engineering}});  // due +48 h
    auto answered = record(fd, "praise", "多謝保安幫忙");
    answered = take(fd, answered, "reply", {{"reply", "已轉達"}});  // closed: never overdue
    const auto baseline = server_.count("notifications");

    clock_.set(kStart + 24 * kHour);  // exactly at the deadline: not yet past it
    EXPECT_EQ(desk::flag_overdue(server_.db(), clock_.now_ms()), 0);
    fd = signed_in("frontdesk");  // a day later: a new session
    EXPECT_EQ(read(fd, id_of(complaint)).at("overdue"), false);

    clock_.advance_ms(1);
    const EpochMs flagged_at = clock_.now_ms();
    EXPECT_EQ(desk::flag_overdue(server_.db(), flagged_at), 2);
    auto c = read(fd, id_of(complaint));
    EXPECT_EQ(c.at("overdue"), true);
    EXPECT_EQ(c.at("overdue_at"), hk(flagged_at));
    EXPECT_EQ(c.at("escalated_at"), hk(flagged_at));
    EXPECT_EQ(c.at("status"), "recorded");
    std::vector<std::string> kinds = event_kinds(c);
    EXPECT_EQ(kinds,
              (std::vector<std::string>{"recorded", "notified", "overdue", "notified", "escalated", "notified"}));
    EXPECT_TRUE(c.at("events").at(2).at("actor").is_null());  // the system
    auto i = read(fd, id_of(inquiry));
    EXPECT_EQ(i.at("overdue"), true);
    EXPECT_EQ(i.at("overdue_at"), hk(flagged_at));
    EXPECT_TRUE(i.at("escalated_at").is_null());  // only complaints escalate
    auto r = read(fd, id_of(repair));
    EXPECT_EQ(r.at("overdue"), false);
    EXPECT_TRUE(r.at("overdue_at").is_null());
    EXPECT_TRUE(read(fd, id_of(answered)).at("overdue_at").is_null());

    // The desk hears of both, engineering of its own, the managers and the butler of the complaint.
    EXPECT_EQ(told("frontdesk", "case_overdue"), 2);
    EXPECT_EQ(told("assistant", "case_overdue"), 2);
    for (const char* login : {"enghead", "englead", "tech1", "tech2"})
        EXPECT_EQ(told(login, "case_overdue"), 1) << login;
    EXPECT_EQ(told("teamlead", "case_overdue"), 0);
    for (const char* login : {"csmanager", "butler", "manager"})
        EXPECT_EQ(told(login, "complaint_escalated"), 1) << login;
    EXPECT_EQ(told("frontdesk", "complaint_escalated"), 0);
    const auto after_first = server_.count("notifications");
    EXPECT_EQ(after_first - baseline, 2 + 2 + 4 + 3);

    // Overdue cases are listed.
    auto listed = fd.get("/api/v1/sites/1/cases?overdue=true");
    ASSERT_EQ(listed.status, 200) << listed.body;
    EXPECT_EQ(ids(listed), (std::vector<int64_t>{id_of(inquiry), id_of(complaint)}));

    // The job runs every minute; a second pass flags nothing and tells nobody again.
    clock_.advance_ms(kMinute);
    EXPECT_EQ(desk::flag_overdue(server_.db(), clock_.now_ms()), 0);
    EXPECT_EQ(server_.count("notifications"), after_first);
    EXPECT_EQ(event_kinds(read(fd, id_of(complaint))).size(), 6u);

    // The audit trail names the system.
    auto history = fd.get(path("/api/v1/audit?entity=case&id=", id_of(complaint))).json().at("items").as_array();
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[1].at("action"), "escalate");
    EXPECT_EQ(history[1].at("actor_name"), "system");
    EXPECT_TRUE(history[1].at("before").at("escalated_at").is_null());
    EXPECT_EQ(history[1].at("after").at("escalated_at"), hk(flagged_at));
    auto inquiry_history = fd.get(path("/api/v1/audit?entity=case&id=", id_of(inquiry))).json().at("items");
    EXPECT_EQ(inquiry_history.as_array().back().at("action"), "overdue");

    // Dispatching the complaint gives it a new deadline and clears the flag; past that one it is
    // flagged again, but a complaint is escalated only once.
    c = take(fd, c, "dispatch", {{"department_id", engineering}});
    EXPECT_TRUE(c.at("overdue_at").is_null());
    EXPECT_EQ(c.at("escalated_at"), hk(flagged_at));
    EXPECT_EQ(fd.get("/api/v1/sites/1/cases?overdue=true").json().at("items").as_array().size(), 1u);
    clock_.set(kStart + 48 * kHour + 2 * kMinute);
    fd = signed_in("frontdesk");
    EXPECT_EQ(desk::flag_overdue(server_.db(), clock_.now_ms()), 2);  // the complaint again, and the repair
    EXPECT_EQ(read(fd, id_of(complaint)).at("overdue"), true);
    EXPECT_EQ(read(fd, id_of(repair)).at("overdue_at"), hk(clock_.now_ms()));
    for (const char* login : {"csmanager", "butler", "manager"})
        EXPECT_EQ(told(login, "complaint_escalated"), 1) << login;
    EXPECT_EQ(told("enghead", "case_overdue"), 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, DeskDispatch, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
