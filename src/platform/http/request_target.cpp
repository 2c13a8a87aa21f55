#include "platform/http/request_target.hpp"

#include <sodium.h>

#include <boost/url/parse.hpp>

namespace propdesk::http {

bool parse_request_target(const std::string& target,
                          std::string& path,
                          std::multimap<std::string, std::string>& query) {
    auto parsed = boost::urls::parse_origin_form(target);
    if (!parsed) return false;
    path = parsed->path();
    for (auto param : parsed->params()) query.emplace(param.key, param.value);
    return true;
}

std::string new_request_id() {
    unsigned char bytes[8];
    randombytes_buf(bytes, sizeof bytes);
    static const char* hex = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 0; i < 8; ++i) {
        out[2 * i] = hex[bytes[i] >> 4];
        out[2 * i + 1] = hex[bytes[i] & 15];
    }
    return out;
}

std::string loggable_target(const std::string& target) {
    constexpr std::string_view kGate = "/gate/vz/";
    if (target.rfind(kGate, 0) != 0) return target;
    auto end = target.find('/', kGate.size());
    return std::string(kGate) + "***" + (end == std::string::npos ? "" : target.substr(end));
}

}  // namespace propdesk::http
