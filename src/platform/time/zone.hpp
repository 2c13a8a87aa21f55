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
// The start of a local calendar day "YYYY-MM-DD" in the zone, as UTC epoch-ms (nullopt when the
// text is not a real date). "A day" and "the 25th" are the site's local calendar.
std::optional<EpochMs> local_day_start(std::string_view yyyy_mm_dd, const std::string& zone);
// The start of the local day after the one starting at day_start: 23 or 25 hours later where
// the clocks change.
EpochMs next_day_start(EpochMs day_start, const std::string& zone);
// A local wall-clock time, `minute_of_day` minutes after the start of the local date, as UTC.
// Where the clocks go forward and that time does not exist, it is read with the offset from
// before the change (02:30 becomes 03:30); where they go back and it happens twice, the earlier.
std::optional<EpochMs> local_time(std::string_view yyyy_mm_dd, int minute_of_day, const std::string& zone);
// The local calendar date of t in the zone, "YYYY-MM-DD".
std::string local_date(EpochMs t, const std::string& zone);
// Accepts RFC 3339 with an offset or Z, with optional fractional seconds.
std::optional<EpochMs> parse_rfc3339(std::string_view s);

}  // namespace propdesk::timefmt
