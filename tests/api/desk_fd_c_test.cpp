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

INSTANTIATE_TEST_SUITE_P(Backends, DeskReturnVisit, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
