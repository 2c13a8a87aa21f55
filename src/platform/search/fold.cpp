#include "platform/search/fold.hpp"

#include <opencc/opencc.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace propdesk::search {
namespace {

struct Converter {
    opencc_t handle;
    Converter() : handle(opencc_open(PROPDESK_OPENCC_DIR "/t2s.json")) {
        if (handle == reinterpret_cast<opencc_t>(-1)) throw std::runtime_error("OpenCC t2s.json not found");
    }
    ~Converter() { opencc_close(handle); }
};

// OpenCC converters are not documented as thread-safe; each worker thread keeps its own.
Converter& converter() {
    thread_local Converter c;
    return c;
}

// Text OpenCC cannot read comes back unchanged rather than lost.
std::string t2s(std::string text) {
    char* out = opencc_convert_utf8(converter().handle, text.data(), text.size());
    if (!out) return text;
    std::string result(out);
    opencc_convert_utf8_free(out);
    return result;
}

}  // namespace

std::string fold(std::string_view text) {
    std::string lower(text);
    bool ascii = true;
    for (auto& ch : lower) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        if (static_cast<unsigned char>(ch) >= 0x80) ascii = false;
    }
    if (ascii) return lower;
    return t2s(std::move(lower));
}

std::string simplified_chars(std::string_view text) {
    static std::shared_mutex mu;
    static std::unordered_map<std::string, std::string> table;
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        auto lead = static_cast<unsigned char>(text[i]);
        size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
        n = std::min(n, text.size() - i);
        if (n == 1) {
            out.push_back(text[i++]);
            continue;
        }
        std::string ch(text.substr(i, n));
        i += n;
        {
            std::shared_lock lock(mu);
            if (auto it = table.find(ch); it != table.end()) {
                out += it->second;
                continue;
            }
        }
        std::string converted = t2s(ch);
        out += converted;
        std::unique_lock lock(mu);
        if (table.size() < 65536) table.emplace(std::move(ch), std::move(converted));
    }
    return out;
}

std::string simplified(std::string_view text) {
    for (char ch : text)
        if (static_cast<unsigned char>(ch) >= 0x80) return t2s(std::string(text));
    return std::string(text);
}

}  // namespace propdesk::search
