// FD-D through the real server, on SQLite and PostgreSQL: complaints reach the supervisor at
// once; one that is not ours closes only with the explanation and is never dispatched.
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

class DeskComplaint : public DeskApi {};

TEST_P(DeskComplaint, FD_D_AComplaintNotifiesTheCustomerDepartmentManagerAndTheButlerAtOnce) {
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

TEST_P(DeskComplaint, FD_D_AComplaintThatIsNotOursClosesOnlyWithTheExplanationGivenToTheResident) {
    auto fd = signed_in("frontdesk");
    auto v = record(fd, "complaint", "街外施工噪音");
    auto unset = step(fd, v, "reply", {{"reply", "已解釋"}});
    EXPECT_EQ(unset.status, 409);  // ours or not ours first
    EXPECT_NE(unset.body.find("ours"), std::string::npos);
    EXPECT_EQ(unset.error_field(), "responsibility");
    v = take(fd, v, "responsibility", {{"responsibility", "not_ours"}});
    EXPECT_EQ(v.at("responsibility"), "not_ours");
    EXPECT_EQ(v.at("status"), "recorded");
    // Not ours: closed with the explanation, never dispatched.
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"reply", "follow_up", "responsibility"}));
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

TEST_P(DeskComplaint, FD_D_AComplaintThatIsOursIsHandledNotRepliedAtTheDesk) {
    auto fd = signed_in("frontdesk");
    auto v = record(fd, "complaint", "清潔不足", {{"responsibility", "ours"}});
    EXPECT_EQ(v.at("responsibility"), "ours");
    EXPECT_EQ(strings(v.at("actions")), (std::vector<std::string>{"dispatch", "follow_up", "responsibility"}));
    auto r = step(fd, v, "reply", {{"reply", "會處理"}});
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.error_code(), "complaint_ours");
    EXPECT_EQ(read(fd, id_of(v)).at("status"), "recorded");
}

TEST_P(DeskComplaint, FD_D_OnlyAComplaintCarriesAResponsibility) {
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

TEST_P(DeskComplaint, FD_D_AComplaintNotOursIsNeverDispatchedOrReassignedWhoeverAsksAndChangesNothing) {
    auto fd = signed_in("frontdesk");
    int64_t engineering = department("engineering");
    auto v = record(fd, "complaint", "鄰近地盤噪音", {{"responsibility", "not_ours"}});
    for (const char* login : {"frontdesk", "butler", "csmanager", "manager"}) {
        auto who = signed_in(login);
        auto before = table_counts();
        auto r = step(who, v, "dispatch", {{"department_id", engineering}});
        EXPECT_EQ(r.status, 409) << login << " " << r.body;
        EXPECT_EQ(r.error_code(), "not_ours") << login;
        EXPECT_EQ(table_counts(), before) << login;
    }
    // Decided not ours after it was dispatched: it is not sent on to another department either.
    auto later = record(fd, "complaint", "管理費加價");
    later = take(fd, later, "dispatch", {{"department_id", engineering}});
    later = take(fd, later, "responsibility", {{"responsibility", "not_ours"}});
    EXPECT_FALSE(has(strings(later.at("actions")), "reassign"));
    int64_t security = department("security");
    auto before = table_counts();
    auto moved = step(fd, later, "reassign", {{"department_id", security}, {"note", "轉保安部"}});
    EXPECT_EQ(moved.status, 409) << moved.body;
    EXPECT_EQ(moved.error_code(), "not_ours");
    EXPECT_EQ(table_counts(), before);
    // It closes with the explanation instead.
    v = take(fd, v, "reply", {{"reply", "屬屋宇署範圍,已提供投訴熱線"}});
    EXPECT_EQ(v.at("status"), "replied");
}

INSTANTIATE_TEST_SUITE_P(Backends, DeskComplaint, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
