// Reading an LED-board frame back, as the board would take it: what gate-sim shows of a reply,
// and the check that led.hpp's frames round-trip. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace propdesk::parking {

// One frame `00 64 FF FF CMD LEN DATA… CRC`. Both text commands spend one DATA byte before the
// GB2312 text: voice (0x30) an option byte, display (0x62) the line to show it on.
struct LedFrame {
    uint8_t command = 0;
    uint8_t lead = 0;   // DATA[0] of a text command: the voice option or the display line
    std::string text;   // UTF-8; empty for commands that carry no text
    std::string error;  // why a board would reject the frame; empty when it is well formed
};
LedFrame decode_led_frame(std::string_view bytes);

// GB2312 → UTF-8; *ok is false (and the result empty) when the bytes are not GB2312.
std::string gb2312_to_utf8(std::string_view gb2312, bool* ok);

}  // namespace propdesk::parking
