// FD-A through the real server, on SQLite and PostgreSQL: recording a case with the "four
// clears" (read back before it is saved), who recorded it and when, and the lifecycle record →
// handle → reply → archive with no step skipped.
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

class DeskIntake : public DeskApi {};

TEST_P(DeskIntake, FD_A_CreateWithoutTheReadBackConfirmationIsRefusedAndWritesNothing) {
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

TEST_P(DeskIntake, FD_A_AVisitorsCaseStartsRecordedWithWhoRecordedItAndWhenItWasReadBack) {
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

TEST_P(DeskIntake, FD_A_AResidentCallerGivesTheirNameAndFirstPhoneUnlessTheDeskTypesThem) {
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
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"raise_repair", "follow_up"}));  // FD-B: not dispatch

    // Someone calling for the resident is recorded under their own name and phone.
    auto other = create(fd, case_body("inquiry", "代住戶查詢", {{"resident_id", ids.first_resident}}));
    ASSERT_EQ(other.status, 201) << other.body;
    EXPECT_EQ(other.json().at("caller_name"), "陳先生");
    EXPECT_EQ(other.json().at("caller_phone"), "91234567");
}

TEST_P(DeskIntake, FD_A_AUnitOrResidentOfAnotherSiteOrNoCallerIsRefusedAndWritesNothing) {
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

TEST_P(DeskIntake, FD_A_TheContentIsOneTo2000CharactersCountedAsCharactersNotBytes) {
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

TEST_P(DeskIntake, FD_A_ARetriedCreateWithTheSameIdempotencyKeyRecordsOneCase) {
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

TEST_P(DeskIntake, FD_A_ActionsAreWhatTheLifecycleAndTheCallersRoleAndDepartmentAllow) {
    auto fd = signed_in("frontdesk");
    auto eng = signed_in("enghead");
    auto manager = signed_in("manager");
    auto complaint = record(fd, "complaint", "噪音");
    EXPECT_EQ(strings(complaint.at("actions")), (std::vector<std::string>{"dispatch", "follow_up", "responsibility"}));
    auto repair = record(fd, "other", "公共走廊燈泡壞了");
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

TEST_P(DeskIntake, FD_A_FD_B_FD_C_FD_N_AComplaintIsDispatchedCompletedReopenedByAnUnhappyCallerAndArchived) {
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
    // FD-C: the return visit is created with the completion, due the same day (by midnight).
    ASSERT_EQ(v.at("return_visits").as_array().size(), 1u);
    const auto& visit = v.at("return_visits").at(0);
    EXPECT_EQ(visit.at("status"), "pending");
    EXPECT_EQ(visit.at("due_at"), "2026-11-19T00:00:00+08:00");
    EXPECT_EQ(visit.at("overdue"), false);
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
    EXPECT_EQ(v.at("return_visits").at(1).at("due_at"), "2026-11-20T00:00:00+08:00");  // done after midnight

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
    EXPECT_EQ(after.error_code(), "wrong_status");

    // FD-N: the whole timeline in order, with who was told at each step.
    EXPECT_EQ(event_kinds(v),
              (std::vector<std::string>{"recorded", "notified", "dispatched", "notified", "accepted", "notified",
                                        "completed", "notified", "return_visit", "reopened", "notified", "accepted",
                                        "notified", "completed", "notified", "return_visit", "notified", "archived"}));
    const auto& events = v.at("events").as_array();
    EXPECT_EQ(events[1].at("note"), "case_new_complaint ×2");  // the customer-department manager and the butler
    EXPECT_EQ(events[2].at("actor"), fd_ref);
    EXPECT_EQ(events[2].at("department"), eng_dept);
    EXPECT_EQ(events[2].at("note"), "請盡快檢查");
    EXPECT_EQ(events[2].at("at"), hk(kStart + 10 * kMinute));
    EXPECT_EQ(events[3].at("note"), "case_dispatched ×4");  // the engineering head, the team lead, both technicians
    EXPECT_EQ(events[4].at("actor"), eng_ref);
    EXPECT_EQ(events[5].at("note"), "case_accepted ×2");  // FD-N: the desk hears the department took it on
    EXPECT_EQ(events[6].at("note"), "已更換天台防水層");
    EXPECT_EQ(events[7].at("note"), "case_completed ×2");  // the front desk and the property assistant
    EXPECT_EQ(events[8].at("note"), "not_satisfied: 仍然滲水");
    EXPECT_EQ(events[9].at("department"), eng_dept);
    EXPECT_EQ(events[10].at("note"), "return_visit_unsatisfied ×5");  // the butler and engineering's four
    EXPECT_EQ(events[15].at("note"), "satisfied");
    EXPECT_EQ(events[16].at("note"), "complaint_visit_result ×1");  // FD-C: the butler hears a good result too
    EXPECT_EQ(events[17].at("actor"), fd_ref);
    EXPECT_EQ(events[17].at("at"), hk(kStart + 7 * kHour));

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

TEST_P(DeskIntake, FD_A_AnInquiryIsRepliedAtTheDeskThenArchivedAndCannotBeArchivedBeforeTheReply) {
    auto fd = signed_in("frontdesk");
    auto v = record(fd, "inquiry", "查詢裝修申請手續");
    auto early = step(fd, v, "archive");
    EXPECT_EQ(early.status, 409) << early.body;
    EXPECT_EQ(early.error_code(), "wrong_status");
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

INSTANTIATE_TEST_SUITE_P(Backends, DeskIntake, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
