// What the car park's API tests share (PK-1 … PK-11): the demo car park's ids, a camera speaking
// shared/GATE-PROTOCOL.md (plate pushes, heartbeats in both forms), the reply's serialData frames
// read back independently of the server's code (base64, CRC-16/Modbus), and the staff steps most
// tests take (pay, hold, upload a copy).
//
// The demo seed (app::seed_demo_parking, run by TestServer like the rest of the demo site) gives
// site 1 one lot with an entry lane (camera demo-entry-0001, token demo-entry-token) and an exit
// lane (demo-exit-0001 / demo-exit-token), the tariff (15 free minutes, first 60 minutes 2000
// cents, then 1000 per 30 minutes, 500 a block starting 22:00–07:00, 15000 a day), the card
// M-0001 for 粵B12345 valid all this year, the expired card M-0002 for 粵B54321, and the visitor
// 粵B88888 inside since two hours before kStart (pass T2026-000001).
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/api_fixture.hpp"
#include "support/api_helpers.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {

inline constexpr const char* kParking = "/api/v1/sites/1/parking";
inline constexpr const char* kEntryToken = "demo-entry-token";
inline constexpr const char* kEntrySerial = "demo-entry-0001";
inline constexpr const char* kExitToken = "demo-exit-token";
inline constexpr const char* kExitSerial = "demo-exit-0001";
// Visitor fee of a 2-hour stay entered at kStart (19:06:40 in Hong Kong, so no block starts in
// the 22:00–07:00 night window): the first 60 minutes 2000 + two 30-minute blocks (20:06:40,
// 20:36:40) at 1000 = 4000 cents.
inline constexpr int64_t kTwoHourFee = 4000;

// One plate result as a camera pushes it.
struct PushSpec {
    PushSpec(std::string serialno_,
             std::string plate_,
             int64_t plateid_ = 0,
             int64_t sec_ = 0,
             bool offline_ = false,
             bool opened_offline_ = false,
             std::string image_base64_ = "")
        : serialno(std::move(serialno_)),
          plate(std::move(plate_)),
          plateid(plateid_),
          sec(sec_),
          offline(offline_),
          opened_offline(opened_offline_),
          image_base64(std::move(image_base64_)) {}
    std::string serialno;
    std::string plate;
    int64_t plateid = 0;
    int64_t sec = 0;  // timeStamp.Timeval.sec
    bool offline = false;
    bool opened_offline = false;  // gioouts ctrltype 2
    std::string image_base64;
};

inline std::string push_body(const PushSpec& p) {
    namespace bj = boost::json;
    bj::object result{{"license", p.plate},
                      {"colorType", 1},
                      {"type", 1},
                      {"confidence", 96},
                      {"timeStamp", bj::object{{"Timeval", bj::object{{"sec", p.sec}, {"usec", 687772}}}}},
                      {"triggerType", 8},
                      {"plateid", p.plateid},
                      {"isoffline", p.offline ? 1 : 0},
                      {"gioouts", bj::array{bj::object{{"ionum", "0"}, {"ctrltype", p.opened_offline ? 2 : 0}}}}};
    if (!p.image_base64.empty()) result["imageFile"] = p.image_base64;
    bj::object alarm{{"channel", 0},
                     {"deviceName", "IVS"},
                     {"ipaddr", "192.168.1.100"},
                     {"serialno", p.serialno},
                     {"result", bj::object{{"PlateResult", std::move(result)}}}};
    return bj::serialize(bj::object{{"AlarmInfoPlate", std::move(alarm)}});
}

// The heartbeat as the camera sends it by default: multipart/form-data.
inline std::string multipart_heartbeat(const std::string& serialno, const std::string& boundary) {
    std::string out;
    for (auto [k, v] : std::initializer_list<std::pair<const char*, std::string>>{{"device_name", "IVS"},
                                                                                  {"ipaddr", "192.168.1.100"},
                                                                                  {"port", "80"},
                                                                                  {"user_name", "admin"},
                                                                                  {"pass_wd", "admin"},
                                                                                  {"serialno", serialno},
                                                                                  {"channel_num", "1"}})
        out += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
    return out + "--" + boundary + "--\r\n";
}

// The reply's Response_AlarmInfoPlate; anything but a 200 with that JSON object throws.
inline boost::json::object alarm_reply(const HttpResult& r) {
    if (r.status != 200) throw std::runtime_error("camera reply " + std::to_string(r.status) + ": " + r.body);
    auto v = r.json();
    if (!v.is_object() || !v.as_object().contains("Response_AlarmInfoPlate"))
        throw std::runtime_error("not a camera reply: " + r.body);
    return v.at("Response_AlarmInfoPlate").as_object();
}

inline std::string info_of(const HttpResult& r) {
    auto o = alarm_reply(r);
    return o.contains("info") ? str(o.at("info")) : "";
}

// Plain base64 (RFC 4648), written here so the frames are read independently of the server.
inline std::vector<uint8_t> unbase64(std::string_view s) {
    auto value = [](char ch) -> int {
        if (ch >= 'A' && ch <= 'Z') return ch - 'A';
        if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
        if (ch >= '0' && ch <= '9') return ch - '0' + 52;
        if (ch == '+') return 62;
        if (ch == '/') return 63;
        return -1;
    };
    std::vector<uint8_t> out;
    uint32_t acc = 0;
    int bits = 0;
    for (char ch : s) {
        if (ch == '=') break;
        int v = value(ch);
        if (v < 0) throw std::runtime_error("not base64");
        acc = (acc << 6) | static_cast<uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<uint8_t>((acc >> bits) & 0xFF));
        }
    }
    return out;
}

// CRC-16/Modbus: init 0xFFFF, reflected polynomial 0xA001, no final XOR.
inline uint16_t modbus_crc(const std::vector<uint8_t>& bytes, size_t n) {
    uint16_t crc = 0xFFFF;
    for (size_t i = 0; i < n; ++i) {
        crc ^= bytes[i];
        for (int b = 0; b < 8; ++b) crc = (crc & 1) ? static_cast<uint16_t>((crc >> 1) ^ 0xA001) : crc >> 1;
    }
    return crc;
}

inline std::vector<uint8_t> bytes_of_hex(std::string_view hex) {
    std::vector<uint8_t> out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
    return out;
}

class ParkingTest : public ApiTest {
  protected:
    void SetUp() override {
        server_.db().read([&](db::Conn& c) {
            lot_ = c.one("SELECT MIN(id) FROM parking_lots WHERE site_id = 1")->i64(0);
            entry_lane_ = c.one("SELECT id FROM parking_lanes WHERE site_id = 1 AND direction = 'entry'")->i64(0);
            exit_lane_ = c.one("SELECT id FROM parking_lanes WHERE site_id = 1 AND direction = 'exit'")->i64(0);
            card1_ = c.one("SELECT id FROM parking_cards WHERE card_no = 'M-0001'")->i64(0);
            card2_ = c.one("SELECT id FROM parking_cards WHERE card_no = 'M-0002'")->i64(0);
        });
    }

    // A serialno no other test of this process uses: the server rate-limits its alerts per
    // serialno for ten minutes across App instances, and every test's clock starts at kStart.
    std::string unique_serial(const std::string& what) const {
        return what + "-" + backend_name(GetParam()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name();
    }

    HttpResult push(const std::string& token, PushSpec p) {
        if (p.plateid == 0) p.plateid = ++next_plateid_;
        if (p.sec == 0 && !p.offline) p.sec = clock_.now_ms() / 1000;
        return camera_.post("/gate/vz/" + token + "/plate", push_body(p), {{"Content-Type", "application/Json"}});
    }
    // A live plate result at the demo entry / exit camera, now.
    HttpResult at_entry(const std::string& plate) { return push(kEntryToken, {kEntrySerial, plate}); }
    HttpResult at_exit(const std::string& plate) { return push(kExitToken, {kExitSerial, plate}); }

    HttpResult heartbeat(const std::string& token, const std::string& serialno) {
        const std::string boundary = "----VzBoundary7MA4YWxkTrZu0gW";
        return camera_.post("/gate/vz/" + token + "/heartbeat", multipart_heartbeat(serialno, boundary),
                            {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
    }
    HttpResult json_heartbeat(const std::string& token, const std::string& serialno, int64_t countid = 1) {
        return camera_.post("/gate/vz/" + token + "/heartbeat",
                            boost::json::serialize(boost::json::object{
                                {"heartbeat", boost::json::object{{"countid", countid}, {"serialno", serialno}}}}),
                            {{"Content-Type", "application/json"}});
    }
    HttpResult exit_heartbeat() { return heartbeat(kExitToken, kExitSerial); }

    // The newest stay of that exact plate text (0 when none).
    int64_t stay_id(const std::string& plate) {
        return server_.db().read_value([&](db::Conn& c) {
            auto r = c.one("SELECT COALESCE(MAX(id), 0) FROM parking_visits WHERE plate = $1", plate);
            return r->i64(0);
        });
    }
    int64_t stays_of(const std::string& plate) {
        return server_.db().read_value(
            [&](db::Conn& c) { return c.one("SELECT COUNT(*) FROM parking_visits WHERE plate = $1", plate)->i64(0); });
    }
    boost::json::value stay(HttpClient& c, int64_t id) { return read_ok(c, path(visits_path(), id), "stay"); }
    boost::json::value stay_of(HttpClient& c, const std::string& plate) {
        int64_t id = stay_id(plate);
        if (id == 0) throw std::runtime_error("no stay of " + plate);
        return stay(c, id);
    }
    static std::string visits_path() { return std::string(kParking) + "/visits/"; }
    static std::string holds_path() { return std::string(kParking) + "/holds/"; }

    // A step on a stay (pay, free, hold, entry-check) with If-Match.
    HttpResult visit_step(HttpClient& c,
                          const boost::json::value& v,
                          const std::string& action,
                          const boost::json::object& body) {
        return step_on(c, visits_path(), v, action, body);
    }
    boost::json::value pay_cash(HttpClient& c, const boost::json::value& v, int64_t cents) {
        return take_step(c, visits_path(), v, "pay",
                         {{"method", "cash"}, {"amount_cents", cents}, {"pass_returned", true}});
    }

    // A copy (licence, ID card, signed statement) uploaded to the site as a document.
    int64_t upload_document(HttpClient& c, const std::string& kind = "document") {
        return upload_png(c, kind, "copy-" + std::to_string(++uploads_));
    }
    // A PNG with `tail` after its IEND: the same tail is the same bytes, so the same evidence.
    static int64_t upload_png(HttpClient& c, const std::string& kind, const std::string& tail, int64_t site = 1) {
        static const unsigned char kPng[] = {
            0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
            0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00,
            0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
            0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
        // Each upload_document is a different picture (a counter after IEND): the same bytes twice
        // would be the same evidence, which a second record may not use.
        std::string bytes(reinterpret_cast<const char*>(kPng), sizeof kPng);
        bytes += tail;
        auto r = c.post(path("/api/v1/sites/", site, "/files?kind=" + kind), bytes, {{"Content-Type", "image/png"}});
        if (r.status != 201) throw std::runtime_error("upload: " + r.body);
        return id_of(r);
    }

    // Notifications of a kind sent to anyone.
    int64_t notifications(const std::string& kind) {
        return server_.db().read_value(
            [&](db::Conn& c) { return c.one("SELECT COUNT(*) FROM notifications WHERE kind = $1", kind)->i64(0); });
    }
    int64_t events_where(const std::string& where) {
        return server_.db().read_value(
            [&](db::Conn& c) { return c.one("SELECT COUNT(*) FROM gate_events WHERE " + where)->i64(0); });
    }

    // ---- the staff's steps most tests take ----
    HttpResult enter(HttpClient& c, const std::string& plate, const boost::json::object& extra = {}) {
        boost::json::object body{
            {"lane_id", entry_lane_}, {"plate", plate}, {"method", "manual"}, {"goods_checked", true}};
        for (const auto& [k, v] : extra) body[k] = v;
        return c.post(std::string(kParking) + "/entries", boost::json::serialize(body));
    }
    HttpResult leave(HttpClient& c, const std::string& plate) {
        return c.post(std::string(kParking) + "/exits",
                      boost::json::serialize(boost::json::object{{"lane_id", exit_lane_}, {"plate", plate}}));
    }
    // A visitor who came in by camera at kStart and is at the exit barrier two hours later, the
    // fee due: the stay as read then. Sessions end after two idle hours, so callers sign in after.
    boost::json::value visitor_at_exit(const std::string& plate) {
        EXPECT_EQ(info_of(at_entry(plate)), "ok");
        clock_.set(kStart + 2 * kHour);
        EXPECT_EQ(info_of(at_exit(plate)), "no");
        auto c = signed_in("teamlead");
        return stay_of(c, plate);
    }
    // A hold of a stay by an attendant: {visit…, hold}.
    boost::json::value held(HttpClient& c,
                            const boost::json::value& v,
                            const std::string& reason,
                            const std::string& note = "") {
        auto r = visit_step(c, v, "hold", {{"reason", reason}, {"note", note}});
        if (r.status != 200) throw std::runtime_error("hold: " + r.body);
        return r.json();
    }
    boost::json::value hold(HttpClient& c, int64_t id) { return read_ok(c, path(holds_path(), id), "hold"); }
    HttpResult release(HttpClient& c, const boost::json::value& hold, const boost::json::object& body) {
        return c.post(path(holds_path(), id_of(hold), "/release"), boost::json::serialize(body),
                      if_match(hold.at("version").as_int64()));
    }
    // Rows a refused release might touch.
    std::map<std::string, int64_t> release_counts() {
        std::map<std::string, int64_t> out;
        for (const char* t : {"parking_holds", "parking_visits", "gate_commands", "parking_hold_escalations"})
            out[t] = server_.count(t);
        out["released"] = server_.db().read_value(
            [](db::Conn& c) { return c.one("SELECT COUNT(*) FROM parking_holds WHERE status = 'released'")->i64(0); });
        out["receipts"] = server_.db().read_value([](db::Conn& c) {
            return c.one("SELECT COUNT(*) FROM parking_visits WHERE receipt_no IS NOT NULL")->i64(0);
        });
        return out;
    }
    HttpResult handover(HttpClient& c, int64_t cash_cents, const boost::json::object& extra = {}) {
        boost::json::object body{{"shift_date", "2026-11-18"},
                                 {"shift", "afternoon"},
                                 {"post", "出口崗亭"},
                                 {"duty_notes", "出口閘機運作正常"},
                                 {"radios", 2},
                                 {"keys", 3},
                                 {"batons", 1},
                                 {"torches", 2},
                                 {"tickets", 50},
                                 {"cash_cents", cash_cents}};
        for (const auto& [k, v] : extra) body[k] = v;
        return c.post(std::string(kParking) + "/handovers", boost::json::serialize(body));
    }
    std::string handovers_path() const { return std::string(kParking) + "/handovers/"; }
    // A second attendant, made by the system admin.
    HttpClient second_attendant() {
        auto admin = signed_in("admin");
        create_user(admin, "attendant2",
                    boost::json::array{boost::json::object{{"site_id", 1}, {"role", "parking_attendant"}}},
                    "attendant2-password");
        return signed_in("attendant2", "attendant2-password");
    }

    int64_t lot_ = 0, entry_lane_ = 0, exit_lane_ = 0, card1_ = 0, card2_ = 0;
    int64_t uploads_ = 0;
    int64_t next_plateid_ = 21000;
    HttpClient camera_ = server_.client();
};

}  // namespace propdesk::testing
