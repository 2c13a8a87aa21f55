// Frames for the LED board and voice on a gate camera's RS-485 port (PK-7), sent as the reply's
// serialData; the format is "LED board text" in shared/GATE-PROTOCOL.md. Pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace propdesk::parking {

// A frame's DATA is counted by one LEN byte.
constexpr size_t kMaxFrameData = 255;
// Both text frames spend one DATA byte before the text (option or line).
constexpr size_t kMaxFrameText = kMaxFrameData - 1;

// CRC-16/Modbus: init 0xFFFF, reflected polynomial 0xA001, no final XOR.
uint16_t crc16_modbus(std::span<const uint8_t> bytes);

// 00 64 FF FF CMD LEN DATA… CRC16 (low byte first, over every byte before it).
// Throws std::invalid_argument when data is longer than 255 bytes.
std::vector<uint8_t> led_frame(uint8_t cmd, std::span<const uint8_t> data);

// UTF-8 → GB2312 after Traditional → Simplified, since most boards only know GB2312. A character
// GB2312 lacks (or bytes that are not UTF-8) becomes '?', so a plate always shows something.
// Cut at a whole character to at most kMaxFrameText bytes.
std::vector<uint8_t> gb2312_text(std::string_view utf8);

// Command 0x30: the board speaks the text; DATA = option byte 0x01 + text.
std::vector<uint8_t> speak_frame(std::string_view utf8);

// Command 0x62: show the text on one line of the board; DATA = line byte + text.
// Throws std::invalid_argument when line is outside 0..255.
std::vector<uint8_t> show_frame(int line, std::string_view utf8);

}  // namespace propdesk::parking
