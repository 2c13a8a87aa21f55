// The service desk through the real server, on SQLite and PostgreSQL: recording cases (FD-A),
// dispatch, deadlines, queues and the overdue job (FD-B), return visits (FD-C), complaints (FD-D),
// the timeline and notifications (FD-N), search, KPIs (FD-I), If-Match, site scoping and roles.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "desk/overdue_job.hpp"
#include "support/api_fixture.hpp"
#include "support/api_helpers.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string number(int64_t id) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "C%06lld", static_cast<long long>(id));
    return buf;
}

class DeskApi : public ApiTest {
  protected:
    // The demo site's department of that kind, as the desk's page finds it (looked up once:
    // each sign-in is an audit entry, which would blur the tests that count rows).
    int64_t department(const std::string& kind) {
        auto it = departments_.find(kind);
        if (it != departments_.end()) return it->second;
        auto c = signed_in("frontdesk");
        auto r = c.get("/api/v1/sites/1/departments?kind=" + kind);
        if (r.status != 200 || r.json().at("items").as_array().size() != 1)
            throw std::runtime_error("departments: " + r.body);
        return departments_[kind] = id_of(r.json().at("items").at(0));
    }
    HttpResult create(HttpClient& c, const bj::object& body, int64_t site = 1) {
        return c.post(path("/api/v1/sites/", site, "/cases"), bj::serialize(body));
    }
    // Records a case; anything but 201 fails the test.
    bj::value record(HttpClient& c,
                     const std::string& category,
                     const std::string& content,
                     const bj::object& extra = {}) {
        auto r = create(c, case_body(category, content, extra));
        if (r.status != 201) throw std::runtime_error("create: " + r.body);
        return r.json();
    }
    HttpResult step(HttpClient& c, const bj::value& v, const std::string& action, const bj::object& body = {}) {
        return step_on(c, "/api/v1/cases/", v, action, body);
    }
    // Takes a step with the version last read; anything but 200 fails the test.
    bj::value take(HttpClient& c, const bj::value& v, const std::string& action, const bj::object& body = {}) {
        return take_step(c, "/api/v1/cases/", v, action, body);
    }
    bj::value read(HttpClient& c, int64_t id) { return read_ok(c, path("/api/v1/cases/", id)); }
    // A case of that category dispatched to engineering, accepted and completed.
    bj::value completed_case(const std::string& category, const std::string& content) {
        auto fd = signed_in("frontdesk");
        auto eng = signed_in("enghead");
        auto v = record(fd, category, content);
        v = take(fd, v, "dispatch", {{"department_id", department("engineering")}});
        v = take(eng, v, "accept");
        return take(eng, v, "complete", {{"feedback", "已處理"}});
    }
    bj::object policy_body(int64_t complaint_hours, int64_t return_visit_hours = 24, int64_t max_unreachable = 3) {
        return {{"return_visit_hours", return_visit_hours},
                {"max_unreachable", max_unreachable},
                {"deadline_hours", bj::object{{"inquiry", 24},
                                              {"repair", 48},
                                              {"complaint", complaint_hours},
                                              {"suggestion", 72},
                                              {"praise", 72},
                                              {"other", 48}}}};
    }
    // Rows of every table a refused desk request might touch.
    std::map<std::string, int64_t> table_counts() {
        std::map<std::string, int64_t> out;
        for (const char* t : {"cases", "case_events", "return_visits", "desk_policies", "notifications", "audit_log"})
            out[t] = server_.count(t);
        return out;
    }

    std::map<std::string, int64_t> departments_;
};

// ---- FD-A: recording a case ----

TEST_P(DeskApi, FD_A_CreateWithoutTheReadBackConfirmationIsRefusedAndWritesNothing) {
    auto fd = signed_in("frontdesk");
    auto before = table_counts();
    auto body = case_body("complaint", "樓上漏水");
    body.erase("read_back_confirmed");
    auto missing = create(fd, body);
    EXPECT_EQ(missing.status, 422) << missing.body;
    EXPECT_EQ(missing.error_code(), "validation_failed");
    EXPECT_EQ(missing.error_field(), "read_back_confirmed");
    body["read_back_confirmed"] = false;
    auto unconfirmed = create(fd, body);
    EXPECT_EQ(unconfirmed.status, 422);
    EXPECT_EQ(unconfirmed.error_field(), "read_back_confirmed");
    EXPECT_EQ(table_counts(), before);
    EXPECT_EQ(server_.count("cases"), 0);
}

TEST_P(DeskApi, FD_A_AVisitorsCaseStartsRecordedWithWhoRecordedItAndWhenItWasReadBack) {
    auto fd = signed_in("frontdesk");
    auto r =
        create(fd, case_body("inquiry", "查詢管理費繳費方法", {{"channel", "visit"}, {"caller_phone", "9123-4567"}}));
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.header("etag"), "\"1\"");
    auto v = r.json();
    int64_t id = id_of(v);
    EXPECT_EQ(v.at("number"), bj::value(number(id)));
    EXPECT_EQ(v.at("site_id"), 1);
    EXPECT_EQ(v.at("channel"), "visit");
    EXPECT_EQ(v.at("category"), "inquiry");
    EXPECT_EQ(v.at("status"), "recorded");
    EXPECT_EQ(v.at("caller_name"), "陳先生");
    EXPECT_EQ(v.at("caller_phone"), "91234567");
    EXPECT_TRUE(v.at("resident_id").is_null());
    EXPECT_TRUE(v.at("unit_id").is_null());
    EXPECT_EQ(v.at("unit_label"), "");
    EXPECT_EQ(v.at("content"), "查詢管理費繳費方法");
    EXPECT_TRUE(v.at("department").is_null());
    EXPECT_EQ(v.at("recorded_by"), (bj::object{{"id", user_id("frontdesk")}, {"name", "黃前臺"}}));
    EXPECT_EQ(v.at("read_back_at"), kStartLocal);
    EXPECT_EQ(v.at("created_at"), kStartLocal);
    EXPECT_EQ(v.at("due_at"), hk(kStart + 24 * kHour));  // an inquiry's default deadline
    EXPECT_EQ(v.at("overdue"), false);
    EXPECT_EQ(v.at("reopen_count"), 0);
    EXPECT_TRUE(v.at("responsibility").is_null());
    for (const char* t : {"dispatched_at", "accepted_at", "completed_at", "return_visited_at", "replied_at",
                          "archived_at", "handled_at", "handled_on_time", "overdue_at", "escalated_at"})
        EXPECT_TRUE(v.at(t).is_null()) << t;
    EXPECT_EQ(v.at("version"), 1);
    // The timeline starts with who recorded it and how it came in.
    ASSERT_EQ(v.at("events").as_array().size(), 1u);
    const auto& e = v.at("events").at(0);
    EXPECT_EQ(e.at("kind"), "recorded");
    EXPECT_EQ(e.at("actor"), (bj::object{{"id", user_id("frontdesk")}, {"name", "黃前臺"}}));
    EXPECT_EQ(e.at("note"), "visit");
    EXPECT_EQ(e.at("at"), kStartLocal);
    EXPECT_TRUE(v.at("return_visits").as_array().empty());
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"dispatch", "reply", "follow_up"}));

    // Read back as created.
    auto got = fd.get(path("/api/v1/cases/", id));
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.header("etag"), "\"1\"");
    EXPECT_EQ(got.json(), v);
}

TEST_P(DeskApi, FD_A_AResidentCallerGivesTheirNameAndFirstPhoneUnlessTheDeskTypesThem) {
    auto ids = demo_ids(server_);
    auto fd = signed_in("frontdesk");
    auto resident = fd.get(path("/api/v1/residents/", ids.first_resident)).json();
    auto body = case_body("repair", "廚房水喉漏水", {{"resident_id", ids.first_resident}, {"unit_id", ids.first_unit}});
    body.erase("caller_name");
    body.erase("caller_phone");
    auto r = create(fd, body);
    ASSERT_EQ(r.status, 201) << r.body;
    auto v = r.json();
    EXPECT_EQ(v.at("resident_id"), ids.first_resident);
    EXPECT_EQ(v.at("caller_name"), resident.at("name"));
    EXPECT_EQ(v.at("caller_phone"), resident.at("phones").at(0));
    EXPECT_EQ(v.at("unit_id"), ids.first_unit);
    EXPECT_EQ(v.at("unit_label"), "第1座 1A");
    EXPECT_EQ(v.at("due_at"), hk(kStart + 48 * kHour));  // a repair's default deadline
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"dispatch", "follow_up"}));

    // Someone calling for the resident is recorded under their own name and phone.
    auto other = create(fd, case_body("inquiry", "代住戶查詢", {{"resident_id", ids.first_resident}}));
    ASSERT_EQ(other.status, 201) << other.body;
    EXPECT_EQ(other.json().at("caller_name"), "陳先生");
    EXPECT_EQ(other.json().at("caller_phone"), "91234567");
}

TEST_P(DeskApi, FD_A_AUnitOrResidentOfAnotherSiteOrNoCallerIsRefusedAndWritesNothing) {
    auto admin = signed_in("admin");
    auto other = make_other_site(admin, "engineering", "東岸工程部");
    auto fd = signed_in("frontdesk");
    auto before = table_counts();
    auto unit = create(fd, case_body("repair", "漏水", {{"unit_id", other.unit}}));
    EXPECT_EQ(unit.status, 422) << unit.body;
    EXPECT_EQ(unit.error_field(), "unit_id");
    auto resident = create(fd, case_body("repair", "漏水", {{"resident_id", other.resident}}));
    EXPECT_EQ(resident.status, 422) << resident.body;
    EXPECT_EQ(resident.error_field(), "resident_id");
    auto body = case_body("inquiry", "查詢");
    body.erase("caller_name");
    auto nobody = create(fd, body);
    EXPECT_EQ(nobody.status, 422);
    EXPECT_EQ(nobody.error_field(), "caller_name");
    auto channel = create(fd, case_body("inquiry", "查詢", {{"channel", "fax"}}));
    EXPECT_EQ(channel.status, 422);
    EXPECT_EQ(channel.error_field(), "channel");
    auto phone = create(fd, case_body("inquiry", "查詢", {{"caller_phone", "12"}}));
    EXPECT_EQ(phone.status, 422);
    EXPECT_EQ(phone.error_field(), "caller_phone");
    EXPECT_EQ(table_counts(), before);
}

TEST_P(DeskApi, FD_A_TheContentIsOneTo2000CharactersCountedAsCharactersNotBytes) {
    auto fd = signed_in("frontdesk");
    std::string long_chinese;
    for (int i = 0; i < 2000; ++i) long_chinese += "漏";
    auto ok = create(fd, case_body("complaint", long_chinese));
    ASSERT_EQ(ok.status, 201) << ok.body.substr(0, 300);
    EXPECT_EQ(ok.json().at("content"), bj::value(long_chinese));
    for (const std::string& bad : {std::string(), long_chinese + "水"}) {
        auto r = create(fd, case_body("complaint", bad));
        EXPECT_EQ(r.status, 422);
        EXPECT_EQ(r.error_field(), "content");
    }
    EXPECT_EQ(server_.count("cases"), 1);
}

TEST_P(DeskApi, FD_A_ARetriedCreateWithTheSameIdempotencyKeyRecordsOneCase) {
    auto fd = signed_in("frontdesk");
    const std::string body = bj::serialize(case_body("inquiry", "查詢泳池開放時間"));
    auto first = fd.post("/api/v1/sites/1/cases", body, {{"Idempotency-Key", "desk-retry-1"}});
    ASSERT_EQ(first.status, 201) << first.body;
    auto again = fd.post("/api/v1/sites/1/cases", body, {{"Idempotency-Key", "desk-retry-1"}});
    EXPECT_EQ(again.status, 201);
    EXPECT_EQ(again.header("idempotent-replayed"), "true");
    EXPECT_EQ(again.json().at("id"), first.json().at("id"));
    EXPECT_EQ(server_.count("cases"), 1);
}

TEST_P(DeskApi, FD_A_ActionsAreWhatTheLifecycleAndTheCallersRoleAndDepartmentAllow) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    auto manager = signed_in("manager");
    auto complaint = record(fd, "complaint", "噪音");
    EXPECT_EQ(strings(complaint.at("actions")), (std::vector<std::string>{"dispatch", "follow_up", "responsibility"}));
    auto repair = record(fd, "repair", "燈泡壞了");
    repair = take(fd, repair, "dispatch", {{"department_id", department("engineering")}});
    EXPECT_EQ(strings(repair.at("actions")), (std::vector<std::string>{"reassign", "follow_up"}));
    int64_t id = id_of(repair);
    EXPECT_EQ(strings(read(eng, id).at("actions")), (std::vector<std::string>{"accept", "progress"}));
    // The site manager may act for any department as well as at the desk.
    EXPECT_EQ(strings(read(manager, id).at("actions")),
              (std::vector<std::string>{"reassign", "accept", "progress", "follow_up"}));
    // The security team lead sits in another department: reading only.
    auto teamlead = signed_in("teamlead");
    EXPECT_TRUE(read(teamlead, id).at("actions").as_array().empty());
}

// ---- the whole lifecycle ----

TEST_P(DeskApi, FD_A_FD_B_FD_C_FD_N_AComplaintIsDispatchedCompletedReopenedByAnUnhappyCallerAndArchived) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    int64_t engineering = department("engineering");
    const bj::object fd_ref{{"id", user_id("frontdesk")}, {"name", "黃前臺"}};
    const bj::object eng_ref{{"id", user_id("enghead")}, {"name", "何工程部長"}};
    const bj::object eng_dept{{"id", engineering}, {"name", "工程部"}};

    auto v = record(fd, "complaint", "天花滲水,已投訴兩次");
    int64_t id = id_of(v);
    EXPECT_EQ(v.at("due_at"), hk(kStart + 24 * kHour));

    clock_.advance_ms(10 * kMinute);
    v = take(fd, v, "dispatch", {{"department_id", engineering}, {"note", "請盡快檢查"}});
    EXPECT_EQ(v.at("status"), "dispatched");
    EXPECT_EQ(v.at("department"), eng_dept);
    EXPECT_EQ(v.at("dispatched_at"), hk(kStart + 10 * kMinute));
    EXPECT_EQ(v.at("due_at"), hk(kStart + 10 * kMinute + 24 * kHour));  // from dispatch, by the category
    EXPECT_EQ(v.at("version"), 2);

    clock_.advance_ms(10 * kMinute);
    v = take(eng, v, "accept");
    EXPECT_EQ(v.at("status"), "in_progress");
    EXPECT_EQ(v.at("accepted_at"), hk(kStart + 20 * kMinute));

    clock_.advance_ms(100 * kMinute);  // kStart + 2 h
    v = take(eng, v, "complete", {{"feedback", "已更換天台防水層"}});
    EXPECT_EQ(v.at("status"), "completed");
    EXPECT_EQ(v.at("feedback"), "已更換天台防水層");
    EXPECT_EQ(v.at("completed_at"), hk(kStart + 2 * kHour));
    EXPECT_EQ(v.at("handled_at"), hk(kStart + 2 * kHour));
    EXPECT_EQ(v.at("handled_on_time"), true);
    // FD-C: the return visit is created with the completion, due 24 h later.
    ASSERT_EQ(v.at("return_visits").as_array().size(), 1u);
    const auto& visit = v.at("return_visits").at(0);
    EXPECT_EQ(visit.at("status"), "pending");
    EXPECT_EQ(visit.at("due_at"), hk(kStart + 26 * kHour));
    EXPECT_EQ(visit.at("attempts"), 0);
    EXPECT_TRUE(visit.at("outcome").is_null());
    EXPECT_EQ(visit.at("case_number"), bj::value(number(id)));
    EXPECT_EQ(strings(v.at("actions")), std::vector<std::string>{});  // the engineering head's: nothing now
    EXPECT_EQ(strings(read(fd, id).at("actions")),
              (std::vector<std::string>{"return_visit", "follow_up", "responsibility"}));

    // FD-C: not satisfied → back to the same department, counted, and the butler hears of it.
    EXPECT_EQ(told("butler", "return_visit_unsatisfied"), 0);
    clock_.advance_ms(kHour);  // kStart + 3 h
    v = take(fd, v, "return-visit", {{"outcome", "not_satisfied"}, {"note", "仍然滲水"}});
    EXPECT_EQ(v.at("status"), "dispatched");
    EXPECT_EQ(v.at("reopen_count"), 1);
    EXPECT_EQ(v.at("department"), eng_dept);
    EXPECT_TRUE(v.at("accepted_at").is_null());
    EXPECT_TRUE(v.at("completed_at").is_null());
    EXPECT_EQ(v.at("dispatched_at"), hk(kStart + 3 * kHour));
    EXPECT_EQ(v.at("due_at"), hk(kStart + 27 * kHour));
    EXPECT_EQ(v.at("handled_at"), hk(kStart + 2 * kHour));  // the first handling still counts for FD-I
    ASSERT_EQ(v.at("return_visits").as_array().size(), 1u);
    EXPECT_EQ(v.at("return_visits").at(0).at("status"), "done");
    EXPECT_EQ(v.at("return_visits").at(0).at("outcome"), "not_satisfied");
    EXPECT_EQ(v.at("return_visits").at(0).at("note"), "仍然滲水");
    EXPECT_EQ(v.at("return_visits").at(0).at("done_by"), fd_ref);
    EXPECT_EQ(v.at("return_visits").at(0).at("done_at"), hk(kStart + 3 * kHour));
    EXPECT_EQ(told("butler", "return_visit_unsatisfied"), 1);
    EXPECT_EQ(told("enghead", "return_visit_unsatisfied"), 1);
    auto butler = signed_in("butler");  // now: a session left alone for 2 h has ended
    auto bell = butler.get("/api/v1/notifications");
    ASSERT_EQ(bell.status, 200) << bell.body;
    auto newest = bell.json().at("items").at(0);
    EXPECT_EQ(newest.at("kind"), "return_visit_unsatisfied");
    EXPECT_EQ(newest.at("title"), bj::value("回訪不滿意 " + number(id)));
    EXPECT_EQ(newest.at("body"), "仍然滲水");
    EXPECT_EQ(newest.at("link"), bj::value(path("/cases/", id)));
    EXPECT_EQ(newest.at("site_id"), 1);

    clock_.advance_ms(kHour);
    eng = signed_in("enghead");  // idle for two hours: signed out
    v = take(eng, v, "accept");
    clock_.advance_ms(kHour);  // kStart + 5 h
    v = take(eng, v, "complete", {{"feedback", "重新做防水"}});
    EXPECT_EQ(v.at("status"), "completed");
    EXPECT_EQ(v.at("handled_at"), hk(kStart + 2 * kHour));
    ASSERT_EQ(v.at("return_visits").as_array().size(), 2u);
    EXPECT_EQ(v.at("return_visits").at(1).at("status"), "pending");
    EXPECT_EQ(v.at("return_visits").at(1).at("due_at"), hk(kStart + 29 * kHour));

    clock_.advance_ms(kHour);  // kStart + 6 h
    fd = signed_in("frontdesk");
    v = take(fd, v, "return-visit", {{"outcome", "satisfied"}});
    EXPECT_EQ(v.at("status"), "return_visited");
    EXPECT_EQ(v.at("return_visited_at"), hk(kStart + 6 * kHour));
    EXPECT_EQ(v.at("return_visits").at(1).at("status"), "done");
    EXPECT_EQ(v.at("return_visits").at(1).at("outcome"), "satisfied");
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"archive", "follow_up", "responsibility"}));

    clock_.advance_ms(kHour);  // kStart + 7 h
    v = take(fd, v, "archive");
    EXPECT_EQ(v.at("status"), "archived");
    EXPECT_EQ(v.at("archived_at"), hk(kStart + 7 * kHour));
    EXPECT_EQ(v.at("version"), 9);
    EXPECT_TRUE(v.at("actions").as_array().empty());
    // Archived is final.
    auto after = step(fd, v, "follow-up", {{"note", "再致電"}});
    EXPECT_EQ(after.status, 409);
    EXPECT_EQ(after.error_code(), "illegal_state");

    // FD-N: the whole timeline in order, with who was told at each step.
    EXPECT_EQ(event_kinds(v),
              (std::vector<std::string>{"recorded", "notified", "dispatched", "notified", "accepted", "completed",
                                        "notified", "return_visit", "reopened", "notified", "accepted", "completed",
                                        "notified", "return_visit", "archived"}));
    const auto& events = v.at("events").as_array();
    EXPECT_EQ(events[1].at("note"), "case_new_complaint ×2");  // the customer-department manager and the butler
    EXPECT_EQ(events[2].at("actor"), fd_ref);
    EXPECT_EQ(events[2].at("department"), eng_dept);
    EXPECT_EQ(events[2].at("note"), "請盡快檢查");
    EXPECT_EQ(events[2].at("at"), hk(kStart + 10 * kMinute));
    EXPECT_EQ(events[3].at("note"), "case_dispatched ×4");  // the engineering head, the team lead, both technicians
    EXPECT_EQ(events[4].at("actor"), eng_ref);
    EXPECT_EQ(events[5].at("note"), "已更換天台防水層");
    EXPECT_EQ(events[6].at("note"), "case_completed ×2");  // the front desk and the property assistant
    EXPECT_EQ(events[7].at("note"), "not_satisfied: 仍然滲水");
    EXPECT_EQ(events[8].at("department"), eng_dept);
    EXPECT_EQ(events[9].at("note"), "return_visit_unsatisfied ×5");  // the butler and engineering's four
    EXPECT_EQ(events[13].at("note"), "satisfied");
    EXPECT_EQ(events[14].at("actor"), fd_ref);
    EXPECT_EQ(events[14].at("at"), hk(kStart + 7 * kHour));

    // Every step is in the audit trail with who took it and the record before and after.
    auto history = fd.get(path("/api/v1/audit?entity=case&id=", id));
    ASSERT_EQ(history.status, 200) << history.body;
    std::vector<std::string> actions, actors;
    auto audit = history.json();
    const auto& items = audit.at("items").as_array();
    for (const auto& e : items) {
        actions.push_back(str(e.at("action")));
        actors.push_back(str(e.at("actor_name")));
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"create", "dispatch", "accept", "complete", "return_visit", "accept",
                                                 "complete", "return_visit", "archive"}));
    EXPECT_EQ(actors, (std::vector<std::string>{"黃前臺", "黃前臺", "何工程部長", "何工程部長", "黃前臺", "何工程部長",
                                                "何工程部長", "黃前臺", "黃前臺"}));
    EXPECT_TRUE(items[0].at("before").is_null());
    EXPECT_EQ(items[0].at("after").at("status"), "recorded");
    EXPECT_EQ(items[0].at("at"), kStartLocal);
    EXPECT_EQ(items[4].at("before").at("status"), "completed");
    EXPECT_EQ(items[4].at("after").at("status"), "dispatched");
    EXPECT_EQ(items[4].at("after").at("reopen_count"), 1);
    EXPECT_EQ(items[8].at("before").at("status"), "return_visited");
    EXPECT_EQ(items[8].at("after").at("status"), "archived");
    EXPECT_EQ(items[8].at("after").at("version"), 9);
}

TEST_P(DeskApi, FD_A_AnInquiryIsRepliedAtTheDeskThenArchivedAndCannotBeArchivedBeforeTheReply) {
    auto fd = signed_in("frontdesk");
    auto v = record(fd, "inquiry", "查詢裝修申請手續");
    auto early = step(fd, v, "archive");
    EXPECT_EQ(early.status, 409) << early.body;
    EXPECT_EQ(early.error_code(), "illegal_state");
    EXPECT_NE(early.body.find("current status: recorded"), std::string::npos) << early.body;
    auto desk_completes = step(fd, v, "complete", {{"feedback", "x"}});
    EXPECT_EQ(desk_completes.status, 403);  // the desk is not the department
    auto empty = step(fd, v, "reply", {{"reply", ""}});
    EXPECT_EQ(empty.status, 422);
    EXPECT_EQ(empty.error_field(), "reply");
    EXPECT_EQ(read(fd, id_of(v)).at("version"), 1);  // nothing changed

    clock_.advance_ms(30 * kMinute);
    v = take(fd, v, "reply", {{"reply", "請到服務中心索取表格"}});
    EXPECT_EQ(v.at("status"), "replied");
    EXPECT_EQ(v.at("reply"), "請到服務中心索取表格");
    EXPECT_EQ(v.at("replied_at"), hk(kStart + 30 * kMinute));
    EXPECT_EQ(v.at("handled_at"), hk(kStart + 30 * kMinute));
    EXPECT_EQ(v.at("handled_on_time"), true);
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"archive", "follow_up"}));
    auto twice = step(fd, v, "reply", {{"reply", "再答"}});
    EXPECT_EQ(twice.status, 409);
    EXPECT_NE(twice.body.find("current status: replied"), std::string::npos) << twice.body;

    clock_.advance_ms(30 * kMinute);
    v = take(fd, v, "archive");
    EXPECT_EQ(v.at("status"), "archived");
    EXPECT_EQ(v.at("archived_at"), hk(kStart + kHour));
    EXPECT_EQ(event_kinds(v), (std::vector<std::string>{"recorded", "replied", "archived"}));
    EXPECT_EQ(v.at("events").at(1).at("note"), "請到服務中心索取表格");
}

TEST_P(DeskApi, FD_A_ARepairIsDispatchedNotRepliedAtTheDesk) {
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

TEST_P(DeskApi, FollowUpNotesGoOnTheTimelineWithoutChangingTheStatusAndNeedText) {
    auto fd = signed_in("frontdesk");
    auto v = record(fd, "suggestion", "建議增設單車位");
    auto empty = step(fd, v, "follow-up", {});
    EXPECT_EQ(empty.status, 422);
    EXPECT_EQ(empty.error_field(), "note");
    v = take(fd, v, "follow-up", {{"note", "已轉交經理"}});
    EXPECT_EQ(v.at("status"), "recorded");
    EXPECT_EQ(v.at("version"), 2);
    EXPECT_EQ(event_kinds(v), (std::vector<std::string>{"recorded", "follow_up"}));
    EXPECT_EQ(v.at("events").at(1).at("note"), "已轉交經理");
}

TEST_P(DeskApi, FD_B_TheDepartmentAddsProgressNotesWhileItHasTheCase) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    auto v = record(fd, "repair", "電梯異響");
    v = take(fd, v, "dispatch", {{"department_id", department("engineering")}});
    v = take(eng, v, "progress", {{"note", "已聯絡電梯公司"}});
    EXPECT_EQ(v.at("status"), "dispatched");
    v = take(eng, v, "accept");
    v = take(eng, v, "progress", {{"note", "明早更換零件"}});
    EXPECT_EQ(v.at("status"), "in_progress");
    auto noteless = step(eng, v, "progress", {});
    EXPECT_EQ(noteless.status, 422);
    EXPECT_EQ(noteless.error_field(), "note");
    auto no_feedback = step(eng, v, "complete", {});
    EXPECT_EQ(no_feedback.status, 422);
    EXPECT_EQ(no_feedback.error_field(), "feedback");
    EXPECT_EQ(event_kinds(v),
              (std::vector<std::string>{"recorded", "dispatched", "notified", "progress", "accepted", "progress"}));
}

// ---- FD-D: complaints ----

TEST_P(DeskApi, FD_D_AComplaintNotifiesTheCustomerDepartmentManagerAndTheButlerAtOnce) {
    auto fd = signed_in("frontdesk");
    record(fd, "inquiry", "查詢");
    EXPECT_EQ(server_.count("notifications"), 0);
    auto v = record(fd, "complaint", "保安態度差");
    EXPECT_EQ(told("csmanager", "case_new_complaint"), 1);
    EXPECT_EQ(told("butler", "case_new_complaint"), 1);
    EXPECT_EQ(server_.count("notifications"), 2);
    auto cs = signed_in("csmanager");
    auto bell = cs.get("/api/v1/notifications").json().at("items").as_array();
    ASSERT_EQ(bell.size(), 1u);
    EXPECT_EQ(bell[0].at("kind"), "case_new_complaint");
    EXPECT_EQ(bell[0].at("title"), bj::value("新投訴 " + number(id_of(v))));
    EXPECT_EQ(bell[0].at("body"), "保安態度差");
    EXPECT_EQ(bell[0].at("link"), bj::value(path("/cases/", id_of(v))));
    EXPECT_EQ(bell[0].at("read"), false);
    EXPECT_EQ(event_kinds(v), (std::vector<std::string>{"recorded", "notified"}));
}

TEST_P(DeskApi, FD_D_AComplaintThatIsNotOursClosesOnlyWithTheExplanationGivenToTheResident) {
    auto fd = signed_in("frontdesk");
    auto v = record(fd, "complaint", "街外施工噪音");
    auto unset = step(fd, v, "reply", {{"reply", "已解釋"}});
    EXPECT_EQ(unset.status, 409);  // ours or not ours first
    EXPECT_NE(unset.body.find("ours"), std::string::npos);
    EXPECT_EQ(unset.error_field(), "responsibility");
    v = take(fd, v, "responsibility", {{"responsibility", "not_ours"}});
    EXPECT_EQ(v.at("responsibility"), "not_ours");
    EXPECT_EQ(v.at("status"), "recorded");
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"dispatch", "reply", "follow_up", "responsibility"}));
    auto before = table_counts();
    auto silent = step(fd, v, "reply", {});
    EXPECT_EQ(silent.status, 422) << silent.body;
    EXPECT_EQ(silent.error_field(), "reply");
    EXPECT_NE(silent.body.find("explanation"), std::string::npos);
    EXPECT_EQ(table_counts(), before);
    v = take(fd, v, "reply", {{"reply", "屬政府道路工程,已向住戶解釋並提供路政署熱線"}});
    EXPECT_EQ(v.at("status"), "replied");
    EXPECT_EQ(v.at("handled_on_time"), true);
    // The explanation was given on that basis: the responsibility cannot be turned round now.
    auto turned = step(fd, v, "responsibility", {{"responsibility", "ours"}});
    EXPECT_EQ(turned.status, 409) << turned.body;
    EXPECT_NE(turned.body.find("replied"), std::string::npos);
    v = take(fd, v, "archive");
    EXPECT_EQ(v.at("status"), "archived");
    EXPECT_EQ(event_kinds(v),
              (std::vector<std::string>{"recorded", "notified", "responsibility", "replied", "archived"}));
    EXPECT_EQ(v.at("events").at(2).at("note"), "not_ours");

    // The responsibility may also be given when recording.
    auto direct = record(fd, "complaint", "鄰居裝修", {{"responsibility", "not_ours"}});
    EXPECT_EQ(direct.at("responsibility"), "not_ours");
    EXPECT_EQ(take(fd, direct, "reply", {{"reply", "已解釋屬住戶之間事宜"}}).at("status"), "replied");
}

TEST_P(DeskApi, FD_D_AComplaintThatIsOursIsHandledNotRepliedAtTheDesk) {
    auto fd = signed_in("frontdesk");
    auto v = record(fd, "complaint", "清潔不足", {{"responsibility", "ours"}});
    EXPECT_EQ(v.at("responsibility"), "ours");
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"dispatch", "follow_up", "responsibility"}));
    auto r = step(fd, v, "reply", {{"reply", "會處理"}});
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.error_code(), "complaint_ours");
    EXPECT_EQ(read(fd, id_of(v)).at("status"), "recorded");
}

TEST_P(DeskApi, FD_D_OnlyAComplaintCarriesAResponsibility) {
    auto fd = signed_in("frontdesk");
    auto at_create = create(fd, case_body("inquiry", "查詢", {{"responsibility", "ours"}}));
    EXPECT_EQ(at_create.status, 422);
    EXPECT_EQ(at_create.error_field(), "responsibility");
    EXPECT_EQ(server_.count("cases"), 0);
    auto v = record(fd, "inquiry", "查詢");
    auto later = step(fd, v, "responsibility", {{"responsibility", "ours"}});
    EXPECT_EQ(later.status, 409) << later.body;
    EXPECT_EQ(later.error_code(), "not_a_complaint");
    auto complaint = record(fd, "complaint", "投訴");
    auto bad = step(fd, complaint, "responsibility", {{"responsibility", "maybe"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "responsibility");
}

// ---- FD-B: deadlines, dispatch, queues, overdue ----

TEST_P(DeskApi, FD_B_EachCategoryGetsItsDefaultDeadlineWhileTheSiteHasNoPolicy) {
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

TEST_P(DeskApi, FD_B_ThePolicyIsChangedWithIfMatchAndSetsTheDeadlinesOfNewCases) {
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

TEST_P(DeskApi, FD_B_BadPolicyValuesAreRefusedNamingTheFieldAndChangeNothing) {
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

TEST_P(DeskApi, FD_B_DispatchNeedsADepartmentOfTheSiteAndTakesAnOptionalFutureDeadline) {
    auto admin = signed_in("admin");
    auto other = make_other_site(admin, "engineering", "東岸工程部");
    auto fd = signed_in("frontdesk");
    int64_t engineering = department("engineering");
    auto v = record(fd, "repair", "外牆剝落");
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

TEST_P(DeskApi, FD_B_ReassignNeedsTheReasonAndAnotherDepartment) {
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

TEST_P(DeskApi, FD_B_TheDepartmentQueueHoldsOnlyTheCasesOfMyDepartments) {
    auto fd = signed_in("frontdesk");
    auto a = record(fd, "repair", "水泵故障");
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

TEST_P(DeskApi, FD_B_TheOverdueJobFlagsOpenCasesPastTheirDeadlineEscalatesComplaintsAndNotifiesOnce) {
    auto fd = signed_in("frontdesk");
    int64_t engineering = department("engineering");
    auto complaint = record(fd, "complaint", "管理費單錯誤");  // due +24 h, not dispatched
    auto inquiry = record(fd, "inquiry", "水壓不足");
    inquiry = take(fd, inquiry, "dispatch", {{"department_id", engineering}});  // due +24 h with engineering
    auto repair = record(fd, "repair", "門鎖壞");
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

// ---- FD-C: return visits ----

TEST_P(DeskApi, FD_C_ThreeUnreachableCallsEscalateTheVisitToTheButlerExactlyOnce) {
    auto v = completed_case("repair", "窗戶漏水");
    auto fd = signed_in("frontdesk");
    auto missing = step(fd, v, "return-visit", {});
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(missing.error_field(), "outcome");
    auto bogus = step(fd, v, "return-visit", {{"outcome", "happy"}});
    EXPECT_EQ(bogus.status, 422);
    EXPECT_EQ(bogus.error_field(), "outcome");

    for (int attempt = 1; attempt <= 2; ++attempt) {
        clock_.advance_ms(kHour);
        v = take(fd, v, "return-visit", {{"outcome", "unreachable"}, {"note", "無人接聽"}});
        EXPECT_EQ(v.at("status"), "completed");
        const auto& visit = v.at("return_visits").at(0);
        EXPECT_EQ(visit.at("status"), "pending");
        EXPECT_EQ(visit.at("attempts"), attempt);
        EXPECT_EQ(visit.at("outcome"), "unreachable");
    }
    EXPECT_EQ(told("butler", "return_visit_escalated"), 0);
    clock_.advance_ms(kHour);
    v = take(fd, v, "return-visit", {{"outcome", "unreachable"}});
    const auto escalated_at = hk(clock_.now_ms());
    EXPECT_EQ(v.at("status"), "completed");
    EXPECT_EQ(v.at("return_visits").at(0).at("status"), "escalated");
    EXPECT_EQ(v.at("return_visits").at(0).at("attempts"), 3);
    EXPECT_EQ(v.at("return_visits").at(0).at("escalated_at"), escalated_at);
    EXPECT_EQ(told("butler", "return_visit_escalated"), 1);
    EXPECT_EQ(told("csmanager", "return_visit_escalated"), 0);

    // A fourth attempt is counted but not escalated again.
    clock_.advance_ms(kHour);
    v = take(fd, v, "return-visit", {{"outcome", "unreachable"}});
    EXPECT_EQ(v.at("return_visits").at(0).at("attempts"), 4);
    EXPECT_EQ(v.at("return_visits").at(0).at("escalated_at"), escalated_at);
    EXPECT_EQ(told("butler", "return_visit_escalated"), 1);
    auto kinds = event_kinds(v);
    EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "return_visit_escalated"), 1);
    EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "return_visit"), 4);
    EXPECT_EQ(v.at("events").as_array()[kinds.size() - 1].at("note"), "unreachable #4");

    // The butler sees the escalated visit, then its result.
    auto butler = signed_in("butler");
    auto list = butler.get("/api/v1/sites/1/return-visits?status=escalated");
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(list.json().at("items").as_array().size(), 1u);
    EXPECT_EQ(list.json().at("items").at(0).at("case_id"), id_of(v));
    EXPECT_EQ(list.json().at("items").at(0).at("attempts"), 4);

    v = take(butler, v, "return-visit", {{"outcome", "satisfied"}, {"note", "晚上聯絡到住戶"}});
    EXPECT_EQ(v.at("status"), "return_visited");
    auto done = butler.get("/api/v1/sites/1/return-visits?status=done").json().at("items").as_array();
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].at("outcome"), "satisfied");
    EXPECT_EQ(done[0].at("note"), "晚上聯絡到住戶");
    EXPECT_EQ(done[0].at("done_by").at("name"), "林管家");
    EXPECT_EQ(done[0].at("escalated_at"), escalated_at);
    EXPECT_TRUE(butler.get("/api/v1/sites/1/return-visits?status=escalated").json().at("items").as_array().empty());
}

TEST_P(DeskApi, FD_C_TheSitesPolicySetsWhenVisitsAreDueAndHowManyCallsBeforeEscalating) {
    auto cs = signed_in("csmanager");
    ASSERT_EQ(cs.put("/api/v1/sites/1/desk/policy", bj::serialize(policy_body(24, 6, 1)), if_match(0)).status, 200);
    auto v = completed_case("repair", "冷氣滴水");
    EXPECT_EQ(v.at("return_visits").at(0).at("due_at"), hk(kStart + 6 * kHour));
    auto fd = signed_in("frontdesk");
    v = take(fd, v, "return-visit", {{"outcome", "unreachable"}});
    EXPECT_EQ(v.at("return_visits").at(0).at("status"), "escalated");
    EXPECT_EQ(told("butler", "return_visit_escalated"), 1);
}

TEST_P(DeskApi, FD_C_AVisitAlreadyPastALoweredUnreachableLimitStillGoesToTheButlerOnce) {
    auto v = completed_case("repair", "露台去水淤塞");
    auto fd = signed_in("frontdesk");
    v = take(fd, v, "return-visit", {{"outcome", "unreachable"}});
    v = take(fd, v, "return-visit", {{"outcome", "unreachable"}});  // 2 of the default 3
    // The site now escalates after one unanswered call: this visit is already past that.
    auto cs = signed_in("csmanager");
    ASSERT_EQ(cs.put("/api/v1/sites/1/desk/policy", bj::serialize(policy_body(24, 24, 1)), if_match(0)).status, 200);
    v = take(fd, v, "return-visit", {{"outcome", "unreachable"}});
    EXPECT_EQ(v.at("return_visits").at(0).at("attempts"), 3);
    EXPECT_EQ(v.at("return_visits").at(0).at("status"), "escalated");
    EXPECT_EQ(told("butler", "return_visit_escalated"), 1);
    v = take(fd, v, "return-visit", {{"outcome", "unreachable"}});
    EXPECT_EQ(told("butler", "return_visit_escalated"), 1);
    auto kinds = event_kinds(v);
    EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "return_visit_escalated"), 1);
}

TEST_P(DeskApi, FD_C_TheButlerListsReturnVisitResultsWithTheirOutcomes) {
    auto fd = signed_in("frontdesk");
    auto happy = completed_case("repair", "浴室去水慢");
    auto unhappy = completed_case("complaint", "維修後仍有問題");
    auto waiting = completed_case("repair", "門鐘失靈");
    take(fd, happy, "return-visit", {{"outcome", "satisfied"}});
    take(fd, unhappy, "return-visit", {{"outcome", "not_satisfied"}, {"note", "要求再修"}});
    auto early = step(fd, record(fd, "repair", "未完成"), "return-visit", {{"outcome", "satisfied"}});
    EXPECT_EQ(early.status, 409);  // nothing to call back about before the department completes

    auto butler = signed_in("butler");
    auto all = butler.get("/api/v1/sites/1/return-visits");
    ASSERT_EQ(all.status, 200) << all.body;
    auto body = all.json();
    const auto& items = body.at("items").as_array();
    ASSERT_EQ(items.size(), 3u);  // newest first
    EXPECT_EQ(items[0].at("case_id"), id_of(waiting));
    EXPECT_EQ(items[0].at("status"), "pending");
    EXPECT_TRUE(items[0].at("outcome").is_null());
    EXPECT_EQ(items[1].at("case_id"), id_of(unhappy));
    EXPECT_EQ(items[1].at("status"), "done");
    EXPECT_EQ(items[1].at("outcome"), "not_satisfied");
    EXPECT_EQ(items[1].at("note"), "要求再修");
    EXPECT_EQ(items[1].at("case_category"), "complaint");
    EXPECT_EQ(items[1].at("caller_name"), "陳先生");
    EXPECT_EQ(items[1].at("case_number"), bj::value(number(id_of(unhappy))));
    EXPECT_EQ(items[1].at("done_by").at("name"), "黃前臺");
    EXPECT_EQ(items[2].at("case_id"), id_of(happy));
    EXPECT_EQ(items[2].at("outcome"), "satisfied");
    EXPECT_TRUE(all.json().at("next_cursor").is_null());

    auto unsatisfied = butler.get("/api/v1/sites/1/return-visits?outcome=not_satisfied").json().at("items");
    ASSERT_EQ(unsatisfied.as_array().size(), 1u);
    EXPECT_EQ(unsatisfied.at(0).at("case_id"), id_of(unhappy));
    EXPECT_EQ(told("butler", "return_visit_unsatisfied"), 1);
    EXPECT_EQ(butler.get("/api/v1/sites/1/return-visits?status=pending,escalated").json().at("items").as_array().size(),
              1u);
    auto bad = butler.get("/api/v1/sites/1/return-visits?status=lost");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "status");
    auto paged = butler.get("/api/v1/sites/1/return-visits?limit=2").json();
    EXPECT_EQ(paged.at("items").as_array().size(), 2u);
    ASSERT_TRUE(paged.at("next_cursor").is_string());
    auto rest = butler.get("/api/v1/sites/1/return-visits?limit=2&cursor=" + str(paged.at("next_cursor"))).json();
    ASSERT_EQ(rest.at("items").as_array().size(), 1u);
    EXPECT_EQ(rest.at("items").at(0).at("case_id"), id_of(happy));
}

// ---- concurrency ----

TEST_P(DeskApi, AStaleIfMatchIs412AndChangesNothing) {
    auto fd = signed_in("frontdesk");
    int64_t engineering = department("engineering");
    auto v = record(fd, "repair", "水錶漏水");
    auto newer = take(fd, v, "follow-up", {{"note", "已致電住戶"}});
    auto before = table_counts();
    auto stale = step(fd, v, "dispatch", {{"department_id", engineering}});  // with version 1
    EXPECT_EQ(stale.status, 412) << stale.body;
    EXPECT_EQ(stale.error_code(), "version_mismatch");
    EXPECT_EQ(table_counts(), before);
    auto now = read(fd, id_of(v));
    EXPECT_EQ(now.at("version"), 2);
    EXPECT_EQ(now.at("status"), "recorded");
    EXPECT_EQ(now, newer);
    auto future = fd.post(path("/api/v1/cases/", id_of(v), "/dispatch"),
                          bj::serialize(bj::object{{"department_id", engineering}}), if_match(7));
    EXPECT_EQ(future.status, 412);
    EXPECT_EQ(table_counts(), before);
}

TEST_P(DeskApi, AStepWithoutIfMatchIs428) {
    auto fd = signed_in("frontdesk");
    auto v = record(fd, "inquiry", "查詢");
    auto before = table_counts();
    for (const char* action : {"dispatch", "reply", "archive", "follow-up", "return-visit"}) {
        auto r = fd.post(path("/api/v1/cases/", id_of(v), std::string("/") + action), R"({"reply":"x"})");
        EXPECT_EQ(r.status, 428) << action;
        EXPECT_EQ(r.error_code(), "if_match_required") << action;
    }
    EXPECT_EQ(table_counts(), before);
}

// ---- site scoping and roles ----

TEST_P(DeskApi, StaffOfAnotherSiteGet404ForSite1sCasesAndTheOtherWayRound) {
    auto admin = signed_in("admin");
    auto other = make_other_site(admin, "engineering", "東岸工程部");
    create_user(admin, "east.desk", bj::array{bj::object{{"site_id", other.site}, {"role", "front_desk"}}});
    auto fd = signed_in("frontdesk");
    auto mine = record(fd, "complaint", "海濱花園的投訴");
    auto east = signed_in("east.desk", "east-side-password");
    auto theirs = create(east, case_body("inquiry", "東岸查詢"), other.site);
    ASSERT_EQ(theirs.status, 201) << theirs.body;

    auto before = table_counts();
    for (const auto& target : {path("/api/v1/cases/", id_of(mine)), std::string("/api/v1/sites/1/cases"),
                               std::string("/api/v1/sites/1/return-visits"), std::string("/api/v1/sites/1/desk/policy"),
                               std::string("/api/v1/sites/1/desk/kpi"), std::string("/api/v1/sites/1/desk/kpi.xlsx"),
                               path("/api/v1/audit?entity=case&id=", id_of(mine))}) {
        auto r = east.get(target);
        EXPECT_EQ(r.status, 404) << target;
        EXPECT_EQ(r.error_code(), "not_found") << target;
    }
    for (const char* action : {"follow-up", "reply", "responsibility", "dispatch"}) {
        auto r = step(east, mine, action);
        EXPECT_EQ(r.status, 404) << action;
    }
    EXPECT_EQ(create(east, case_body("inquiry", "x")).status, 404);
    EXPECT_EQ(fd.get(path("/api/v1/cases/", id_of(theirs.json()))).status, 404);
    EXPECT_EQ(step(fd, theirs.json(), "follow-up", {{"note", "x"}}).status, 404);
    EXPECT_EQ(fd.get(path("/api/v1/sites/", other.site, "/cases")).status, 404);
    EXPECT_EQ(table_counts(), before);
    // Each lists only their own site's cases.
    EXPECT_EQ(ids(east.get(path("/api/v1/sites/", other.site, "/cases"))),
              (std::vector<int64_t>{id_of(theirs.json())}));
    EXPECT_EQ(ids(fd.get("/api/v1/sites/1/cases")), (std::vector<int64_t>{id_of(mine)}));
}

TEST_P(DeskApi, RolesWithoutThePermissionGet403AndChangeNothing) {
    auto fd = signed_in("frontdesk");
    auto v = record(fd, "repair", "天台門壞");
    v = take(fd, v, "dispatch", {{"department_id", department("engineering")}});
    int64_t cleaning = department("cleaning");
    auto tech = signed_in("tech1");  // a technician sees their own jobs only (repairs module), not the desk
    auto attendant = signed_in("attendant");
    auto eng = signed_in("enghead");
    auto teamlead = signed_in("teamlead");
    auto before = table_counts();

    EXPECT_EQ(tech.get("/api/v1/sites/1/cases").status, 403);
    EXPECT_EQ(tech.get(path("/api/v1/cases/", id_of(v))).status, 403);
    EXPECT_EQ(step(tech, v, "accept").status, 403);
    auto create_denied = create(attendant, case_body("inquiry", "查詢"));
    EXPECT_EQ(create_denied.status, 403);
    EXPECT_EQ(create_denied.error_code(), "forbidden");
    // The front desk may not take the department's steps.
    auto accept = step(fd, v, "accept");
    EXPECT_EQ(accept.status, 403);
    EXPECT_NE(accept.body.find("only the department"), std::string::npos) << accept.body;
    // The engineering head may not take the desk's.
    EXPECT_EQ(step(eng, v, "reassign", {{"department_id", cleaning}, {"note", "x"}}).status, 403);
    EXPECT_EQ(step(eng, v, "follow-up", {{"note", "x"}}).status, 403);
    EXPECT_EQ(create(eng, case_body("repair", "x")).status, 403);
    // Nor may another department's lead take engineering's.
    auto security = step(teamlead, v, "accept");
    EXPECT_EQ(security.status, 403);
    EXPECT_NE(security.body.find("only the department"), std::string::npos);
    EXPECT_EQ(table_counts(), before);
    // The site manager may act for any department.
    auto manager = signed_in("manager");
    EXPECT_EQ(take(manager, v, "accept").at("status"), "in_progress");
}

TEST_P(DeskApi, UnknownFieldsAre400NamingTheField) {
    auto fd = signed_in("frontdesk");
    auto r = create(fd, case_body("inquiry", "查詢", {{"priority", "high"}}));
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.error_code(), "unknown_field");
    EXPECT_EQ(r.error_field(), "priority");
    EXPECT_EQ(server_.count("cases"), 0);
    auto v = record(fd, "inquiry", "查詢");
    auto s = step(fd, v, "dispatch", {{"department_id", department("engineering")}, {"urgent", true}});
    EXPECT_EQ(s.status, 400);
    EXPECT_EQ(s.error_field(), "urgent");
    EXPECT_EQ(read(fd, id_of(v)).at("version"), 1);
}

// ---- search and filters ----

TEST_P(DeskApi, FD_N_SearchIsInsensitiveToTraditionalAndSimplifiedAndFindsNamePhoneAndUnit) {
    auto ids_ = demo_ids(server_);
    auto fd = signed_in("frontdesk");
    auto complaint = record(fd, "complaint", "投訴清潔工未有清理走廊");
    auto other = record(fd, "inquiry", "查詢會所開放時間",
                        {{"caller_name", "李小姐"}, {"caller_phone", "6123 9876"}, {"unit_id", ids_.first_unit}});
    auto search = [&](const std::string& q) { return ids(fd.get("/api/v1/sites/1/cases?q=" + enc(q))); };
    EXPECT_EQ(search("投诉"), (std::vector<int64_t>{id_of(complaint)}));  // simplified finds traditional
    EXPECT_EQ(search("投訴"), (std::vector<int64_t>{id_of(complaint)}));
    EXPECT_EQ(search("李小姐"), (std::vector<int64_t>{id_of(other)}));
    EXPECT_EQ(search("61239876"), (std::vector<int64_t>{id_of(other)}));
    EXPECT_EQ(search("第1座 1a"), (std::vector<int64_t>{id_of(other)}));
    EXPECT_EQ(search("陳先生"), (std::vector<int64_t>{id_of(complaint)}));
    EXPECT_TRUE(search("不存在的字").empty());
    EXPECT_TRUE(search("100%").empty());
}

TEST_P(DeskApi, FD_N_FiltersByStatusCategoryDepartmentUnitPhoneDatesAndOverdueCombine) {
    auto ids_ = demo_ids(server_);
    auto fd = signed_in("frontdesk");
    int64_t engineering = department("engineering"), security = department("security");
    auto a = record(fd, "repair", "A", {{"unit_id", ids_.first_unit}});
    a = take(fd, a, "dispatch", {{"department_id", engineering}});
    auto b = record(fd, "complaint", "B", {{"caller_phone", "6000 0001"}});
    b = take(fd, b, "dispatch", {{"department_id", security}});
    clock_.advance_ms(24 * kHour);  // the next day (2026-11-19)
    fd = signed_in("frontdesk");
    auto c = record(fd, "inquiry", "C");
    c = take(fd, c, "reply", {{"reply", "已答"}});
    auto d = record(fd, "repair", "D", {{"unit_id", ids_.first_unit}, {"caller_phone", "6000-0001"}});
    clock_.advance_ms(kHour);  // B (due in 24 h) is past due, A (48 h) not yet
    ASSERT_EQ(desk::flag_overdue(server_.db(), clock_.now_ms()), 1);

    auto list = [&](const std::string& query) {
        auto r = fd.get("/api/v1/sites/1/cases?" + query);
        if (r.status != 200) throw std::runtime_error(query + ": " + r.body);
        return ids(r);
    };
    using V = std::vector<int64_t>;
    EXPECT_EQ(list(""), (V{id_of(d), id_of(c), id_of(b), id_of(a)}));
    EXPECT_EQ(list("status=dispatched"), (V{id_of(b), id_of(a)}));
    EXPECT_EQ(list("status=recorded,replied"), (V{id_of(d), id_of(c)}));
    EXPECT_EQ(list("category=repair"), (V{id_of(d), id_of(a)}));
    EXPECT_EQ(list("department_id=" + std::to_string(security)), (V{id_of(b)}));
    EXPECT_EQ(list("department_id=" + std::to_string(engineering) + "," + std::to_string(security)),
              (V{id_of(b), id_of(a)}));
    EXPECT_EQ(list("unit_id=" + std::to_string(ids_.first_unit)), (V{id_of(d), id_of(a)}));
    EXPECT_EQ(list("phone=" + enc("6000 0001")), (V{id_of(d), id_of(b)}));
    EXPECT_EQ(list("q=" + enc("6000-0001")), (V{id_of(d), id_of(b)}));  // typed as people write it
    EXPECT_EQ(list("from=2026-11-19"), (V{id_of(d), id_of(c)}));
    EXPECT_EQ(list("to=2026-11-18"), (V{id_of(b), id_of(a)}));
    EXPECT_EQ(list("from=2026-11-18&to=2026-11-18"), (V{id_of(b), id_of(a)}));
    EXPECT_TRUE(list("from=2026-11-20").empty());
    EXPECT_EQ(list("overdue=true"), (V{id_of(b)}));
    EXPECT_EQ(list("overdue=false"), (V{id_of(d), id_of(c), id_of(b), id_of(a)}));
    EXPECT_EQ(list("category=repair&unit_id=" + std::to_string(ids_.first_unit) + "&status=recorded"), (V{id_of(d)}));
    EXPECT_EQ(list("phone=60000001&category=complaint&overdue=true"), (V{id_of(b)}));

    for (const auto& [query, field] :
         std::vector<std::pair<std::string, std::string>>{{"status=lost", "status"},
                                                          {"category=repair,inquiry", "category"},
                                                          {"category=car", "category"},
                                                          {"department_id=x", "department_id"},
                                                          {"unit_id=0", "unit_id"},
                                                          {"phone=12", "phone"},
                                                          {"from=2026-13-01", "from"},
                                                          {"to=yesterday", "to"},
                                                          {"overdue=yes", "overdue"}}) {
        auto r = fd.get("/api/v1/sites/1/cases?" + query);
        EXPECT_EQ(r.status, 422) << query;
        EXPECT_EQ(r.error_field(), field) << query;
    }
}

TEST_P(DeskApi, FD_N_ListItemsAreExactlyTheCaseAsReadWithoutItsTimeline) {
    auto ids_ = demo_ids(server_);
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    // Text that needs escaping, a unit, a resident, a responsibility, a department, handled times.
    auto a = record(fd, "complaint", "他說:\"水\\電\"\n第二行\t😀",
                    {{"unit_id", ids_.first_unit}, {"resident_id", ids_.first_resident}, {"responsibility", "ours"}});
    a = take(fd, a, "dispatch", {{"department_id", department("engineering")}});
    a = take(eng, a, "accept");
    a = take(eng, a, "complete", {{"feedback", "已完成 <b>&</b>"}});
    auto b = record(fd, "inquiry", "overdue soon");
    clock_.advance_ms(25 * kHour);
    fd = signed_in("frontdesk");
    ASSERT_EQ(desk::flag_overdue(server_.db(), clock_.now_ms()), 1);
    auto list = fd.get("/api/v1/sites/1/cases");
    ASSERT_EQ(list.status, 200) << list.body;
    auto items = list.json().at("items").as_array();
    ASSERT_EQ(items.size(), 2u);
    for (const auto& item : items) {
        auto one = read(fd, id_of(item)).as_object();
        one.erase("events");
        one.erase("return_visits");
        one.erase("actions");
        EXPECT_EQ(item, one) << id_of(item);
    }
    EXPECT_EQ(items[0].at("overdue"), true);
    EXPECT_EQ(items[1].at("content"), "他說:\"水\\電\"\n第二行\t😀");
    EXPECT_EQ(items[1].at("responsibility"), "ours");
    EXPECT_EQ(items[1].at("handled_on_time"), true);
}

TEST_P(DeskApi, FD_N_PagingWalksNewestFirstWithNextCursor) {
    auto fd = signed_in("frontdesk");
    std::vector<int64_t> made;
    for (int i = 0; i < 5; ++i) made.push_back(id_of(record(fd, "inquiry", "查詢 " + std::to_string(i))));
    std::vector<int64_t> seen;
    std::string cursor;
    int pages = 0;
    for (;;) {
        auto r = fd.get("/api/v1/sites/1/cases?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
        ASSERT_EQ(r.status, 200) << r.body;
        auto page = ids(r);
        EXPECT_LE(page.size(), 2u);
        seen.insert(seen.end(), page.begin(), page.end());
        ++pages;
        auto next = r.json().at("next_cursor");
        if (next.is_null()) break;
        cursor = str(next);
        EXPECT_EQ(cursor, std::to_string(page.back()));
        ASSERT_LT(pages, 10);
    }
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(seen, (std::vector<int64_t>{made[4], made[3], made[2], made[1], made[0]}));
}

// ---- FD-I: KPIs ----

TEST_P(DeskApi, FD_I_KpisCountComplaintsOnTimeAndReturnVisitsPerDepartmentStaffAndDayAndListTheBreaches) {
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
    a = take(eng, a, "complete", {{"feedback", "完成"}});  // on time; its visit is due +26 h
    clock_.set(kStart + 3 * kHour);
    fd = signed_in("frontdesk");  // idle for two hours: signed out
    a = take(fd, a, "return-visit", {{"outcome", "satisfied"}});
    clock_.set(kStart + 26 * kHour);
    eng = signed_in("enghead");  // a day later: a new session
    b = take(eng, b, "accept");
    b = take(eng, b, "complete", {{"feedback", "遲了完成"}});  // late; its visit is due +50 h
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
    EXPECT_EQ(breaches[2].at("due_at"), hk(kStart + 50 * kHour));

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

TEST_P(DeskApi, FD_I_APeriodWithNothingDueHasNoPercentagesAndBreaksNoTarget) {
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
TEST_P(DeskApi, FD_I_AReturnVisitMadeBeforeItIsDueCountsInThePeriodItWasMade) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    auto v = record(fd, "repair", "窗戶鉸位鬆脫");
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

TEST_P(DeskApi, FD_I_AnUnhandledComplaintCountsAgainstTheRateOnlyOnceItsDeadlineHasPassed) {
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

TEST_P(DeskApi, FD_I_FD_B_DaysAreTheSitesLocalCalendarDaysAcrossADaylightSavingChange) {
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

TEST_P(DeskApi, FD_I_TheKpisDownloadAsAnXlsxWorkbook) {
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

TEST_P(DeskApi, FD_I_KpisAreForTheDeskAndManagersNotTheEngineeringHead) {
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

INSTANTIATE_TEST_SUITE_P(Backends, DeskApi, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
