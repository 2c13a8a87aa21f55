// PK-7 gate device: frames for the LED board and voice behind a gate camera (serialData), as in
// shared/GATE-PROTOCOL.md "LED board text".
#include "parking/led.hpp"
#include "parking/led_decode.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "platform/search/fold.hpp"

namespace propdesk::parking {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes ascii(std::string_view s) {
    return Bytes(s.begin(), s.end());
}

TEST(ParkingLed, PK_7_Crc16ModbusCheckValue) {
    // The catalogue check value of CRC-16/MODBUS.
    EXPECT_EQ(crc16_modbus(ascii("123456789")), 0x4B37);
    EXPECT_EQ(crc16_modbus(Bytes{}), 0xFFFF);
}

TEST(ParkingLed, PK_7_SpeakWelcomeMatchesTheProtocolTestVector) {
    Bytes expected{0x00, 0x64, 0xFF, 0xFF, 0x30, 0x09, 0x01, 0xBB, 0xB6,
                   0xD3, 0xAD, 0xB9, 0xE2, 0xC1, 0xD9, 0x32, 0x58};
    EXPECT_EQ(speak_frame("欢迎光临"), expected);
}

TEST(ParkingLed, PK_7_TraditionalTextIsSpokenAsSimplified) {
    Bytes expected{0x00, 0x64, 0xFF, 0xFF, 0x30, 0x09, 0x01, 0xBB, 0xB6,
                   0xD3, 0xAD, 0xB9, 0xE2, 0xC1, 0xD9, 0x32, 0x58};
    EXPECT_EQ(speak_frame("歡迎光臨"), expected);
}

TEST(ParkingLed, PK_7_PlateShownOnALineIsGb2312OfTheSimplifiedPlate) {
    // 粵 (Traditional) → 粤 = D4 C1 in GB2312; the letter keeps its case.
    Bytes plate{0xD4, 0xC1, 'B', '1', '2', '3', '4', '5'};
    EXPECT_EQ(gb2312_text("粵B12345"), plate);
    EXPECT_EQ(gb2312_text("粤B12345"), plate);

    Bytes frame = show_frame(1, "粵B12345");
    Bytes head{0x00, 0x64, 0xFF, 0xFF, 0x62, 0x09, 0x01};
    ASSERT_EQ(frame.size(), head.size() + plate.size() + 2);
    EXPECT_EQ(Bytes(frame.begin(), frame.begin() + 7), head);
    EXPECT_EQ(Bytes(frame.begin() + 7, frame.end() - 2), plate);
    uint16_t crc = crc16_modbus(std::span<const uint8_t>(frame.data(), frame.size() - 2));
    EXPECT_EQ(frame[frame.size() - 2], crc & 0xFF);  // low byte first
    EXPECT_EQ(frame[frame.size() - 1], crc >> 8);
}

TEST(ParkingLed, PK_7_SimplifiedConvertsWithoutChangingCase) {
    EXPECT_EQ(search::simplified("粵B12345"), "粤B12345");
    EXPECT_EQ(search::simplified("ABC def"), "ABC def");
    EXPECT_EQ(search::simplified("歡迎光臨 Welcome"), "欢迎光临 Welcome");
    EXPECT_EQ(search::simplified(""), "");
    // fold is unchanged: it still lower-cases as well.
    EXPECT_EQ(search::fold("粵B12345"), "粤b12345");
}

TEST(ParkingLed, PK_7_CharactersGb2312LacksBecomeAQuestionMark) {
    EXPECT_EQ(gb2312_text("A😀B"), ascii("A?B"));
    EXPECT_EQ(gb2312_text("한"), ascii("?"));
    // One '?' per character, not per byte.
    EXPECT_EQ(gb2312_text("😀😀"), ascii("??"));
    // Bytes that are not UTF-8 do not stop the rest of the text.
    Bytes expected{'?', 0xBB, 0xB6};
    EXPECT_EQ(gb2312_text("\xFF欢"), expected);
    EXPECT_EQ(gb2312_text("A\xE6"), ascii("A?"));  // cut inside a sequence
}

TEST(ParkingLed, PK_7_OverLongTextIsCutAtAWholeCharacter) {
    std::string text = "A";
    for (int i = 0; i < 200; ++i) text += "临";
    // 254 bytes of room after the option or line byte: 'A' + 126 × 2 = 253; a 127th 临 would not fit.
    Bytes out = gb2312_text(text);
    ASSERT_EQ(out.size(), 253u);
    EXPECT_EQ(out[0], 'A');
    EXPECT_EQ(out[251], 0xC1);
    EXPECT_EQ(out[252], 0xD9);

    std::string even;
    for (int i = 0; i < 200; ++i) even += "临";
    Bytes frame = speak_frame(even);
    EXPECT_EQ(frame[5], 255);  // LEN: option byte + 127 × 2
    EXPECT_EQ(frame.size(), 6u + 255u + 2u);

    std::string digits(400, '7');
    EXPECT_EQ(gb2312_text(digits).size(), kMaxFrameText);
}

TEST(ParkingLed, PK_7_EmptyText) {
    EXPECT_TRUE(gb2312_text("").empty());
    Bytes frame = speak_frame("");
    ASSERT_EQ(frame.size(), 9u);
    Bytes head{0x00, 0x64, 0xFF, 0xFF, 0x30, 0x01, 0x01};
    EXPECT_EQ(Bytes(frame.begin(), frame.begin() + 7), head);
    uint16_t crc = crc16_modbus(head);
    EXPECT_EQ(frame[7], crc & 0xFF);
    EXPECT_EQ(frame[8], crc >> 8);
}

TEST(ParkingLed, PK_7_FrameDataIsLimitedTo255Bytes) {
    Bytes max(255, 0x20);
    EXPECT_EQ(led_frame(0x30, max).size(), 6u + 255u + 2u);
    Bytes over(256, 0x20);
    EXPECT_THROW(led_frame(0x30, over), std::invalid_argument);
    EXPECT_EQ(led_frame(0x30, Bytes{}).size(), 8u);
}

TEST(ParkingLed, PK_7_ShowLineOutsideAByteIsRefused) {
    EXPECT_THROW(show_frame(-1, "A"), std::invalid_argument);
    EXPECT_THROW(show_frame(256, "A"), std::invalid_argument);
    EXPECT_EQ(show_frame(0, "A")[6], 0x00);
    EXPECT_EQ(show_frame(255, "A")[6], 0xFF);
}

// ---- the decoder (what gate-sim shows of a reply) reads back what the encoder wrote ----

std::string text_of(const Bytes& b) {
    return std::string(b.begin(), b.end());
}

TEST(ParkingLedDecode, PK_7_ASpokenFrameRoundTripsToItsSimplifiedText) {
    auto f = decode_led_frame(text_of(speak_frame("一路順風")));
    EXPECT_EQ(f.error, "");
    EXPECT_EQ(f.command, 0x30);
    EXPECT_EQ(f.lead, 0x01);
    EXPECT_EQ(f.text, "一路顺风") << "the board is sent Simplified";
}

TEST(ParkingLedDecode, PK_7_AShownLineRoundTripsWithItsLineAndPlate) {
    for (int line : {0, 1, 3}) {
        auto f = decode_led_frame(text_of(show_frame(line, "粵B12345 臨時車 請繳費 40.00元")));
        EXPECT_EQ(f.error, "") << line;
        EXPECT_EQ(f.command, 0x62);
        EXPECT_EQ(f.lead, line);
        EXPECT_EQ(f.text, "粤B12345 临时车 请缴费 40.00元");
    }
}

TEST(ParkingLedDecode, PK_7_ABrokenFrameSaysWhatABoardWouldRefuse) {
    auto good = text_of(speak_frame("歡迎光臨"));
    auto crc = good;
    crc.back() = static_cast<char>(crc.back() ^ 0x01);
    EXPECT_NE(decode_led_frame(crc).error.find("CRC"), std::string::npos);
    EXPECT_NE(decode_led_frame(good.substr(0, 7)).error.find("too short"), std::string::npos);
    auto head = good;
    head[1] = 0x65;
    EXPECT_NE(decode_led_frame(head).error.find("00 64 FF FF"), std::string::npos);
    auto len = good;
    len[5] = static_cast<char>(len[5] + 1);
    EXPECT_NE(decode_led_frame(len).error.find("LEN"), std::string::npos);
    // Another command is read as a frame without text.
    auto other = text_of(led_frame(0x10, Bytes{0x01}));
    EXPECT_EQ(decode_led_frame(other).error, "");
    EXPECT_EQ(decode_led_frame(other).text, "");
    EXPECT_NE(decode_led_frame(text_of(led_frame(0x30, Bytes{}))).error.find("option byte"), std::string::npos);
}

}  // namespace
}  // namespace propdesk::parking
