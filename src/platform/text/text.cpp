#include "platform/text/text.hpp"

#include <algorithm>
#include <cstdint>

namespace propdesk::text {
namespace {

// The length in bytes of the white-space character starting at s[i], or 0 when there is none.
size_t space_at(std::string_view s, size_t i) {
    auto b = [&](size_t k) { return i + k < s.size() ? static_cast<uint8_t>(s[i + k]) : 0u; };
    uint8_t c = b(0);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return 1;
    if (c == 0xC2 && (b(1) == 0xA0 || b(1) == 0x85)) return 2;  // U+00A0 no-break space, U+0085 NEL
    if (c == 0xE1 && b(1) == 0x9A && b(2) == 0x80) return 3;    // U+1680 ogham space mark
    if (c == 0xE2 && b(1) == 0x80) {
        uint8_t t = b(2);
        if (t >= 0x80 && t <= 0x8B) return 3;               // U+2000…U+200B
        if (t == 0xA8 || t == 0xA9 || t == 0xAF) return 3;  // U+2028, U+2029, U+202F
    }
    if (c == 0xE2 && b(1) == 0x81 && (b(2) == 0x9F || b(2) == 0xA0)) return 3;  // U+205F, U+2060
    if (c == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;                    // U+3000 ideographic space
    if (c == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return 3;                    // U+FEFF BOM
    return 0;
}

}  // namespace

bool is_blank(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        size_t n = space_at(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::string_view trim(std::string_view s) {
    size_t b = 0;
    while (b < s.size()) {
        size_t n = space_at(s, b);
        if (n == 0) break;
        b += n;
    }
    // From the end: find the last non-space character by walking forward (UTF-8 is not
    // self-describing backwards for our purposes, and notes are short).
    size_t end = b, i = b;
    while (i < s.size()) {
        size_t n = space_at(s, i);
        if (n == 0) {
            ++i;
            while (i < s.size() && (static_cast<uint8_t>(s[i]) & 0xC0) == 0x80) ++i;
            end = i;
        } else {
            i += n;
        }
    }
    return s.substr(b, end - b);
}

bool is_one_of(std::string_view value, const char* const* begin, const char* const* end) {
    return std::any_of(begin, end, [&](const char* x) { return value == x; });
}

bool is_one_of(std::string_view value, std::initializer_list<std::string_view> list) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace propdesk::text
