// FD-C through the real server, on SQLite and PostgreSQL: the return visit after the department
// finishes, due the same day; unreachable calls escalate to the butler, whose outcome finishes
// the case; an overdue visit is flagged once and the desk and the butler are told.
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

class DeskReturnVisit : public DeskApi {};

TEST_P(DeskReturnVisit, FD_C_ThreeUnreachableCallsEscalateTheVisitToTheButlerExactlyOnce) {
    auto v = completed_case("other", "窗戶漏水");
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

TEST_P(DeskReturnVisit, FD_C_TheSitesPolicySetsWhenVisitsAreDueAndHowManyCallsBeforeEscalating) {
    auto cs = signed_in("csmanager");
    ASSERT_EQ(cs.put("/api/v1/sites/1/desk/policy", bj::serialize(policy_body(24, 2, 1)), if_match(0)).status, 200);
    auto v = completed_case("other", "冷氣滴水");
    EXPECT_EQ(v.at("return_visits").at(0).at("due_at"), hk(kStart + 2 * kHour));  // sooner than midnight
    auto fd = signed_in("frontdesk");
    v = take(fd, v, "return-visit", {{"outcome", "unreachable"}});
    EXPECT_EQ(v.at("return_visits").at(0).at("status"), "escalated");
    EXPECT_EQ(told("butler", "return_visit_escalated"), 1);
}

TEST_P(DeskReturnVisit, FD_C_AVisitAlreadyPastALoweredUnreachableLimitStillGoesToTheButlerOnce) {
    auto v = completed_case("other", "露台去水淤塞");
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

TEST_P(DeskReturnVisit, FD_C_TheButlerListsReturnVisitResultsWithTheirOutcomes) {
    auto fd = signed_in("frontdesk");
    auto happy = completed_case("other", "浴室去水慢");
    auto unhappy = completed_case("complaint", "維修後仍有問題");
    auto waiting = completed_case("other", "門鐘失靈");
    take(fd, happy, "return-visit", {{"outcome", "satisfied"}});
    take(fd, unhappy, "return-visit", {{"outcome", "not_satisfied"}, {"note", "要求再修"}});
    auto early = step(fd, record(fd, "other", "未完成"), "return-visit", {{"outcome", "satisfied"}});
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

// kStart is 19:06:40 in Hong Kong: a case completed then has its return visit due at midnight.
constexpr EpochMs kMidnight = kStart + 4 * kHour + 53 * kMinute + 20 * kSecond;

TEST_P(DeskReturnVisit, FD_C_AVisitIsDueTheSameDayAndOneStillWaitingAfterItIsFlaggedOnceAndTold) {
    auto v = completed_case("other", "窗戶漏水");
    EXPECT_EQ(v.at("return_visits").at(0).at("due_at"), hk(kMidnight));
    auto answered = completed_case("other", "門鎖鬆脫");
    auto fd = signed_in("frontdesk");
    take(fd, answered, "return-visit", {{"outcome", "satisfied"}});

    clock_.set(kMidnight);  // at the due time it may still be made
    EXPECT_EQ(desk::flag_overdue_visits(server_.db(), clock_.now_ms()), 0);
    fd = signed_in("frontdesk");
    EXPECT_EQ(read(fd, id_of(v)).at("return_visits").at(0).at("overdue"), false);

    clock_.advance_ms(1);
    const EpochMs flagged = clock_.now_ms();
    EXPECT_EQ(desk::flag_overdue_visits(server_.db(), flagged), 1);
    // Another server's pass, or the next minute's: nothing more to flag, nobody told twice.
    EXPECT_EQ(desk::flag_overdue_visits(server_.db(), flagged + kMinute), 0);
    v = read(fd, id_of(v));
    const auto& visit = v.at("return_visits").at(0);
    EXPECT_EQ(visit.at("overdue"), true);
    EXPECT_EQ(visit.at("overdue_at"), hk(flagged));
    EXPECT_EQ(visit.at("status"), "pending");
    EXPECT_EQ(event_kinds(v).back(), "notified");
    EXPECT_EQ(event_kinds(v)[event_kinds(v).size() - 2], "return_visit_overdue");
    for (const char* login : {"frontdesk", "assistant", "butler"})
        EXPECT_EQ(told(login, "return_visit_overdue"), 1) << login;
    EXPECT_EQ(told("enghead", "return_visit_overdue"), 0);
    auto overdue = fd.get("/api/v1/sites/1/return-visits?overdue=true").json().at("items").as_array();
    ASSERT_EQ(overdue.size(), 1u);
    EXPECT_EQ(overdue[0].at("case_id"), id_of(v));
    auto history = fd.get(path("/api/v1/audit?entity=return_visit&id=", visit.at("id").as_int64())).json();
    ASSERT_EQ(history.at("items").as_array().size(), 1u);
    EXPECT_EQ(history.at("items").at(0).at("action"), "overdue");

    // Made late: done, no longer overdue, and the flag stays on the record.
    v = take(fd, v, "return-visit", {{"outcome", "satisfied"}});
    EXPECT_EQ(v.at("return_visits").at(0).at("overdue"), false);
    EXPECT_EQ(v.at("return_visits").at(0).at("overdue_at"), hk(flagged));
    EXPECT_TRUE(fd.get("/api/v1/sites/1/return-visits?overdue=true").json().at("items").as_array().empty());
}

TEST_P(DeskReturnVisit, FD_C_APolicyMayTightenTheSameDayVisitButNotStretchItAndARefusalChangesNothing) {
    auto cs = signed_in("csmanager");
    auto before = table_counts();
    for (int64_t hours : {25, 48, 24 * 14, 720}) {
        auto r = cs.put("/api/v1/sites/1/desk/policy", bj::serialize(policy_body(24, hours)), if_match(0));
        EXPECT_EQ(r.status, 422) << hours << " " << r.body;
        EXPECT_EQ(r.error_code(), "policy_stretch") << hours;
        EXPECT_EQ(r.error_field(), "return_visit_hours") << hours;
    }
    auto none = cs.put("/api/v1/sites/1/desk/policy", bj::serialize(policy_body(24, 0)), if_match(0));
    EXPECT_EQ(none.status, 422);
    EXPECT_EQ(none.error_code(), "out_of_range");
    EXPECT_EQ(table_counts(), before);
    auto p = cs.get("/api/v1/sites/1/desk/policy").json();
    EXPECT_EQ(p.at("return_visit_hours"), 24);
    EXPECT_EQ(p.at("version"), 0);
    // Tighter is fine: due three hours after completion, sooner than midnight.
    ASSERT_EQ(cs.put("/api/v1/sites/1/desk/policy", bj::serialize(policy_body(24, 3)), if_match(0)).status, 200);
    EXPECT_EQ(completed_case("other", "大堂門禁失靈").at("return_visits").at(0).at("due_at"), hk(kStart + 3 * kHour));
}

TEST_P(DeskReturnVisit, FD_C_TheButlerFinishesAVisitEscalatedToThemAndTheCaseArchives) {
    auto v = completed_case("complaint", "走廊燈長期不亮");
    auto fd = signed_in("frontdesk");
    auto butler = signed_in("butler");
    // Not yet the butler's: the visit is still the desk's to make.
    auto before = table_counts();
    auto early = step(butler, v, "butler-outcome", {{"outcome", "satisfied"}});
    EXPECT_EQ(early.status, 409) << early.body;
    EXPECT_EQ(early.error_code(), "not_escalated");
    EXPECT_FALSE(has(strings(read(butler, id_of(v)).at("actions")), "butler_outcome"));
    EXPECT_EQ(table_counts(), before);
    for (int i = 0; i < 3; ++i) v = take(fd, v, "return-visit", {{"outcome", "unreachable"}});
    ASSERT_EQ(v.at("return_visits").at(0).at("status"), "escalated");
    EXPECT_TRUE(has(strings(read(butler, id_of(v)).at("actions")), "butler_outcome"));

    // Only the butler (or the customer-department manager) records it: not the desk, nor engineering.
    before = table_counts();
    for (const char* login : {"frontdesk", "assistant", "enghead"}) {
        auto other = signed_in(login);
        before = table_counts();
        auto r = step(other, v, "butler-outcome", {{"outcome", "satisfied"}});
        EXPECT_EQ(r.status, 403) << login << " " << r.body;
        EXPECT_EQ(table_counts(), before) << login;
    }
    EXPECT_FALSE(has(strings(read(fd, id_of(v)).at("actions")), "butler_outcome"));
    // Unreachable for the butler too: the note says what was tried, blank in any script is blank.
    before = table_counts();
    for (const char* blank : {"", "   ", "\u3000\u3000"}) {
        auto r = step(butler, v, "butler-outcome", {{"outcome", "unreachable"}, {"note", blank}});
        EXPECT_EQ(r.status, 422) << r.body;
        EXPECT_EQ(r.error_code(), "required");
        EXPECT_EQ(r.error_field(), "note");
    }
    EXPECT_EQ(table_counts(), before);

    clock_.advance_ms(kHour);
    butler = signed_in("butler");
    v = take(butler, v, "butler-outcome", {{"outcome", "unreachable"}, {"note", "上門兩次並留字條,仍未能聯絡"}});
    EXPECT_EQ(v.at("status"), "archived");
    EXPECT_EQ(v.at("archived_at"), hk(kStart + kHour));
    EXPECT_TRUE(v.at("return_visited_at").is_null());
    const auto& visit = v.at("return_visits").at(0);
    EXPECT_EQ(visit.at("status"), "done");
    EXPECT_EQ(visit.at("outcome"), "unreachable");
    EXPECT_EQ(visit.at("note"), "上門兩次並留字條,仍未能聯絡");
    EXPECT_EQ(visit.at("done_by").at("name"), "林管家");
    EXPECT_TRUE(v.at("actions").as_array().empty());
    EXPECT_EQ(told("frontdesk", "butler_outcome"), 1);
    auto history = butler.get(path("/api/v1/audit?entity=case&id=", id_of(v))).json().at("items").as_array();
    EXPECT_EQ(history.back().at("action"), "butler_outcome");
    EXPECT_EQ(history.back().at("after").at("status"), "archived");
}

TEST_P(DeskReturnVisit, FD_C_TheButlersAnswerOfSatisfiedArchivesAndNotSatisfiedReopens) {
    auto happy = completed_case("other", "水壓不足");
    auto unhappy = completed_case("other", "天台漏水");
    auto fd = signed_in("frontdesk");
    for (int i = 0; i < 3; ++i) {
        happy = take(fd, happy, "return-visit", {{"outcome", "unreachable"}});
        unhappy = take(fd, unhappy, "return-visit", {{"outcome", "unreachable"}});
    }
    auto cs = signed_in("csmanager");  // the butlers' supervisor may record it too
    happy = take(cs, happy, "butler-outcome", {{"outcome", "satisfied"}, {"note", "住戶回電,已解決"}});
    EXPECT_EQ(happy.at("status"), "archived");
    EXPECT_EQ(happy.at("return_visited_at"), kStartLocal);
    auto butler = signed_in("butler");
    unhappy = take(butler, unhappy, "butler-outcome", {{"outcome", "not_satisfied"}, {"note", "仍然漏水"}});
    EXPECT_EQ(unhappy.at("status"), "dispatched");
    EXPECT_EQ(unhappy.at("reopen_count"), 1);
    EXPECT_EQ(unhappy.at("department").at("id"), department("engineering"));
    EXPECT_EQ(told("enghead", "return_visit_unsatisfied"), 1);
    // Answered: nothing is escalated any more.
    EXPECT_TRUE(butler.get("/api/v1/sites/1/return-visits?status=escalated").json().at("items").as_array().empty());
}

TEST_P(DeskReturnVisit, FD_C_TheButlerHearsEveryComplaintsResultAGoodOneToo) {
    auto complaint = completed_case("complaint", "清潔不足");
    auto other = completed_case("other", "信箱損壞");
    auto fd = signed_in("frontdesk");
    take(fd, complaint, "return-visit", {{"outcome", "satisfied"}, {"note", "已滿意"}});
    take(fd, other, "return-visit", {{"outcome", "satisfied"}});
    EXPECT_EQ(told("butler", "complaint_visit_result"), 1);
    auto butler = signed_in("butler");
    auto bell = butler.get("/api/v1/notifications").json().at("items").at(0);
    EXPECT_EQ(bell.at("kind"), "complaint_visit_result");
    EXPECT_EQ(bell.at("body"), "satisfied: 已滿意");
    EXPECT_EQ(bell.at("link"), bj::value(path("/cases/", id_of(complaint))));
    auto mine = butler.get("/api/v1/sites/1/return-visits?category=complaint").json().at("items").as_array();
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].at("case_id"), id_of(complaint));
    EXPECT_EQ(mine[0].at("outcome"), "satisfied");
    auto bad = butler.get("/api/v1/sites/1/return-visits?category=lost");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "category");
}

TEST_P(DeskReturnVisit, FD_C_NotSatisfiedNeedsTheReasonAndTheDepartmentWorksFromIt) {
    auto v = completed_case("complaint", "天花滲水");
    auto fd = signed_in("frontdesk");
    // No reason, or a blank one in any script: refused on the note, and nothing is written.
    auto before = table_counts();
    for (const bj::object& body :
         {bj::object{{"outcome", "not_satisfied"}}, bj::object{{"outcome", "not_satisfied"}, {"note", ""}},
          bj::object{{"outcome", "not_satisfied"}, {"note", " \u3000 "}}}) {
        auto r = step(fd, v, "return-visit", body);
        EXPECT_EQ(r.status, 422) << r.body;
        EXPECT_EQ(r.error_code(), "reason_required");
        EXPECT_EQ(r.error_field(), "note");
    }
    EXPECT_EQ(table_counts(), before);

    clock_.advance_ms(kHour);
    v = take(fd, v, "return-visit", {{"outcome", "not_satisfied"}, {"note", "仍然滲水，要求再查"}});
    EXPECT_EQ(v.at("status"), "dispatched");
    EXPECT_EQ(v.at("reopen_reason"), "仍然滲水，要求再查");
    // The department's report was the round the resident turned down: history, not the case's.
    EXPECT_EQ(v.at("feedback"), "");
    ASSERT_EQ(v.at("previous_rounds").as_array().size(), 1u);
    const auto& round = v.at("previous_rounds").at(0);
    EXPECT_EQ(round.at("number"), 1);
    EXPECT_EQ(round.at("feedback"), "已處理");
    EXPECT_EQ(round.at("completed_at"), kStartLocal);
    EXPECT_EQ(round.at("completed_by").at("name"), "何工程部長");
    EXPECT_EQ(round.at("department").at("id"), department("engineering"));
    EXPECT_EQ(round.at("on_time"), true);
    EXPECT_EQ(round.at("reason"), "仍然滲水，要求再查");
    EXPECT_EQ(round.at("reopened_by").at("name"), "黃前臺");
    EXPECT_EQ(round.at("reopened_at"), hk(kStart + kHour));

    // The department sees the reason in its queue, and may accept the case from the row.
    auto eng = signed_in("enghead");
    auto queue = eng.get("/api/v1/sites/1/cases?queue=mine");
    ASSERT_EQ(queue.status, 200) << queue.body;
    ASSERT_EQ(queue.json().at("items").as_array().size(), 1u);
    const auto row = queue.json().at("items").at(0);
    EXPECT_EQ(row.at("reopen_reason"), "仍然滲水，要求再查");
    EXPECT_EQ(row.at("reopen_count"), 1);
    EXPECT_TRUE(has(strings(row.at("actions")), "accept"));

    // The next round: its own feedback is the case's; the first stays in the history.
    v = take(eng, v, "accept");
    clock_.advance_ms(kHour);
    v = take(eng, v, "complete", {{"feedback", "重新做防水"}});
    EXPECT_EQ(v.at("feedback"), "重新做防水");
    ASSERT_EQ(v.at("previous_rounds").as_array().size(), 1u);
    EXPECT_EQ(v.at("previous_rounds").at(0).at("feedback"), "已處理");
    fd = signed_in("frontdesk");
    v = take(fd, v, "return-visit", {{"outcome", "satisfied"}});
    EXPECT_EQ(v.at("reopen_reason"), "仍然滲水，要求再查");  // the last reopen's, kept with the case
    EXPECT_EQ(v.at("previous_rounds").as_array().size(), 1u);
}

TEST_P(DeskReturnVisit, FD_C_TheButlersNotSatisfiedNeedsTheReasonToo) {
    auto v = completed_case("other", "天台漏水");
    auto fd = signed_in("frontdesk");
    for (int i = 0; i < 3; ++i) v = take(fd, v, "return-visit", {{"outcome", "unreachable"}});
    auto butler = signed_in("butler");
    auto before = table_counts();
    auto r = step(butler, v, "butler-outcome", {{"outcome", "not_satisfied"}, {"note", "  "}});
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.error_code(), "reason_required");
    EXPECT_EQ(r.error_field(), "note");
    EXPECT_EQ(table_counts(), before);
    v = take(butler, v, "butler-outcome", {{"outcome", "not_satisfied"}, {"note", "雨後仍漏"}});
    EXPECT_EQ(v.at("reopen_reason"), "雨後仍漏");
    EXPECT_EQ(v.at("previous_rounds").at(0).at("reason"), "雨後仍漏");
}

TEST_P(DeskReturnVisit, FD_C_TheListGivesThePhoneToCallAndSortsByDueTimeOverdueFirst) {
    auto cs = signed_in("csmanager");
    // A due three hours after completion, B one hour after (completed later, due sooner), C three.
    ASSERT_EQ(cs.put("/api/v1/sites/1/desk/policy", bj::serialize(policy_body(24, 3)), if_match(0)).status, 200);
    auto a = completed_case("other", "A 水喉");
    ASSERT_EQ(cs.put("/api/v1/sites/1/desk/policy", bj::serialize(policy_body(24, 1)), if_match(1)).status, 200);
    clock_.advance_ms(10 * kMinute);
    auto b = completed_case("other", "B 門鐘");
    ASSERT_EQ(cs.put("/api/v1/sites/1/desk/policy", bj::serialize(policy_body(24, 3)), if_match(2)).status, 200);
    clock_.advance_ms(10 * kMinute);
    auto c = completed_case("other", "C 信箱");
    clock_.set(kStart + 2 * kHour);  // B is past due

    auto fd = signed_in("frontdesk");
    auto list = fd.get("/api/v1/sites/1/return-visits?status=pending&sort=due_at");
    ASSERT_EQ(list.status, 200) << list.body;
    const auto items = list.json().at("items").as_array();
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].at("case_id"), id_of(b));
    EXPECT_EQ(items[0].at("overdue"), true);
    EXPECT_EQ(items[1].at("case_id"), id_of(a));
    EXPECT_EQ(items[2].at("case_id"), id_of(c));
    EXPECT_EQ(items[1].at("overdue"), false);
    EXPECT_EQ(items[0].at("caller_phone"), "91234567");  // as saved: the digits to dial
    // Newest first stays the default; the due order pages by offset.
    EXPECT_EQ(fd.get("/api/v1/sites/1/return-visits").json().at("items").at(0).at("case_id"), id_of(c));
    auto first = fd.get("/api/v1/sites/1/return-visits?sort=due_at&limit=2").json();
    ASSERT_EQ(first.at("items").as_array().size(), 2u);
    ASSERT_TRUE(first.at("next_cursor").is_string());
    auto rest = fd.get("/api/v1/sites/1/return-visits?sort=due_at&limit=2&cursor=" + str(first.at("next_cursor")));
    ASSERT_EQ(rest.status, 200) << rest.body;
    ASSERT_EQ(rest.json().at("items").as_array().size(), 1u);
    EXPECT_EQ(rest.json().at("items").at(0).at("case_id"), id_of(c));
    EXPECT_TRUE(rest.json().at("next_cursor").is_null());
    auto latest = fd.get("/api/v1/sites/1/return-visits?sort=-due_at").json().at("items");
    EXPECT_EQ(latest.at(0).at("case_id"), id_of(c));
    auto bad = fd.get("/api/v1/sites/1/return-visits?sort=caller_name");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "sort");
}

INSTANTIATE_TEST_SUITE_P(Backends, DeskReturnVisit, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
