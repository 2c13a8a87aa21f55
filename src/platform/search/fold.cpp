#include "platform/search/fold.hpp"

#include <opencc/opencc.h>

#include <memory>
#include <stdexcept>

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

}  // namespace

std::string fold(std::string_view text) {
    std::string lower(text);
    bool ascii = true;
    for (auto& ch : lower) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        if (static_cast<unsigned char>(ch) >= 0x80) ascii = false;
    }
    if (ascii) return lower;
    char* out = opencc_convert_utf8(converter().handle, lower.data(), lower.size());
    if (!out) return lower;
    std::string result(out);
    opencc_convert_utf8_free(out);
    return result;
}

}  // namespace propdesk::search
