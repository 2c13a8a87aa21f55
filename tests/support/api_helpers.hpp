// What the API tests keep needing: the instant their clock starts at, query-string encoding, paths
// with an id in them, If-Match headers, ids and strings read out of a JSON body, and an instant as
// a +08:00 site (the demo site, Asia/Hong_Kong) shows it, worked out independently of the
// server's time code.
#pragma once

#include <boost/json.hpp>
#include <cctype>
#include <cstdint>
#include <ctime>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "platform/time/clock.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {

inline constexpr EpochMs kStart = 1'795'000'000'000;                     // 2026-11-18T11:06:40Z
inline constexpr const char* kStartLocal = "2026-11-18T19:06:40+08:00";  // the same instant in Asia/Hong_Kong
inline constexpr EpochMs kSecond = 1'000;
inline constexpr EpochMs kMinute = 60'000;
inline constexpr EpochMs kHour = 3'600'000;

// Percent-encodes everything but the unreserved characters, for a query-string value.
inline std::string enc(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

inline std::string str(const boost::json::value& v) {
    return std::string(v.as_string());
}

inline int64_t id_of(const boost::json::value& v) {
    return v.at("id").as_int64();
}

inline int64_t id_of(const HttpResult& r) {
    return r.json().at("id").as_int64();
}

// "/api/v1/cases/" + 12 + "/accept"
inline std::string path(const std::string& prefix, int64_t id, const std::string& suffix = "") {
    return prefix + std::to_string(id) + suffix;
}

inline std::string etag(int64_t version) {
    return "\"" + std::to_string(version) + "\"";
}

inline std::map<std::string, std::string> if_match(int64_t version) {
    return {{"If-Match", etag(version)}};
}

// The strings of a JSON array.
inline std::vector<std::string> strings(const boost::json::value& array) {
    std::vector<std::string> out;
    for (const auto& v : array.as_array()) out.push_back(str(v));
    return out;
}

inline bool has(const std::vector<std::string>& list, const std::string& s) {
    for (const auto& item : list)
        if (item == s) return true;
    return false;
}

// The kinds of a record's timeline ("events"), oldest first.
inline std::vector<std::string> event_kinds(const boost::json::value& v) {
    std::vector<std::string> out;
    for (const auto& e : v.at("events").as_array()) out.push_back(str(e.at("kind")));
    return out;
}

// The ids of a list page's items, in order.
inline std::vector<int64_t> ids(const HttpResult& list) {
    std::vector<int64_t> out;
    auto body = list.json();
    for (const auto& v : body.at("items").as_array()) out.push_back(id_of(v));
    return out;
}

// A desk case as FD-A records it: a phone call from a visitor, read back and confirmed; `extra`
// adds or replaces fields.
inline boost::json::object case_body(const std::string& category,
                                     const std::string& content,
                                     const boost::json::object& extra = {}) {
    boost::json::object o{{"channel", "phone"},          {"category", category}, {"caller_name", "陳先生"},
                          {"caller_phone", "9123 4567"}, {"content", content},   {"read_back_confirmed", true}};
    for (const auto& [k, v] : extra) o[k] = v;
    return o;
}

// An instant as a site at +08:00 all year shows it ("2026-11-18T19:06:40+08:00").
inline boost::json::value hk(EpochMs t) {
    std::time_t s = static_cast<std::time_t>((t + 8 * kHour) / 1000);
    std::tm tm{};
    gmtime_r(&s, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
    return boost::json::string(buf);
}

}  // namespace propdesk::testing
