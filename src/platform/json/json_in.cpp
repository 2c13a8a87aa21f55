#include "platform/json/json_in.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "platform/error.hpp"
#include "platform/text/text.hpp"
#include "platform/time/zone.hpp"

namespace propdesk::json {

namespace bj = boost::json;

size_t utf8_length(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t extra;
        unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return false;
        }
        if (i + extra >= s.size()) return false;
        auto second = static_cast<unsigned char>(s[i + 1]);
        if (second < lo || second > hi) return false;
        for (size_t k = 2; k <= extra; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += extra + 1;
    }
    return true;
}

JsonIn::JsonIn(std::string_view body, std::initializer_list<std::string_view> allowed_fields) {
    boost::system::error_code ec;
    root_ = bj::parse(body, ec);
    if (ec) throw AppError(400, "malformed_json", "the body is not valid JSON: " + ec.message());
    if (!root_.is_object()) throw AppError(400, "malformed_json", "the body must be a JSON object");
    check_fields(allowed_fields);
}

JsonIn::JsonIn(bj::value object, std::string prefix, std::initializer_list<std::string_view> allowed_fields)
    : root_(std::move(object)), prefix_(std::move(prefix)) {
    check_fields(allowed_fields);
}

void JsonIn::check_fields(std::initializer_list<std::string_view> allowed_fields) const {
    for (const auto& kv : root_.as_object()) {
        bool known = false;
        for (auto f : allowed_fields) known = known || kv.key() == f;
        if (!known) throw AppError::unknown_field(path(kv.key()));
    }
}

std::string JsonIn::path(std::string_view name) const {
    return prefix_.empty() ? std::string(name) : prefix_ + "." + std::string(name);
}

const bj::value* JsonIn::raw(std::string_view name) const {
    const auto& obj = root_.as_object();
    auto it = obj.find(name);
    if (it == obj.end() || it->value().is_null()) return nullptr;
    return &it->value();
}

bool JsonIn::has(std::string_view name) const {
    return root_.as_object().contains(name);
}

namespace {
[[noreturn]] void wrong_type(const std::string& field, const char* type) {
    throw AppError(400, "wrong_type", field + " must be " + type, field);
}
[[noreturn]] void missing(const std::string& field) {
    throw AppError::invalid(field + " is required", field);
}
}  // namespace

std::optional<std::string> JsonIn::opt_string(std::string_view name, size_t min_chars, size_t max_chars) const {
    const bj::value* v = raw(name);
    if (!v) return std::nullopt;
    if (!v->is_string()) wrong_type(path(name), "a string");
    // Leading and trailing spaces in any script (U+3000 included) are typing noise, never meaning,
    // so a note of spaces alone is as empty as no note (text::is_blank).
    std::string s(text::trim(std::string_view(v->as_string())));
    size_t len = utf8_length(s);
    if (len < min_chars)
        throw AppError::invalid(
            path(name) + (min_chars <= 1 ? " must not be empty"
                                         : " must be at least " + std::to_string(min_chars) + " characters"),
            path(name));
    if (len > max_chars)
        throw AppError::invalid(path(name) + " must be at most " + std::to_string(max_chars) + " characters",
                                path(name));
    return s;
}

std::optional<std::string> JsonIn::opt_secret(std::string_view name, size_t max_chars) const {
    const bj::value* v = raw(name);
    if (!v) return std::nullopt;
    if (!v->is_string()) wrong_type(path(name), "a string");
    std::string s(v->as_string());
    if (s.empty()) throw AppError::invalid(path(name) + " must not be empty", path(name));
    if (utf8_length(s) > max_chars)
        throw AppError::invalid(path(name) + " must be at most " + std::to_string(max_chars) + " characters",
                                path(name));
    return s;
}

std::string JsonIn::req_secret(std::string_view name, size_t max_chars) const {
    auto s = opt_secret(name, max_chars);
    if (!s) missing(path(name));
    return *s;
}

std::string JsonIn::req_string(std::string_view name, size_t min_chars, size_t max_chars) const {
    auto s = opt_string(name, min_chars, max_chars);
    if (!s) missing(path(name));
    return *s;
}

std::optional<int64_t> JsonIn::opt_int(std::string_view name, int64_t min, int64_t max) const {
    const bj::value* v = raw(name);
    if (!v) return std::nullopt;
    int64_t out;
    if (v->is_int64()) {
        out = v->as_int64();
    } else if (v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
        out = static_cast<int64_t>(v->as_uint64());
    } else if (v->is_double() && std::trunc(v->as_double()) == v->as_double() && std::abs(v->as_double()) < 9e15) {
        out = static_cast<int64_t>(v->as_double());
    } else {
        wrong_type(path(name), "an integer");
    }
    if (out < min || out > max)
        throw AppError::invalid(path(name) + " must be between " + std::to_string(min) + " and " + std::to_string(max),
                                path(name));
    return out;
}

int64_t JsonIn::req_int(std::string_view name, int64_t min, int64_t max) const {
    auto v = opt_int(name, min, max);
    if (!v) missing(path(name));
    return *v;
}

std::optional<double> JsonIn::opt_number(std::string_view name, double min, double max) const {
    const bj::value* v = raw(name);
    if (!v) return std::nullopt;
    if (!v->is_number()) wrong_type(path(name), "a number");
    double d = v->to_number<double>();
    if (!std::isfinite(d) || d < min || d > max) throw AppError::invalid(path(name) + " is out of range", path(name));
    return d;
}

std::optional<bool> JsonIn::opt_bool(std::string_view name) const {
    const bj::value* v = raw(name);
    if (!v) return std::nullopt;
    if (!v->is_bool()) wrong_type(path(name), "true or false");
    return v->as_bool();
}

std::optional<std::vector<std::string>> JsonIn::opt_string_list(std::string_view name,
                                                                size_t max_items,
                                                                size_t max_chars) const {
    const bj::value* v = raw(name);
    if (!v) return std::nullopt;
    if (!v->is_array()) wrong_type(path(name), "a list of strings");
    const auto& arr = v->as_array();
    if (arr.size() > max_items)
        throw AppError::invalid(path(name) + " has more than " + std::to_string(max_items) + " items", path(name));
    std::vector<std::string> out;
    for (const auto& item : arr) {
        if (!item.is_string()) wrong_type(path(name), "a list of strings");
        std::string s(item.as_string());
        if (utf8_length(s) > max_chars)
            throw AppError::invalid(path(name) + " items must be at most " + std::to_string(max_chars) + " characters",
                                    path(name));
        out.push_back(std::move(s));
    }
    return out;
}

std::optional<EpochMs> JsonIn::opt_time(std::string_view name) const {
    auto s = opt_string(name, 1, 64);
    if (!s) return std::nullopt;
    auto t = timefmt::parse_rfc3339(*s);
    if (!t)
        throw AppError::invalid(path(name) + " must be an RFC 3339 time like 2026-11-28T15:04:05+08:00", path(name));
    return t;
}

std::optional<std::string> JsonIn::opt_enum(std::string_view name,
                                            std::initializer_list<std::string_view> allowed) const {
    auto s = opt_string(name, 1, 64);
    if (!s) return std::nullopt;
    for (auto a : allowed)
        if (*s == a) return s;
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    throw AppError::invalid(path(name) + " must be one of: " + list, path(name));
}

std::string JsonIn::req_enum(std::string_view name, std::initializer_list<std::string_view> allowed) const {
    auto s = opt_enum(name, allowed);
    if (!s) missing(path(name));
    return *s;
}

std::optional<JsonIn> JsonIn::opt_object(std::string_view name,
                                         std::initializer_list<std::string_view> allowed_fields) const {
    const bj::value* v = raw(name);
    if (!v) return std::nullopt;
    if (!v->is_object()) wrong_type(path(name), "an object");
    return JsonIn(*v, path(name), allowed_fields);
}

std::vector<JsonIn> JsonIn::object_list(std::string_view name,
                                        std::initializer_list<std::string_view> allowed_fields,
                                        size_t max_items) const {
    std::vector<JsonIn> out;
    const bj::value* v = raw(name);
    if (!v) return out;
    if (!v->is_array()) wrong_type(path(name), "a list");
    const auto& arr = v->as_array();
    if (arr.size() > max_items)
        throw AppError::invalid(path(name) + " has more than " + std::to_string(max_items) + " items", path(name));
    for (size_t i = 0; i < arr.size(); ++i) {
        std::string item = path(name) + "[" + std::to_string(i) + "]";
        if (!arr[i].is_object()) wrong_type(item, "an object");
        out.push_back(JsonIn(arr[i], item, allowed_fields));
    }
    return out;
}

}  // namespace propdesk::json
