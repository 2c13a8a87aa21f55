// MT-3.2 through the real server, on SQLite and PostgreSQL: punctuality by the server's clock
// (the 30-minute deadline, ±5 minutes of a booking) and the resident's consent before work.
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

class RepairArrival : public RepairApi {};

TEST_P(RepairArrival, MT_3_2_MT_3_4_AnImmediateArrivalAtExactly30MinutesIsOnTimeAndOneSecondLaterIsLate) {
    auto on_time = assigned("tech1", "A 水喉漏水");
    auto late = assigned("tech1", "B 水喉漏水");
    auto tech = signed_in("tech1");
    clock_.set(kStart + 30 * kMinute);
    EXPECT_EQ(read(tech, id_of(late)).at("overdue"), false);
    on_time = take(tech, on_time, "check-in");
    EXPECT_EQ(on_time.at("status"), "on_site");
    EXPECT_EQ(on_time.at("arrived_at"), hk(kStart + 30 * kMinute));
    EXPECT_EQ(on_time.at("first_arrived_at"), hk(kStart + 30 * kMinute));
    EXPECT_EQ(on_time.at("first_on_time"), true);
    EXPECT_EQ(on_time.at("visit_count"), 1);
    EXPECT_EQ(on_time.at("overdue"), false);
    ASSERT_EQ(on_time.at("arrivals").as_array().size(), 1u);
    const auto& arrival = on_time.at("arrivals").at(0);
    EXPECT_EQ(arrival.at("technician"), ref("tech1", "王技工"));
    EXPECT_EQ(arrival.at("mode"), "immediate");
    EXPECT_EQ(arrival.at("expected_at"), hk(kStart + 30 * kMinute));
    EXPECT_EQ(arrival.at("arrived_at"), hk(kStart + 30 * kMinute));
    EXPECT_EQ(arrival.at("punctuality"), "on_time");
    EXPECT_TRUE(arrival.at("outcome").is_null());
    EXPECT_TRUE(arrival.at("waited_minutes").is_null());
    EXPECT_TRUE(arrival.at("left_at").is_null());
    EXPECT_EQ(event_kinds(on_time).back(), "checked_in");
    EXPECT_EQ(on_time.at("events").as_array().back().at("note"), "on_time");

    clock_.advance_ms(kSecond);  // 30:01
    auto overdue = read(tech, id_of(late));
    EXPECT_EQ(overdue.at("overdue"), true);
    auto fd = signed_in("frontdesk");
    EXPECT_EQ(ids(fd.get("/api/v1/sites/1/repairs?overdue=true")), (std::vector<int64_t>{id_of(late)}));
    late = take(tech, late, "check-in");
    EXPECT_EQ(late.at("first_on_time"), false);
    EXPECT_EQ(late.at("arrivals").at(0).at("punctuality"), "late");
    EXPECT_EQ(late.at("arrivals").at(0).at("arrived_at"), hk(kStart + 30 * kMinute + kSecond));
    EXPECT_EQ(late.at("overdue"), false);  // at the door now
    // The desk case is in progress from the first arrival.
    auto c = read_case(fd, late.at("case_id").as_int64());
    EXPECT_EQ(c.at("status"), "in_progress");
    EXPECT_EQ(c.at("accepted_at"), hk(kStart + 30 * kMinute + kSecond));
    EXPECT_EQ(audit_actions("repair", id_of(late)), (std::vector<std::string>{"create", "assign", "check_in"}));
}

TEST_P(RepairArrival, MT_3_2_MT_3_4_AnAppointmentArrivalWithinFiveMinutesEitherSideIsOnTime) {
    // In the order the technician reaches them: 5:01 early, 5:00 early, 5:00 late, 5:01 late.
    struct Case {
        EpochMs at;
        const char* punctuality;
    };
    const Case cases[] = {{kEight - 5 * kMinute - kSecond, "early"},
                          {kEight - 5 * kMinute, "on_time"},
                          {kEight + 5 * kMinute, "on_time"},
                          {kEight + 5 * kMinute + kSecond, "late"}};
    std::vector<bj::value> jobs;
    for (int i = 0; i < 4; ++i) jobs.push_back(assigned("tech1", "預約 " + std::to_string(i), at_eight()));
    auto tech = signed_in("tech1");
    for (int i = 0; i < 4; ++i) {
        clock_.set(cases[i].at);
        auto v = take(tech, jobs[i], "check-in");
        EXPECT_EQ(v.at("arrivals").at(0).at("punctuality"), cases[i].punctuality) << i;
        EXPECT_EQ(v.at("arrivals").at(0).at("mode"), "appointment") << i;
        EXPECT_EQ(v.at("arrivals").at(0).at("expected_at"), "2026-11-18T20:00:00+08:00") << i;
        EXPECT_EQ(v.at("arrivals").at(0).at("arrived_at"), hk(cases[i].at)) << i;
        EXPECT_EQ(v.at("first_on_time"), std::string(cases[i].punctuality) == "on_time") << i;
    }
}

TEST_P(RepairArrival, MT_3_2_AnAppointmentIsOverdueOnlyFiveMinutesAfterItsStart) {
    auto v = assigned("tech1", "預約", at_eight());
    auto fd = signed_in("frontdesk");
    clock_.set(kEight + 5 * kMinute);
    EXPECT_EQ(read(fd, id_of(v)).at("overdue"), false);
    // The register's overdue filter agrees with the flag.
    EXPECT_TRUE(ids(fd.get("/api/v1/sites/1/repairs?overdue=true")).empty());
    clock_.advance_ms(kSecond);
    EXPECT_EQ(read(fd, id_of(v)).at("overdue"), true);
    EXPECT_EQ(ids(fd.get("/api/v1/sites/1/repairs?overdue=true")), (std::vector<int64_t>{id_of(v)}));
}

TEST_P(RepairArrival, MT_3_2_WorkStartsOnlyAfterTheResidentAgreesToTheProposalUnlessTheJobIsSimple) {
    auto v = assigned("tech1", "浴室滲水", {{"simple", false}});
    auto tech = signed_in("tech1");
    clock_.advance_ms(20 * kMinute);
    v = take(tech, v, "check-in");
    EXPECT_FALSE(has(strings(v.at("actions")), "start"));
    auto before = table_counts();
    auto unconsented = step(tech, v, "start");
    EXPECT_EQ(unconsented.status, 409) << unconsented.body;
    EXPECT_EQ(unconsented.error_code(), "consent_required");
    EXPECT_NE(unconsented.body.find("MT-3.2"), std::string::npos);
    auto nothing = step(tech, v, "propose", {{"materials", "防水膠"}});
    EXPECT_EQ(nothing.status, 422);
    EXPECT_EQ(nothing.error_field(), "solution");
    auto consent_first = step(tech, v, "consent", {{"agreed", true}});
    EXPECT_EQ(consent_first.status, 409);  // nothing proposed yet
    EXPECT_EQ(table_counts(), before);

    v = take(tech, v, "propose",
             {{"solution", "重做浴缸邊防水膠"}, {"materials", "防水膠兩支"}, {"minutes", 90}, {"price_cents", 35000}});
    EXPECT_EQ(v.at("status"), "proposed");
    EXPECT_EQ(v.at("proposal"), (bj::object{{"solution", "重做浴缸邊防水膠"},
                                            {"materials", "防水膠兩支"},
                                            {"minutes", 90},
                                            {"price_cents", 35000},
                                            {"proposed_at", hk(kStart + 20 * kMinute)}}));
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"consent", "material", "note"}));
    EXPECT_EQ(step(tech, v, "start").status, 409);
    auto unanswered = step(tech, v, "consent", {{"note", "想一想"}});
    EXPECT_EQ(unanswered.status, 422);
    EXPECT_EQ(unanswered.error_field(), "agreed");

    // The resident says no: back on site, no consent.
    v = take(tech, v, "consent", {{"agreed", false}, {"note", "太貴"}});
    EXPECT_EQ(v.at("status"), "on_site");
    EXPECT_TRUE(v.at("consent_at").is_null());
    EXPECT_EQ(v.at("consent_note"), "太貴");
    EXPECT_EQ(event_kinds(v).back(), "declined");
    EXPECT_EQ(step(tech, v, "start").status, 409);

    // A cheaper proposal, agreed: work may start.
    clock_.advance_ms(5 * kMinute);
    v = take(tech, v, "propose", {{"solution", "局部補膠"}, {"price_cents", 15000}});
    v = take(tech, v, "consent", {{"agreed", true}, {"note", "同意"}});
    EXPECT_EQ(v.at("status"), "consented");
    EXPECT_EQ(v.at("consent_at"), hk(kStart + 25 * kMinute));
    EXPECT_EQ(event_kinds(v).back(), "consented");
    EXPECT_TRUE(has(strings(v.at("actions")), "start"));
    clock_.advance_ms(kMinute);
    v = take(tech, v, "start");
    EXPECT_EQ(v.at("status"), "in_progress");
    EXPECT_EQ(v.at("started_at"), hk(kStart + 26 * kMinute));
    EXPECT_EQ(audit_actions("repair", id_of(v)), (std::vector<std::string>{"create", "assign", "check_in", "propose",
                                                                           "consent", "propose", "consent", "start"}));

    // A simple job skips the survey.
    auto simple = assigned("tech1", "更換燈泡");
    EXPECT_EQ(simple.at("simple"), true);
    simple = take(tech, simple, "check-in");
    EXPECT_TRUE(has(strings(simple.at("actions")), "start"));
    simple = take(tech, simple, "start");
    EXPECT_EQ(simple.at("status"), "in_progress");
    EXPECT_TRUE(simple.at("proposal").is_null());
}

INSTANTIATE_TEST_SUITE_P(Backends, RepairArrival, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
