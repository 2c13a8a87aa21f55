// The booth that knows what happened and the handover that closes (issue 13), through the real
// server on SQLite and PostgreSQL: the team lead signs a handover without taking the shift over
// and the next attendant takes it over (PK-11); a second handover of a shift and post is refused
// with its code; a refusal says its real reason, never "changed by someone else"; cash at the
// booth records the change and short cash is refused (PK-5); an electronic payment records its
// reference; and a car paid, released or freed changes its lane on every booth page, live.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "support/api_fixture.hpp"
#include "support/api_helpers.hpp"
#include "support/live_socket.hpp"
#include "support/parking_fixture.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

class BoothHandover : public ParkingTest {
  protected:
    HttpResult pay(HttpClient& c, const bj::value& v, const bj::object& payment) {
        bj::object body = payment;
        body["pass_returned"] = true;
        return visit_step(c, v, "pay", body);
    }
    const bj::object* booth_lane(HttpClient& c, int64_t lane_id) {
        booth_ = read_ok(c, std::string(kParking) + "/booth", "booth");
        for (const auto& l : booth_.at("lanes").as_array())
            if (l.at("id").as_int64() == lane_id) return &l.as_object();
        return nullptr;
    }
    // A release with everything the rules want but the payment, which the caller gives.
    HttpResult release_paying(HttpClient& lead, const bj::value& hold, const bj::object& payment) {
        return release(lead, hold,
                       {{"verification_note", "核對證件，確認車主"},
                        {"licence_file_id", upload_document(lead)},
                        {"id_file_id", upload_document(lead)},
                        {"statement_file_id", upload_document(lead)},
                        {"payment", payment},
                        {"pass_returned", true}});
    }
    // Another visitor at the exit two hours after it came in now (visitor_at_exit's is at kStart).
    bj::value another_at_exit(const std::string& plate) {
        EXPECT_EQ(info_of(at_entry(plate)), "ok");
        clock_.advance_ms(2 * kHour);
        EXPECT_EQ(info_of(at_exit(plate)), "no");
        auto c = signed_in("teamlead");
        return stay_of(c, plate);
    }
    static int64_t param(const HttpResult& r, const char* name) {
        return r.json().at("error").at("params").at(name).as_int64();
    }
    bj::value booth_;
};

// ---- PK-11: the handover closes ----

TEST_P(BoothHandover, PK_11_TheTeamLeadSignsAHandoverTheyDidNotTakeOverAndTheNextAttendantTakesItOver) {
    auto v = visitor_at_exit("粵B23456");
    auto att = signed_in("attendant");
    auto att2 = second_attendant();
    auto lead = signed_in("teamlead");
    pay_cash(att, v, kTwoHourFee);
    auto created = handover(att, kTwoHourFee);
    ASSERT_EQ(created.status, 201) << created.body;
    auto handed = created.json();

    // The team lead is not the next attendant: they do not take the shift over…
    auto lead_takes = step_on(lead, handovers_path(), handed, "take");
    EXPECT_EQ(lead_takes.status, 409) << lead_takes.body;
    EXPECT_EQ(lead_takes.error_code(), "handover_not_attendant");
    // …and sign without doing so.
    auto h = take_step(lead, handovers_path(), handed, "sign");
    EXPECT_EQ(str(h.at("status")), "signed");
    EXPECT_EQ(h.at("supervisor").at("id").as_int64(), user_id("teamlead"));
    EXPECT_TRUE(h.at("taken_by").is_null()) << "signed before the take-over";

    // The next attendant takes over afterwards; the signature stands.
    h = take_step(att2, handovers_path(), h, "take");
    EXPECT_EQ(str(h.at("status")), "signed");
    EXPECT_EQ(h.at("taken_by").at("id").as_int64(), user_id("attendant2"));
    EXPECT_EQ(h.at("supervisor").at("id").as_int64(), user_id("teamlead"));

    // Each signs once. Sent with the version read before, the answer is still the real reason.
    auto again = step_on(lead, handovers_path(), handed, "sign");
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(again.error_code(), "handover_signed");
    EXPECT_EQ(str(again.json().at("error").at("params").at("name")), "吳保安班長");
    auto retake = step_on(att, handovers_path(), handed, "take");
    EXPECT_EQ(retake.error_code(), "handover_taken");
    EXPECT_NE(retake.status, 412) << "never 'changed by someone else' when a rule refuses";
}

TEST_P(BoothHandover, PK_11_TheSupervisorWhoSignedFirstDoesNotTakeOverNorDoesTheHander) {
    auto att = signed_in("attendant");
    // A team lead who is also an attendant of the site could take a shift over, but not one they
    // signed as supervisor.
    auto admin = signed_in("admin");
    create_user(admin, "leadattendant",
                bj::array{bj::object{{"site_id", 1}, {"role", "security_lead"}},
                          bj::object{{"site_id", 1}, {"role", "parking_attendant"}}},
                "leadattendant-password");
    auto lead = signed_in("leadattendant", "leadattendant-password");
    auto h = take_step(lead, handovers_path(), handover(att, 0).json(), "sign");
    auto own = step_on(att, handovers_path(), h, "take");
    EXPECT_EQ(own.status, 409) << own.body;
    EXPECT_EQ(own.error_code(), "handover_own");
    auto sup = step_on(lead, handovers_path(), h, "take");
    EXPECT_EQ(sup.status, 409) << sup.body;
    EXPECT_EQ(sup.error_code(), "handover_supervisor");
}

TEST_P(BoothHandover, PK_11_ASecondHandoverOfTheSameShiftAndPostIsRefusedWithItsCode) {
    auto att = signed_in("attendant");
    auto att2 = second_attendant();
    auto first = handover(att, 0);
    ASSERT_EQ(first.status, 201) << first.body;

    // The form says so before it is filled in.
    auto preview =
        read_ok(att2, std::string(kParking) +
                          "/handovers/preview?shift_date=2026-11-18&shift=afternoon&post=" + enc("出口崗亭"));
    ASSERT_TRUE(preview.at("handover").is_object());
    EXPECT_EQ(id_of(preview.at("handover")), id_of(first.json()));
    auto other_post =
        read_ok(att2, std::string(kParking) +
                          "/handovers/preview?shift_date=2026-11-18&shift=afternoon&post=" + enc("入口崗亭"));
    EXPECT_TRUE(other_post.at("handover").is_null());

    // Whoever sends it, a second one is refused with its code and the first one named.
    auto twice = handover(att2, 0);
    EXPECT_EQ(twice.status, 409) << twice.body;
    EXPECT_EQ(twice.error_code(), "handover_exists");
    auto refusal = twice.json();
    const auto& params = refusal.at("error").at("params");
    EXPECT_EQ(params.at("handover_id").as_int64(), id_of(first.json()));
    EXPECT_EQ(str(params.at("name")), "周值班員");
    EXPECT_EQ(str(params.at("post")), "出口崗亭");
    EXPECT_EQ(str(params.at("shift")), "afternoon");
    EXPECT_EQ(server_.count("parking_handovers"), 1);
}

// ---- a refusal says its real reason ----

TEST_P(BoothHandover, PK_8_ACarReleasedMeanwhileIsRefusedForThatNotAsChangedBySomeoneElse) {
    auto v = visitor_at_exit("粵B23456");
    auto att = signed_in("attendant");
    auto lead = signed_in("teamlead");
    auto held_stay = held(att, v, "mismatch");
    auto stay_seen = held_stay.at("visit");  // what the booth shows: held, at this version
    auto h = hold(lead, id_of(held_stay.at("hold")));
    auto released = release_paying(lead, h, {{"method", "cash"}, {"amount_cents", kTwoHourFee}});
    ASSERT_EQ(released.status, 200) << released.body;

    // The booth's stale card: paying or holding the car is refused for what happened to it.
    auto paid = pay(att, stay_seen, {{"method", "cash"}, {"amount_cents", kTwoHourFee}});
    EXPECT_EQ(paid.status, 409) << paid.body;
    EXPECT_EQ(paid.error_code(), "stay_status");
    EXPECT_EQ(str(paid.json().at("error").at("params").at("status")), "exited");
    EXPECT_EQ(str(paid.json().at("error").at("params").at("plate")), "粵B23456");
    // A second release with the version read before says it was released, and by whom.
    auto twice = release_paying(lead, h, {{"method", "cash"}, {"amount_cents", kTwoHourFee}});
    EXPECT_EQ(twice.status, 409) << twice.body;
    EXPECT_EQ(twice.error_code(), "hold_released");
    EXPECT_EQ(str(twice.json().at("error").at("params").at("name")), "吳保安班長");
    auto v2 = another_at_exit("粵B34567");
    auto att_again = signed_in("attendant");
    held(att_again, v2, "no_card");
    auto stale = visit_step(att_again, v2, "hold", {{"reason", "no_card"}});
    EXPECT_EQ(stale.error_code(), "stay_status") << "held already: the rule speaks first";
    // Where the rule allows the step, a stale version is a conflict to reload (412).
    EXPECT_EQ(info_of(at_entry("粵B45678")), "ok");
    auto inside = stay_of(att_again, "粵B45678");
    take_step(att_again, visits_path(), inside, "entry-check", {{"damage_note", "車尾刮花"}, {"goods_checked", true}});
    EXPECT_EQ(visit_step(att_again, inside, "hold", {{"reason", "no_card"}}).status, 412);
}

TEST_P(BoothHandover, PK_4_SuspendingASuspendedCardSaysSoWhateverVersionWasRead) {
    auto admin = signed_in("teamlead");
    auto card = read_ok(admin, path(std::string(kParking) + "/cards/", card1_), "card");
    auto suspended = take_step(admin, std::string(kParking) + "/cards/", card, "suspend", {{"reason", "欠費"}});
    EXPECT_EQ(str(suspended.at("status")), "suspended");
    auto again = step_on(admin, std::string(kParking) + "/cards/", card, "suspend", {{"reason", "欠費"}});
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(again.error_code(), "card_suspended_already");
}

// ---- PK-5: cash and its change, an electronic payment and its reference ----

TEST_P(BoothHandover, PK_5_CashReceivedAboveTheFeeRecordsTheChangeOnThePaymentAndTheRegister) {
    auto v = visitor_at_exit("粵B23456");
    auto att = signed_in("attendant");
    auto r = pay(att, v, {{"method", "cash"}, {"amount_cents", kTwoHourFee}, {"received_cents", 10000}});
    ASSERT_EQ(r.status, 200) << r.body;
    auto paid = r.json();
    EXPECT_EQ(paid.at("paid_cents").as_int64(), kTwoHourFee);
    EXPECT_EQ(paid.at("received_cents").as_int64(), 10000);
    EXPECT_EQ(paid.at("change_cents").as_int64(), 10000 - kTwoHourFee);
    EXPECT_FALSE(str(paid.at("receipt_no")).empty());
    // The register's line carries it too.
    auto line = stay(att, id_of(paid));
    EXPECT_EQ(line.at("change_cents").as_int64(), 6000);
    // Exactly the fee (nothing said of what was handed over) is no change.
    auto v2 = another_at_exit("粵B34567");
    auto att2 = signed_in("attendant");
    auto exact = pay(att2, v2, {{"method", "cash"}, {"amount_cents", v2.at("fee_cents")}});
    ASSERT_EQ(exact.status, 200) << exact.body;
    EXPECT_EQ(exact.json().at("received_cents"), v2.at("fee_cents"));
    EXPECT_EQ(exact.json().at("change_cents").as_int64(), 0);
}

TEST_P(BoothHandover, PK_5_CashShortOfTheFeeIsRefusedWithItsCodeAndNothingIsRecorded) {
    auto v = visitor_at_exit("粵B23456");
    auto att = signed_in("attendant");
    auto receipts = release_counts()["receipts"];
    auto shortr = pay(att, v, {{"method", "cash"}, {"amount_cents", kTwoHourFee}, {"received_cents", 3000}});
    EXPECT_EQ(shortr.status, 422) << shortr.body;
    EXPECT_EQ(shortr.error_code(), "amount_short");
    EXPECT_EQ(shortr.error_field(), "received_cents");
    EXPECT_EQ(param(shortr, "due_cents"), kTwoHourFee);
    EXPECT_EQ(param(shortr, "short_cents"), kTwoHourFee - 3000);
    EXPECT_EQ(str(stay(att, id_of(v)).at("status")), "exiting") << "the car still waits";
    EXPECT_EQ(release_counts()["receipts"], receipts);
    // Typing a lower amount as the fee is no way round it.
    auto typed = pay(att, v, {{"method", "cash"}, {"amount_cents", 3000}, {"received_cents", 3000}});
    EXPECT_EQ(typed.error_code(), "wrong_amount");

    // The team lead's release takes cash the same way.
    auto lead = signed_in("teamlead");
    auto h = hold(lead, id_of(held(att, v, "mismatch").at("hold")));
    auto lead_short =
        release_paying(lead, h, {{"method", "cash"}, {"amount_cents", kTwoHourFee}, {"received_cents", 100}});
    EXPECT_EQ(lead_short.status, 422) << lead_short.body;
    EXPECT_EQ(lead_short.error_code(), "amount_short");
    EXPECT_EQ(lead_short.error_field(), "payment.received_cents");
    auto ok = release_paying(lead, h, {{"method", "cash"}, {"amount_cents", kTwoHourFee}, {"received_cents", 5000}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.json().at("visit").at("change_cents").as_int64(), 1000);
}

TEST_P(BoothHandover, PK_5_AnElectronicPaymentRecordsItsReferenceAndTheQrScanned) {
    auto v = visitor_at_exit("粵B23456");
    auto att = signed_in("attendant");
    auto none = pay(att, v, {{"method", "electronic"}, {"amount_cents", kTwoHourFee}, {"reference", "  "}});
    EXPECT_EQ(none.status, 422) << none.body;
    EXPECT_EQ(none.error_code(), "required");
    EXPECT_EQ(none.error_field(), "reference");
    auto change = pay(att, v,
                      {{"method", "electronic"},
                       {"amount_cents", kTwoHourFee},
                       {"reference", "FPS-1"},
                       {"received_cents", kTwoHourFee + 100}});
    EXPECT_EQ(change.error_code(), "not_applicable") << "no change on a phone payment";
    auto ok =
        pay(att, v,
            {{"method", "electronic"}, {"amount_cents", kTwoHourFee}, {"reference", "FPS-88991"}, {"scheme", "fps"}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(str(ok.json().at("payment_ref")), "FPS-88991");
    EXPECT_EQ(str(ok.json().at("payment_scheme")), "fps");
    EXPECT_EQ(ok.json().at("change_cents").as_int64(), 0);
}

TEST_P(BoothHandover, PK_5_TheCarParkShowsItsPaymentQrsAPhotoOfTheSiteOnly) {
    auto admin = signed_in("teamlead");  // parking_admin
    auto setup = read_ok(admin, std::string(kParking) + "/setup");
    auto lot = setup.at("lots").at(0);
    EXPECT_TRUE(lot.at("pay_qr").at("fps").is_null());
    int64_t qr = upload_png(admin, "photo", "fps-qr");
    auto put = [&](const bj::value& l, const bj::object& pay_qr) {
        return admin.patch(path(std::string(kParking) + "/lots/", id_of(l)),
                           bj::serialize(bj::object{{"pay_qr", pay_qr}}), l.at("version").as_int64());
    };
    auto doc = upload_png(admin, "document", "not-a-photo");
    auto wrong = put(lot, {{"wechat", doc}});
    EXPECT_EQ(wrong.status, 422) << wrong.body;
    EXPECT_EQ(wrong.error_code(), "file_kind");
    EXPECT_EQ(wrong.error_field(), "pay_qr.wechat");
    auto r = put(lot, {{"fps", qr}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("pay_qr").at("fps").as_int64(), qr);
    // The booth staff read the lot (and the image) to show it.
    auto att = signed_in("attendant");
    EXPECT_EQ(read_ok(att, std::string(kParking) + "/setup").at("lots").at(0).at("pay_qr").at("fps").as_int64(), qr);
    EXPECT_EQ(att.get(path("/api/v1/files/", qr)).status, 200);
    // The attendant does not set it.
    auto attempt = att.patch(path(std::string(kParking) + "/lots/", id_of(lot)),
                             bj::serialize(bj::object{{"pay_qr", bj::object{{"fps", nullptr}}}}),
                             r.json().at("version").as_int64());
    EXPECT_EQ(attempt.status, 403);
}

// ---- the lane knows: every booth page hears what became of a waiting car ----

TEST_P(BoothHandover, PK_8_ACarReleasedByTheTeamLeadChangesItsLaneOnEveryBoothPageLive) {
    auto v = visitor_at_exit("粵B23456");
    auto att = signed_in("attendant");
    auto lead = signed_in("teamlead");
    auto h = hold(lead, id_of(held(att, v, "mismatch").at("hold")));
    auto booth = open_live(server_.port(), att);
    EXPECT_EQ(booth->next(), R"({"type":"hello"})");

    auto r = release_paying(lead, h, {{"method", "cash"}, {"amount_cents", kTwoHourFee}, {"received_cents", 5000}});
    ASSERT_EQ(r.status, 200) << r.body;
    // The attendant's page hears it (a notification may come first: skip those).
    bj::value msg;
    for (int i = 0; i < 5; ++i) {
        msg = bj::parse(booth->next());
        if (msg.at("type") == bj::value("lane_change")) break;
    }
    ASSERT_EQ(msg.at("type"), bj::value("lane_change")) << bj::serialize(msg);
    EXPECT_EQ(msg.at("site_id").as_int64(), 1);
    const auto& ch = msg.at("change");
    EXPECT_EQ(str(ch.at("kind")), "released");
    EXPECT_EQ(str(ch.at("plate")), "粵B23456");
    EXPECT_EQ(ch.at("lane_id").as_int64(), exit_lane_);
    EXPECT_EQ(ch.at("visit_id").as_int64(), id_of(v));
    EXPECT_EQ(ch.at("by").at("id").as_int64(), user_id("teamlead"));

    // A page opened later reads it from the booth: the car is gone, the lane says why.
    const auto* lane = booth_lane(att, exit_lane_);
    ASSERT_NE(lane, nullptr);
    EXPECT_TRUE(lane->at("waiting").as_array().empty());
    EXPECT_EQ(str(lane->at("last_change").at("kind")), "released");

    // A payment at the booth is heard the same way.
    auto v2 = another_at_exit("粵B34567");
    auto att2 = signed_in("attendant");
    ASSERT_EQ(pay(att2, v2, {{"method", "cash"}, {"amount_cents", v2.at("fee_cents")}}).status, 200);
    EXPECT_EQ(str(booth_lane(att2, exit_lane_)->at("last_change").at("kind")), "paid");
}

INSTANTIATE_TEST_SUITE_P(Backends, BoothHandover, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
