#include "parking/led_decode.hpp"

#include <fmt/format.h>
#include <iconv.h>

#include <span>

#include "parking/led.hpp"

namespace propdesk::parking {

std::string gb2312_to_utf8(std::string_view in, bool* ok) {
    // iconv_t carries shift state, so each thread keeps its own converter.
    struct Converter {
        iconv_t cd = iconv_open("UTF-8", "GB2312");
        ~Converter() {
            if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
        }
    };
    thread_local Converter conv;
    *ok = false;
    if (conv.cd == reinterpret_cast<iconv_t>(-1)) return {};
    iconv(conv.cd, nullptr, nullptr, nullptr, nullptr);
    std::string out(in.size() * 2 + 1, '\0');  // a 2-byte GB2312 character is 3 UTF-8 bytes
    char* src = const_cast<char*>(in.data());
    size_t src_left = in.size();
    char* dst = out.data();
    size_t dst_left = out.size();
    if (iconv(conv.cd, &src, &src_left, &dst, &dst_left) == static_cast<size_t>(-1)) return {};
    out.resize(out.size() - dst_left);
    *ok = true;
    return out;
}

LedFrame decode_led_frame(std::string_view bytes) {
    LedFrame f;
    auto at = [&](size_t i) { return static_cast<uint8_t>(bytes[i]); };
    if (bytes.size() < 8) {
        f.error = fmt::format("frame of {} bytes is too short", bytes.size());
        return f;
    }
    if (at(0) != 0x00 || at(1) != 0x64 || at(2) != 0xFF || at(3) != 0xFF) {
        f.error = fmt::format("frame starts {:02X} {:02X} {:02X} {:02X}, not 00 64 FF FF", at(0), at(1), at(2), at(3));
        return f;
    }
    f.command = at(4);
    size_t len = at(5);
    if (bytes.size() != len + 8) {
        f.error = fmt::format("LEN says {} data bytes, the frame holds {}", len, bytes.size() - 8);
        return f;
    }
    uint16_t want =
        crc16_modbus(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size() - 2));
    uint16_t got = static_cast<uint16_t>(at(bytes.size() - 2) | at(bytes.size() - 1) << 8);
    if (want != got) {
        f.error = fmt::format("CRC is {:04X}, the frame says {:04X}", want, got);
        return f;
    }
    if (f.command != 0x30 && f.command != 0x62) return f;
    if (len == 0) {
        f.error = f.command == 0x30 ? "voice frame without its option byte" : "display frame without its line byte";
        return f;
    }
    f.lead = at(6);
    bool ok = false;
    f.text = gb2312_to_utf8(bytes.substr(7, len - 1), &ok);
    if (!ok) f.error = "text is not GB2312";
    return f;
}

}  // namespace propdesk::parking
