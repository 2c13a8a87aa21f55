// The car park's cameras through the real server, on SQLite and PostgreSQL (issue 6, PK-3 … PK-9):
// shared/GATE-PROTOCOL.md as a camera speaks it — plate pushes at the entry and exit lanes and what
// the register makes of them (passes, fees, free exits, cards, holds, military/police plates), the
// attendant's payment opening the exit on the camera's next heartbeat, refused and malformed
// pushes, exact duplicates, the 4 MiB limit, an offline backlog replayed and reconciled, both
// heartbeat forms, the whitelist kept in step with the cards, and the LED/voice frames (GB2312,
// CRC-16/Modbus) checked byte by byte.

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <latch>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "support/api_fixture.hpp"
#include "support/api_helpers.hpp"
#include "support/live_socket.hpp"
#include "support/parking_fixture.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {
namespace {

namespace bj = boost::json;

// A tiny JFIF file (what the camera's imageFile starts with), and its base64.
constexpr unsigned char kJpegBytes[] = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00,
                                        0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9};
constexpr const char* kJpegBase64 = "/9j/4AAQSkZJRgABAQAAAQABAAD/2Q==";

// GB2312 bytes of the Simplified text, worked out with `iconv -f UTF-8 -t GB2312`.
constexpr const char* kGbPlate = "d4c1423233343536";                         // 粤B23456
constexpr const char* kGbVisitorWelcome = "c1d9cab1b3b520bbb6d3adb9e2c1d9";  // 临时车 欢迎光临
constexpr const char* kGbPayFee = "c7ebbdc9b7d12034302e3030d4aa";            // 请缴费 40.00元
constexpr const char* kGbWelcome = "bbb6d3adb9e2c1d9";                       // 欢迎光临
constexpr const char* kGbGoodJourney = "d2bbc2b7cbb3b7e7";                   // 一路顺风

bool contains_bytes(const std::vector<uint8_t>& hay, const std::vector<uint8_t>& needle) {
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

// The frames of a reply's serialData, each checked against the protocol: serialChannel 0, dataLen
// the DECODED byte count, 00 64 FF FF CMD LEN DATA… CRC16 with LEN the data length and the CRC-16/
// Modbus of every byte before it, low byte first.
std::vector<std::vector<uint8_t>> checked_frames(const bj::object& reply) {
    std::vector<std::vector<uint8_t>> out;
    if (!reply.contains("serialData")) return out;
    for (const auto& entry : reply.at("serialData").as_array()) {
        const auto& e = entry.as_object();
        EXPECT_EQ(e.at("serialChannel").as_int64(), 0);
        auto bytes = unbase64(str(e.at("data")));
        EXPECT_EQ(e.at("dataLen").as_int64(), static_cast<int64_t>(bytes.size())) << "dataLen is the decoded size";
        EXPECT_GE(bytes.size(), 8u);
        if (bytes.size() < 8) continue;
        EXPECT_EQ(bytes[0], 0x00);
        EXPECT_EQ(bytes[1], 0x64);
        EXPECT_EQ(bytes[2], 0xFF);
        EXPECT_EQ(bytes[3], 0xFF);
        EXPECT_EQ(bytes[5], bytes.size() - 8) << "LEN counts DATA";
        uint16_t crc = modbus_crc(bytes, bytes.size() - 2);
        EXPECT_EQ(bytes[bytes.size() - 2], crc & 0xFF) << "CRC low byte first";
        EXPECT_EQ(bytes[bytes.size() - 1], crc >> 8);
        out.push_back(std::move(bytes));
    }
    return out;
}

// The spoken text of a reply: the DATA after the option byte 0x01 of its one 0x30 frame.
std::vector<uint8_t> spoken(const std::vector<std::vector<uint8_t>>& frames) {
    std::vector<uint8_t> out;
    int n = 0;
    for (const auto& f : frames) {
        if (f[4] != 0x30) continue;
        ++n;
        EXPECT_EQ(f[6], 0x01) << "the speak command's option byte";
        out.assign(f.begin() + 7, f.end() - 2);
    }
    EXPECT_EQ(n, 1) << "one voice frame";
    return out;
}

const bj::object* lane_in(const bj::value& booth_or_setup, int64_t lane_id) {
    for (const auto& l : booth_or_setup.at("lanes").as_array())
        if (l.at("id").as_int64() == lane_id) return &l.as_object();
    return nullptr;
}

class ParkingGate : public ParkingTest {
  protected:
    std::unique_ptr<LiveSocket> live(const HttpClient& c) { return open_live(server_.port(), c); }
};

// ---- PK-3, PK-5: a visitor through both cameras ----

TEST_P(ParkingGate, PK_3_PK_5_AVisitorEntersByCameraPaysCashAtTheExitAndTheExitCameraOpensOnItsNextHeartbeatOnly) {
    auto att = signed_in("attendant");
    auto in = alarm_reply(at_entry("粵B23456"));
    EXPECT_EQ(str(in.at("info")), "ok");
    EXPECT_EQ(in.at("plateid").as_int64(), next_plateid_);
    auto v = stay_of(att, "粵B23456");
    EXPECT_EQ(str(v.at("status")), "inside");
    EXPECT_EQ(str(v.at("category")), "visitor");
    EXPECT_EQ(str(v.at("visitor_reason")), "no_card");
    EXPECT_EQ(v.at("pass_no"), bj::value("T2026-000002")) << "the demo's 粵B88888 holds T2026-000001";
    EXPECT_EQ(str(v.at("entry_method")), "camera");
    EXPECT_EQ(v.at("entry_lane_id").as_int64(), entry_lane_);
    EXPECT_EQ(v.at("entry_at"), hk(kStart));
    ASSERT_EQ(v.at("events").as_array().size(), 1u);
    EXPECT_EQ(str(v.at("events").at(0).at("decision")), "open");

    clock_.advance_ms(2 * kHour);
    auto out = alarm_reply(at_exit("粵B23456"));
    EXPECT_EQ(str(out.at("info")), "no") << "the barrier stays down until the fee is taken";
    att = signed_in("attendant");  // the 2-hour idle timeout ended the session
    v = stay_of(att, "粵B23456");
    EXPECT_EQ(str(v.at("status")), "exiting");
    EXPECT_EQ(v.at("fee_cents").as_int64(), kTwoHourFee);
    EXPECT_EQ(str(v.at("charged_as")), "visitor");
    EXPECT_EQ(v.at("exit_lane_id").as_int64(), exit_lane_);
    EXPECT_EQ(v.at("paid_cents").as_int64(), 0);
    EXPECT_TRUE(v.at("receipt_no").is_null());
    ASSERT_EQ(v.at("events").as_array().size(), 2u);
    EXPECT_EQ(str(v.at("events").at(1).at("decision")), "hold");
    EXPECT_EQ(str(v.at("events").at(1).at("reason")), "fee_due");
    EXPECT_EQ(v.at("events").at(1).at("fee_cents").as_int64(), kTwoHourFee);

    // The booth shows the car waiting at the exit barrier.
    auto booth = read_ok(att, std::string(kParking) + "/booth", "booth");
    const auto* exit_lane = lane_in(booth, exit_lane_);
    ASSERT_NE(exit_lane, nullptr);
    ASSERT_EQ(exit_lane->at("waiting").as_array().size(), 1u);
    EXPECT_EQ(id_of(exit_lane->at("waiting").at(0)), id_of(v));

    EXPECT_EQ(info_of(exit_heartbeat()), "no") << "nothing paid yet";
    auto paid = pay_cash(att, v, kTwoHourFee);
    EXPECT_EQ(str(paid.at("status")), "exited");
    EXPECT_EQ(paid.at("receipt_no"), bj::value("PK2026-000001"));
    EXPECT_EQ(paid.at("paid_cents").as_int64(), kTwoHourFee);
    EXPECT_EQ(paid.at("payment_method"), bj::value("cash"));
    EXPECT_EQ(paid.at("paid_by").at("id").as_int64(), user_id("attendant"));
    EXPECT_EQ(paid.at("paid_at"), hk(kStart + 2 * kHour));
    EXPECT_EQ(paid.at("exit_at"), hk(kStart + 2 * kHour));
    EXPECT_TRUE(paid.at("pass_returned").as_bool());
    EXPECT_TRUE(paid.at("free_category").is_null());

    EXPECT_EQ(info_of(heartbeat(kEntryToken, kEntrySerial)), "no") << "only the exit lane was told to open";
    EXPECT_EQ(info_of(exit_heartbeat()), "ok") << "the exit opens on its next heartbeat";
    EXPECT_EQ(info_of(exit_heartbeat()), "no") << "…and only once";
    EXPECT_EQ(stays_of("粵B23456"), 1);
}

// ---- PK-6: free exits the camera decides ----

TEST_P(ParkingGate, PK_6_AStayOfExactly15MinutesLeavesFreeAndOneMillisecondMoreIsCharged) {
    auto att = signed_in("attendant");
    EXPECT_EQ(info_of(at_entry("粵B30001")), "ok");
    EXPECT_EQ(info_of(at_entry("粵B30002")), "ok");

    clock_.set(kStart + 15 * kMinute);
    EXPECT_EQ(info_of(at_exit("粵B30001")), "ok");
    auto free = stay_of(att, "粵B30001");
    EXPECT_EQ(str(free.at("status")), "exited");
    EXPECT_EQ(free.at("free_category"), bj::value("free_period"));
    EXPECT_EQ(free.at("fee_cents").as_int64(), 0);
    EXPECT_EQ(free.at("paid_cents").as_int64(), 0);
    EXPECT_TRUE(free.at("receipt_no").is_null());
    EXPECT_TRUE(free.at("payment_method").is_null());
    EXPECT_FALSE(str(free.at("remarks")).empty()) << "PK-6: the reason is in the register's remarks";
    EXPECT_EQ(free.at("exit_at"), hk(kStart + 15 * kMinute));
    EXPECT_EQ(str(free.at("exit_method")), "camera");
    EXPECT_EQ(info_of(exit_heartbeat()), "no") << "the camera's own reply opened the barrier; no second open";

    clock_.set(kStart + 15 * kMinute + 1);
    EXPECT_EQ(info_of(at_exit("粵B30002")), "no");
    auto charged = stay_of(att, "粵B30002");
    EXPECT_EQ(str(charged.at("status")), "exiting");
    EXPECT_EQ(charged.at("fee_cents").as_int64(), 2000) << "charged from entry: the first 60-minute block";
    EXPECT_TRUE(charged.at("free_category").is_null());
}

TEST_P(ParkingGate, PK_4_PK_6_AValidMonthlyCardEntersWithoutAPassAndLeavesFree) {
    auto att = signed_in("attendant");
    EXPECT_EQ(info_of(at_entry("粵B12345")), "ok");
    auto v = stay_of(att, "粵B12345");
    EXPECT_EQ(str(v.at("category")), "card");
    EXPECT_EQ(str(v.at("card_no")), "M-0001");
    EXPECT_EQ(v.at("card_id").as_int64(), card1_);
    EXPECT_TRUE(v.at("pass_no").is_null()) << "passes are for visitors (PK-3)";

    clock_.advance_ms(3 * kHour);
    EXPECT_EQ(info_of(at_exit("粵B12345")), "ok");
    att = signed_in("attendant");  // the 2-hour idle timeout ended the session
    v = stay_of(att, "粵B12345");
    EXPECT_EQ(str(v.at("status")), "exited");
    EXPECT_EQ(v.at("free_category"), bj::value("card"));
    EXPECT_EQ(str(v.at("charged_as")), "card");
    EXPECT_EQ(v.at("fee_cents").as_int64(), 0);
    EXPECT_EQ(v.at("paid_cents").as_int64(), 0);
    EXPECT_TRUE(v.at("receipt_no").is_null());
}

// ---- PK-4: invalid cards are charged as visitors ----

TEST_P(ParkingGate, PK_4_AnExpiredCardIsChargedAsAVisitorWithReasonCardExpired) {
    auto att = signed_in("attendant");
    EXPECT_EQ(info_of(at_entry("粵B54321")), "ok");
    auto v = stay_of(att, "粵B54321");
    EXPECT_EQ(str(v.at("category")), "visitor");
    EXPECT_EQ(str(v.at("visitor_reason")), "card_expired");
    EXPECT_EQ(v.at("card_id").as_int64(), card2_);
    EXPECT_FALSE(v.at("pass_no").is_null()) << "charged as a visitor, so given a pass";

    clock_.advance_ms(2 * kHour);
    EXPECT_EQ(info_of(at_exit("粵B54321")), "no");
    att = signed_in("attendant");  // the 2-hour idle timeout ended the session
    v = stay_of(att, "粵B54321");
    EXPECT_EQ(str(v.at("status")), "exiting");
    EXPECT_EQ(str(v.at("charged_as")), "visitor");
    EXPECT_EQ(str(v.at("visitor_reason")), "card_expired");
    EXPECT_EQ(v.at("fee_cents").as_int64(), kTwoHourFee);
}

TEST_P(ParkingGate, PK_4_ACardSuspendedByTheTeamLeadIsChargedAsAVisitorWithReasonCardSuspended) {
    auto lead = signed_in("teamlead");
    auto att = signed_in("attendant");
    auto card = read_ok(lead, path(std::string(kParking) + "/cards/", card1_), "card");
    EXPECT_TRUE(card.at("valid_now").as_bool());
    EXPECT_EQ(card.at("valid_from"), bj::value("2026-01-01"));
    EXPECT_EQ(card.at("valid_to"), bj::value("2026-12-31")) << "the last valid day, inclusive";
    auto suspended = take_step(lead, std::string(kParking) + "/cards/", card, "suspend", {{"reason", "欠繳月租"}});
    EXPECT_EQ(str(suspended.at("status")), "suspended");
    EXPECT_EQ(str(suspended.at("suspended_reason")), "欠繳月租");

    EXPECT_EQ(info_of(at_entry("粵B12345")), "ok") << "a visitor is let in, with a pass";
    auto v = stay_of(att, "粵B12345");
    EXPECT_EQ(str(v.at("category")), "visitor");
    EXPECT_EQ(str(v.at("visitor_reason")), "card_suspended");
    EXPECT_FALSE(v.at("pass_no").is_null());

    clock_.advance_ms(2 * kHour);
    EXPECT_EQ(info_of(at_exit("粵B12345")), "no");
    att = signed_in("attendant");  // the 2-hour idle timeout ended the session
    v = stay_of(att, "粵B12345");
    EXPECT_EQ(str(v.at("charged_as")), "visitor");
    EXPECT_EQ(str(v.at("visitor_reason")), "card_suspended");
    EXPECT_EQ(v.at("fee_cents").as_int64(), kTwoHourFee);
}

TEST_P(ParkingGate, PK_4_ACardSuspendedWhileItsCarIsInsideIsChargedAsAVisitorAtTheExit) {
    auto lead = signed_in("teamlead");
    auto att = signed_in("attendant");
    EXPECT_EQ(info_of(at_entry("粵B12345")), "ok");
    EXPECT_EQ(str(stay_of(att, "粵B12345").at("category")), "card");
    auto card = read_ok(lead, path(std::string(kParking) + "/cards/", card1_), "card");
    take_step(lead, std::string(kParking) + "/cards/", card, "suspend", {{"reason", "車主退租"}});

    clock_.advance_ms(2 * kHour);
    EXPECT_EQ(info_of(at_exit("粵B12345")), "no");
    att = signed_in("attendant");  // the 2-hour idle timeout ended the session
    auto v = stay_of(att, "粵B12345");
    EXPECT_EQ(str(v.at("status")), "exiting");
    EXPECT_EQ(str(v.at("charged_as")), "visitor");
    EXPECT_EQ(str(v.at("visitor_reason")), "card_suspended");
    EXPECT_EQ(v.at("fee_cents").as_int64(), kTwoHourFee) << "by the visitor tariff from its entry";
}

// ---- PK-3: one stay at a time ----

TEST_P(ParkingGate, PK_3_APlateAlreadyInsideIsRefusedAtTheCameraAndNoSecondStayIsOpened) {
    auto att = signed_in("attendant");
    int64_t events = server_.count("gate_events");
    EXPECT_EQ(info_of(at_entry("粵B88888")), "no");
    EXPECT_EQ(info_of(at_entry("粤B88888")), "no") << "the Simplified reading is the same plate";
    EXPECT_EQ(server_.count("gate_events"), events + 2);
    EXPECT_EQ(events_where("decision = 'refuse' AND reason = 'already_inside'"), 2);
    EXPECT_EQ(stays_of("粵B88888"), 1);
    EXPECT_EQ(stays_of("粤B88888"), 0);
    EXPECT_EQ(str(stay_of(att, "粵B88888").at("status")), "inside");

    auto manual =
        att.post(std::string(kParking) + "/entries",
                 bj::serialize(bj::object{
                     {"lane_id", entry_lane_}, {"plate", "粵B88888"}, {"method", "manual"}, {"goods_checked", true}}));
    EXPECT_EQ(manual.status, 409) << manual.body;
    EXPECT_NE(manual.body.find("already_inside"), std::string::npos) << manual.body;
    EXPECT_NE(manual.body.find(std::to_string(stay_id("粵B88888"))), std::string::npos)
        << "the message names the stay: " << manual.body;
    EXPECT_EQ(stays_of("粵B88888"), 1);
}

// ---- PK-8: an exit with no entry record ----

TEST_P(ParkingGate, PK_8_AnExitWithNoEntryRecordIsHeldAndTheTeamLeadsAreTold) {
    auto att = signed_in("attendant");
    EXPECT_EQ(info_of(at_exit("粵B00001")), "no");
    auto holds = att.get(std::string(kParking) + "/holds?status=held");
    ASSERT_EQ(holds.status, 200) << holds.body;
    auto items = holds.json().at("items").as_array();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(str(items[0].at("reason")), "no_entry");
    EXPECT_EQ(str(items[0].at("plate")), "粵B00001");
    EXPECT_EQ(items[0].at("lane_id").as_int64(), exit_lane_);
    EXPECT_EQ(str(items[0].at("status")), "held");
    auto v = stay_of(att, "粵B00001");
    EXPECT_EQ(str(v.at("status")), "held");
    EXPECT_EQ(str(v.at("entry_method")), "none");
    EXPECT_TRUE(v.at("entry_at").is_null());
    EXPECT_EQ(told("teamlead", "parking_hold"), 1);
    EXPECT_EQ(told("attendant", "parking_hold"), 0);

    // The camera reads it again: still held, no second hold or stay.
    EXPECT_EQ(info_of(at_exit("粵B00001")), "no");
    EXPECT_EQ(server_.count("parking_holds"), 1);
    EXPECT_EQ(stays_of("粵B00001"), 1);
    EXPECT_EQ(events_where("reason = 'held'"), 1);
}

// ---- PK-9: military and police plates ----

TEST_P(ParkingGate, PK_9_AMilitaryOrPolicePlateAtTheCameraOpensLeavesFreeAndRecordsAnIncident) {
    auto att = signed_in("attendant");
    EXPECT_EQ(info_of(at_entry("粵A1234警")), "ok");
    auto v = stay_of(att, "粵A1234警");
    EXPECT_EQ(str(v.at("category")), "military_police");
    auto list = att.get(std::string(kParking) + "/incidents?kind=military_police");
    ASSERT_EQ(list.status, 200) << list.body;
    auto items = list.json().at("items").as_array();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(str(items[0].at("plate")), "粵A1234警");
    EXPECT_EQ(items[0].at("visit_id").as_int64(), id_of(v));
    EXPECT_EQ(items[0].at("lane_id").as_int64(), entry_lane_);
    EXPECT_EQ(str(items[0].at("status")), "open");

    clock_.advance_ms(3 * kHour);
    EXPECT_EQ(info_of(at_exit("粵A1234警")), "ok");
    att = signed_in("attendant");  // the 2-hour idle timeout ended the session
    v = stay_of(att, "粵A1234警");
    EXPECT_EQ(str(v.at("status")), "exited");
    EXPECT_EQ(v.at("free_category"), bj::value("policy"));
    EXPECT_EQ(v.at("paid_cents").as_int64(), 0);
    EXPECT_FALSE(str(v.at("remarks")).empty());
}

// ---- PK-7: what the server does with a bad push ----

TEST_P(ParkingGate, PK_7_MalformedOrIncompletePushesAreAnsweredNoAndStoreNothing) {
    auto full = bj::parse(push_body({kEntrySerial, "粵B23456", 9001, kStart / 1000}));
    auto without = [&](const char* key) {
        bj::value v = full;
        auto& alarm = v.at("AlarmInfoPlate").as_object();
        if (std::string(key) == "serialno")
            alarm.erase("serialno");
        else
            alarm.at("result").at("PlateResult").as_object().erase(key);
        return bj::serialize(v);
    };
    int64_t events = server_.count("gate_events"), stays = server_.count("parking_visits");
    std::map<std::string, std::string> bodies{{"not JSON", "{\"AlarmInfoPlate\":{\"serialno\":"},
                                              {"an array", "[1,2,3]"},
                                              {"no AlarmInfoPlate", "{\"heartbeat\":{}}"},
                                              {"no serialno", without("serialno")},
                                              {"no license", without("license")},
                                              {"no plateid", without("plateid")}};
    for (const auto& [what, body] : bodies) {
        auto r = camera_.post(std::string("/gate/vz/") + kEntryToken + "/plate", body,
                              {{"Content-Type", "application/Json"}});
        EXPECT_EQ(r.status, 200) << what;
        EXPECT_EQ(info_of(r), "no") << what << ": " << r.body;
    }
    EXPECT_EQ(server_.count("gate_events"), events);
    EXPECT_EQ(server_.count("parking_visits"), stays);
    EXPECT_EQ(stays_of("粵B23456"), 0);
}

TEST_P(ParkingGate, PK_7_APushOver4MiBIs413AndOneOfExactly4MiBIsHandled) {
    auto over = send_head_only(server_.port(), std::string("POST /gate/vz/") + kEntryToken +
                                                   "/plate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                                                   "application/Json\r\nContent-Length: " +
                                                   std::to_string(4 * 1024 * 1024 + 1) + "\r\n\r\n");
    EXPECT_EQ(over.status, 413) << over.body;

    // A big picture: the JSON padded with trailing whitespace to the limit exactly.
    std::string body = push_body({kEntrySerial, "粵B23456", 9002, kStart / 1000, false, false, kJpegBase64});
    body.resize(4 * 1024 * 1024, ' ');
    auto at_limit =
        camera_.post(std::string("/gate/vz/") + kEntryToken + "/plate", body, {{"Content-Type", "application/Json"}});
    EXPECT_EQ(info_of(at_limit), "ok") << at_limit.body;
    EXPECT_EQ(stays_of("粵B23456"), 1);
}

TEST_P(ParkingGate, PK_7_NoPlateReadKeepsTheBarrierDownAndPutsNothingInTheRegister) {
    int64_t stays = server_.count("parking_visits"), holds = server_.count("parking_holds");
    auto entry = alarm_reply(at_entry("_无_"));
    EXPECT_EQ(str(entry.at("info")), "no");
    auto exit = alarm_reply(at_exit("_无_"));
    EXPECT_EQ(str(exit.at("info")), "no");
    EXPECT_EQ(events_where("plate = '_无_' AND decision = 'hold' AND reason = 'no_plate'"), 2);
    EXPECT_EQ(server_.count("parking_visits"), stays);
    EXPECT_EQ(server_.count("parking_holds"), holds);
}

// BUG (src/parking/api_gate.cpp, system_admins()): the query looks for the system admins in
// user_site_roles with role = 'system_admin', but a system admin is a flag on the user
// (users.system_admin = 1) and that role is never stored per site (org/api_staff.cpp refuses it),
// so a push or heartbeat on an unknown token alerts nobody. Fix: SELECT id FROM users WHERE
// system_admin = 1 AND active = 1.
TEST_P(ParkingGate, PK_7_AnUnknownTokenIsRefusedLoggedAsRejectedAndTheSystemAdminsAreTold) {
    std::string serial = unique_serial("ghost");
    int64_t stays = server_.count("parking_visits");
    EXPECT_EQ(info_of(push("no-such-camera-token-42", {serial, "粵B23456"})), "no");
    EXPECT_EQ(events_where("decision = 'rejected' AND reason = 'unknown_token' AND camera_id IS NULL AND serialno = '" +
                           serial + "'"),
              1);
    EXPECT_EQ(told("admin", "gate_unknown_device"), 1);
    EXPECT_EQ(server_.count("parking_visits"), stays);
    // A heartbeat on an unknown token opens nothing either.
    EXPECT_EQ(info_of(heartbeat("no-such-camera-token-42", serial)), "no");
}

TEST_P(ParkingGate, PK_7_TheRightTokenWithAnotherSerialnoIsRefusedAndTheTeamLeadsAreTold) {
    auto att = signed_in("attendant");
    std::string serial = unique_serial("swapped");
    EXPECT_EQ(info_of(push(kEntryToken, {serial, "粵B23456"})), "no");
    EXPECT_EQ(events_where("decision = 'rejected' AND reason = 'serialno_mismatch' AND serialno = '" + serial + "'"),
              1);
    EXPECT_EQ(told("teamlead", "gate_unknown_device"), 1);
    EXPECT_EQ(stays_of("粵B23456"), 0);

    // An attendant's open waits for the real camera: a heartbeat under another serialno neither
    // opens nor uses it up.
    auto open = att.post(path(std::string(kParking) + "/lanes/", entry_lane_, "/open"), R"({"reason":"手動開閘"})");
    ASSERT_EQ(open.status, 202) << open.body;
    EXPECT_EQ(info_of(heartbeat(kEntryToken, serial)), "no");
    EXPECT_EQ(info_of(heartbeat(kEntryToken, kEntrySerial)), "ok");
}

TEST_P(ParkingGate, PK_7_ADeactivatedCameraOpensNothing) {
    auto lead = signed_in("teamlead");
    auto setup = read_ok(lead, std::string(kParking) + "/setup", "setup");
    bj::value cam;
    for (const auto& lane : setup.at("lots").at(0).at("lanes").as_array())
        for (const auto& c : lane.at("cameras").as_array())
            if (str(c.at("serialno")) == kEntrySerial) cam = c;
    ASSERT_TRUE(cam.is_object());
    auto off = lead.patch(path(std::string(kParking) + "/cameras/", id_of(cam)), R"({"active":false})",
                          cam.at("version").as_int64());
    ASSERT_EQ(off.status, 200) << off.body;
    EXPECT_FALSE(off.json().at("active").as_bool());
    auto att = signed_in("attendant");
    ASSERT_EQ(att.post(path(std::string(kParking) + "/lanes/", entry_lane_, "/open"), R"({"reason":"x"})").status, 409)
        << "no active camera on the lane to open";

    PushSpec p{kEntrySerial, "粵B23456"};
    EXPECT_EQ(info_of(push(kEntryToken, p)), "no");
    EXPECT_EQ(events_where("decision = 'rejected' AND serialno = '" + std::string(kEntrySerial) + "'"), 1);
    EXPECT_EQ(stays_of("粵B23456"), 0);
    EXPECT_EQ(info_of(heartbeat(kEntryToken, kEntrySerial)), "no");
}

TEST_P(ParkingGate, PK_7_AnExactDuplicatePushGetsByteIdenticalRepliesAndStoresOneEventAndOneStay) {
    auto att = signed_in("attendant");
    PushSpec p{kEntrySerial, "粵B23456", 777, kStart / 1000, false, false, kJpegBase64};
    auto first = push(kEntryToken, p);
    clock_.advance_ms(800);  // the camera's retry, a moment later
    auto again = push(kEntryToken, p);
    EXPECT_EQ(info_of(first), "ok");
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(events_where("plateid = 777"), 1);
    EXPECT_EQ(stays_of("粵B23456"), 1);
    EXPECT_EQ(server_.count("gate_snapshots"), 1);

    // The camera's picture is kept with the event.
    auto v = stay_of(att, "粵B23456");
    ASSERT_EQ(v.at("events").as_array().size(), 1u);
    const auto& snap = v.at("events").at(0).at("snapshot_id");
    ASSERT_FALSE(snap.is_null());
    auto pic = att.get(path(std::string(kParking) + "/snapshots/", snap.as_int64()));
    EXPECT_EQ(pic.status, 200);
    EXPECT_EQ(pic.header("content-type"), "image/jpeg");
    EXPECT_EQ(pic.body, std::string(reinterpret_cast<const char*>(kJpegBytes), sizeof kJpegBytes));
}

// The camera retries up to four times at once when a reply is slow: the copies race, and each
// gets the one decision.
TEST_P(ParkingGate, PK_7_FourCopiesOfAPushSentAtOnceGetOneDecisionOneEventAndOneStay) {
    PushSpec p{kEntrySerial, "粵B23456", 4242, kStart / 1000};
    std::string body = push_body(p);
    std::vector<HttpResult> replies(4);
    std::latch go(4);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < replies.size(); ++i)
        threads.emplace_back([&, i] {
            HttpClient c = server_.client();
            go.arrive_and_wait();
            replies[i] = c.post(std::string("/gate/vz/") + kEntryToken + "/plate", body);
        });
    for (auto& t : threads) t.join();
    for (const auto& r : replies) {
        EXPECT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.body, replies[0].body);
    }
    EXPECT_EQ(info_of(replies[0]), "ok");
    EXPECT_EQ(events_where("plateid = 4242"), 1);
    EXPECT_EQ(stays_of("粵B23456"), 1);
}

// PK-7 / the booth: every camera event goes live to the site's parking staff as soon as it is
// stored (the channel the web app opens, /api/v1/events), and not to staff without parking rights.
TEST_P(ParkingGate, PK_7_TheBoothSeesEachCameraEventLiveAndStaffWithoutParkingRightsDoNot) {
    auto att = signed_in("attendant");
    auto fd = signed_in("frontdesk");
    auto booth = live(att);
    auto desk = live(fd);
    EXPECT_EQ(booth->next(), R"({"type":"hello"})");
    EXPECT_EQ(desk->next(), R"({"type":"hello"})");

    EXPECT_EQ(info_of(at_entry("粵B23456")), "ok");
    auto msg = bj::parse(booth->next());
    EXPECT_EQ(msg.at("type"), bj::value("gate_event"));
    EXPECT_EQ(msg.at("site_id").as_int64(), 1);
    const auto& e = msg.at("event");
    EXPECT_EQ(str(e.at("plate")), "粵B23456");
    EXPECT_EQ(str(e.at("decision")), "open");
    EXPECT_EQ(e.at("lane_id").as_int64(), entry_lane_);
    EXPECT_EQ(e.at("visit_id").as_int64(), stay_id("粵B23456"));
    EXPECT_EQ(e.at("received_at"), hk(kStart));

    // The front desk's next message is its own notification, not the gate event.
    ASSERT_EQ(fd.post("/api/v1/notifications/test", "").status, 201);
    EXPECT_EQ(bj::parse(desk->next()).at("type"), bj::value("notification"));
}

// ---- PK-7: heartbeats ----

TEST_P(ParkingGate, PK_7_HeartbeatsAreAcceptedAsMultipartAndAsJsonAndMarkTheCameraOnline) {
    auto lead = signed_in("teamlead");
    auto before = read_ok(lead, std::string(kParking) + "/setup", "setup");
    auto cams = [&](const bj::value& setup) {
        std::map<std::string, bj::object> out;
        for (const auto& lane : setup.at("lots").at(0).at("lanes").as_array())
            for (const auto& c : lane.at("cameras").as_array()) out[str(c.at("serialno"))] = c.as_object();
        return out;
    };
    EXPECT_FALSE(cams(before)[kEntrySerial].at("online").as_bool());
    EXPECT_TRUE(cams(before)[kEntrySerial].at("last_seen_at").is_null());

    auto multipart = heartbeat(kEntryToken, kEntrySerial);
    EXPECT_EQ(multipart.status, 200);
    EXPECT_EQ(info_of(multipart), "no");
    auto json = json_heartbeat(kExitToken, kExitSerial, 7);
    EXPECT_EQ(json.status, 200);
    EXPECT_EQ(info_of(json), "no");

    auto after = cams(read_ok(lead, std::string(kParking) + "/setup", "setup"));
    EXPECT_TRUE(after[kEntrySerial].at("online").as_bool());
    EXPECT_EQ(after[kEntrySerial].at("last_seen_at"), hk(kStart));
    EXPECT_TRUE(after[kExitSerial].at("online").as_bool()) << "the JSON form counts as a heartbeat too";
    EXPECT_EQ(events_where("decision = 'rejected'"), 0);
}

TEST_P(ParkingGate, PK_7_TheWhitelistFollowsTheValidCardsFiveEntriesAHeartbeatAndASuspensionSendsADelete) {
    auto lead = signed_in("teamlead");
    for (int i = 1; i <= 5; ++i) {
        auto r = lead.post(std::string(kParking) + "/cards",
                           bj::serialize(bj::object{{"lot_id", lot_},
                                                    {"card_no", "M-010" + std::to_string(i)},
                                                    {"kind", "monthly"},
                                                    {"holder_name", "住戶" + std::to_string(i)},
                                                    {"valid_from", "2026-01-01"},
                                                    {"valid_to", "2026-12-31"},
                                                    {"plates", bj::array{"粵D1000" + std::to_string(i)}}}));
        ASSERT_EQ(r.status, 201) << r.body;
        EXPECT_EQ(r.json().at("valid_to"), bj::value("2026-12-31")) << "the last valid day, inclusive";
    }

    // Every add goes out, at most five to a reply, on the entry camera's heartbeats.
    std::map<std::string, bj::object> added;
    int replies_with_entries = 0;
    for (int beat = 0; beat < 6; ++beat) {
        auto r = alarm_reply(heartbeat(kEntryToken, kEntrySerial));
        if (!r.contains("white_list_operate")) break;
        const auto& op = r.at("white_list_operate").as_object();
        if (op.at("operate_type").as_int64() == 1) {
            // Deletes come after every add: the expired M-0002's plate is not kept on the camera.
            for (const auto& e : op.at("white_list_data").as_array()) EXPECT_EQ(str(e.at("plate")), "粤B54321");
            continue;
        }
        ++replies_with_entries;
        const auto& data = op.at("white_list_data").as_array();
        EXPECT_GE(data.size(), 1u);
        EXPECT_LE(data.size(), 5u);
        for (const auto& e : data) added[str(e.at("plate"))] = e.as_object();
    }
    EXPECT_GE(replies_with_entries, 2) << "six valid plates need at least two replies";
    for (const char* plate : {"粤B12345", "粤D10001", "粤D10002", "粤D10003", "粤D10004", "粤D10005"})
        EXPECT_TRUE(added.count(plate)) << plate << " (the camera reads Simplified)";
    ASSERT_TRUE(added.count("粤B12345"));
    const auto& m1 = added["粤B12345"];
    EXPECT_EQ(m1.at("enable").as_int64(), 1);
    EXPECT_EQ(m1.at("need_alarm").as_int64(), 0);
    EXPECT_EQ(m1.at("enable_time"), bj::value("2026-01-01 00:00:00"));
    EXPECT_EQ(m1.at("overdue_time"), bj::value("2026-12-31 23:59:59"));
    // M-0002 ran out with last year: if it is sent at all, the camera must see it as overdue.
    if (added.count("粤B54321")) {
        EXPECT_LT(str(added["粤B54321"].at("overdue_time")), std::string("2026-11-18"));
    }
    EXPECT_FALSE(alarm_reply(heartbeat(kEntryToken, kEntrySerial)).contains("white_list_operate"));

    // Suspending M-0001 deletes its plate from the camera, once.
    auto card = read_ok(lead, path(std::string(kParking) + "/cards/", card1_), "card");
    card = take_step(lead, std::string(kParking) + "/cards/", card, "suspend", {{"reason", "欠繳月租"}});
    auto del = alarm_reply(heartbeat(kEntryToken, kEntrySerial));
    ASSERT_TRUE(del.contains("white_list_operate")) << bj::serialize(del);
    EXPECT_EQ(del.at("white_list_operate").at("operate_type").as_int64(), 1) << "delete";
    const auto& gone = del.at("white_list_operate").at("white_list_data").as_array();
    ASSERT_EQ(gone.size(), 1u);
    EXPECT_EQ(str(gone[0].at("plate")), "粤B12345");
    EXPECT_FALSE(alarm_reply(heartbeat(kEntryToken, kEntrySerial)).contains("white_list_operate"));

    // Resuming it adds it back.
    take_step(lead, std::string(kParking) + "/cards/", card, "resume");
    auto back = alarm_reply(heartbeat(kEntryToken, kEntrySerial));
    ASSERT_TRUE(back.contains("white_list_operate"));
    EXPECT_EQ(back.at("white_list_operate").at("operate_type").as_int64(), 0);
    EXPECT_EQ(str(back.at("white_list_operate").at("white_list_data").at(0).at("plate")), "粤B12345");

    // The exit camera has its own copy of every add still waiting.
    auto exit_first = alarm_reply(exit_heartbeat());
    ASSERT_TRUE(exit_first.contains("white_list_operate"));
    EXPECT_EQ(exit_first.at("white_list_operate").at("operate_type").as_int64(), 0);
}

// ---- PK-7: the LED board and the voice ----

TEST_P(ParkingGate, PK_7_TheLedAndVoiceFramesAreGb2312WithTheirLengthAndAModbusCrc) {
    auto in = alarm_reply(at_entry("粵B23456"));
    auto frames = checked_frames(in);
    ASSERT_FALSE(frames.empty()) << bj::serialize(in);
    bool plate_shown = false;
    for (const auto& f : frames)
        if (f[4] != 0x30 && contains_bytes(f, bytes_of_hex(kGbPlate))) plate_shown = true;
    EXPECT_TRUE(plate_shown) << "the plate, converted to 粤 and GB2312, is on the board";
    auto voice = spoken(frames);
    EXPECT_TRUE(contains_bytes(voice, bytes_of_hex(kGbPlate)));
    EXPECT_TRUE(contains_bytes(voice, bytes_of_hex(kGbVisitorWelcome))) << "臨時車 歡迎光臨 spoken in Simplified";

    clock_.advance_ms(2 * kHour);
    auto out = alarm_reply(at_exit("粵B23456"));
    auto exit_voice = spoken(checked_frames(out));
    EXPECT_TRUE(contains_bytes(exit_voice, bytes_of_hex(kGbPayFee))) << "the fee due (40.00) is spoken";
}

// PK-2 asks the attendant to salute each driver; where a camera runs the lane, its voice does it:
// a welcome on the way in, a good journey on the way out.
TEST_P(ParkingGate, PK_2_TheLaneGreetsTheDriverInAndOut) {
    auto in = spoken(checked_frames(alarm_reply(at_entry("粵B12345"))));
    EXPECT_TRUE(contains_bytes(in, bytes_of_hex(kGbWelcome))) << "月卡 歡迎光臨 spoken at the entry";
    clock_.advance_ms(kHour);
    auto out = spoken(checked_frames(alarm_reply(at_exit("粵B12345"))));
    EXPECT_TRUE(contains_bytes(out, bytes_of_hex(kGbGoodJourney))) << "一路順風 spoken at the exit";
}

// ---- PK-7: an offline backlog ----

// After reconnecting, the entry camera replays its stored records one at a time (isoffline 1,
// ctrltype 2: it opened the barrier itself from its whitelist), each sent only after the reply
// asks for the next. Among them the card car 粵B12345, which also left offline by the exit
// camera, and one record the camera did not open for. A live result interrupts the backlog and
// the interrupted record comes again. All 9,000 run on both backends through the in-process
// server, one connection and one transaction a push: measured about 10 s on SQLite and 15–20 s
// on PostgreSQL (under the 60 s that would call for a smaller PostgreSQL run).
TEST_P(ParkingGate, PK_7_AnOfflineBacklogOf9000RecordsIsReplayedStoredAndReconciled) {
    constexpr int kRecords = 9000;
    auto att = signed_in("attendant");
    const int64_t events_before = server_.count("gate_events");
    const int64_t stays_before = server_.count("parking_visits");
    const int64_t base = kStart / 1000 - 6 * 3600;  // the camera went offline six hours ago
    auto plate_of = [](int i) {
        if (i == 0) return std::string("粵B12345");  // let in from the whitelist
        if (i == 2) return std::string("粵E99999");  // recorded, but the barrier stayed down
        char buf[16];
        std::snprintf(buf, sizeof buf, "%05d", i);
        return "粵C" + std::string(buf);
    };
    auto record = [&](int i) { return PushSpec{kEntrySerial, plate_of(i), 500000 + i, base + i, true, i != 2}; };

    int bad = 0;
    std::string first_bad;
    auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < kRecords; ++i) {
        auto spec = record(i);
        auto r = push(kEntryToken, spec);
        bool ok = r.status == 200;
        if (ok) {
            auto o = alarm_reply(r);
            ok = o.contains("ContinuePushOffline") && o.at("info") == bj::value("no") &&
                 o.at("ContinuePushOffline").at("plateid").as_int64() == spec.plateid &&
                 o.at("ContinuePushOffline").at("continue").as_int64() == 1;
        }
        if (!ok && bad++ == 0) first_bad = "record " + std::to_string(i) + ": " + r.body;
        if (i == kRecords / 2) {
            // A live car interrupts; the interrupted record is sent again, exactly.
            EXPECT_EQ(info_of(at_entry("粵B23456")), "ok");
            auto again = push(kEntryToken, spec);
            EXPECT_EQ(again.body, r.body) << "a replayed record gets the reply it got";
        }
    }
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    EXPECT_EQ(bad, 0) << first_bad;
    std::printf("[ %s ] %d offline records replayed in %lld ms\n", backend_name(GetParam()).c_str(), kRecords,
                static_cast<long long>(elapsed.count()));

    // Every record is stored, once; every opened one is a stay, the card car as a card.
    EXPECT_EQ(server_.count("gate_events"), events_before + kRecords + 1);
    EXPECT_EQ(events_where("is_offline = 1 AND decision = 'reconciled'"), kRecords);
    EXPECT_EQ(server_.count("parking_visits"), stays_before + (kRecords - 1) + 1);
    EXPECT_EQ(stays_of("粵E99999"), 0) << "the barrier stayed down: nobody came in";
    auto card_car = stay_of(att, "粵B12345");
    EXPECT_EQ(str(card_car.at("category")), "card");
    EXPECT_EQ(card_car.at("entry_at"), hk(base * 1000)) << "the camera's time, not the replay's";
    auto visitor = stay_of(att, "粵C00003");
    EXPECT_EQ(str(visitor.at("status")), "inside");
    EXPECT_EQ(visitor.at("entry_at"), hk((base + 3) * 1000));

    // The exit camera's own backlog: the card car and a visitor, both let out offline, two hours
    // after they came in.
    auto card_out = alarm_reply(push(kExitToken, {kExitSerial, "粵B12345", 600001, base + 7200, true, true}));
    EXPECT_EQ(str(card_out.at("info")), "no");
    EXPECT_EQ(card_out.at("ContinuePushOffline").at("plateid").as_int64(), 600001);
    auto visitor_out = alarm_reply(push(kExitToken, {kExitSerial, "粵C00003", 600002, base + 3 + 7200, true, true}));
    EXPECT_EQ(visitor_out.at("ContinuePushOffline").at("plateid").as_int64(), 600002);

    card_car = stay_of(att, "粵B12345");
    EXPECT_EQ(str(card_car.at("status")), "exited");
    EXPECT_EQ(card_car.at("free_category"), bj::value("card"));
    EXPECT_EQ(card_car.at("fee_cents").as_int64(), 0);
    EXPECT_EQ(card_car.at("paid_cents").as_int64(), 0);
    EXPECT_TRUE(card_car.at("receipt_no").is_null());
    EXPECT_EQ(str(card_car.at("exit_method")), "offline");
    EXPECT_EQ(card_car.at("exit_at"), hk((base + 7200) * 1000));
    EXPECT_EQ(stays_of("粵B12345"), 1);

    // The visitor's fee is left for the attendant, charged once.
    visitor = stay_of(att, "粵C00003");
    EXPECT_EQ(str(visitor.at("status")), "exiting");
    EXPECT_EQ(visitor.at("fee_cents").as_int64(), kTwoHourFee);
    EXPECT_EQ(visitor.at("exit_at"), hk((base + 3 + 7200) * 1000));
    EXPECT_EQ(str(visitor.at("exit_method")), "offline");
    auto paid = pay_cash(att, visitor, kTwoHourFee);
    EXPECT_EQ(str(paid.at("status")), "exited");
    EXPECT_EQ(paid.at("paid_cents").as_int64(), kTwoHourFee);
    EXPECT_EQ(paid.at("exit_at"), hk((base + 3 + 7200) * 1000)) << "it left when the camera let it out";
    EXPECT_EQ(stays_of("粵C00003"), 1);

    auto setup = read_ok(att, std::string(kParking) + "/setup", "setup");
    // Inside: the demo's 粵B88888, the live car, and the backlog's cars but the two that left.
    EXPECT_EQ(setup.at("lots").at(0).at("inside").as_int64(), 1 + 1 + (kRecords - 1) - 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, ParkingGate, ::testing::ValuesIn(test_backends()), [](const auto& info) {
    return backend_name(info.param);
});

}  // namespace
}  // namespace propdesk::testing
