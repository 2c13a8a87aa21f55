// The car park's other controls through the real server, on SQLite and PostgreSQL (issue 12):
// the dangerous-goods answer (PK-1), the pass at the exit (PK-5), offline records in camera-time
// order and deletes sent again (PK-7), incidents closed only with the authority told (PK-9), the
// team lead's deployment and the understaffing alert (PK-10), and the handover's cash per post
// and shift (PK-11).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "parking/peak_job.hpp"
#include "support/api_fixture.hpp"
#include "support/api_helpers.hpp"
#include "support/parking_fixture.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

class ParkingControls : public ParkingTest {
  protected:
    HttpResult manual_entry(HttpClient& c, const bj::object& body) {
        return c.post(std::string(kParking) + "/entries", bj::serialize(body));
    }
    HttpResult deploy(HttpClient& c, int64_t user, int64_t lane) {
        return c.post(std::string(kParking) + "/posts/deploy",
                      bj::serialize(bj::object{{"user_id", user}, {"lane_id", lane}}));
    }
    bj::value on_post(HttpClient& c) { return read_ok(c, std::string(kParking) + "/peak").at("posts"); }
};

// ---- PK-1 ----

TEST_P(ParkingControls, PK_1_AManualEntryWithoutAnAnswerToTheDangerousGoodsCheckIsRefused) {
    auto att = signed_in("attendant");
    for (const bj::object& body :
         {bj::object{{"lane_id", entry_lane_}, {"plate", "粵B23456"}},
          bj::object{{"lane_id", entry_lane_}, {"plate", "粵B23456"}, {"goods_checked", false}}}) {
        auto r = manual_entry(att, body);
        EXPECT_EQ(r.status, 422) << r.body;
        EXPECT_EQ(r.error_field(), "goods_checked");
    }
    EXPECT_EQ(stays_of("粵B23456"), 0);
    // The entry check of a camera entry needs its answer too.
    EXPECT_EQ(info_of(at_entry("粵B23457")), "ok");
    auto check = visit_step(att, stay_of(att, "粵B23457"), "entry-check", {{"damage_note", "左門刮花"}});
    EXPECT_EQ(check.status, 422) << check.body;
    EXPECT_EQ(check.error_field(), "goods_checked");
    auto ok = manual_entry(att, {{"lane_id", entry_lane_}, {"plate", "粵B23456"}, {"goods_checked", true}});
    ASSERT_EQ(ok.status, 201) << ok.body;
    EXPECT_TRUE(ok.json().at("visit").at("goods_checked").as_bool());
}

// ---- PK-5 ----

TEST_P(ParkingControls, PK_5_AtTheExitThePassIsTakenBackOrRecordedLostWithANote) {
    auto v = visitor_at_exit("粵B23456");
    auto att = signed_in("attendant");
    auto silent = visit_step(att, v, "pay", {{"method", "cash"}, {"amount_cents", kTwoHourFee}});
    EXPECT_EQ(silent.status, 422) << silent.body;
    EXPECT_EQ(silent.error_code(), "pass_unrecorded");
    EXPECT_EQ(silent.error_field(), "pass_returned");
    auto blank = visit_step(att, v, "pay",
                            {{"method", "cash"}, {"amount_cents", kTwoHourFee}, {"pass_lost_note", "\xe3\x80\x80"}});
    EXPECT_EQ(blank.error_code(), "pass_unrecorded");
    EXPECT_TRUE(stay(att, id_of(v)).at("receipt_no").is_null());
    auto lost = take_step(att, visits_path(), v, "pay",
                          {{"method", "cash"}, {"amount_cents", kTwoHourFee}, {"pass_lost_note", "司機稱出入證遺失"}});
    EXPECT_EQ(str(lost.at("status")), "exited");
    EXPECT_FALSE(lost.at("pass_returned").as_bool());
    EXPECT_EQ(str(lost.at("pass_lost_note")), "司機稱出入證遺失");
}

// ---- PK-7 ----

TEST_P(ParkingControls, PK_7_AnExitReplayedBeforeItsEntryClosesTheStayAndTheNextLiveEntryIsLetIn) {
    const int64_t base = kStart / 1000 - 3 * 3600;
    // The exit camera's backlog arrives first: the car left two hours after it came in.
    auto out = alarm_reply(push(kExitToken, {kExitSerial, "粵C70001", 700001, base + 7200, true, true}));
    EXPECT_EQ(out.at("ContinuePushOffline").at("plateid").as_int64(), 700001);
    EXPECT_EQ(stays_of("粵C70001"), 0);
    // Then the entry camera's: the stay is closed by the exit already seen.
    alarm_reply(push(kEntryToken, {kEntrySerial, "粵C70001", 700002, base, true, true}));
    ASSERT_EQ(stays_of("粵C70001"), 1);
    auto att = signed_in("attendant");
    auto s = stay_of(att, "粵C70001");
    EXPECT_EQ(s.at("entry_at"), hk(base * 1000));
    EXPECT_EQ(s.at("exit_at"), hk((base + 7200) * 1000));
    EXPECT_EQ(str(s.at("exit_method")), "offline");
    EXPECT_EQ(s.at("fee_cents").as_int64(), kTwoHourFee) << "its fee is left for the attendant";
    EXPECT_EQ(s.at("exit_lane_id").as_int64(), exit_lane_);

    // The car comes back live: it is not inside, so it is let in as a new stay.
    EXPECT_EQ(info_of(at_entry("粵C70001")), "ok");
    EXPECT_EQ(stays_of("粵C70001"), 2);
    EXPECT_EQ(str(stay_of(att, "粵C70001").at("status")), "inside");
    // The old stay's fee is still there to settle.
    auto paid = pay_cash(att, s, kTwoHourFee);
    EXPECT_EQ(str(paid.at("status")), "exited");
}

TEST_P(ParkingControls, PK_7_AnOfflineEntryOlderThanALiveStayIsAnEarlierStayAndItsLateExitClosesIt) {
    EXPECT_EQ(info_of(at_entry("粵C70002")), "ok");  // live, now
    int64_t live_id = stay_id("粵C70002");
    const int64_t base = kStart / 1000 - 3 * 3600;
    alarm_reply(push(kEntryToken, {kEntrySerial, "粵C70002", 700011, base, true, true}));
    EXPECT_EQ(stays_of("粵C70002"), 2) << "not taken for the car already inside";
    auto att = signed_in("attendant");
    auto live = stay(att, live_id);
    EXPECT_EQ(str(live.at("status")), "inside");
    EXPECT_EQ(live.at("entry_at"), hk(kStart));

    // Its exit, half an hour after that earlier entry, closes the earlier stay and not the live one.
    alarm_reply(push(kExitToken, {kExitSerial, "粵C70002", 700012, base + 1800, true, true}));
    EXPECT_EQ(str(stay(att, id_of(live)).at("status")), "inside");
    auto visits = read_ok(att, std::string(kParking) + "/visits?plate=" + enc("粵C70002")).at("items").as_array();
    ASSERT_EQ(visits.size(), 2u);
    const auto& earlier = visits.at(0);  // the newer record, of the older stay
    EXPECT_EQ(earlier.at("entry_at"), hk(base * 1000));
    EXPECT_EQ(earlier.at("exit_at"), hk((base + 1800) * 1000));
    EXPECT_EQ(earlier.at("fee_cents").as_int64(), 2000) << "the first hour";
}

TEST_P(ParkingControls, PK_7_AWhitelistDeleteThatMayHaveBeenLostIsSentAgainForAWeek) {
    while (alarm_reply(heartbeat(kEntryToken, kEntrySerial)).contains("white_list_operate")) {
    }
    auto lead = signed_in("teamlead");
    auto card = read_ok(lead, path(std::string(kParking) + "/cards/", card1_), "card");
    take_step(lead, std::string(kParking) + "/cards/", card, "suspend", {{"reason", "欠繳月租"}});
    auto del = alarm_reply(heartbeat(kEntryToken, kEntrySerial));
    ASSERT_TRUE(del.contains("white_list_operate"));
    EXPECT_EQ(del.at("white_list_operate").at("operate_type").as_int64(), 1);
    EXPECT_FALSE(alarm_reply(heartbeat(kEntryToken, kEntrySerial)).contains("white_list_operate"));

    // Nothing says the reply arrived: a day later the delete goes out again.
    clock_.advance_ms(25 * kHour);
    auto again = alarm_reply(heartbeat(kEntryToken, kEntrySerial));
    ASSERT_TRUE(again.contains("white_list_operate")) << bj::serialize(again);
    EXPECT_EQ(again.at("white_list_operate").at("operate_type").as_int64(), 1);
    bool found = false;
    for (const auto& e : again.at("white_list_operate").at("white_list_data").as_array())
        found = found || str(e.at("plate")) == "粤B12345";
    EXPECT_TRUE(found);
    while (alarm_reply(heartbeat(kEntryToken, kEntrySerial)).contains("white_list_operate")) {
    }
    // …but not for ever.
    clock_.advance_ms(8 * 24 * kHour);
    EXPECT_FALSE(alarm_reply(heartbeat(kEntryToken, kEntrySerial)).contains("white_list_operate"));
}

// ---- PK-9 ----

TEST_P(ParkingControls, PK_9_AGateCrashClosesOnlyOnceTheAuthorityIsRecordedAsTold) {
    auto att = signed_in("attendant");
    auto r = att.post(std::string(kParking) + "/incidents",
                      bj::serialize(bj::object{
                          {"kind", "abandoned"}, {"plate", "粵B44445"}, {"description", "停放超過三十日無人認領"}}));
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string base = std::string(kParking) + "/incidents/";
    auto i = r.json();
    auto untold = step_on(att, base, i, "update", {{"outcome", "已拖走"}, {"close", true}});
    EXPECT_EQ(untold.status, 409) << untold.body;
    EXPECT_EQ(untold.error_code(), "authority_not_told");
    EXPECT_EQ(str(read_ok(att, path(base, id_of(i))).at("status")), "open");
    i = take_step(att, base, i, "update", {{"authority", "海濱派出所"}, {"authority_notified", true}});
    i = take_step(att, base, i, "update", {{"outcome", "警方已拖走車輛"}, {"close", true}});
    EXPECT_EQ(str(i.at("status")), "closed");
}

// ---- PK-10 ----

TEST_P(ParkingControls, PK_10_TheTeamLeadDeploysStaffToPostsAndTakesThemOff) {
    auto lead = signed_in("teamlead");
    auto att = signed_in("attendant");
    auto r = deploy(lead, user_id("attendant"), exit_lane_);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json().at("lane_id").as_int64(), exit_lane_);
    EXPECT_EQ(told("attendant", "parking_deployed"), 1);
    auto posts = on_post(lead);
    ASSERT_EQ(posts.as_array().size(), 1u);
    EXPECT_EQ(posts.at(0).at("user").at("id").as_int64(), user_id("attendant"));
    // Moved to the entry: one post at a time.
    ASSERT_EQ(deploy(lead, user_id("attendant"), entry_lane_).status, 201);
    posts = on_post(lead);
    ASSERT_EQ(posts.as_array().size(), 1u);
    EXPECT_EQ(posts.at(0).at("lane_id").as_int64(), entry_lane_);

    EXPECT_EQ(deploy(att, user_id("teamlead"), exit_lane_).status, 403) << "attendants do not deploy";
    auto desk = deploy(lead, user_id("frontdesk"), exit_lane_);
    EXPECT_EQ(desk.status, 422);
    EXPECT_EQ(desk.error_field(), "user_id");
    EXPECT_EQ(att.post(path(std::string(kParking) + "/posts/", id_of(posts.at(0)), "/end"), "{}").status, 403);
    auto end = lead.post(path(std::string(kParking) + "/posts/", id_of(posts.at(0)), "/end"), "{}");
    EXPECT_EQ(end.status, 204) << end.body;
    EXPECT_EQ(on_post(lead).as_array().size(), 0u);
}

TEST_P(ParkingControls, PK_10_ABusyLaneWithTooFewOnPostAlertsTheTeamLeadOncePerHour) {
    auto lead = signed_in("teamlead");
    auto lot = read_ok(lead, std::string(kParking) + "/setup").at("lots").at(0);
    auto set = lead.patch(path(std::string(kParking) + "/lots/", lot_), R"({"peak_per_hour":3,"peak_min_staff":2})",
                          lot.at("version").as_int64());
    ASSERT_EQ(set.status, 200) << set.body;
    for (const char* plate : {"粵E00001", "粵E00002"}) EXPECT_EQ(info_of(at_entry(plate)), "ok");
    EXPECT_EQ(parking::check_peak_staffing(server_.db(), clock_.now_ms()), 0) << "two passes: below the threshold";
    EXPECT_EQ(info_of(at_entry("粵E00003")), "ok");
    ASSERT_EQ(deploy(lead, user_id("attendant"), entry_lane_).status, 201);
    EXPECT_EQ(parking::check_peak_staffing(server_.db(), clock_.now_ms()), 1) << "one on post, two needed";
    EXPECT_EQ(told("teamlead", "parking_understaffed"), 1);
    EXPECT_EQ(parking::check_peak_staffing(server_.db(), clock_.now_ms()), 0) << "told once in the hour";
    // The team lead joins the post: enough people, no alert in the next hour.
    ASSERT_EQ(deploy(lead, user_id("teamlead"), entry_lane_).status, 201);
    clock_.advance_ms(kHour);
    for (const char* plate : {"粵E00004", "粵E00005", "粵E00006"}) EXPECT_EQ(info_of(at_entry(plate)), "ok");
    EXPECT_EQ(parking::check_peak_staffing(server_.db(), clock_.now_ms()), 0);
    EXPECT_EQ(told("teamlead", "parking_understaffed"), 1);
}

// ---- PK-11 ----

TEST_P(ParkingControls, PK_11_TheHandoversCashCoversTheTeamLeadsReleasePaymentAtThatPost) {
    auto v = visitor_at_exit("粵B23456");
    auto att = signed_in("attendant");
    auto lead = signed_in("teamlead");
    auto h = held(att, v, "mismatch").at("hold");
    auto r = release(lead, hold(lead, id_of(h)),
                     {{"verification_note", "核對證件，確認車主"},
                      {"licence_file_id", upload_document(lead)},
                      {"id_file_id", upload_document(lead)},
                      {"statement_file_id", upload_document(lead)},
                      {"payment", bj::object{{"method", "cash"}, {"amount_cents", kTwoHourFee}}},
                      {"pass_returned", true}});
    ASSERT_EQ(r.status, 200) << r.body;
    auto preview = read_ok(att, std::string(kParking) +
                                    "/handovers/preview?shift_date=2026-11-18&shift=afternoon&post=" + enc("出口崗亭"));
    EXPECT_EQ(preview.at("system_cash_cents").as_int64(), kTwoHourFee) << "the team lead's cash at the post counts";
    auto created = handover(att, kTwoHourFee);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.json().at("system_cash_cents").as_int64(), kTwoHourFee);
    ASSERT_EQ(created.json().at("cash_visits").as_array().size(), 1u);
    EXPECT_EQ(created.json().at("cash_visits").at(0).at("paid_by").at("id").as_int64(), user_id("teamlead"));

    // One handover per post and shift; a post is one of the car park's booths.
    auto twice = handover(lead, kTwoHourFee);
    EXPECT_EQ(twice.status, 409) << twice.body;
    EXPECT_EQ(twice.error_code(), "handover_exists");
    auto nowhere = handover(att, 0, {{"post", "天台"}});
    EXPECT_EQ(nowhere.status, 422);
    EXPECT_EQ(nowhere.error_field(), "post");
    // The entry booth's shift is its own.
    EXPECT_EQ(handover(att, 0, {{"post", "入口崗亭"}}).status, 201);
}

INSTANTIATE_TEST_SUITE_P(Backends, ParkingControls, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
