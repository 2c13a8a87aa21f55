// Splitting a request target into a decoded path and query parameters, and request ids.
#pragma once

#include <map>
#include <string>

namespace propdesk::http {

// false when the target is not a valid origin-form URL.
bool parse_request_target(const std::string& target, std::string& path, std::multimap<std::string, std::string>& query);
std::string new_request_id();
// The target as logs may show it: a gate camera's URL carries its secret (/gate/vz/<token>/…),
// which is replaced by "***".
std::string loggable_target(const std::string& target);

}  // namespace propdesk::http
