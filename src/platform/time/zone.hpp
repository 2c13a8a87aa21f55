// Showing and reading times: stored as UTC epoch-ms, shown in the site's IANA zone as RFC 3339.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "platform/time/clock.hpp"

namespace propdesk::timefmt {

bool is_valid_zone(const std::string& zone);
// "2026-11-28T15:04:05+08:00" in the zone (falls back to UTC "Z" for an unknown zone).
std::string to_rfc3339(EpochMs t, const std::string& zone);
// Accepts RFC 3339 with an offset or Z, with optional fractional seconds.
std::optional<EpochMs> parse_rfc3339(std::string_view s);

}  // namespace propdesk::timefmt
