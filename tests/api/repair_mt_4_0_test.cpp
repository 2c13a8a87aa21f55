// MT-4.0 through the real server, on SQLite and PostgreSQL: the desk's return visit of a
// completed job, due the same day, decides it: satisfied closes it, not satisfied reopens it
// (completed → rebook) for an uncharged revisit.
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

class RepairReturnVisit : public RepairApi {};

TEST_P(RepairReturnVisit, MT_4_0_AtOneHundredPercentEveryCompletedJobGetsADeskReturnVisitAndSatisfiedClosesIt) {
    clock_.advance_ms(10 * kMinute);
    auto v = completed_job("客廳燈不亮");
    EXPECT_EQ(v.at("return_visit_due_at"), "2026-11-19T00:00:00+08:00");  // the same day, by default
    EXPECT_TRUE(v.at("return_visit_outcome").is_null());
    auto fd = signed_in("frontdesk");
    auto visits = fd.get("/api/v1/sites/1/return-visits");
    ASSERT_EQ(visits.status, 200) << visits.body;
    auto items = visits.json().at("items").as_array();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].at("case_id"), v.at("case_id"));
    EXPECT_EQ(items[0].at("case_number"), v.at("case_number"));
    EXPECT_EQ(items[0].at("status"), "pending");
    EXPECT_EQ(items[0].at("due_at"), v.at("return_visit_due_at"));
    EXPECT_EQ(items[0].at("case_category"), "repair");

    clock_.advance_ms(kHour);
    auto r = visit(v, "satisfied", "燈已正常");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("status"), "return_visited");
    v = read(fd, id_of(v));
    EXPECT_EQ(v.at("status"), "return_visited");
    EXPECT_EQ(v.at("return_visit_outcome"), "satisfied");
    EXPECT_EQ(v.at("return_visited_at"), hk(kStart + 70 * kMinute));
    EXPECT_EQ(event_kinds(v).back(), "return_visit");
    EXPECT_EQ(v.at("events").as_array().back().at("note"), "satisfied: 燈已正常");
    EXPECT_EQ(v.at("first_time_fix"), true);
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"note"}));
    auto history = audit("repair", id_of(v));
    EXPECT_EQ(history.back().at("action"), "return_visit");
    EXPECT_EQ(history.back().at("actor_name"), "黃前臺");
    EXPECT_EQ(history.back().at("before").at("status"), "completed");
    EXPECT_EQ(history.back().at("after").at("status"), "return_visited");
}

TEST_P(RepairReturnVisit, MT_4_0_AJobThePolicysRateDoesNotSampleIsArchivedWithoutAVisit) {
    // At 1 %, one id in each hundred is visited; a fresh database's first jobs are not that one.
    auto eng = signed_in("enghead");
    auto put =
        eng.put("/api/v1/sites/1/repair-policy", R"({"return_visit_percent":1,"return_visit_hours":24})", if_match(0));
    ASSERT_EQ(put.status, 200) << put.body;
    auto v = completed_job("更換燈泡");
    ASSERT_NE(id_of(v) % 100, 0);
    EXPECT_TRUE(v.at("return_visit_due_at").is_null());
    auto fd = signed_in("frontdesk");
    auto c = read_case(fd, v.at("case_id").as_int64());
    EXPECT_EQ(c.at("status"), "archived");
    EXPECT_TRUE(c.at("return_visits").as_array().empty());
    EXPECT_TRUE(fd.get("/api/v1/sites/1/return-visits").json().at("items").as_array().empty());
    EXPECT_EQ(server_.count("return_visits"), 0);

    // Back to every job: the next one is visited the same day.
    put = eng.put("/api/v1/sites/1/repair-policy", R"({"return_visit_percent":100})", if_match(1));
    ASSERT_EQ(put.status, 200) << put.body;
    auto w = completed_job("更換光管");
    EXPECT_EQ(w.at("return_visit_due_at"), "2026-11-19T00:00:00+08:00");
    EXPECT_EQ(read_case(fd, w.at("case_id").as_int64()).at("status"), "completed");
    EXPECT_EQ(server_.count("return_visits"), 1);
}

TEST_P(RepairReturnVisit, MT_4_0_AnUnsatisfiedResidentReopensTheJobWhoseRevisitKeepsTheReceiptAndTakesNoCharge) {
    auto tap = price("P01");
    auto v = completed_job("廚房水龍頭漏水", charge(tap));
    EXPECT_EQ(v.at("receipt_no"), "WX2026-000001");
    EXPECT_EQ(v.at("first_time_fix"), true);

    clock_.advance_ms(kHour);
    auto r = visit(v, "not_satisfied", "仍然滴水");
    ASSERT_EQ(r.status, 200) << r.body;
    auto fd = signed_in("frontdesk");
    v = read(fd, id_of(v));
    EXPECT_EQ(v.at("status"), "rebook");
    EXPECT_EQ(v.at("reopen_count"), 1);
    EXPECT_EQ(v.at("first_time_fix"), false);
    EXPECT_EQ(v.at("return_visit_outcome"), "not_satisfied");
    EXPECT_TRUE(v.at("arrived_at").is_null());
    auto kinds = event_kinds(v);
    EXPECT_EQ(std::vector<std::string>(kinds.end() - 3, kinds.end()),
              (std::vector<std::string>{"return_visit", "reopened", "notified"}));
    EXPECT_EQ(told("tech1", "repair_reopened"), 1);
    EXPECT_EQ(told("enghead", "repair_reopened"), 1);
    EXPECT_EQ(told("englead", "repair_reopened"), 1);
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"rebook", "close", "note"}));
    EXPECT_EQ(audit_actions("repair", id_of(v)).back(), "return_visit");

    // Engineering sends the technician back at once.
    auto eng = signed_in("enghead");
    v = take(eng, v, "rebook", {{"mode", "immediate"}, {"note", "回訪不滿意,即時跟進"}});
    EXPECT_EQ(v.at("status"), "assigned");
    EXPECT_EQ(v.at("due_at"), hk(kStart + kHour + 30 * kMinute));
    auto tech = signed_in("tech1");
    clock_.advance_ms(20 * kMinute);
    v = take(tech, v, "check-in");
    EXPECT_EQ(v.at("visit_count"), 2);
    v = take(tech, v, "start");
    int64_t sig = signature(tech);
    auto before = table_counts();
    auto charged = step(tech, v, "complete", completion(sig, charge(tap)));
    EXPECT_EQ(charged.status, 422) << charged.body;
    EXPECT_EQ(charged.error_field(), "charges");
    EXPECT_NE(charged.body.find("WX2026-000001"), std::string::npos);
    auto adjusted = completion(sig);
    adjusted["adjustment_cents"] = 1000;
    adjusted["adjustment_reason"] = "加料";
    adjusted["adjustment_agreed"] = true;
    auto adjust = step(tech, v, "complete", adjusted);
    EXPECT_EQ(adjust.status, 422) << adjust.body;
    EXPECT_EQ(adjust.error_field(), "charges");
    EXPECT_EQ(table_counts(), before);

    v = take(tech, v, "complete", completion(sig));
    EXPECT_EQ(v.at("status"), "completed");
    EXPECT_EQ(v.at("receipt_no"), "WX2026-000001");  // the first receipt stands
    EXPECT_EQ(v.at("charge_cents"), 8000);
    EXPECT_EQ(v.at("total_cents"), 8000);
    EXPECT_EQ(v.at("charges").as_array().size(), 1u);
    EXPECT_EQ(v.at("first_time_fix"), false);
    EXPECT_EQ(v.at("reopen_count"), 1);
    kinds = event_kinds(v);
    EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "receipt"), 1);
    EXPECT_EQ(kinds.back(), "completed");
    // The desk visits it again.
    auto c = read_case(fd, v.at("case_id").as_int64());
    EXPECT_EQ(c.at("status"), "completed");
    EXPECT_EQ(c.at("reopen_count"), 1);
    EXPECT_EQ(c.at("return_visits").as_array().size(), 2u);
    // The receipt counter did not move for the revisit.
    EXPECT_EQ(completed_job("另一單").at("receipt_no"), "WX2026-000002");
}

TEST_P(RepairReturnVisit, MT_4_0_FD_C_TheButlersAnswerToAnEscalatedVisitFinishesTheJobAndItsCase) {
    auto v = completed_job("窗台滲水");
    auto fd = signed_in("frontdesk");
    auto c = read_case(fd, v.at("case_id").as_int64());
    for (int i = 0; i < 3; ++i) c = take_step(fd, "/api/v1/cases/", c, "return-visit", {{"outcome", "unreachable"}});
    ASSERT_EQ(c.at("return_visits").at(0).at("status"), "escalated");
    EXPECT_EQ(read(fd, id_of(v)).at("status"), "completed");
    auto butler = signed_in("butler");
    c = take_step(butler, "/api/v1/cases/", c, "butler-outcome", {{"outcome", "satisfied"}, {"note", "住戶回電,滿意"}});
    EXPECT_EQ(c.at("status"), "archived");
    v = read(fd, id_of(v));
    EXPECT_EQ(v.at("status"), "return_visited");
    EXPECT_EQ(v.at("return_visit_outcome"), "satisfied");
    EXPECT_EQ(audit_actions("repair", id_of(v)).back(), "return_visit");
}

INSTANTIATE_TEST_SUITE_P(Backends, RepairReturnVisit, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
