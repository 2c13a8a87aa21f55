// PK-8 through the real server, on SQLite and PostgreSQL: a held car is not released around the
// rule. The attendant holds; only the team lead releases, with the verification, three different
// copies that serve this hold alone and the fee the rules charge (a car with no entry record pays
// the lot's rule); no barrier override lets a held or unpaid car out, and the team lead's own
// override is an incident.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "support/api_fixture.hpp"
#include "support/api_helpers.hpp"
#include "support/parking_fixture.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

class ParkingHolds : public ParkingTest {
  protected:
    HttpResult open_lane(HttpClient& c, int64_t lane, const bj::object& body) {
        return c.post(path(std::string(kParking) + "/lanes/", lane, "/open"), bj::serialize(body));
    }
    // A visitor held at the exit by the attendant: {visit, hold}.
    bj::value held_at_exit(const std::string& plate) {
        auto v = visitor_at_exit(plate);
        auto att = signed_in("attendant");
        return held(att, v, "mismatch", "駕駛人與車主照片不符");
    }
    bj::object evidence(HttpClient& lead, int64_t fee) {
        return {{"verification_note", "核對行車證及身份證，確認為車主本人"},
                {"licence_file_id", upload_document(lead)},
                {"id_file_id", upload_document(lead)},
                {"statement_file_id", upload_document(lead)},
                {"payment", bj::object{{"method", "cash"}, {"amount_cents", fee}}},
                {"pass_returned", true}};
    }
};

// ---- PK-8: held vehicles ----

TEST_P(ParkingHolds, PK_8_AnAttendantHoldsForMismatchNoCardOrSuspiciousAndTheTeamLeadsAreTold) {
    auto att = signed_in("attendant");
    std::vector<std::string> reasons{"mismatch", "no_card", "suspicious"};
    std::vector<int64_t> hold_ids;
    for (size_t i = 0; i < reasons.size(); ++i) {
        std::string plate = "粵B4000" + std::to_string(i);
        EXPECT_EQ(info_of(at_entry(plate)), "ok");
        auto r = held(att, stay_of(att, plate), reasons[i], "司機與登記不符");
        EXPECT_EQ(str(r.at("visit").at("status")), "held");
        EXPECT_EQ(str(r.at("hold").at("reason")), reasons[i]);
        EXPECT_EQ(str(r.at("hold").at("status")), "held");
        EXPECT_EQ(r.at("hold").at("held_by").at("id").as_int64(), user_id("attendant"));
        hold_ids.push_back(id_of(r.at("hold")));
    }
    EXPECT_EQ(told("teamlead", "parking_hold"), 3);
    EXPECT_EQ(told("attendant", "parking_hold"), 0) << "not the one who held it";
    auto list = att.get(std::string(kParking) + "/holds?status=held");
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(ids(list), (std::vector<int64_t>{hold_ids[2], hold_ids[1], hold_ids[0]}));

    // The camera keeps a held car in.
    clock_.advance_ms(kHour);
    EXPECT_EQ(info_of(at_exit("粵B40000")), "no");
    EXPECT_EQ(str(stay_of(att, "粵B40000").at("status")), "held");

    // no_entry is the system's, not a reason staff give.
    EXPECT_EQ(info_of(at_entry("粵B40009")), "ok");
    auto bad = visit_step(att, stay_of(att, "粵B40009"), "hold", {{"reason", "no_entry"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "reason");
}

TEST_P(ParkingHolds, PK_8_AReleaseWithoutTheVerificationTheThreeCopiesOrTheFeeIsRefusedAndChangesNothing) {
    auto v = visitor_at_exit("粵B23456");
    auto att = signed_in("attendant");
    auto lead = signed_in("teamlead");
    auto h = hold(lead, id_of(held(att, v, "mismatch", "駕駛人與車主照片不符").at("hold")));
    int64_t licence = upload_document(lead), id_card = upload_document(lead), statement = upload_document(lead);
    const bj::object complete{{"verification_note", "核對行車證及身份證，確認為車主本人"},
                              {"licence_file_id", licence},
                              {"id_file_id", id_card},
                              {"statement_file_id", statement},
                              {"payment", bj::object{{"method", "cash"}, {"amount_cents", kTwoHourFee}}},
                              {"pass_returned", true}};
    auto without = [&](const char* key) {
        bj::object o = complete;
        o.erase(key);
        return o;
    };
    auto before = release_counts();
    for (const char* field : {"verification_note", "licence_file_id", "id_file_id", "statement_file_id"}) {
        auto r = release(lead, h, without(field));
        EXPECT_EQ(r.status, 422) << field << ": " << r.body;
        EXPECT_EQ(r.error_field(), field);
    }
    for (const char* blank : {"   ", "\xe3\x80\x80\xe3\x80\x80", "\t\xc2\xa0"}) {
        auto blank_note = complete;
        blank_note["verification_note"] = blank;
        EXPECT_EQ(release(lead, h, blank_note).error_field(), "verification_note") << "blank in any script";
    }
    auto unpaid = release(lead, h, without("payment"));
    EXPECT_EQ(unpaid.status, 422) << unpaid.body;
    EXPECT_EQ(unpaid.error_field(), "payment") << "the fee is due";
    auto short_paid = complete;
    short_paid["payment"] = bj::object{{"method", "cash"}, {"amount_cents", 1000}};
    auto wrong = release(lead, h, short_paid);
    EXPECT_EQ(wrong.status, 422);
    EXPECT_EQ(wrong.error_code(), "wrong_amount");
    EXPECT_EQ(wrong.json().at("error").at("params").at("due_cents").as_int64(), kTwoHourFee);
    auto no_pass = without("pass_returned");
    EXPECT_EQ(release(lead, h, no_pass).error_field(), "pass_returned") << "PK-5: the pass is taken back or noted lost";
    auto same = complete;
    same["id_file_id"] = licence;
    auto twice = release(lead, h, same);
    EXPECT_EQ(twice.status, 422);
    EXPECT_EQ(twice.error_code(), "same_file");
    EXPECT_EQ(twice.error_field(), "id_file_id");
    auto by_attendant = release(att, h, complete);
    EXPECT_EQ(by_attendant.status, 403) << by_attendant.body;

    EXPECT_EQ(release_counts(), before);
    auto still = hold(lead, id_of(h));
    EXPECT_EQ(str(still.at("status")), "held");
    EXPECT_EQ(still.at("version"), h.at("version"));
    EXPECT_TRUE(still.at("verified_by").is_null());
    EXPECT_EQ(str(still.at("visit").at("status")), "held");
    EXPECT_TRUE(still.at("visit").at("receipt_no").is_null());

    // With everything, the team lead releases it: the fee taken, a receipt, the exit opened.
    auto r = release(lead, h, complete);
    ASSERT_EQ(r.status, 200) << r.body;
    auto done = r.json();
    EXPECT_EQ(r.header("etag"), etag(done.at("version").as_int64()));
    EXPECT_EQ(str(done.at("status")), "released");
    EXPECT_EQ(done.at("verified_by").at("id").as_int64(), user_id("teamlead"));
    EXPECT_EQ(done.at("licence_file_id").as_int64(), licence);
    EXPECT_EQ(done.at("id_file_id").as_int64(), id_card);
    EXPECT_EQ(done.at("statement_file_id").as_int64(), statement);
    EXPECT_EQ(done.at("released_at"), hk(kStart + 2 * kHour));
    const auto& visit = done.at("visit");
    EXPECT_EQ(str(visit.at("status")), "exited");
    EXPECT_EQ(visit.at("receipt_no"), bj::value("PK2026-000001"));
    EXPECT_EQ(visit.at("paid_cents").as_int64(), kTwoHourFee);
    EXPECT_EQ(visit.at("paid_by").at("id").as_int64(), user_id("teamlead"));
    EXPECT_EQ(info_of(exit_heartbeat()), "ok");
    EXPECT_EQ(release(lead, done, complete).status, 409) << "released once";
}

TEST_P(ParkingHolds, PK_8_TheDatabaseItselfRefusesAReleasedHoldWithoutTheEvidence) {
    EXPECT_EQ(info_of(at_exit("粵B00001")), "no");
    int64_t hid =
        server_.db().read_value([](db::Conn& c) { return c.one("SELECT MAX(id) FROM parking_holds")->i64(0); });
    int64_t lead = user_id("teamlead");
    EXPECT_ANY_THROW(server_.db().write(
        [&](db::Conn& c) { c.exec("UPDATE parking_holds SET status = 'released' WHERE id = $1", hid); }));
    EXPECT_ANY_THROW(server_.db().write([&](db::Conn& c) {
        c.exec(
            "UPDATE parking_holds SET status = 'released', verified_by = $1, verification_note = 'ok',"
            " released_at = $2 WHERE id = $3",
            lead, kStart, hid);
    })) << "a verification without the three copies is not enough";
    EXPECT_EQ(server_.db().read_value(
                  [&](db::Conn& c) { return c.one("SELECT status FROM parking_holds WHERE id = $1", hid)->str(0); }),
              "held");
}

TEST_P(ParkingHolds, PK_8_ANoEntryHoldPaysTheSitesRuleNotATypedFigureAndEscalationsAreRecorded) {
    auto att = signed_in("attendant");
    auto lead = signed_in("teamlead");
    EXPECT_EQ(info_of(at_exit("粵B00001")), "no");
    auto list = lead.get(std::string(kParking) + "/holds?status=held");
    ASSERT_EQ(ids(list).size(), 1u);
    int64_t hid = ids(list)[0];

    auto to_manager = att.post(path(holds_path(), hid, "/escalations"),
                               R"({"escalated_to":"manager","note":"司機無法出示進場憑證"})");
    ASSERT_EQ(to_manager.status, 201) << to_manager.body;
    EXPECT_EQ(str(to_manager.json().at("escalated_to")), "manager");
    EXPECT_EQ(to_manager.json().at("by").at("id").as_int64(), user_id("attendant"));
    EXPECT_EQ(told("manager", "parking_escalation"), 1);
    auto to_police =
        lead.post(path(holds_path(), hid, "/escalations"), R"({"escalated_to":"police","note":"已報警 110"})");
    ASSERT_EQ(to_police.status, 201) << to_police.body;
    auto bad = lead.post(path(holds_path(), hid, "/escalations"), R"({"escalated_to":"mayor","note":"x"})");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.error_field(), "escalated_to");
    auto h = hold(lead, hid);
    ASSERT_EQ(h.at("escalations").as_array().size(), 2u);
    EXPECT_EQ(str(h.at("escalations").at(0).at("escalated_to")), "manager");
    EXPECT_EQ(str(h.at("escalations").at(0).at("note")), "司機無法出示進場憑證");
    EXPECT_EQ(str(h.at("escalations").at(1).at("escalated_to")), "police");

    // PK-8: the charge is the site's rule (one day at the daily cap), not what the team lead types.
    EXPECT_EQ(h.at("charge").at("fee_cents").as_int64(), 15000);
    EXPECT_EQ(str(h.at("charge").at("reason")), "no_entry");
    bj::object body{{"verification_note", "車主出示行車證，補收一日停車費"},
                    {"licence_file_id", upload_document(lead)},
                    {"id_file_id", upload_document(lead)},
                    {"statement_file_id", upload_document(lead)},
                    {"payment", bj::object{{"method", "cash"}, {"amount_cents", 5000}}}};
    auto typed = release(lead, h, body);
    EXPECT_EQ(typed.status, 422) << typed.body;
    EXPECT_EQ(typed.error_code(), "wrong_amount");
    auto free_ride = body;
    free_ride.erase("payment");
    EXPECT_EQ(release(lead, h, free_ride).error_field(), "payment") << "nor nothing";
    body["payment"] = bj::object{{"method", "cash"}, {"amount_cents", 15000}};
    auto r = release(lead, h, body);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(str(r.json().at("status")), "released");
    EXPECT_EQ(str(r.json().at("visit").at("status")), "exited");
    EXPECT_EQ(r.json().at("visit").at("paid_cents").as_int64(), 15000);
    EXPECT_EQ(r.json().at("visit").at("receipt_no"), bj::value("PK2026-000001"));
}

TEST_P(ParkingHolds, PK_8_TheAttendantsBarrierOverrideIsRefusedWhileAnUnpaidOrHeldCarWaits) {
    auto v = visitor_at_exit("粵B23456");
    auto att = signed_in("attendant");
    auto before = server_.count("gate_commands");
    auto unpaid = open_lane(att, exit_lane_, {{"reason", "司機說已付款"}});
    EXPECT_EQ(unpaid.status, 409) << unpaid.body;
    EXPECT_EQ(unpaid.error_code(), "vehicle_waiting");
    EXPECT_EQ(unpaid.json().at("error").at("params").at("plate"), bj::value("粵B23456"));

    held(att, v, "suspicious");
    auto held_car = open_lane(att, exit_lane_, {{"reason", "放行"}});
    EXPECT_EQ(held_car.status, 409);
    EXPECT_EQ(held_car.error_code(), "vehicle_held");
    // Naming the held stay at another lane is refused too.
    auto elsewhere = open_lane(att, entry_lane_, {{"reason", "從入口放行"}, {"visit_id", id_of(v)}});
    EXPECT_EQ(elsewhere.status, 409);
    EXPECT_EQ(elsewhere.error_code(), "vehicle_held");
    EXPECT_EQ(server_.count("gate_commands"), before);
    EXPECT_EQ(info_of(exit_heartbeat()), "no");
    // An entry lane with nobody waiting still opens for the attendant (a jammed barrier).
    EXPECT_EQ(open_lane(att, entry_lane_, {{"reason", "閘桿卡住"}}).status, 202);
}

TEST_P(ParkingHolds, PK_8_TheTeamLeadMayOpenWithAReasonAndThatOpenIsAnIncident) {
    auto h = held_at_exit("粵B23456");
    auto lead = signed_in("teamlead");
    auto incidents = server_.count("parking_incidents");
    auto no_reason = open_lane(lead, exit_lane_, {{"reason", "\xe3\x80\x80"}});
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_EQ(no_reason.error_field(), "reason");
    auto r = open_lane(lead, exit_lane_, {{"reason", "救護車需通過，先行開閘"}});
    ASSERT_EQ(r.status, 202) << r.body;
    ASSERT_TRUE(r.json().as_object().contains("incident_id"));
    EXPECT_EQ(server_.count("parking_incidents"), incidents + 1);
    auto i = read_ok(lead, path(std::string(kParking) + "/incidents/", r.json().at("incident_id").as_int64()));
    EXPECT_EQ(str(i.at("kind")), "barrier_override");
    EXPECT_EQ(str(i.at("plate")), "粵B23456");
    EXPECT_NE(str(i.at("description")).find("救護車需通過"), std::string::npos);
    EXPECT_EQ(told("manager", "parking_override"), 1);
    EXPECT_EQ(info_of(exit_heartbeat()), "ok");
    // The hold itself is not released by it.
    EXPECT_EQ(str(hold(lead, id_of(h.at("hold"))).at("status")), "held");
}

TEST_P(ParkingHolds, PK_8_ACopyServesOneHoldAndNothingElse) {
    auto first = held_at_exit("粵B23456");
    auto lead = signed_in("teamlead");
    auto body = evidence(lead, kTwoHourFee);
    auto done = release(lead, hold(lead, id_of(first.at("hold"))), body);
    ASSERT_EQ(done.status, 200) << done.body;

    // A second car held: the first hold's copies cannot serve it, nor the same picture uploaded again.
    EXPECT_EQ(info_of(at_exit("粵B00001")), "no");
    int64_t hid = ids(lead.get(std::string(kParking) + "/holds?status=held"))[0];
    auto h = hold(lead, hid);
    auto fee = h.at("charge").at("fee_cents").as_int64();
    auto reused = evidence(lead, fee);
    reused["licence_file_id"] = body["licence_file_id"];
    auto r = release(lead, h, reused);
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.error_code(), "file_in_use");
    EXPECT_EQ(r.error_field(), "licence_file_id");

    int64_t a = upload_png(lead, "document", "licence-of-car-one");
    auto with_a = evidence(lead, fee);
    with_a["licence_file_id"] = a;
    ASSERT_EQ(release(lead, h, with_a).status, 200);  // claims the bytes "licence-of-car-one"
    EXPECT_EQ(info_of(at_exit("粵B00002")), "no");
    auto h2 = hold(lead, ids(lead.get(std::string(kParking) + "/holds?status=held"))[0]);
    auto again = evidence(lead, h2.at("charge").at("fee_cents").as_int64());
    again["licence_file_id"] = upload_png(lead, "document", "licence-of-car-one");
    auto copy = release(lead, h2, again);
    EXPECT_EQ(copy.error_code(), "file_in_use") << "the same bytes are the same evidence";

    auto signature = evidence(lead, h2.at("charge").at("fee_cents").as_int64());
    signature["statement_file_id"] = upload_document(lead, "signature");
    EXPECT_EQ(release(lead, h2, signature).error_code(), "file_kind");

    auto admin = signed_in("admin");
    int64_t east = create_east_site(admin);
    auto foreign = evidence(lead, h2.at("charge").at("fee_cents").as_int64());
    foreign["id_file_id"] = upload_png(admin, "document", "east-id", east);
    auto other_site = release(lead, h2, foreign);
    EXPECT_EQ(other_site.status, 422);
    EXPECT_EQ(other_site.error_field(), "id_file_id");
    EXPECT_EQ(str(hold(lead, id_of(h2)).at("status")), "held");
}

TEST_P(ParkingHolds, PK_8_ThePhotoOfAVehicleFileIsNotAHoldsCopy) {
    auto lead = signed_in("teamlead");
    int64_t photo = upload_document(lead, "photo");
    auto vehicle = lead.post(
        std::string(kParking) + "/vehicles",
        bj::serialize(bj::object{
            {"plate", "粵B77777"}, {"owner_name", "黃先生"}, {"phone", "91234567"}, {"photo_file_id", photo}}));
    ASSERT_EQ(vehicle.status, 201) << vehicle.body;
    auto h = held_at_exit("粵B23456");
    lead = signed_in("teamlead");
    auto body = evidence(lead, kTwoHourFee);
    body["licence_file_id"] = photo;
    auto r = release(lead, hold(lead, id_of(h.at("hold"))), body);
    EXPECT_EQ(r.error_code(), "file_in_use");
}

TEST_P(ParkingHolds, PK_8_TheNoEntryChargeFollowsTheLotsRule) {
    auto lead = signed_in("teamlead");
    auto lot = read_ok(lead, std::string(kParking) + "/setup").at("lots").at(0);
    EXPECT_EQ(lot.at("no_entry_days").as_int64(), 1);
    auto changed = lead.patch(path(std::string(kParking) + "/lots/", lot_), R"({"no_entry_days":2})",
                              lot.at("version").as_int64());
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(info_of(at_exit("粵B00001")), "no");
    auto h = hold(lead, ids(lead.get(std::string(kParking) + "/holds?status=held"))[0]);
    EXPECT_EQ(h.at("charge").at("fee_cents").as_int64(), 30000) << "two days at the 150.00 cap";
    auto att = signed_in("attendant");
    auto by_att = att.patch(path(std::string(kParking) + "/lots/", lot_), R"({"no_entry_days":3})",
                            changed.json().at("version").as_int64());
    EXPECT_EQ(by_att.status, 403) << "the rule is the team lead's or the manager's";
}

INSTANTIATE_TEST_SUITE_P(Backends, ParkingHolds, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
