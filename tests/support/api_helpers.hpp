// What the API tests keep needing: query-string encoding, paths with an id in them, If-Match
// headers, ids and strings read out of a JSON body, and an instant as a +08:00 site (the demo
// site, Asia/Hong_Kong) shows it, worked out independently of the server's time code.
#pragma once

#include <boost/json.hpp>
#include <cctype>
#include <cstdint>
#include <ctime>
#include <map>
#include <string>
#include <string_view>

#include "platform/time/clock.hpp"
#include "support/test_server.hpp"

namespace propdesk::testing {

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

// An instant as a site at +08:00 all year shows it ("2026-11-18T19:06:40+08:00").
inline boost::json::value hk(EpochMs t) {
    std::time_t s = static_cast<std::time_t>((t + 8 * 3'600'000) / 1000);
    std::tm tm{};
    gmtime_r(&s, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
    return boost::json::string(buf);
}

}  // namespace propdesk::testing
