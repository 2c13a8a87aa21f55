// `propdesk gate-sim`: plays a Vzenith LPR gate camera (HTTP push protocol) against a PropDesk
// server, for demos, browser tests and benchmarks. Plain HTTP only, like the cameras on a site's LAN.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace propdesk::app {

void add_gate_sim_command(CLI::App& cli);

// CRC-16/Modbus (init 0xFFFF, reflected poly 0xA001), as the LED boards check their frames.
uint16_t crc16_modbus(std::string_view bytes);

// One LED-board frame `00 64 FF FF CMD LEN DATA… CRC` from a reply's serialData, as the board
// would take it. Both text commands spend one DATA byte before the GB2312 text: voice (0x30) an
// option byte, display (0x62) the line to show it on.
struct LedFrame {
    uint8_t command = 0;
    uint8_t lead = 0;   // DATA[0] of a text command: the voice option or the display line
    std::string text;   // UTF-8; empty for commands that carry no text
    std::string error;  // why a board would reject the frame; empty when it is well formed
};
LedFrame decode_led_frame(std::string_view bytes);

}  // namespace propdesk::app
