// PK-6 through the real server, on SQLite and PostgreSQL (issue 12): an attendant alone frees no
// one. "Approved" (公司領導批準) waits at the barrier for a manager who is not the requester; a
// policy exit is free at once only for a vehicle on the site's policy-free register, and otherwise
// needs the team lead's confirmation; the approver and the reason go into the register.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "support/api_fixture.hpp"
#include "support/api_helpers.hpp"
#include "support/parking_fixture.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

class ParkingFreeExit : public ParkingTest {
  protected:
    static std::string requests_path() { return std::string(kParking) + "/free-requests/"; }
    // A free exit asked for by `c` on the stay as read: the answer ({visit…, free_request?}).
    HttpResult ask(HttpClient& c, const bj::value& v, const std::string& category, const std::string& reason) {
        return visit_step(c, v, "free", {{"category", category}, {"reason", reason}, {"pass_returned", true}});
    }
    bj::value request(HttpClient& c, int64_t id) { return read_ok(c, path(requests_path(), id), "request"); }
    // Rows a refused decision might touch.
    std::map<std::string, int64_t> counts() {
        std::map<std::string, int64_t> out;
        for (const char* t : {"parking_free_requests", "parking_visits", "gate_commands", "audit_log"})
            out[t] = server_.count(t);
        out["exited"] = server_.db().read_value(
            [](db::Conn& c) { return c.one("SELECT COUNT(*) FROM parking_visits WHERE status = 'exited'")->i64(0); });
        return out;
    }
    int64_t add_vehicle(HttpClient& lead, const std::string& plate, const std::string& policy_class) {
        auto r =
            lead.post(std::string(kParking) + "/vehicles", bj::serialize(bj::object{{"plate", plate},
                                                                                    {"owner_name", "醫院管理局"},
                                                                                    {"phone", "27001234"},
                                                                                    {"policy_class", policy_class}}));
        if (r.status != 201) throw std::runtime_error("vehicle: " + r.body);
        return id_of(r);
    }
};

TEST_P(ParkingFreeExit, PK_6_AnAttendantAloneCannotLetAnOrdinaryVisitorOutFree) {
    auto v = visitor_at_exit("粵B23456");
    auto att = signed_in("attendant");
    // The old way, naming an approver in the body, is not an API any more.
    auto named = visit_step(att, v, "free",
                            {{"category", "approved"}, {"approved_by", user_id("manager")}, {"reason", "經理批准"}});
    EXPECT_EQ(named.status, 400) << named.body;
    EXPECT_EQ(named.error_field(), "approved_by");

    auto asked = ask(att, v, "approved", "業主親友探病");
    ASSERT_EQ(asked.status, 200) << asked.body;
    auto out = asked.json();
    EXPECT_EQ(str(out.at("visit").at("status")), "exiting") << "the car waits at the barrier";
    EXPECT_EQ(out.at("visit").at("fee_cents").as_int64(), kTwoHourFee);
    EXPECT_TRUE(out.at("visit").at("free_category").is_null());
    const auto& req = out.at("free_request");
    EXPECT_EQ(str(req.at("status")), "pending");
    EXPECT_EQ(str(req.at("category")), "approved");
    EXPECT_EQ(req.at("requested_by").at("id").as_int64(), user_id("attendant"));
    EXPECT_EQ(told("manager", "parking_free_request"), 1) << "the manager's phone is told at once";
    EXPECT_EQ(told("teamlead", "parking_free_request"), 0);
    EXPECT_EQ(info_of(exit_heartbeat()), "no") << "no barrier opens on a request";
    EXPECT_EQ(info_of(at_exit("粵B23456")), "no") << "the camera still asks for the fee";

    // Nobody at the car park can approve it: not the attendant, nor another, nor the team lead.
    auto att2 = second_attendant();
    auto lead = signed_in("teamlead");
    auto before = counts();
    auto r = request(att, id_of(req));
    auto self = step_on(att, requests_path(), r, "approve");
    EXPECT_EQ(self.status, 403) << self.body;
    EXPECT_EQ(step_on(att2, requests_path(), r, "approve").status, 403);
    auto by_lead = step_on(lead, requests_path(), r, "approve");
    EXPECT_EQ(by_lead.status, 403) << by_lead.body;
    EXPECT_EQ(by_lead.error_code(), "not_approver");
    EXPECT_EQ(counts(), before);
    EXPECT_EQ(str(stay_of(att, "粵B23456").at("status")), "exiting");

    // The manager approves from the phone: the car leaves free, the approver in the register.
    auto mgr = signed_in("manager");
    auto done = take_step(mgr, requests_path(), r, "approve");
    EXPECT_EQ(str(done.at("status")), "approved");
    EXPECT_EQ(done.at("decided_by").at("id").as_int64(), user_id("manager"));
    EXPECT_EQ(done.at("fee_cents").as_int64(), kTwoHourFee) << "what the approval waived is kept";
    const auto& visit = done.at("visit");
    EXPECT_EQ(str(visit.at("status")), "exited");
    EXPECT_EQ(visit.at("free_category"), bj::value("approved"));
    EXPECT_EQ(visit.at("approved_by"), (bj::value(bj::object{{"id", user_id("manager")}, {"name", "陳經理"}})));
    EXPECT_EQ(visit.at("paid_cents").as_int64(), 0);
    EXPECT_EQ(visit.at("fee_cents").as_int64(), 0);
    EXPECT_TRUE(visit.at("receipt_no").is_null());
    EXPECT_EQ(visit.at("exit_by").at("id").as_int64(), user_id("attendant"));
    EXPECT_EQ(str(visit.at("remarks")), "領導批准免費（批准人：陳經理）：業主親友探病");
    EXPECT_EQ(info_of(exit_heartbeat()), "ok") << "the barrier opens on the approval";
    EXPECT_EQ(told("attendant", "parking_free_approved"), 1);
    // The register's line (its print and workbook read the same remarks).
    auto list = read_ok(att, std::string(kParking) + "/visits?plate=" + enc("粵B23456"));
    EXPECT_EQ(str(list.at("items").at(0).at("remarks")), "領導批准免費（批准人：陳經理）：業主親友探病");
    EXPECT_EQ(step_on(mgr, requests_path(), done, "approve").error_code(), "already_decided");
}

TEST_P(ParkingFreeExit, PK_6_AManagerRefusesWithAReasonAndTheFeeStaysDue) {
    auto v = visitor_at_exit("粵B23456");
    auto att = signed_in("attendant");
    auto req = ask(att, v, "approved", "司機稱是業主朋友").json().at("free_request");
    auto mgr = signed_in("manager");
    auto r = request(mgr, id_of(req));
    EXPECT_EQ(str(r.at("visit").at("plate")), "粵B23456");
    auto before = counts();
    for (const char* blank : {"", "\xe3\x80\x80"}) {
        auto no_reason = step_on(mgr, requests_path(), r, "refuse", {{"reason", blank}});
        EXPECT_EQ(no_reason.status, 422) << no_reason.body;
        EXPECT_EQ(no_reason.error_field(), "reason");
    }
    EXPECT_EQ(counts(), before);
    auto refused = take_step(mgr, requests_path(), r, "refuse", {{"reason", "非業主登記訪客，照常收費"}});
    EXPECT_EQ(str(refused.at("status")), "refused");
    EXPECT_EQ(str(refused.at("decision_note")), "非業主登記訪客，照常收費");
    EXPECT_EQ(str(refused.at("visit").at("status")), "exiting");
    EXPECT_EQ(refused.at("visit").at("fee_cents").as_int64(), kTwoHourFee);
    EXPECT_EQ(told("attendant", "parking_free_refused"), 1);
    EXPECT_EQ(step_on(mgr, requests_path(), refused, "approve").error_code(), "already_decided");
    // A refusal is final: asking again, under either category, or the team lead's own policy
    // exit, does not overturn it.
    for (const char* category : {"approved", "policy"}) {
        auto again = ask(att, stay_of(att, "粵B23456"), category, "再申請一次");
        EXPECT_EQ(again.status, 409) << category << " " << again.body;
        EXPECT_EQ(again.error_code(), "free_refused");
    }
    auto lead = signed_in("teamlead");
    EXPECT_EQ(ask(lead, stay_of(lead, "粵B23456"), "policy", "班長放行").error_code(), "free_refused");
    EXPECT_EQ(str(stay_of(att, "粵B23456").at("status")), "exiting");
    // The attendant takes the fee as usual.
    auto paid = pay_cash(att, stay_of(att, "粵B23456"), kTwoHourFee);
    EXPECT_EQ(str(paid.at("status")), "exited");
    EXPECT_TRUE(paid.at("free_category").is_null());
}

TEST_P(ParkingFreeExit, PK_6_AManagerAtTheBoothDoesNotApproveTheirOwnRequest) {
    auto v = visitor_at_exit("粵B23456");
    auto mgr = signed_in("manager");
    auto req = ask(mgr, v, "approved", "本人批准").json().at("free_request");
    auto before = counts();
    auto own = step_on(mgr, requests_path(), request(mgr, id_of(req)), "approve");
    EXPECT_EQ(own.status, 409) << own.body;
    EXPECT_EQ(own.error_code(), "self_approval");
    EXPECT_EQ(counts(), before);
    // Nor can a hand-written row say so: the database refuses a decision by the requester.
    EXPECT_ANY_THROW(server_.db().write([&](db::Conn& c) {
        c.exec("UPDATE parking_free_requests SET status = 'approved', decided_by = requested_by WHERE id = $1",
               id_of(req));
    }));
}

TEST_P(ParkingFreeExit, PK_6_APolicyExitIsFreeAtOnceOnlyForAVehicleOnThePolicyFreeRegister) {
    auto lead = signed_in("teamlead");
    add_vehicle(lead, "粵B12000", "ambulance");
    auto att = signed_in("attendant");
    // The register is kept by the team lead and the manager, not the attendant.
    auto by_att = att.post(std::string(kParking) + "/vehicles",
                           R"({"plate":"粵B99999","owner_name":"x","phone":"27001234","policy_class":"police"})");
    EXPECT_EQ(by_att.status, 403);
    auto bad = lead.post(std::string(kParking) + "/vehicles",
                         R"({"plate":"粵B99998","owner_name":"x","phone":"27001234","policy_class":"vip"})");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "policy_class");

    auto amb = visitor_at_exit("粵B12000");
    att = signed_in("attendant");
    auto free = ask(att, amb, "policy", "送病人出院");
    ASSERT_EQ(free.status, 200) << free.body;
    EXPECT_EQ(str(free.json().at("status")), "exited");
    EXPECT_EQ(free.json().at("free_category"), bj::value("policy"));
    EXPECT_TRUE(free.json().at("approved_by").is_null()) << "the register is the authority";
    EXPECT_EQ(str(free.json().at("remarks")), "政策性免費（救護車，登記在冊）：送病人出院");
    EXPECT_EQ(info_of(exit_heartbeat()), "ok");
}

TEST_P(ParkingFreeExit, PK_6_APolicyExitForAVehicleNotOnTheRegisterNeedsTheTeamLeadsConfirmation) {
    auto v = visitor_at_exit("粵B23456");
    auto att = signed_in("attendant");
    auto asked = ask(att, v, "policy", "自稱市政巡查車");
    ASSERT_EQ(asked.status, 200) << asked.body;
    EXPECT_EQ(str(asked.json().at("visit").at("status")), "exiting");
    auto req = asked.json().at("free_request");
    EXPECT_EQ(told("teamlead", "parking_free_request_policy"), 1);
    EXPECT_EQ(told("manager", "parking_free_request_policy"), 0);
    auto again = ask(att, stay_of(att, "粵B23456"), "policy", "再次");
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.error_code(), "approval_pending");

    auto lead = signed_in("teamlead");
    auto done = take_step(lead, requests_path(), request(lead, id_of(req)), "approve");
    EXPECT_EQ(str(done.at("visit").at("status")), "exited");
    EXPECT_EQ(done.at("visit").at("free_category"), bj::value("policy"));
    EXPECT_EQ(done.at("visit").at("approved_by").at("id").as_int64(), user_id("teamlead"));
    EXPECT_EQ(str(done.at("visit").at("remarks")), "政策性免費（班長確認：吳保安班長）：自稱市政巡查車");
}

TEST_P(ParkingFreeExit, PK_6_TheTeamLeadsOwnPolicyExitIsConfirmedByThemAndRecorded) {
    auto v = visitor_at_exit("粵B23456");
    auto lead = signed_in("teamlead");
    auto r = ask(lead, v, "policy", "政府環保署巡查");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(str(r.json().at("status")), "exited");
    EXPECT_EQ(r.json().at("approved_by").at("id").as_int64(), user_id("teamlead"));
    // …but an approved exit still needs a manager, whoever asks.
    auto v2 = stay_of(lead, "粵B88888");
    EXPECT_EQ(str(ask(lead, v2, "approved", "x").json().at("visit").at("status")), "exiting");
}

TEST_P(ParkingFreeExit, PK_6_PayingWithdrawsAPendingRequest) {
    auto v = visitor_at_exit("粵B23456");
    auto att = signed_in("attendant");
    auto req = ask(att, v, "approved", "等經理").json().at("free_request");
    auto paid = pay_cash(att, stay_of(att, "粵B23456"), kTwoHourFee);
    EXPECT_EQ(str(paid.at("status")), "exited");
    auto mgr = signed_in("manager");
    auto r = request(mgr, id_of(req));
    EXPECT_EQ(str(r.at("status")), "cancelled");
    EXPECT_EQ(step_on(mgr, requests_path(), r, "approve").error_code(), "already_decided");
    EXPECT_EQ(read_ok(mgr, requests_path() + "?status=pending").at("items").as_array().size(), 0u);
}

TEST_P(ParkingFreeExit, PK_6_AnotherSitesManagerSeesAndDecidesNothingHere) {
    auto v = visitor_at_exit("粵B23456");
    auto att = signed_in("attendant");
    auto req = ask(att, v, "approved", "x").json().at("free_request");
    auto admin = signed_in("admin");
    int64_t east = create_east_site(admin);
    create_user(admin, "eastmgr", bj::array{bj::object{{"site_id", east}, {"role", "site_manager"}}});
    auto other = signed_in("eastmgr", "east-side-password");
    EXPECT_EQ(other.get(path(requests_path(), id_of(req))).status, 404);
    EXPECT_EQ(other.post(path(requests_path(), id_of(req), "/approve"), "{}", if_match(1)).status, 404);
    const std::string theirs = path("/api/v1/sites/", east, "/parking/free-requests/");
    EXPECT_EQ(other.post(path(theirs, id_of(req), "/approve"), "{}", if_match(1)).status, 404);
    EXPECT_EQ(str(request(att, id_of(req)).at("status")), "pending");
}

TEST_P(ParkingFreeExit, PK_6_ACarIsLetOutOnlyAtAnExitOfItsOwnCarPark) {
    auto lead = signed_in("teamlead");
    auto lot = lead.post(std::string(kParking) + "/lots", R"({"name":"訪客停車場","capacity":20})");
    ASSERT_EQ(lot.status, 201) << lot.body;
    auto other =
        lead.post(std::string(kParking) + "/lanes",
                  bj::serialize(bj::object{{"lot_id", id_of(lot)}, {"name", "訪客出口"}, {"direction", "exit"}}));
    ASSERT_EQ(other.status, 201) << other.body;
    auto v = visitor_at_exit("粵B23456");
    auto att = signed_in("attendant");
    for (int64_t lane : {id_of(other), entry_lane_}) {
        auto r = visit_step(att, v, "free",
                            {{"category", "approved"}, {"reason", "x"}, {"pass_returned", true}, {"lane_id", lane}});
        EXPECT_EQ(r.status, 422) << r.body;
        EXPECT_EQ(r.error_field(), "lane_id");
    }
    EXPECT_EQ(server_.count("parking_free_requests"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ParkingFreeExit, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
