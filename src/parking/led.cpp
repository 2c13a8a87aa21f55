#include "parking/led.hpp"

#include <iconv.h>

#include <cerrno>
#include <stdexcept>
#include <string>

#include "platform/search/fold.hpp"

namespace propdesk::parking {
namespace {

constexpr uint8_t kSpeakCommand = 0x30;
constexpr uint8_t kSpeakOption = 0x01;
// Not in the checked part of the protocol document: 0x62 is what common boards use for "show
// text on a line", but models differ (some want colour or duration bytes, some number lines
// from 1), so this is *uncertain* until checked against the site's board.
constexpr uint8_t kShowLineCommand = 0x62;

// iconv_t carries conversion state and is not safe to share, so each thread opens its own once
// rather than per call.
struct Gb2312Converter {
    iconv_t cd;
    Gb2312Converter() : cd(iconv_open("GB2312", "UTF-8")) {
        if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv cannot convert UTF-8 to GB2312");
    }
    ~Gb2312Converter() { iconv_close(cd); }
    Gb2312Converter(const Gb2312Converter&) = delete;
    Gb2312Converter& operator=(const Gb2312Converter&) = delete;
};

iconv_t gb2312_converter() {
    thread_local Gb2312Converter c;
    return c.cd;
}

// How many bytes to step over when iconv refuses the character at `p`: a whole well-formed
// UTF-8 sequence (one '?' per character), else one byte of what is not UTF-8.
size_t refused_length(const char* p, size_t left) {
    auto lead = static_cast<unsigned char>(p[0]);
    size_t n = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 1;
    if (n > left) return 1;
    for (size_t i = 1; i < n; ++i)
        if ((static_cast<unsigned char>(p[i]) & 0xC0) != 0x80) return 1;
    return n;
}

std::vector<uint8_t> text_frame(uint8_t cmd, uint8_t first, std::string_view utf8) {
    std::vector<uint8_t> data;
    data.reserve(kMaxFrameData);
    data.push_back(first);
    auto text = gb2312_text(utf8);
    data.insert(data.end(), text.begin(), text.end());
    return led_frame(cmd, data);
}

}  // namespace

uint16_t crc16_modbus(std::span<const uint8_t> bytes) {
    uint16_t crc = 0xFFFF;
    for (uint8_t b : bytes) {
        crc ^= b;
        for (int i = 0; i < 8; ++i) crc = (crc & 1) ? static_cast<uint16_t>((crc >> 1) ^ 0xA001) : crc >> 1;
    }
    return crc;
}

std::vector<uint8_t> led_frame(uint8_t cmd, std::span<const uint8_t> data) {
    if (data.size() > kMaxFrameData) throw std::invalid_argument("LED frame data is over 255 bytes");
    std::vector<uint8_t> frame;
    frame.reserve(6 + data.size() + 2);
    frame.insert(frame.end(), {0x00, 0x64, 0xFF, 0xFF, cmd, static_cast<uint8_t>(data.size())});
    frame.insert(frame.end(), data.begin(), data.end());
    uint16_t crc = crc16_modbus(frame);
    frame.push_back(static_cast<uint8_t>(crc & 0xFF));
    frame.push_back(static_cast<uint8_t>(crc >> 8));
    return frame;
}

std::vector<uint8_t> gb2312_text(std::string_view utf8) {
    std::string text = search::simplified_chars(utf8);
    std::vector<uint8_t> out(kMaxFrameText);
    iconv_t cd = gb2312_converter();
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // a previous call may have stopped mid-way

    char* in = text.data();
    size_t in_left = text.size();
    // The output buffer is exactly the room a frame has: iconv stops with E2BIG before a
    // character that does not fit, so the text is cut at a whole character for free.
    char* o = reinterpret_cast<char*>(out.data());
    size_t o_left = out.size();
    while (in_left > 0) {
        if (iconv(cd, &in, &in_left, &o, &o_left) != static_cast<size_t>(-1)) break;
        int err = errno;
        if (err == E2BIG || o_left == 0) break;
        // EILSEQ: GB2312 has no such character, or the bytes are not UTF-8; EINVAL: the text
        // ends inside a sequence.
        *o++ = '?';
        --o_left;
        size_t skip = err == EINVAL ? in_left : refused_length(in, in_left);
        in += skip;
        in_left -= skip;
    }
    out.resize(out.size() - o_left);
    return out;
}

std::vector<uint8_t> speak_frame(std::string_view utf8) {
    return text_frame(kSpeakCommand, kSpeakOption, utf8);
}

std::vector<uint8_t> show_frame(int line, std::string_view utf8) {
    if (line < 0 || line > 255) throw std::invalid_argument("LED line must be 0..255");
    return text_frame(kShowLineCommand, static_cast<uint8_t>(line), utf8);
}

}  // namespace propdesk::parking
