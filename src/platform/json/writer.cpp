#include "platform/json/writer.hpp"

#include <array>
#include <charconv>
#include <cstring>

namespace propdesk::json {

namespace {
constexpr auto kEscaped = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = true;
    t['"'] = t['\\'] = true;
    return t;
}();
}  // namespace

void append_escaped(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    size_t run = 0;  // start of the bytes not yet copied: most text needs no escape at all
    for (size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (!kEscaped[c]) continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 0xf];
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

Writer& Writer::ref_field(std::string_view k, const std::optional<int64_t>& id, std::string_view name) {
    key(k);
    if (!id) return null();
    return begin_object().field("id", *id).field("name", name).end_object();
}

void Writer::separate() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (need_comma_) out_ += ',';
}

Writer& Writer::begin_object() {
    separate();
    out_ += '{';
    need_comma_ = false;
    return *this;
}

Writer& Writer::end_object() {
    out_ += '}';
    need_comma_ = true;
    return *this;
}

Writer& Writer::begin_array() {
    separate();
    out_ += '[';
    need_comma_ = false;
    return *this;
}

Writer& Writer::end_array() {
    out_ += ']';
    need_comma_ = true;
    return *this;
}

Writer& Writer::key(std::string_view k) {
    // One append: keys are the program's own names, never user text, so nothing to escape. The
    // hot list pages write thousands of keys each.
    char buf[64];
    size_t n = 0;
    if (!after_key_ && need_comma_) buf[n++] = ',';
    if (k.size() + 4 > sizeof buf) {
        out_.append(buf, n);
        out_ += '"';
        out_ += k;
        out_ += "\":";
    } else {
        buf[n++] = '"';
        std::memcpy(buf + n, k.data(), k.size());
        n += k.size();
        buf[n++] = '"';
        buf[n++] = ':';
        out_.append(buf, n);
    }
    after_key_ = true;
    return *this;
}

Writer& Writer::value(std::string_view s) {
    separate();
    append_escaped(out_, s);
    need_comma_ = true;
    return *this;
}

Writer& Writer::value(int64_t v) {
    separate();
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, r.ptr);
    need_comma_ = true;
    return *this;
}

Writer& Writer::value(bool v) {
    separate();
    out_ += v ? "true" : "false";
    need_comma_ = true;
    return *this;
}

Writer& Writer::null() {
    separate();
    out_ += "null";
    need_comma_ = true;
    return *this;
}

Writer& Writer::raw(std::string_view json) {
    separate();
    out_ += json;
    need_comma_ = true;
    return *this;
}

}  // namespace propdesk::json
