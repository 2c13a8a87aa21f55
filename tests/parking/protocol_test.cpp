// PK-7 gate device: the Vzenith "HTTP push" wire format of shared/GATE-PROTOCOL.md: reading plate
// pushes and heartbeats, writing replies with their LED/voice serialData frames.
#include "parking/protocol.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "parking/rules.hpp"
#include "platform/files/content.hpp"

namespace propdesk::parking::protocol {
namespace {

namespace bj = boost::json;
using Bytes = std::vector<uint8_t>;

// The protocol document's example, with a short stand-in for the JPEG.
constexpr const char* kDocExample = R"({"AlarmInfoPlate":{"channel":0,"deviceName":"IVS","ipaddr":"192.168.1.100",
 "serialno":"fe71e106-57263272",
 "result":{"PlateResult":{
   "license":"粤Z9065澳","colorType":1,"type":1,"confidence":96,
   "timeStamp":{"Timeval":{"sec":1686299994,"usec":687772}},
   "triggerType":8,"plateid":21085,"isoffline":0,
   "gioouts":[{"ionum":"0","ctrltype":0}],
   "imageFile":"/9j/4AAQSkZJRgABAQ==",
   "imageFragmentFile":"/9j/4AAQ"}}}})";

std::string push_with(const std::string& plate_result, const std::string& alarm_extra = "") {
    return R"({"AlarmInfoPlate":{"serialno":"fe71e106-57263272")" + alarm_extra + R"(,"result":{"PlateResult":)" +
           plate_result + "}}}";
}

bj::object response_of(const std::string& reply) {
    bj::value v = bj::parse(reply);
    EXPECT_TRUE(v.is_object()) << reply;
    const bj::object& top = v.as_object();
    EXPECT_EQ(top.size(), 1u) << reply;
    return top.at("Response_AlarmInfoPlate").as_object();
}

// CRC-16/Modbus written out here, independently of led.cpp.
uint16_t modbus_crc(const Bytes& bytes, size_t n) {
    uint16_t crc = 0xFFFF;
    for (size_t i = 0; i < n; ++i) {
        crc ^= bytes[i];
        for (int b = 0; b < 8; ++b) crc = (crc & 1) ? static_cast<uint16_t>((crc >> 1) ^ 0xA001) : crc >> 1;
    }
    return crc;
}

// The frame a serialData entry carries, after checking the entry's shape, dataLen and the CRC.
Bytes frame_of(const bj::value& entry) {
    const bj::object& e = entry.as_object();
    EXPECT_EQ(e.at("serialChannel").to_number<int64_t>(), 0);
    auto decoded = files::from_base64(std::string(e.at("data").as_string()));
    EXPECT_TRUE(decoded.has_value());
    if (!decoded) return {};
    Bytes frame(decoded->begin(), decoded->end());
    EXPECT_EQ(e.at("dataLen").to_number<int64_t>(), static_cast<int64_t>(frame.size()));
    EXPECT_GE(frame.size(), 8u);
    if (frame.size() < 8) return frame;
    EXPECT_EQ(frame[0], 0x00);
    EXPECT_EQ(frame[1], 0x64);
    EXPECT_EQ(frame[2], 0xFF);
    EXPECT_EQ(frame[3], 0xFF);
    EXPECT_EQ(frame[5], frame.size() - 8);  // LEN counts DATA only
    uint16_t crc = modbus_crc(frame, frame.size() - 2);
    EXPECT_EQ(frame[frame.size() - 2], crc & 0xFF);  // low byte first
    EXPECT_EQ(frame[frame.size() - 1], crc >> 8);
    return frame;
}

// parse_push

TEST(ParkingProtocol, PK_7_ParsesTheDocumentsFullExample) {
    auto parsed = parse_push(kDocExample);
    ASSERT_TRUE(parsed.push.has_value()) << parsed.error;
    EXPECT_EQ(parsed.error, "");
    const PlatePush& p = *parsed.push;
    EXPECT_EQ(p.serialno, "fe71e106-57263272");
    EXPECT_EQ(p.plate, "粤Z9065澳");
    EXPECT_EQ(p.plateid, 21085);
    EXPECT_EQ(p.cam_sec, 1686299994);
    EXPECT_EQ(p.cam_usec, 687772);
    EXPECT_FALSE(p.is_offline);
    EXPECT_FALSE(p.opened_offline);
    ASSERT_TRUE(p.confidence.has_value());
    EXPECT_EQ(*p.confidence, 96);
    ASSERT_TRUE(p.channel.has_value());
    EXPECT_EQ(*p.channel, 0);
    EXPECT_EQ(p.image_base64, "/9j/4AAQSkZJRgABAQ==");
}

TEST(ParkingProtocol, PK_7_MinimalPushNeedsOnlySerialnoLicenseAndPlateid) {
    auto parsed = parse_push(R"({"AlarmInfoPlate":{"serialno":"abc",
        "result":{"PlateResult":{"license":"粤B12345","plateid":7}}}})");
    ASSERT_TRUE(parsed.push.has_value()) << parsed.error;
    const PlatePush& p = *parsed.push;
    EXPECT_EQ(p.serialno, "abc");
    EXPECT_EQ(p.plate, "粤B12345");
    EXPECT_EQ(p.plateid, 7);
    EXPECT_EQ(p.cam_sec, 0);
    EXPECT_EQ(p.cam_usec, 0);
    EXPECT_FALSE(p.is_offline);
    EXPECT_FALSE(p.opened_offline);
    EXPECT_FALSE(p.confidence.has_value());
    EXPECT_FALSE(p.channel.has_value());
    EXPECT_EQ(p.image_base64, "");
}

TEST(ParkingProtocol, PK_7_MissingSerialnoIsRefusedNamingIt) {
    auto parsed = parse_push(R"({"AlarmInfoPlate":{"channel":0,
        "result":{"PlateResult":{"license":"粤B12345","plateid":7}}}})");
    EXPECT_FALSE(parsed.push.has_value());
    EXPECT_NE(parsed.error.find("serialno"), std::string::npos) << parsed.error;
}

TEST(ParkingProtocol, PK_7_MissingLicenseIsRefusedNamingIt) {
    auto parsed = parse_push(push_with(R"({"plateid":7,"confidence":90})"));
    EXPECT_FALSE(parsed.push.has_value());
    EXPECT_NE(parsed.error.find("license"), std::string::npos) << parsed.error;
}

TEST(ParkingProtocol, PK_7_MissingPlateidIsRefusedNamingIt) {
    auto parsed = parse_push(push_with(R"({"license":"粤B12345"})"));
    EXPECT_FALSE(parsed.push.has_value());
    EXPECT_NE(parsed.error.find("plateid"), std::string::npos) << parsed.error;
}

TEST(ParkingProtocol, PK_7_MalformedJsonIsRefused) {
    for (const char* body : {"", "{", R"({"AlarmInfoPlate":{"serialno":"x",})", "not json at all"}) {
        auto parsed = parse_push(body);
        EXPECT_FALSE(parsed.push.has_value()) << body;
        EXPECT_FALSE(parsed.error.empty()) << body;
    }
}

TEST(ParkingProtocol, PK_7_JsonThatIsNotAnObjectIsRefused) {
    for (const char* body : {"[1,2,3]", R"("AlarmInfoPlate")", "42", "null"}) {
        auto parsed = parse_push(body);
        EXPECT_FALSE(parsed.push.has_value()) << body;
        EXPECT_FALSE(parsed.error.empty()) << body;
    }
    auto nested = parse_push(R"({"AlarmInfoPlate":[1]})");
    EXPECT_FALSE(nested.push.has_value());
    EXPECT_FALSE(nested.error.empty());
}

TEST(ParkingProtocol, PK_7_NumbersSentAsStringsAreRead) {
    auto parsed = parse_push(push_with(
        R"({"license":"粤B12345","plateid":"21085","confidence":"96","isoffline":"1",
            "timeStamp":{"Timeval":{"sec":"1686299994","usec":"687772"}},
            "gioouts":[{"ionum":"0","ctrltype":"2"}]})",
        R"(,"channel":"1")"));
    ASSERT_TRUE(parsed.push.has_value()) << parsed.error;
    const PlatePush& p = *parsed.push;
    EXPECT_EQ(p.plateid, 21085);
    EXPECT_EQ(p.confidence, std::optional<int64_t>(96));
    EXPECT_EQ(p.channel, std::optional<int64_t>(1));
    EXPECT_EQ(p.cam_sec, 1686299994);
    EXPECT_EQ(p.cam_usec, 687772);
    EXPECT_TRUE(p.is_offline);
    EXPECT_TRUE(p.opened_offline);
}

TEST(ParkingProtocol, PK_7_PlateidThatIsNotANumberIsRefused) {
    auto parsed = parse_push(push_with(R"({"license":"粤B12345","plateid":"abc"})"));
    EXPECT_FALSE(parsed.push.has_value());
    EXPECT_NE(parsed.error.find("plateid"), std::string::npos) << parsed.error;
}

TEST(ParkingProtocol, PK_7_PlateidOutsideInt64IsRefused) {
    // Read before the device is authenticated: a number no int64 holds must be refused, not cast
    // (casting 1e300 to int64_t is undefined behaviour; 2^64-1 would wrap to -1).
    for (const char* plateid : {"1e300", "-1e300", "18446744073709551615", "1.5e19"}) {
        auto parsed = parse_push(push_with(std::string(R"({"license":"粤B12345","plateid":)") + plateid + "}"));
        EXPECT_FALSE(parsed.push.has_value()) << plateid << " -> " << (parsed.push ? parsed.push->plateid : 0);
        EXPECT_NE(parsed.error.find("plateid"), std::string::npos) << plateid;
    }
}

TEST(ParkingProtocol, PK_7_IsofflineOneMarksAStoredRecord) {
    auto parsed = parse_push(push_with(R"({"license":"粤B12345","plateid":7,"isoffline":1,
        "gioouts":[{"ionum":"0","ctrltype":0}]})"));
    ASSERT_TRUE(parsed.push.has_value()) << parsed.error;
    EXPECT_TRUE(parsed.push->is_offline);
    EXPECT_FALSE(parsed.push->opened_offline);  // stored, but the camera did not open
}

TEST(ParkingProtocol, PK_7_GiooutsCtrltypeTwoMeansOpenedOffline) {
    auto parsed = parse_push(push_with(R"({"license":"粤B12345","plateid":7,"isoffline":1,
        "gioouts":[{"ionum":"0","ctrltype":0},{"ionum":"1","ctrltype":2}]})"));
    ASSERT_TRUE(parsed.push.has_value()) << parsed.error;
    EXPECT_TRUE(parsed.push->is_offline);
    EXPECT_TRUE(parsed.push->opened_offline);

    auto other = parse_push(push_with(R"({"license":"粤B12345","plateid":7,
        "gioouts":[{"ionum":"0","ctrltype":1}]})"));
    ASSERT_TRUE(other.push.has_value()) << other.error;
    EXPECT_FALSE(other.push->opened_offline);
}

TEST(ParkingProtocol, PK_7_NoPlateMarkerIsKeptAsRead) {
    auto parsed = parse_push(push_with(R"({"license":"_无_","plateid":8})"));
    ASSERT_TRUE(parsed.push.has_value()) << parsed.error;
    EXPECT_EQ(parsed.push->plate, "_无_");
    EXPECT_TRUE(rules::no_plate(parsed.push->plate));
}

TEST(ParkingProtocol, PK_7_OversizeLicenseIsRefused) {
    auto at_limit = parse_push(push_with(R"({"license":")" + std::string(64, 'A') + R"(","plateid":1})"));
    ASSERT_TRUE(at_limit.push.has_value()) << at_limit.error;
    EXPECT_EQ(at_limit.push->plate.size(), 64u);

    auto over = parse_push(push_with(R"({"license":")" + std::string(65, 'A') + R"(","plateid":1})"));
    EXPECT_FALSE(over.push.has_value());
    EXPECT_NE(over.error.find("license"), std::string::npos) << over.error;

    std::string han;
    for (int i = 0; i < 22; ++i) han += "粤";  // 66 bytes of UTF-8
    auto over_han = parse_push(push_with(R"({"license":")" + han + R"(","plateid":1})"));
    EXPECT_FALSE(over_han.push.has_value());
}

TEST(ParkingProtocol, PK_7_ImageFileIsKept) {
    std::string image(300'000, 'A');  // hundreds of KB of base64 happen
    auto parsed = parse_push(push_with(R"({"license":"粤B12345","plateid":9,"imageFile":")" + image + R"("})"));
    ASSERT_TRUE(parsed.push.has_value()) << parsed.error;
    EXPECT_EQ(parsed.push->image_base64, image);
}

// heartbeat_serialno

std::string multipart(const std::string& boundary, const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string body;
    for (const auto& [name, value] : fields)
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    body += "--" + boundary + "--\r\n";
    return body;
}

TEST(ParkingProtocol, PK_7_HeartbeatMultipartFormDataGivesTheSerialno) {
    const std::string boundary = "------------------------a8f3b2c94d1e6f07";
    std::string body = multipart(boundary, {{"device_name", "IVS"},
                                            {"ipaddr", "192.168.1.100"},
                                            {"port", "80"},
                                            {"user_name", "admin"},
                                            {"pass_wd", "admin"},
                                            {"serialno", "fe71e106-57263272"},
                                            {"channel_num", "0"}});
    auto s = heartbeat_serialno(body, "multipart/form-data; boundary=" + boundary);
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(*s, "fe71e106-57263272");

    std::string last = multipart(boundary, {{"device_name", "IVS"}, {"serialno", "abc-1"}});
    EXPECT_EQ(heartbeat_serialno(last, "multipart/form-data; boundary=" + boundary),
              std::optional<std::string>("abc-1"));
}

TEST(ParkingProtocol, PK_7_HeartbeatJsonGivesTheSerialno) {
    std::string body = R"({"heartbeat":{"countid":1,"serialno":"x"}})";
    EXPECT_EQ(heartbeat_serialno(body, "application/json"), std::optional<std::string>("x"));
    EXPECT_EQ(heartbeat_serialno(body, "application/Json"), std::optional<std::string>("x"));
    EXPECT_EQ(heartbeat_serialno(body, ""), std::optional<std::string>("x"));
    EXPECT_EQ(heartbeat_serialno(body, "text/plain"), std::optional<std::string>("x"));
}

TEST(ParkingProtocol, PK_7_HeartbeatUrlencodedGivesTheSerialno) {
    std::string body =
        "device_name=IVS&ipaddr=192.168.1.100&port=80&user_name=admin&pass_wd=admin&serialno=fe71e106-57263272"
        "&channel_num=0";
    EXPECT_EQ(heartbeat_serialno(body, "application/x-www-form-urlencoded"),
              std::optional<std::string>("fe71e106-57263272"));
    EXPECT_EQ(heartbeat_serialno("serialno=abc&channel_num=0", "application/x-www-form-urlencoded"),
              std::optional<std::string>("abc"));
    EXPECT_EQ(heartbeat_serialno("device_name=IVS&serialno=abc", ""), std::optional<std::string>("abc"));
}

TEST(ParkingProtocol, PK_7_HeartbeatWithoutASerialnoGivesNothing) {
    const std::string boundary = "----b";
    EXPECT_FALSE(heartbeat_serialno(multipart(boundary, {{"device_name", "IVS"}, {"channel_num", "0"}}),
                                    "multipart/form-data; boundary=" + boundary)
                     .has_value());
    EXPECT_FALSE(
        heartbeat_serialno(multipart(boundary, {{"serialno", ""}}), "multipart/form-data; boundary=" + boundary)
            .has_value());
    EXPECT_FALSE(heartbeat_serialno(R"({"heartbeat":{"countid":1}})", "application/json").has_value());
    EXPECT_FALSE(heartbeat_serialno(R"({"heartbeat":{"countid":1,"serialno":""}})", "application/json").has_value());
    EXPECT_FALSE(heartbeat_serialno(R"({"heartbeat":)", "application/json").has_value());
    EXPECT_FALSE(heartbeat_serialno("device_name=IVS&channel_num=0", "application/x-www-form-urlencoded").has_value());
    EXPECT_FALSE(heartbeat_serialno("device_name=IVS&serialno=&channel_num=0", "").has_value());
    EXPECT_FALSE(heartbeat_serialno("", "").has_value());
}

// plate_reply

TEST(ParkingProtocol, PK_7_PlateReplyOpensWithInfoOk) {
    Reply r;
    r.open = true;
    r.plateid = 21085;
    r.channel = 0;
    auto o = response_of(plate_reply(r));
    EXPECT_EQ(o.at("info").as_string(), "ok");
    EXPECT_EQ(o.at("plateid").to_number<int64_t>(), 21085);
    EXPECT_EQ(o.at("channelNum").to_number<int64_t>(), 0);
    EXPECT_FALSE(o.contains("serialData"));  // optional: nothing to show or say
    EXPECT_FALSE(o.contains("ContinuePushOffline"));
}

TEST(ParkingProtocol, PK_7_PlateReplyHoldsWithInfoNo) {
    Reply r;
    r.open = false;
    r.plateid = 5;
    r.channel = 1;
    auto o = response_of(plate_reply(r));
    EXPECT_EQ(o.at("info").as_string(), "no");
    EXPECT_EQ(o.at("plateid").to_number<int64_t>(), 5);
    EXPECT_EQ(o.at("channelNum").to_number<int64_t>(), 1);
}

TEST(ParkingProtocol, PK_7_PlateReplySerialDataAreValidFrames) {
    Reply r;
    r.open = true;
    r.plateid = 21085;
    r.led_lines = {"粤B12345", "", "請繳費 15元"};
    r.speak = "粤B12345 請繳費 15元";
    auto o = response_of(plate_reply(r));
    const bj::array& data = o.at("serialData").as_array();
    ASSERT_EQ(data.size(), 3u);  // the blank line is not sent

    Bytes line0 = frame_of(data[0]);
    ASSERT_GE(line0.size(), 8u);
    EXPECT_EQ(line0[4], 0x62);                              // show on a line
    EXPECT_EQ(line0[6], 0);                                 // line 0
    Bytes plate{0xD4, 0xC1, 'B', '1', '2', '3', '4', '5'};  // 粤 in GB2312
    EXPECT_EQ(Bytes(line0.begin() + 7, line0.end() - 2), plate);

    Bytes line2 = frame_of(data[1]);
    ASSERT_GE(line2.size(), 8u);
    EXPECT_EQ(line2[4], 0x62);
    EXPECT_EQ(line2[6], 2);  // keeps its line number

    Bytes spoken = frame_of(data[2]);
    ASSERT_GE(spoken.size(), 8u);
    EXPECT_EQ(spoken[4], 0x30);  // speak
    EXPECT_EQ(spoken[6], 0x01);  // option byte
}

TEST(ParkingProtocol, PK_7_SpeakingWelcomeSendsTheDocumentsTestVector) {
    Reply r;
    r.open = true;
    r.plateid = 1;
    r.speak = "歡迎光臨";
    auto o = response_of(plate_reply(r));
    const bj::array& data = o.at("serialData").as_array();
    ASSERT_EQ(data.size(), 1u);
    Bytes expected{0x00, 0x64, 0xFF, 0xFF, 0x30, 0x09, 0x01, 0xBB, 0xB6,
                   0xD3, 0xAD, 0xB9, 0xE2, 0xC1, 0xD9, 0x32, 0x58};
    EXPECT_EQ(frame_of(data[0]), expected);
    EXPECT_EQ(data[0].as_object().at("dataLen").to_number<int64_t>(), 17);
}

TEST(ParkingProtocol, PK_7_OfflineRecordReplyAsksForTheNextOne) {
    Reply r;
    r.open = false;
    r.plateid = 123;
    r.continue_offline = true;
    auto o = response_of(plate_reply(r));
    const bj::object& cont = o.at("ContinuePushOffline").as_object();
    EXPECT_EQ(cont.at("plateid").to_number<int64_t>(), 123);
    EXPECT_EQ(cont.at("continue").to_number<int64_t>(), 1);
    EXPECT_EQ(o.at("info").as_string(), "no");  // combined with info
}

// heartbeat_reply and refusal_reply

TEST(ParkingProtocol, PK_7_HeartbeatReplyAddsWhitelistEntriesInTheCamerasZone) {
    Reply r;
    r.zone = "Asia/Hong_Kong";
    r.whitelist = {{"粤B12345", true, 1'767'196'800'000, 1'798'732'799'000},
                   {"京A12345", true, 1'767'196'800'000, 1'798'732'799'000}};
    auto o = response_of(heartbeat_reply(r));
    EXPECT_EQ(o.at("info").as_string(), "no");
    const bj::object& op = o.at("white_list_operate").as_object();
    EXPECT_EQ(op.at("operate_type").to_number<int64_t>(), 0);
    const bj::array& list = op.at("white_list_data").as_array();
    ASSERT_EQ(list.size(), 2u);
    const bj::object& first = list[0].as_object();
    EXPECT_EQ(first.at("plate").as_string(), "粤B12345");
    EXPECT_EQ(first.at("enable").to_number<int64_t>(), 1);
    EXPECT_EQ(first.at("need_alarm").to_number<int64_t>(), 0);
    EXPECT_EQ(first.at("enable_time").as_string(), "2026-01-01 00:00:00");
    EXPECT_EQ(first.at("overdue_time").as_string(), "2026-12-31 23:59:59");
    EXPECT_EQ(list[1].as_object().at("plate").as_string(), "京A12345");
}

TEST(ParkingProtocol, PK_7_HeartbeatReplyDeletesDisabledWhitelistEntries) {
    Reply r;
    r.zone = "Asia/Hong_Kong";
    r.whitelist = {{"粤B12345", false, 1'767'196'800'000, 1'798'732'799'000}};
    auto o = response_of(heartbeat_reply(r));
    const bj::object& op = o.at("white_list_operate").as_object();
    EXPECT_EQ(op.at("operate_type").to_number<int64_t>(), 1);
    const bj::array& list = op.at("white_list_data").as_array();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].as_object().at("plate").as_string(), "粤B12345");
    EXPECT_EQ(list[0].as_object().at("enable").to_number<int64_t>(), 0);
}

TEST(ParkingProtocol, PK_7_HeartbeatReplyTimesDefaultToUtc) {
    Reply r;
    r.whitelist = {{"粤B12345", true, 1'767'196'800'000, 1'798'732'799'000}};
    auto o = response_of(heartbeat_reply(r));
    const bj::object& e = o.at("white_list_operate").as_object().at("white_list_data").as_array()[0].as_object();
    EXPECT_EQ(e.at("enable_time").as_string(), "2025-12-31 16:00:00");
    EXPECT_EQ(e.at("overdue_time").as_string(), "2026-12-31 15:59:59");
}

TEST(ParkingProtocol, PK_7_HeartbeatReplyOpensOnAnAttendantsCommand) {
    Reply r;
    r.open = true;
    auto o = response_of(heartbeat_reply(r));
    EXPECT_EQ(o.at("info").as_string(), "ok");
    EXPECT_FALSE(o.contains("white_list_operate"));
}

TEST(ParkingProtocol, PK_7_RefusalReplyKeepsTheBarrierDown) {
    auto o = response_of(refusal_reply(21085));
    EXPECT_EQ(o.at("info").as_string(), "no");
    EXPECT_EQ(o.at("plateid").to_number<int64_t>(), 21085);
    EXPECT_FALSE(o.contains("serialData"));
    EXPECT_FALSE(o.contains("white_list_operate"));
}

}  // namespace
}  // namespace propdesk::parking::protocol
