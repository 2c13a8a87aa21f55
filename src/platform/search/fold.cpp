#include "platform/search/fold.hpp"

#include <opencc/opencc.h>

#include <memory>
#include <stdexcept>
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

std::string simplified(std::string_view text) {
    for (char ch : text)
        if (static_cast<unsigned char>(ch) >= 0x80) return t2s(std::string(text));
    return std::string(text);
}

}  // namespace propdesk::search
